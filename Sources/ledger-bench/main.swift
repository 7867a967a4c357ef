// ledger-bench: one call into LedgerBench, then exit with its code.
import LedgerBench
#if canImport(Glibc)
import Glibc
#endif

exit(BenchCLI.main(Array(CommandLine.arguments.dropFirst())))
