// `seal` on a ledger with members, end to end with the built binary and
// keys made by `ssh-keygen -t ed25519 -N ''`: the seal event signed by an
// admin's key (key file or agent) verifies, through the sealed/active split
// and a second seal; every key that may not seal, and no key where
// signatures are required, is refused with exit 1 and nothing written or
// moved; an unsigned seal written by hand on such a ledger fails verify; a
// signed seal interrupted after its event is finished by repair.
// Also the early ssh-keygen of a key-file append (BENCHMARKS.md): one
// ssh-keygen per signed append, started early and finished with the batch;
// a key with a passphrase still signs (asked once, after the decision), and
// a refused append asks nobody.

import Foundation
import XCTest
import LedgerCore

final class SignedSealTests: XCTestCase {
    /// A demonstration ledger requiring signatures (so LEDGER_CLOCK is honoured):
    /// admin ana (also planner), clerk luis, Comisario carla; MED defined; readings
    /// in January and February.
    func office(_ s: Sandbox, required: Bool = true) throws -> (admin: String, clerk: String, comisario: String) {
        let admin = try OpenSSH.makeKey(s.directory, "ana"), clerk = try OpenSSH.makeKey(s.directory, "luis")
        let comisario = try OpenSSH.makeKey(s.directory, "carla")
        func at(_ t: String) -> [String: String] { ["LEDGER_CLOCK": t] }
        s.ok(["init", "--demo", "--entity", "COMAPA", "--admin", "ana", "--public-key", admin + ".pub", "--key", admin]
             + (required ? ["--signatures", "required"] : []), env: at("2017-01-02T09:00:00Z"))
        s.ok(["member", "roles", "--name", "ana", "--role", "admin,planner", "--key", admin], env: at("2017-01-02T09:01:00Z"))
        s.ok(["member", "add", "--name", "luis", "--public-key", clerk + ".pub", "--role", "recorder", "--key", admin], env: at("2017-01-02T09:02:00Z"))
        s.ok(["member", "add", "--name", "carla", "--public-key", comisario + ".pub", "--role", "auditor", "--key", admin], env: at("2017-01-02T09:03:00Z"))
        s.ok(["append", "indicator", "--id", "MED", "--name", "MEDIDORES", "--unit", "MEDIDORES", "--year", "2017",
              "--annual-target", "3600", "--plan", "POA 2017", "--key", admin], env: at("2017-01-02T09:04:00Z"))
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "280", "--key", clerk], env: at("2017-02-03T10:00:00Z"))
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "300", "--key", clerk], env: at("2017-03-03T10:00:00Z"))
        return (admin, clerk, comisario)
    }

    /// Every file of events/ with its bytes: what "nothing written or moved" compares.
    func eventsFolder(_ s: Sandbox) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: s.path("events")) where name.hasPrefix("journal") {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: s.path("events/" + name)))
        }
        return out
    }

    func lines(_ s: Sandbox) -> [String] {
        s.journalBytes().split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    }

    func testASignedLedgerIsSealedByAnAdminsKeyAndVerifies() throws {
        let s = try Sandbox()
        let k = try office(s)
        let stranger = try OpenSSH.makeKey(s.directory, "stranger")
        let clock = ["LEDGER_CLOCK": "2017-04-01T00:00:00Z"]
        let seal = ["seal", "--before", "2017-03-01"]
        // Refused, exit 1, nothing written or moved: no key (today's code said the journal was damaged, exit 3),
        // a clerk's key, the Comisario's, a key of no member.
        let before = try eventsFolder(s)
        func refused(_ args: [String], _ env: [String: String] = [:], _ says: String, line: UInt = #line) throws {
            let r = s.run(args, env: clock.merging(env) { $1 })
            XCTAssertEqual(r.code, 1, "\(args): \(r.err)", line: line)
            XCTAssertTrue(r.err.contains(says), "\(args): \(r.err)", line: line)
            XCTAssertEqual(try eventsFolder(s), before, "\(args) wrote or moved something", line: line)
        }
        try refused(seal + ["--actor", "ana"], [:], "requires signatures")
        try refused(seal + ["--key", k.clerk], [:], "needs the role admin")
        try refused(seal + ["--key", k.comisario], ["LANG": "es_MX.UTF-8"], "necesita el rol administrador (admin)")
        try refused(seal + ["--key", stranger], [:], "is no member's")
        // An admin's key file seals: the seal event, then its signature line over it.
        let out = s.ok(seal + ["--key", k.admin], env: clock)
        XCTAssertTrue(out.contains("sealed events 1 to"), out)
        let segments = try FileManager.default.contentsOfDirectory(atPath: s.path("events")).filter { $0.hasPrefix("journal.0") }
        XCTAssertEqual(segments.count, 1)
        let active = lines(s)
        let sealLine = try XCTUnwrap(active.firstIndex { $0.contains("\"type\":\"segment_sealed\"") })
        XCTAssertEqual(sealLine, active.count - 2, "the seal is the last batch")
        let sealSeq = try XCTUnwrap(Int(active[sealLine].split(separator: ",")[1].dropFirst(6)))
        XCTAssertTrue(active[sealLine].contains("\"actor\":\"ana\"") && active[sealLine].contains("\"more\":1"), active[sealLine])
        XCTAssertTrue(active.last!.contains("\"type\":\"batch_signed\"") && active.last!.contains("\"from_seq\":\(sealSeq)")
                      && active.last!.contains("\"signer\":\"ana\""), active.last!)
        XCTAssertTrue(out.contains("\(sealSeq + 1) "), "the receipt is the journal's head, the signature line: \(out)")
        XCTAssertEqual(s.run(["verify"]).code, 0)
        XCTAssertEqual(s.run(["verify", "--all"]).code, 0)
        // Later records, then a second seal through the agent: the first seal and its signature go into the
        // second segment, the second seal's batch stays in the active file; verify follows both.
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "310", "--key", k.clerk],
             env: ["LEDGER_CLOCK": "2017-04-03T10:00:00Z"])
        let agent = try TestAgent(in: s.directory)
        agent.add(k.admin)
        s.ok(["seal", "--before", "2017-05-01"], env: ["LEDGER_CLOCK": "2017-05-02T00:00:00Z", "SSH_AUTH_SOCK": agent.socket, "LEDGER_KEY": k.admin + ".pub"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: s.path("events")).filter { $0.hasPrefix("journal.0") }.count, 2)
        XCTAssertEqual(lines(s).count, 2, "only the second seal's batch stays active")
        let v = s.run(["verify"])
        XCTAssertEqual(v.code, 0, v.err)
        XCTAssertTrue(v.out.contains("every event is one the rules would have recorded"), v.out)
        XCTAssertEqual(s.run(["verify", "--all"]).code, 0)
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-04", "--value", "320", "--key", k.clerk],
             env: ["LEDGER_CLOCK": "2017-05-03T10:00:00Z"])
        XCTAssertEqual(s.run(["verify"]).code, 0)
    }

    func testOnALedgerNotRequiringSignaturesAnUnsignedSealIsKeptAndAKeyMustBeAnAdmins() throws {
        let s = try Sandbox()
        let k = try office(s, required: false)
        let clock = ["LEDGER_CLOCK": "2017-04-01T00:00:00Z"]
        let before = try eventsFolder(s)
        let r = s.run(["seal", "--before", "2017-03-01", "--key", k.clerk], env: clock)
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertTrue(r.err.contains("needs the role admin"), r.err)
        XCTAssertEqual(try eventsFolder(s), before)
        s.ok(["seal", "--before", "2017-03-01", "--actor", "planeacion"], env: clock)
        XCTAssertTrue(lines(s).last!.contains("\"type\":\"segment_sealed\"") && lines(s).last!.contains("\"actor\":\"planeacion\""))
        XCTAssertEqual(s.run(["verify"]).code, 0)
        XCTAssertTrue(s.ok(["log", "--json"]).contains("\"signed_by\":null"), "an unsigned seal shows as unsigned")
    }

    func testAnUnsignedSealWrittenByHandFailsVerify() throws {
        let s = try Sandbox()
        s.checksRulesAtTheEnd = false
        let k = try office(s)
        s.ok(["seal", "--before", "2017-03-01", "--key", k.admin], env: ["LEDGER_CLOCK": "2017-04-01T00:00:00Z"])
        XCTAssertEqual(s.run(["verify"]).code, 0)
        // The forger drops the signature line and makes the seal a batch of its own, every hash recomputed.
        var active = try JournalRewriter.read(s.journal)
        XCTAssertGreaterThan(active.count, 2, "the seal is not the active file's first line")
        active.removeLast()
        let sealSeq = try XCTUnwrap(Int(active.last!.split(separator: ",")[1].dropFirst(6)))
        // The active file continues the sealed segment's chain: the edited line is chained to the line before it.
        var body = Array(active.last!.replacingOccurrences(of: "\"more\":1", with: "\"more\":0").utf8.dropLast(75))
        let prev = Array(active[active.count - 2].utf8.suffix(66).prefix(64))
        XCTAssertEqual(Array(body.suffix(65).prefix(64)), prev)
        var sha = SHA256(portable: true)
        sha.update(prev + body)
        body += Array(",\"hash\":\"\(sha.finalize().hex)\"}".utf8)
        active[active.count - 1] = String(decoding: body, as: UTF8.self)
        try Data(active.map { $0 + "\n" }.joined().utf8).write(to: s.journal)
        let r = s.run(["verify"])
        XCTAssertEqual(r.code, 3, r.err)
        XCTAssertTrue(r.err.contains("event \(sealSeq) breaks the ledger's rules") && r.err.contains("requires signatures"), r.err)
    }

    func testAnInterruptedSignedSealIsFinishedByRepair() throws {
        for segmentWritten in [true, false] {
            let s = try Sandbox()
            let k = try office(s)
            s.ok(["seal", "--before", "2017-03-01", "--key", k.admin], env: ["LEDGER_CLOCK": "2017-04-01T00:00:00Z"])
            let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: s.path("events")).first { $0.hasPrefix("journal.0") })
            let segment = s.path("events/" + name)
            // Undo the cut: the active file holds everything again, the signed seal at its end.
            let whole = try Data(contentsOf: URL(fileURLWithPath: segment)) + s.journalBytes()
            try whole.write(to: s.journal)
            if !segmentWritten { try FileManager.default.removeItem(atPath: segment) }
            XCTAssertTrue(s.ok(["quarter", "2017-Q1", "--json"]).contains("MED"), "readers use the whole active file")
            let v = s.run(["verify"])
            XCTAssertEqual(v.code, 3, "segment written: \(segmentWritten)")
            XCTAssertTrue(v.err.contains("ledger repair"), v.err)
            s.ok(["repair"])
            XCTAssertTrue(FileManager.default.fileExists(atPath: segment))
            XCTAssertTrue(s.ok(["verify", "--all"]).contains("chain intact"))
            s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "310", "--key", k.clerk],
                 env: ["LEDGER_CLOCK": "2017-04-03T10:00:00Z"])
        }
    }

    /// A key file with a passphrase: the early ssh-keygen (started while the
    /// append is decided) cannot ask it and gives up silently; the ordinary
    /// one asks it once, after the decision (through SSH_ASKPASS here, as a
    /// terminal would). A refused append asks nobody.
    func testAKeyWithAPassphraseIsAskedOnceAndARefusalAsksNobody() throws {
        let s = try Sandbox()
        let k = try office(s)
        let locked = s.path("locked")
        let keygen = try XCTUnwrap(OpenSSH.keygen)
        let made = runTool(keygen, ["-q", "-t", "ed25519", "-N", "sesame", "-f", locked, "-C", "locked"])
        XCTAssertEqual(made.code, 0, made.err)
        s.ok(["member", "add", "--name", "pedro", "--public-key", locked + ".pub", "--role", "recorder", "--key", k.admin],
             env: ["LEDGER_CLOCK": "2017-03-04T10:00:00Z"])
        let asked = s.path("asked")
        try s.write("askpass.sh", "#!/bin/sh\necho \"$1\" >> '\(asked)'\necho sesame\n")
        chmod(s.path("askpass.sh"), 0o700)
        let env = ["SSH_ASKPASS": s.path("askpass.sh"), "SSH_ASKPASS_REQUIRE": "force", "DISPLAY": ":0", "LEDGER_CLOCK": "2017-04-04T10:00:00Z"]
        func times() -> Int { ((try? String(contentsOfFile: asked, encoding: .utf8)) ?? "").split(separator: "\n").count }
        // Refused by the rules (a second reading for January): nothing asked, nothing written.
        let before = s.journalBytes()
        let r = s.run(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "1", "--key", locked], env: env)
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertEqual(s.journalBytes(), before)
        XCTAssertEqual(times(), 0, "a refused append asks no passphrase")
        // Signed: asked exactly once.
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "310", "--key", locked], env: env)
        XCTAssertEqual(times(), 1, "the passphrase is asked once")
        XCTAssertTrue(lines(s).last!.contains("\"signer\":\"pedro\""))
        XCTAssertEqual(s.run(["verify"]).code, 0)
    }

    /// Which ssh-keygen runs a key-file append makes, seen through a wrapper
    /// first on PATH that logs its arguments: a signed append runs one, the
    /// early one (`-P ''`: it asks nobody), finished with the batch; an
    /// append refused by the rules runs only the early one, which is killed
    /// (perhaps before the wrapper logs it); a dry run runs none. (A key with a passphrase: the test above.)
    func testAKeyFileAppendStartsSSHKeygenEarlyAndOnlyOnce() throws {
        let s = try Sandbox()
        let k = try office(s)
        let bin = s.path("bin"), log = s.path("keygen.log")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try s.write("bin/ssh-keygen", "#!/bin/sh\necho \"$*\" >> '\(log)'\nexec \(try XCTUnwrap(OpenSSH.keygen)) \"$@\"\n")
        chmod(bin + "/ssh-keygen", 0o755)
        func runs() -> [String] { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }
        let env = ["PATH": bin + ":/usr/bin:/bin", "LEDGER_CLOCK": "2017-04-04T10:00:00Z"]
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "310", "--key", k.clerk], env: env)
        XCTAssertEqual(runs().count, 1, "\(runs())")
        XCTAssertTrue(runs()[0].hasPrefix("-Y sign -f \(k.clerk) -n ledger-poa@v2 -P "), runs()[0])
        let before = s.journalBytes()
        let refused = s.run(["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "1", "--key", k.clerk], env: env)
        XCTAssertEqual(refused.code, 1, refused.err)
        XCTAssertEqual(s.journalBytes(), before)
        // Only the early one, killed: it may be killed before the wrapper
        // logs it, so at most one more run, and never the ordinary signing.
        let afterRefusal = runs().count
        XCTAssertTrue((1...2).contains(afterRefusal), "\(runs())")
        XCTAssertTrue(runs().allSatisfy { $0.hasPrefix("-Y sign -f \(k.clerk) -n ledger-poa@v2 -P ") }, "\(runs())")
        // A dry run starts none.
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-04", "--value", "1", "--key", k.clerk, "--dry-run"], env: env)
        XCTAssertEqual(runs().count, afterRefusal, "\(runs())")
        XCTAssertEqual(s.run(["verify"]).code, 0)
    }
}
