// The ledger command: one call into LedgerCLI, then exit with its code.
import LedgerCLI
#if canImport(Glibc)
import Glibc
#endif

// Past a file-size limit (ulimit -f) a write must fail with EFBIG, which the
// store reports as an I/O error (exit 4), not kill the process mid-append.
signal(SIGXFSZ, SIG_IGN)

var environment: [String: String] = [:]
var entry = environ
while let pointer = entry.pointee {
    let pair = String(cString: pointer)
    if let eq = pair.firstIndex(of: "=") { environment[String(pair[..<eq])] = String(pair[pair.index(after: eq)...]) }
    entry += 1
}
let console = Console(out: FileSink(fd: 1), err: FileSink(fd: 2))
let code = LedgerCLI.run(Array(CommandLine.arguments.dropFirst()), environment: environment, console: console)
exit(code)
