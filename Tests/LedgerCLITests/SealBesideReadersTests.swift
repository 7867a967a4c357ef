// Issue 11, finding 7: `seal` beside readers, and on a full disk. Readers
// opened the active file and the segment list at different moments while
// seal renamed, and 40 of 207 `verify` runs during a seal reported the
// journal altered. On a full disk seal said "Nothing was recorded" after it
// had appended its event, and left a partial temporary file. Now readers
// open the journal's files under the shared lock the seal excludes, and a
// seal cut short by the disk says that its event was recorded and that
// `ledger repair` finishes it, leaving no temporary file.

import Foundation
import XCTest

final class SealBesideReadersTests: XCTestCase {
    /// MED and ten days of observations (200 a day, one batch each), on 2017-02-01 to 2017-02-10.
    func tenDays(_ s: Sandbox, ledger: [String] = []) throws {
        for day in 1...10 {
            var csv = "type,indicator,period,text\n"
            for i in 0..<200 { csv += "observation,MED,2017-0\(i % 2 + 1),día \(day) nota \(i)\n" }
            try s.write("day\(day).csv", csv)
            s.ok(ledger + ["append", "--file", s.path("day\(day).csv")], env: ["LEDGER_CLOCK": "2017-02-\(day < 10 ? "0" : "")\(day)T10:00:00Z"])
        }
    }

    func testReadersNeverTakeASealInProgressForDamage() throws {
        let s = try Sandbox()
        s.makeMedidores()
        try tenDays(s)
        let readers: [[String]] = [["verify"], ["quarter", "2017-Q1", "--json"], ["log", "--json"], ["status"], ["history", "MED", "--json"],
                                   ["digest"], ["export", "--json"], ["replay", "--until", "2017-02-05"]]
        let done = NSLock()
        // What the threads share, always under `done`.
        final class Shared: @unchecked Sendable {
            var sealing = true
            var failures: [String] = []
            var runs = 0
        }
        let shared = Shared()
        let group = DispatchGroup()
        // Appenders too: a reader that opened the files while an append held
        // the lock, and a seal took the lock next, waited through the seal.
        for t in 0..<2 {
            group.enter()
            Thread {
                var k = 0
                while done.withLock({ shared.sealing }) {
                    k += 1
                    let r = s.run(["append", "observation", "--indicator", "MED", "--period", "2017-03", "--text", "escritor \(t) \(k)"],
                                  env: ["LEDGER_CLOCK": "2017-02-20T00:00:00Z"])
                    if r.code != 0 { done.withLock { shared.failures.append("append: exit \(r.code): \(r.err.prefix(300))") } }
                }
                group.leave()
            }.start()
        }
        for t in 0..<3 {
            group.enter()
            Thread {
                var k = t
                while done.withLock({ shared.sealing }) {
                    let command = readers[k % readers.count]
                    k += 1
                    let r = s.run(command, env: ["LEDGER_CLOCK": "2017-03-01T00:00:00Z"])
                    done.withLock {
                        shared.runs += 1
                        if r.code != 0 { shared.failures.append("\(command.joined(separator: " ")): exit \(r.code): \(r.err.prefix(300))") }
                    }
                }
                group.leave()
            }.start()
        }
        for day in 2...10 {
            s.ok(["seal", "--before", "2017-02-\(day < 10 ? "0" : "")\(day)"], env: ["LEDGER_CLOCK": "2017-02-20T00:00:00Z"])
        }
        done.withLock { shared.sealing = false }
        group.wait()
        XCTAssertEqual(shared.failures, [], "\(shared.failures.count) of \(shared.runs) reads (and the appends) failed during the seals")
        XCTAssertGreaterThan(shared.runs, 10)
        s.ok(["verify", "--all"])
    }

    /// A tmpfs of `size`, mounted at `path`; false when this machine will not (not root, no mount).
    func mountTmpfs(_ path: String, size: String) -> Bool {
        guard geteuid() == 0 else { return false }
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path]) == 0
    }

    @discardableResult
    func run(_ program: String, _ arguments: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    func testASealCutShortByAFullDiskSaysWhatItRecordedAndLeavesNoTemporaryFile() throws {
        let s = try Sandbox()
        let disk = s.path("disk")
        guard mountTmpfs(disk, size: "2m") else { throw XCTSkip("cannot mount a small tmpfs here (needs root)") }
        defer { run("/bin/umount", ["-l", disk]) }
        let ledger = ["--ledger", disk + "/l"]
        s.ok(ledger + ["init", "--demo", "--entity", "COMAPA"], env: ["LEDGER_CLOCK": "2017-01-02T09:00:00-06:00"])
        s.ok(ledger + ["append", "indicator", "--id", "MED", "--name", "M", "--unit", "U", "--year", "2017", "--annual-target", "12"],
             env: ["LEDGER_CLOCK": "2017-01-02T09:00:01-06:00"])
        try tenDays(s, ledger: ledger)
        let journal = disk + "/l/events/journal.jsonl"
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: journal)[.size] as? NSNumber).intValue
        // Leave room for the seal event but not for the segment (about the journal's size).
        var st = statvfs()
        XCTAssertEqual(statvfs(disk, &st), 0)
        let free = Int(st.f_bavail) * Int(st.f_frsize)
        XCTAssertGreaterThan(size, 300_000)
        try Data(count: free - size / 2).write(to: URL(fileURLWithPath: disk + "/filler"))
        let before = try Data(contentsOf: URL(fileURLWithPath: journal))
        let r = s.run(ledger + ["seal", "--before", "2017-02-09"], env: ["LEDGER_CLOCK": "2017-02-20T00:00:00Z"])
        XCTAssertEqual(r.code, 4, r.err)
        XCTAssertTrue(r.err.contains("the seal was recorded (event 2003)") && r.err.contains("No space left on device")
                      && r.err.contains("`ledger repair`") && !r.err.contains("Nothing was recorded"), r.err)
        let after = try Data(contentsOf: URL(fileURLWithPath: journal))
        XCTAssertEqual(after.prefix(before.count), before, "the journal kept every byte")
        XCTAssertTrue(String(decoding: after.dropFirst(before.count), as: UTF8.self).contains("\"type\":\"segment_sealed\""), "and gained the seal event")
        let names = try FileManager.default.contentsOfDirectory(atPath: disk + "/l/events")
        XCTAssertFalse(names.contains { $0.contains(".tmp") }, "no temporary file stays behind: \(names)")
        XCTAssertTrue(s.ok(ledger + ["quarter", "2017-Q1"]).contains("MED"), "reports read the journal as it is")
        XCTAssertEqual(s.run(ledger + ["verify"]).code, 3, "verify asks for the repair")
        // Room again: repair finishes the seal.
        try FileManager.default.removeItem(atPath: disk + "/filler")
        s.ok(ledger + ["repair"])
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: disk + "/l/events").contains("journal.000000001-000001602.jsonl"))
        s.ok(ledger + ["verify", "--all"])
    }
}
