// Writing a line to standard error with one write(2), unbuffered, so a
// tool's progress and diagnostics interleave with its children's output in
// the order they happened.

#if canImport(Glibc)
import Glibc
#endif

/// The tools' standard error.
public enum Console {
    /// Writes `text` and a newline to standard error.
    public static func error(_ text: String) {
        var line = text + "\n"
        line.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let n = write(2, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                done += n
            }
        }
    }
}
