// Issue 11, finding 1: forged caches. A state checkpoint with one reading
// changed and each section's SHA-256 recomputed (no key is needed), a kept
// report rewritten with its trailing check recomputed, and a settled report
// copied from a ledger that shares a prefix. Each was accepted before: the
// forged figure was printed by `quarter`, written by `snapshot`, and
// `verify` said the snapshot re-derived, since it derived through the same
// checkpoint. Now: a cache another account could have written (the shared
// events/.cache/, or an account folder that is not the account's own) is
// never read, verify reads no cache at all, and a settled report pins the
// event after its cut.

import Foundation
import LedgerCore
import LedgerCampaign
import XCTest

final class ForgedCacheTests: XCTestCase {
    /// A demonstration ledger with MED's readings for January to March
    /// (542, 262, 419: 1223 in Q1) and 2,100 observations, so that a report
    /// replays enough events to leave a checkpoint behind.
    func bigLedger() throws -> Sandbox {
        let s = try Sandbox()
        s.makeMedidores()
        var csv = "type,indicator,period,value,text\nreading,MED,2017-01,542,\nreading,MED,2017-02,262,\nreading,MED,2017-03,419,\n"
        for i in 0..<2100 { csv += "observation,MED,2017-0\(i % 3 + 1),,nota \(i)\n" }
        try s.write("big.csv", csv)
        s.ok(["append", "--file", "big.csv"], env: ["LEDGER_CLOCK": "2017-04-05T10:00:00-06:00"])
        return s
    }

