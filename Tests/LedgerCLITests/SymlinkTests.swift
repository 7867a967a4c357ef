// Issue 11, finding 4: the ledger wrote through symbolic links. A link
// planted at the facts index's links file made the next append truncate and
// overwrite its target; a symlinked journal or snapshots/ was written
// through; seal wrote journal.jsonl anew as the sealer's, mode 0644. Now
// nothing the ledger writes follows a link (O_NOFOLLOW, temporaries made
// with O_EXCL under unpredictable names), a linked journal or folder is
// refused with a clear message, and seal keeps the journal's mode, owner
// and group (or refuses, before writing, when it cannot).

import Foundation
import XCTest

final class SymlinkTests: XCTestCase {
    /// A file outside the ledger that a planted link points to, and its bytes.
    func victim(_ s: Sandbox) throws -> (path: String, bytes: Data) {
        let path = s.path("victim.txt")
        let bytes = Data("precious, not the ledger's\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        return (path, bytes)
    }

    func contents(_ path: String) -> Data { (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data() }

    func testALinkPlantedAtTheIndexLinksFileIsNeverWrittenThrough() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
        let (target, bytes) = try victim(s)
        // Where another account can write (the shared folder), and in the account's own cache folder.
        var folders = [s.path("events/.cache")]
        if let own = try? s.cacheFolder() { folders.append(own) }
        for folder in folders {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: folder + "/facts.v1")   // the index deleted (or a reboot): rebuilt on the next append
            try? FileManager.default.removeItem(atPath: folder + "/facts.v1.links")
            try FileManager.default.createSymbolicLink(atPath: folder + "/facts.v1.links", withDestinationPath: target)
        }
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"])
        s.ok(["history", "MED"])
        XCTAssertEqual(contents(target), bytes, "the link's target is untouched")
        XCTAssertEqual(s.run(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "1"]).code, 1, "decisions still right")
        s.ok(["verify"])
    }

    func testASymlinkedJournalIsRefused() throws {
        let s = try Sandbox()
        s.makeMedidores()
        let elsewhere = s.path("elsewhere.jsonl")
        try FileManager.default.moveItem(atPath: s.journal.path, toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: s.journal.path, withDestinationPath: elsewhere)
        let before = contents(elsewhere)
        let r = s.run(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
        XCTAssertEqual(r.code, 4, r.err)
        XCTAssertTrue(r.err.contains("events/journal.jsonl is a symbolic link"), r.err)
        XCTAssertEqual(contents(elsewhere), before, "nothing was written through the link")
        for command in [["verify"], ["quarter", "2017-Q1"], ["repair"], ["seal", "--year", "2017"]] {
            let v = s.run(command)
            XCTAssertEqual(v.code, 4, "\(command): \(v.err)")
            XCTAssertTrue(v.err.contains("symbolic link"), v.err)
        }
        XCTAssertEqual(contents(elsewhere), before)
    }

    func testASymlinkedEventsFolderIsRefused() throws {
        let s = try Sandbox()
        s.makeMedidores()
        try FileManager.default.moveItem(atPath: s.path("events"), toPath: s.path("other-events"))
        try FileManager.default.createSymbolicLink(atPath: s.path("events"), withDestinationPath: s.path("other-events"))
        let before = contents(s.path("other-events/journal.jsonl"))
        let r = s.run(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
        XCTAssertEqual(r.code, 4, r.err)
        XCTAssertTrue(r.err.contains("events is a symbolic link"), r.err)
        XCTAssertEqual(contents(s.path("other-events/journal.jsonl")), before)
    }

    func testASymlinkedSnapshotsFolderIsRefused() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
        try FileManager.default.removeItem(atPath: s.path("snapshots"))
        try FileManager.default.createDirectory(atPath: s.path("board"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: s.path("snapshots"), withDestinationPath: s.path("board"))
        let r = s.run(["snapshot", "2017-Q1"])
        XCTAssertEqual(r.code, 4, r.err)
        XCTAssertTrue(r.err.contains("snapshots is a symbolic link"), r.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: s.path("board")), [], "nothing written through the link")
    }

    func testALinkInSnapshotsIsNeitherReadNorReplaced() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
        s.ok(["snapshot", "2017-Q1", "--as-of", "2017-01-02T10:00:00-06:00"])
        let json = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots")).first { $0.hasSuffix(".json") })
        let (target, bytes) = try victim(s)
        try FileManager.default.removeItem(atPath: s.path("snapshots/" + json))
        try FileManager.default.createSymbolicLink(atPath: s.path("snapshots/" + json), withDestinationPath: target)
        for command in [["verify"], ["snapshot", "2017-Q1", "--as-of", "2017-01-02T10:00:00-06:00"]] {
            let r = s.run(command)
            XCTAssertEqual(r.code, 4, "\(command): \(r.err)")
            XCTAssertTrue(r.err.contains("is a symbolic link"), r.err)
        }
        XCTAssertEqual(contents(target), bytes)
    }

    func testALinkAtTheOldSealTemporaryNameIsNotFollowed() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"], env: ["LEDGER_CLOCK": "2017-02-06T10:00:00-06:00"])
        let (target, bytes) = try victim(s)
        // Before issue 11 the segment was written to this fixed name first.
        try FileManager.default.createSymbolicLink(atPath: s.path("events/journal.000000001-000000003.jsonl.tmp"), withDestinationPath: target)
        s.ok(["seal", "--before", "2017-03-01"], env: ["LEDGER_CLOCK": "2017-03-02T10:00:00-06:00"])
        XCTAssertEqual(contents(target), bytes)
        s.ok(["verify", "--all"])
    }

    /// The numeric owner, group and permission bits of a file.
    func attributes(_ path: String) throws -> (user: Int, group: Int, mode: Int) {
        let a = try FileManager.default.attributesOfItem(atPath: path)
        return ((a[.ownerAccountID] as! NSNumber).intValue, (a[.groupOwnerAccountID] as! NSNumber).intValue, (a[.posixPermissions] as! NSNumber).intValue)
    }

    /// A group this process may give files: another than its own when it has one.
    func otherGroup() -> gid_t? {
        if geteuid() == 0 { return 65534 }
        let count = getgroups(0, nil)
        var groups = [gid_t](repeating: 0, count: Int(max(count, 0)))
        let n = getgroups(count, &groups)
        return groups.prefix(Int(max(n, 0))).first { $0 != getegid() }
    }

    func testSealKeepsTheJournalsModeOwnerAndGroup() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"], env: ["LEDGER_CLOCK": "2017-02-06T10:00:00-06:00"])
        guard let group = otherGroup() else { throw XCTSkip("this account is in no other group to give the journal") }
        let user = geteuid() == 0 ? uid_t(65534) : geteuid()
        XCTAssertEqual(chown(s.journal.path, user, group), 0)
        XCTAssertEqual(chmod(s.journal.path, 0o660), 0)
        s.ok(["seal", "--before", "2017-03-01"], env: ["LEDGER_CLOCK": "2017-03-02T10:00:00-06:00"])
        let after = try attributes(s.journal.path)
        XCTAssertEqual(after.user, Int(user), "owner kept")
        XCTAssertEqual(after.group, Int(group), "group kept")
        XCTAssertEqual(after.mode, 0o660, "mode kept")
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"], env: ["LEDGER_CLOCK": "2017-03-03T10:00:00-06:00"])
        s.ok(["verify", "--all"])
    }

    func testASealThatCouldNotKeepTheOwnerIsRefusedBeforeWriting() throws {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("needs root and setpriv, to seal as another account")
        }
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"], env: ["LEDGER_CLOCK": "2017-02-06T10:00:00-06:00"])
        // A ledger others may append to (mode 0666 in a folder they may write), owned by root.
        chmod(s.directory.path, 0o777)
        chmod(s.path("events"), 0o777)
        chmod(s.journal.path, 0o666)
        chmod(s.path("events/.lock"), 0o666)
        let before = s.journalBytes()
        let r = s.run(["seal", "--before", "2017-03-01"], env: ["LEDGER_CLOCK": "2017-03-02T10:00:00-06:00"],
                      through: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertTrue(r.err.contains("owner and group") && r.err.contains("Nothing was written"), r.err)
        XCTAssertEqual(s.journalBytes(), before)
        XCTAssertEqual(try attributes(s.journal.path).user, 0)
    }
}
