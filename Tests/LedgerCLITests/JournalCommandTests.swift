// End to end: the built binary writing and checking a journal.

import Foundation
import XCTest

final class JournalCommandTests: XCTestCase {
    func testInitAppendVerifyDigest() throws {
        let s = try Sandbox()
        s.makeMedidores()
        let out = s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
        let parts = out.split(separator: " ")
        XCTAssertEqual(parts.first, "3")
        XCTAssertEqual(parts.last?.trimmingCharacters(in: .whitespacesAndNewlines).count, 64)
        let verify = s.ok(["verify"])
        XCTAssertTrue(verify.contains("3 events"), verify)
        let digest = s.ok(["digest"]).split(separator: "\n").last.map(String.init)!
        XCTAssertTrue(digest.hasPrefix("3:"))
        s.ok(["verify", "--digest", digest])
        s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-01", "--text", "SE SUPERO LA META"])
        XCTAssertTrue(s.ok(["verify", "--digest", digest]).contains("extends"), "the digest holds after more appends")
        XCTAssertEqual(s.run(["verify", "--digest", "3:" + String(repeating: "0", count: 64)]).code, 3)
        XCTAssertEqual(s.run(["verify", "--digest", "99:" + String(repeating: "0", count: 64)]).code, 3)
        XCTAssertEqual(s.run(["verify", "--digest", "nonsense"]).code, 2)
    }