    /// The cache files the binary keeps for this ledger whose names start
    /// with `prefix`: in the account's cache folder, or (before issue 11) in events/.cache.
    func cacheFiles(_ s: Sandbox, _ prefix: String) -> [String] {
        var found: [String] = []
        let account = s.path(".cache/ledger")
        for folder in ((try? FileManager.default.contentsOfDirectory(atPath: account)) ?? []).map({ account + "/" + $0 }) + [s.path("events/.cache")] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
                found.append(folder + "/" + name)
            }
        }
        return found
    }

    func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    func write(_ path: String, _ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Makes `folder` a folder another account could have written: owned by
    /// another user (as root), or writable by the group.
    func handToAnotherAccount(_ folder: String) {
        if geteuid() == 0 {
            chown(folder, 65534, 65534)
        } else {
            chmod(folder, 0o770)
        }
    }

    /// A checkpoint of `s` with February's 262 made 9262 (Q1: 10223), its checks valid.
    func forgedCheckpoint(_ s: Sandbox) throws -> (original: String, bytes: [UInt8]) {
        let checkpoint = try XCTUnwrap(cacheFiles(s, CacheForgery.checkpointPrefix).first, "a report left a checkpoint")
        let forged = try XCTUnwrap(CacheForgery.checkpoint(try read(checkpoint), CacheForgery.setReading("MED", .month(2017, 2), to: DecimalNumber(9262))))
        return (checkpoint, forged)
    }

    func removeKeptReports(_ s: Sandbox) {
        for f in cacheFiles(s, CacheForgery.pinnedBlobPrefix) { try? FileManager.default.removeItem(atPath: f) }
    }

    func testAForgedCheckpointInTheSharedFolderChangesNoFigure() throws {
        let s = try bigLedger()
        let truth = s.ok(["quarter", "2017-Q1", "--json"])
        XCTAssertTrue(truth.contains("\"executed\":1223"), truth)
        let (original, forged) = try forgedCheckpoint(s)
        // Planted where every account can write: the ledger's own folder.
        try FileManager.default.removeItem(atPath: original)
        try write(s.path("events/.cache/" + (original as NSString).lastPathComponent), forged)
        removeKeptReports(s)
        XCTAssertEqual(s.ok(["quarter", "2017-Q1", "--json"]), truth, "a checkpoint in the shared folder is never read")
        s.ok(["snapshot", "2017-Q1"])
        XCTAssertEqual(s.run(["verify"]).code, 0)
        let json = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots")).first { $0.hasSuffix(".json") })
        XCTAssertTrue(String(decoding: try read(s.path("snapshots/" + json)), as: UTF8.self).contains("\"executed\":1223"))
    }

    func testAForgedCheckpointInAFolderAnotherAccountCouldWriteChangesNoFigure() throws {
        let s = try bigLedger()
        let truth = s.ok(["quarter", "2017-Q1", "--json"])
        let (original, forged) = try forgedCheckpoint(s)
        try write(original, forged)
        removeKeptReports(s)
        handToAnotherAccount((original as NSString).deletingLastPathComponent)
        XCTAssertEqual(s.ok(["quarter", "2017-Q1", "--json"]), truth, "a cache folder that is not the account's own is never read")
        XCTAssertEqual(s.ok(["history", "MED", "--json"]).contains("\"value\":\"262\""), true)
    }

    func testVerifyReadsNoCacheSoItNeverAcceptsAForgedFigure() throws {
        let s = try bigLedger()
        let truth = s.ok(["quarter", "2017-Q1", "--json"])
        // Forged in the folder the binary does read (the account's own): what
        // only the account itself (or root) can do, and what verify must still catch.
        let (original, forged) = try forgedCheckpoint(s)
        try write(original, forged)
        removeKeptReports(s)
        s.ok(["snapshot", "2017-Q1"])
        let json = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots")).first { $0.hasSuffix(".json") })
        let written = String(decoding: try read(s.path("snapshots/" + json)), as: UTF8.self)
        XCTAssertTrue(written.contains("\"executed\":10223"), "the forgery reached the snapshot (the account trusts its own cache)")
        for args in [["verify"], ["verify", "--all"]] {
            let r = s.run(args)
            XCTAssertEqual(r.code, 3, "\(args): verify re-derives from the journal alone: \(r.out)")
            XCTAssertTrue(r.err.contains("snapshots/2017-Q1_") && r.err.contains("the snapshot file was altered"), r.err)
        }
        XCTAssertTrue(truth.contains("\"executed\":1223"))
    }

    func testARewrittenKeptReportIsNeverServedFromAFolderOthersCanWrite() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"], env: ["LEDGER_CLOCK": "2017-02-06T10:00:00-06:00"])
        let truth = s.ok(["quarter", "2017-Q1"])
        let kept = try XCTUnwrap(cacheFiles(s, CacheForgery.pinnedBlobPrefix).first, "the report was kept")
        let forged = try XCTUnwrap(CacheForgery.pinnedBlob(try read(kept), replacing: Array("INSTALACION DE MEDIDORES".utf8),
                                                           with: Array("INSTALACION DE MEDIDOREZ".utf8)))
        // In the shared folder...
        try FileManager.default.removeItem(atPath: kept)
        try write(s.path("events/.cache/" + (kept as NSString).lastPathComponent), forged)
        XCTAssertEqual(s.ok(["quarter", "2017-Q1"]), truth, "a kept report in the shared folder is never read")
        // ...and in an account folder that is not the account's own.
        let own = try XCTUnwrap(cacheFiles(s, CacheForgery.pinnedBlobPrefix).first { !$0.contains("/events/.cache/") })
        try write(own, forged)
        handToAnotherAccount((own as NSString).deletingLastPathComponent)
        XCTAssertEqual(s.ok(["quarter", "2017-Q1"]), truth, "nor in a folder another account could write")
    }

    /// A report as of 10 March is settled in A by A's February reading
    /// (recorded on 20 March). B is a copy of A made before it, which then
    /// recorded another February reading on 5 March, before the cut. A's
    /// kept answer, copied to B, pinned only the events B shares with A.
    func testASettledReportCopiedToALedgerSharingAPrefixIsNotServed() throws {
        let a = try Sandbox()
        a.makeMedidores()
        a.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"], env: ["LEDGER_CLOCK": "2017-02-06T10:00:00-06:00"])
        let b = try Sandbox()
        try FileManager.default.removeItem(at: b.directory)
        try FileManager.default.copyItem(at: a.directory, to: b.directory)
        try? FileManager.default.removeItem(atPath: b.path(".cache"))
        a.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"], env: ["LEDGER_CLOCK": "2017-03-20T10:00:00-06:00"])
        b.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "999"], env: ["LEDGER_CLOCK": "2017-03-05T10:00:00-06:00"])
        let query = ["quarter", "2017-Q1", "--as-of", "2017-03-10", "--json"]
        XCTAssertTrue(a.ok(query).contains("\"executed\":542"))
        let truthB = b.ok(query)
        XCTAssertTrue(truthB.contains("\"executed\":1541"), truthB)
        // Copy A's kept answers over B's, wherever each keeps them.
        let fromA = cacheFiles(a, CacheForgery.pinnedBlobPrefix)
        XCTAssertFalse(fromA.isEmpty)
        for bFile in cacheFiles(b, CacheForgery.pinnedBlobPrefix) { try FileManager.default.removeItem(atPath: bFile) }
        let bFolder = (try? b.cacheFolder()) ?? b.path("events/.cache")
        for f in fromA { try write(bFolder + "/" + (f as NSString).lastPathComponent, try read(f)) }
        XCTAssertEqual(b.ok(query), truthB, "A's settled answer is not B's")
    }

    /// Without a cache folder of its own (no HOME, or one others may write), a
    /// ledger still works, only slower: every answer as with caches, and
    /// nothing kept where another account could have put it.
    func testALedgerWithoutAUsableCacheFolderStillWorks() throws {
        let s = try bigLedger()
        let shared = s.path("shared-cache-home")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        chmod(shared, 0o777)  // writable by every account, and not sticky
        for env in [["HOME": "", "XDG_CACHE_HOME": ""], ["XDG_CACHE_HOME": shared]] {
            let truth = s.ok(["quarter", "2017-Q1", "--json"])
            XCTAssertEqual(s.ok(["quarter", "2017-Q1", "--json"], env: env), truth, "\(env)")
            s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-04", "--text", "sin caché"], env: env.merging(["LEDGER_CLOCK": "2017-05-01T10:00:00-06:00"]) { $1 })
            XCTAssertEqual(s.run(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "1"], env: env).code, 1,
                           "a second reading is still refused")
            s.ok(["verify"], env: env)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: shared), [], "no cache kept under a home every account may write")
    }
}
