// Python's zoneinfo as the reference the time-zone tests compare with: one
// way to run python3 for both suites, through the project's own
// PipedProcess (its stdin written beside reading its output, so neither
// side can fill a pipe and wait on the other, and a python that stops
// reading early cannot kill the test process with SIGPIPE).

import LedgerToolSupport
import XCTest

/// Runs python3 with `script` and `input` on stdin; nil when python3 is
/// missing or fails (zoneinfo missing).
func python(_ script: String, input: String) throws -> String? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return nil }
    let outcome = try PipedProcess.run("/usr/bin/python3", arguments: ["-c", script], input: Array(input.utf8))
    guard outcome.exitCode == 0 else { return nil }
    return String(decoding: outcome.stdout, as: UTF8.self)
}