    func testEveryEventTypeFromTheCommandLine() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "indicator", "--id", "COB", "--name", "COBERTURA", "--unit", "%", "--year", "2017", "--annual-target", "95",
              "--frequency", "quarterly", "--aggregation", "ratio"])
        s.ok(["append", "target", "--indicator", "MED", "--period", "2017-02", "--value", "350", "--reason", "Reprogramación"])
        s.ok(["append", "target", "--indicator", "MED", "--annual-target", "4200", "--reason", "Ampliación"])
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"])
        s.ok(["append", "correction", "--indicator", "MED", "--period", "2017-02", "--value", "300", "--reason", "Error de captura"])
        s.ok(["append", "reading", "--indicator", "COB", "--period", "2017-Q1", "--numerator", "9120", "--denominator", "9600"])
        s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-02", "--text", "NO SE CUMPLIO"])
        s.ok(["append", "budget", "--indicator", "MED", "--period", "2017-Q1", "--modified", "14757499.81", "--accrued", "11792305.84", "--paid", "11729359.93"])
        s.ok(["append", "close", "--quarter", "2017-Q1"])
        let journal = String(decoding: s.journalBytes(), as: UTF8.self)
        // Exact decimals are written digit for digit.
        XCTAssertTrue(journal.contains("\"modified\":\"14757499.81\""))
        for type in ["ledger_opened", "indicator_defined", "target_changed", "reading_recorded", "reading_corrected",
                     "observation_added", "budget_recorded", "quarter_closed"] {
            XCTAssertTrue(journal.contains("\"type\":\"\(type)\""), type)
        }
        let log = s.ok(["log", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(log.utf8)) as! [String: Any]
        let events = json["events"] as! [[String: Any]]
        XCTAssertEqual(events.count, 11)
        let correction = events.first { $0["type"] as? String == "correction" }!
        XCTAssertEqual(correction["value"] as? String, "300")
        XCTAssertEqual(correction["previous_value"] as? String, "262")
        XCTAssertEqual(correction["reason"] as? String, "Error de captura")
        XCTAssertEqual(s.ok(["log", "--type", "correction", "--csv"]).split(whereSeparator: \.isNewline).count, 2)
        XCTAssertEqual(s.ok(["log", "--actor", "nobody", "--json"]).trimmingCharacters(in: .whitespacesAndNewlines), "{\"demo\":true,\"events\":[]}",
                       "a demonstration ledger says so")
    }

    /// The auditor can check the chain with standard tools, without our code:
    /// FORMAT.md's rule, recomputed by bash and sha256sum.
    func testChainVerifiesWithSha256sum() throws {
        let s = try Sandbox()
        s.makeMedidores()
        for m in 1...3 { s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-0\(m)", "--value", "\(m * 100)"]) }
        s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-02", "--text", "comillas \" y barra \\ y ñ"])
        let script = """
        prev=$(printf '0%.0s' $(seq 64)); n=0
        while IFS= read -r line; do
          n=$((n+1))
          body=${line%,\\"hash\\":*}
          stated=${line##*\\"hash\\":\\"}; stated=${stated%\\"\\}}
          [ "${line%\\"prev\\":*}" != "$line" ] || { echo "line $n has no prev"; exit 1; }
          h=$( { printf '%s' "$prev"; printf '%s' "$body"; } | sha256sum | cut -d' ' -f1)
          [ "$h" = "$stated" ] || { echo "line $n: computed $h, stated $stated"; exit 1; }
          prev=$h
        done < events/journal.jsonl
        echo "$n:$prev"
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", script]
        p.currentDirectoryURL = s.directory
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, text)
        XCTAssertEqual(text, s.ok(["digest"]).split(separator: "\n").last.map(String.init))
    }

    func testTamperingOneByteNamesTheEvent() throws {
        let s = try Sandbox()
        s.makeMedidores()
        for m in 1...5 { s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-0\(m)", "--value", "\(m * 100)"]) }
        var bytes = [UInt8](s.journalBytes())
        // Change the value of event 4 (March's reading 300 -> 900).
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let start = lines[0..<4].reduce(0) { $0 + $1.count + 1 }
        let line4 = String(decoding: lines[4], as: UTF8.self)
        let valueAt = line4.range(of: "\"value\":\"300\"")!
        let offset = start + line4.utf8.distance(from: line4.startIndex, to: valueAt.lowerBound) + 9
        XCTAssertEqual(bytes[offset], UInt8(ascii: "3"))
        bytes[offset] = UInt8(ascii: "9")
        try Data(bytes).write(to: s.journal)
        let r = s.run(["verify"])
        XCTAssertEqual(r.code, 3)
        XCTAssertTrue(r.err.contains("journal.jsonl:5:"), r.err)
        XCTAssertTrue(r.err.contains("event 5"), r.err)
    }

    func testTornTailRefusesAppendsUntilRepairKeepsTheBytes() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
        let whole = s.journalBytes()
        let half = Array("{\"v\":1,\"seq\":4,\"at\":\"2017-".utf8)
        let handle = try FileHandle(forWritingTo: s.journal)
        handle.seekToEndOfFile()
        handle.write(Data(half))
        try handle.close()
        let refused = s.run(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"])
        XCTAssertEqual(refused.code, 3)
        XCTAssertTrue(refused.err.contains("ledger repair"), refused.err)
        XCTAssertEqual(s.run(["verify"]).code, 3)
        let repaired = s.ok(["repair"])
        XCTAssertTrue(repaired.contains("\(half.count)"), repaired)
        XCTAssertEqual(s.journalBytes(), whole)
        let kept = try FileManager.default.contentsOfDirectory(atPath: s.path("events")).filter { $0.hasPrefix("journal.torn-") }
        XCTAssertEqual(kept.count, 1)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: s.path("events/" + kept[0]))), Data(half))
        s.ok(["verify"])
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"])
        XCTAssertTrue(s.ok(["repair"]).contains("nothing to repair"))
    }

    func testFourProcessesAppendingAtOnceLoseNothing() throws {
        let s = try Sandbox()
        s.makeMedidores()
        for i in 0..<4 {
            s.ok(["append", "indicator", "--id", "P\(i)", "--name", "Proceso \(i)", "--unit", "ACCIONES", "--year", "2017", "--annual-target", "12"])
        }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var receipts: [String] = []
            var failures: [String] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            for m in 1...12 {
                let r = s.run(["append", "reading", "--indicator", "P\(i)", "--period", String(format: "2017-%02d", m), "--value", "\(m)"])
                results.lock.lock()
                if r.code == 0 { results.receipts.append(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) } else { results.failures.append(r.err) }
                results.lock.unlock()
            }
        }
        let receipts = results.receipts, failures = results.failures
        XCTAssertEqual(failures, [])
        XCTAssertEqual(receipts.count, 48)
        XCTAssertEqual(Set(receipts.map { $0.split(separator: " ")[0] }).count, 48, "every append got its own seq")
        s.ok(["verify"])
        let journal = String(decoding: s.journalBytes(), as: UTF8.self)
        for r in receipts { XCTAssertTrue(journal.contains("\"hash\":\"\(r.split(separator: " ")[1])\""), "acknowledged \(r) is in the journal") }
        XCTAssertEqual(journal.split(separator: "\n").count, 2 + 4 + 48)
    }

    /// The facts index is a cache: deleted, stale or garbage, the next append
    /// decides exactly as with a fresh one.
    func testFactsIndexDeletedStaleOrCorruptGivesTheSameAnswers() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
        let index = try s.cacheFolder() + "/facts.v1"
        let stale = try Data(contentsOf: URL(fileURLWithPath: index))
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"])
        for damage in ["delete", "stale", "garbage"] {
            switch damage {
            case "delete": try FileManager.default.removeItem(atPath: index)
            case "stale": try stale.write(to: URL(fileURLWithPath: index))
            default: try Data(repeating: 0x5A, count: 9000).write(to: URL(fileURLWithPath: index))
            }
            let before = s.journalBytes()
            let dup = s.run(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "1"])
            XCTAssertEqual(dup.code, 1, "\(damage): the second reading for 2017-02 is refused")
            XCTAssertTrue(dup.err.contains("seq 4"), "\(damage): \(dup.err)")
            XCTAssertEqual(s.journalBytes(), before)
            XCTAssertEqual(s.run(["append", "reading", "--indicator", "NOPE", "--period", "2017-02", "--value", "1"]).code, 1)
        }
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "419"])
        s.ok(["verify"])
    }

    func testBatchFilesAllOrNothing() throws {
        let s = try Sandbox()
        s.makeMedidores()
        try s.write("good.csv", "type,indicator,period,value,reason,text\r\nreading,MED,2017-01,542,,\r\nreading,MED,2017-02,262,,\r\ntarget,MED,2017-03,420,Reprogramación,\r\nobservation,MED,2017-02,,,\"NO SE CUMPLIO, POR LLUVIAS\"\r\n")
        let out = s.ok(["append", "--file", "good.csv"])
        XCTAssertTrue(out.contains("4 events"), out)
        try s.write("good.jsonl", "{\"type\":\"reading\",\"indicator\":\"MED\",\"period\":\"2017-03\",\"value\":419}\n{\"type\":\"correction\",\"indicator\":\"MED\",\"period\":\"2017-02\",\"value\":\"300\",\"reason\":\"Error de captura\"}\n")
        s.ok(["append", "--file", "good.jsonl"])
        let before = s.journalBytes()
        try s.write("bad.csv", "type,indicator,period,value\nreading,MED,2017-04,100\nreading,MED,2017-13,1\nreading,NOPE,2017-04,1\nreading,MED,2017-04,5\nreading,MED,2017-05,abc\n")
        let bad = s.run(["append", "--file", "bad.csv"])
        XCTAssertEqual(bad.code, 1)
        for line in [3, 4, 5, 6] { XCTAssertTrue(bad.err.contains("bad.csv:\(line):"), "line \(line) reported: \(bad.err)") }
        XCTAssertFalse(bad.err.contains("bad.csv:2:"), bad.err)
        XCTAssertEqual(s.journalBytes(), before, "nothing of a refused batch is written")
        try s.write("badjson.jsonl", "{\"type\":\"reading\",\"indicator\":\"MED\",\"period\":\"2017-04\",\"value\":1}\n{not json}\n")
        let badJSON = s.run(["append", "--file", "badjson.jsonl"])
        XCTAssertEqual(badJSON.code, 1)
        XCTAssertTrue(badJSON.err.contains("badjson.jsonl:2:"), badJSON.err)
        XCTAssertEqual(s.journalBytes(), before)
        try s.write("new.csv", "type,indicator,period,value\nreading,MED,2017-04,100\n")
        XCTAssertTrue(s.ok(["append", "--file", "new.csv", "--dry-run"]).contains("Nothing was written"))
        XCTAssertEqual(s.journalBytes(), before, "a dry run writes nothing")
    }
}
