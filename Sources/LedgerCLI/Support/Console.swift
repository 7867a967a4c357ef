// Where the CLI writes, and in which language. Commands never print
// directly: they write to a Console, so tests run them in-process and read
// exactly what a user would see.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import LedgerCore

/// A sink for text: the process's stdout/stderr, or a buffer in tests.
public protocol TextSink: AnyObject {
    func write(_ text: String)
    func flush()
}

/// Buffered writes to a file descriptor.
public final class FileSink: TextSink {
    private let fd: Int32
    private var buffer: [UInt8] = []

    public init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        var done = 0
        buffer.withUnsafeBytes { b in
            while done < b.count {
                let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
                if n < 0 { if errno == EINTR { continue } else { break } }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Collects text, for tests.
public final class BufferSink: TextSink {
    public private(set) var text = ""
    public init() {}
    public func write(_ t: String) { text += t }
    public func flush() {}
}

/// The CLI's output: stdout for results, stderr for errors, in one language.
public final class Console {
    public let out: TextSink
    public let err: TextSink
    public var language: Language

    public init(out: TextSink, err: TextSink, language: Language = .en) {
        self.out = out
        self.err = err
        self.language = language
    }

    /// The width of the terminal on stdout, if stdout is one.
    static func terminalWidth() -> Int? {
        var size = winsize()
        guard isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// A line on stdout.
    public func print(_ text: String) { out.write(text + "\n") }
    /// A line on stdout, in the console's language.
    func say(_ text: Localized) { print(text.text(language)) }
    /// A line on stderr.
    public func error(_ text: String) { err.write(text + "\n") }
    func error(_ text: Localized) { error(text.text(language)) }
}
