// Issue 12 end to end, with the built binary, keys made by `ssh-keygen -t
// ed25519 -N ''` and an ssh-agent the test starts and stops: signed appends
// and batches (agent and key file), every bad input refused with exit 1 and
// nothing written, lines forged by hand caught by verify (exit 3), and the
// outsider's recipe of FORMAT.md run with stock `ssh-keygen -Y verify`.

import Foundation
import XCTest
import LedgerCore
import LedgerCrypto

/// Runs a program and returns its exit code and output.
@discardableResult
func runTool(_ path: String, _ args: [String], cwd: URL? = nil, env: [String: String]? = nil, stdin: Data? = nil) -> (code: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    if let cwd { p.currentDirectoryURL = cwd }
    if let env { p.environment = env }
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    do { try p.run() } catch { return (-1, "", "\(error)") }
    if let stdin { inp.fileHandleForWriting.write(stdin) }
    try? inp.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

/// The OpenSSH client tools, where CI has installed them (`.ci/run` installs them when missing).
enum OpenSSH {
    static let keygen = ["/usr/bin/ssh-keygen", "/bin/ssh-keygen"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let agent = ["/usr/bin/ssh-agent", "/bin/ssh-agent"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let add = ["/usr/bin/ssh-add", "/bin/ssh-add"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `ssh-keygen -t TYPE -N '' -f DIR/NAME -C COMMENT`.
    static func makeKey(_ dir: URL, _ name: String, type: String = "ed25519") throws -> String {
        let keygen = try XCTUnwrap(keygen, "ssh-keygen is needed (apt-get install openssh-client)")
        let path = dir.appendingPathComponent(name).path
        let r = runTool(keygen, ["-q", "-t", type, "-N", "", "-f", path, "-C", "\(name) (test key)"])
        XCTAssertEqual(r.code, 0, r.err)
        return path
    }
}

/// An ssh-agent of the test's own, on a socket in its folder, stopped at the end.
final class TestAgent {
    let socket: String
    let process: Process

    init(in dir: URL) throws {
        socket = dir.appendingPathComponent("agent.sock").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: try XCTUnwrap(OpenSSH.agent))
        process.arguments = ["-D", "-a", socket]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: socket) { usleep(10_000) }
    }

    func add(_ key: String) {
        let r = runTool(OpenSSH.add!, ["-q", key], env: ["SSH_AUTH_SOCK": socket, "PATH": "/usr/bin:/bin"])
        XCTAssertEqual(r.code, 0, r.err)
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}

final class SignaturesCLITests: XCTestCase {
    /// A ledger requiring signatures: admin ana (also planner), clerk luis, Comisario carla; MED defined.
    func office(_ s: Sandbox) throws -> (admin: String, clerk: String, comisario: String) {
        let admin = try OpenSSH.makeKey(s.directory, "ana"), clerk = try OpenSSH.makeKey(s.directory, "luis")
        let comisario = try OpenSSH.makeKey(s.directory, "carla")
        s.ok(["init", "--entity", "COMAPA", "--admin", "ana", "--public-key", admin + ".pub", "--key", admin, "--signatures", "required"])
        s.ok(["member", "roles", "--name", "ana", "--role", "admin,planner", "--key", admin])
        s.ok(["member", "add", "--name", "luis", "--public-key", clerk + ".pub", "--role", "recorder", "--key", admin])
        s.ok(["member", "add", "--name", "carla", "--public-key", comisario + ".pub", "--role", "auditor", "--key", admin])
        s.ok(["append", "indicator", "--id", "MED", "--name", "MEDIDORES", "--unit", "MEDIDORES", "--year", "2017",
              "--annual-target", "3600", "--plan", "POA 2017", "--key", admin])
        return (admin, clerk, comisario)
    }

    func testSignedAppendsWithAKeyFileAndTheAgentVerify() throws {
        let s = try Sandbox()
        let k = try office(s)
        // A key file: ssh-keygen signs. The receipt printed is the reading's
        // own (seq and hash, as for any append); the sentence names the
        // signature line written after it.
        let start = s.journalBytes().split(separator: 0x0A).count
        let printed = s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "280", "--key", k.clerk])
            .split(separator: "\n").map(String.init)
        XCTAssertEqual(printed.first, "appended 1 event, seq \(start + 1), and its signature, seq \(start + 2)")
        let written = s.journalBytes().split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        let receipt = try XCTUnwrap(printed.last).split(separator: " ").map(String.init)
        XCTAssertEqual(receipt.first, String(start + 1))
        XCTAssertTrue(written[start].contains("\"hash\":\"\(receipt.last!)\""), written[start])
        XCTAssertTrue(written[start + 1].contains("\"type\":\"batch_signed\""))
        // The agent: the .pub names the key it holds; $LEDGER_KEY instead of --key.
        let agent = try TestAgent(in: s.directory)
        agent.add(k.clerk)
        let spanish = s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "300", "--lang", "es"],
                           env: ["SSH_AUTH_SOCK": agent.socket, "LEDGER_KEY": k.clerk + ".pub"])
        XCTAssertTrue(spanish.hasPrefix("registrado 1 evento, secuencia \(start + 3), y su firma, secuencia \(start + 4)\n"), spanish)
        // A batch signs once.
        try s.write("b.csv", "type,indicator,period,value\nreading,MED,2017-03,310\nreading,MED,2017-04,320\n")
        let before = s.journalBytes().split(separator: 0x0A).count
        let json = s.ok(["append", "--file", "b.csv", "--key", k.clerk + ".pub", "--json"], env: ["SSH_AUTH_SOCK": agent.socket])
        XCTAssertTrue(json.contains("\"signature\":{\"seq\":\(before + 3),"), json)
        XCTAssertTrue(json.hasPrefix("{\"appended\":[{\"seq\":\(before + 1),"), json)
        // The two rows are the events appended; the signature line is named apart, once.
        XCTAssertEqual(json.components(separatedBy: "\"seq\":").count - 1, 3, json)
        let lines = s.journalBytes().split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(lines.count, before + 3)
        XCTAssertTrue(lines[before + 2].contains("\"type\":\"batch_signed\""))
        XCTAssertTrue(lines[before + 2].contains("\"from_seq\":\(before + 1)"))
        XCTAssertTrue(lines[before].contains("\"actor\":\"luis\""))
        let v = s.run(["verify"])
        XCTAssertEqual(v.code, 0, v.err)
        let list = s.ok(["member", "list", "--json"])
        XCTAssertTrue(list.contains("\"name\":\"carla\",\"roles\":[\"auditor\"]"), list)
    }

    func testEveryBadInputIsRefusedWithNothingWritten() throws {
        let s = try Sandbox()
        let k = try office(s)
        let rsa = try OpenSSH.makeKey(s.directory, "rsa", type: "ecdsa")
        let stranger = try OpenSSH.makeKey(s.directory, "stranger")
        let before = s.journalBytes()
        func refused(_ args: [String], env: [String: String] = [:], _ says: String, line: UInt = #line) {
            let r = s.run(args, env: env)
            XCTAssertEqual(r.code, 1, "\(args): \(r.err)", line: line)
            XCTAssertTrue(r.err.contains(says), "\(args): \(r.err)", line: line)
            XCTAssertEqual(s.journalBytes(), before, "\(args) wrote", line: line)
        }
        let reading = ["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "1"]
        refused(["member", "add", "--name", "x", "--public-key", rsa + ".pub", "--role", "recorder", "--key", k.admin], "Ed25519 keys only")
        refused(reading + ["--key", stranger], "is no member's")
        refused(reading + ["--key", k.comisario], "needs the role recorder (capturista)")
        refused(reading + ["--key", k.comisario], env: ["LANG": "es_MX.UTF-8"], "necesita el rol capturista (recorder)")
        refused(reading + ["--key", k.clerk + ".pub"], "SSH_AUTH_SOCK is not set")
        refused(reading, "requires signatures")
        refused(["member", "add", "--name", "x", "--public-key", stranger + ".pub", "--role", "admin", "--key", k.clerk], "needs the role admin")
        refused(["member", "remove", "--name", "ana", "--key", k.admin], "last admin")
        chmod(k.clerk, 0o644)
        refused(reading + ["--key", k.clerk], "too open")
        chmod(k.clerk, 0o600)
        // A removed member signs nothing after (its earlier signatures stay valid).
        s.ok(reading + ["--key", k.clerk])
        s.ok(["member", "remove", "--name", "luis", "--key", k.admin])
        let r = s.run(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "1", "--key", k.clerk])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("was removed"), r.err)
        XCTAssertEqual(s.run(["verify"]).code, 0)
    }

    /// Appends `lines` (whole events, chained after the journal's head) to the journal.
    func appendByHand(_ s: Sandbox, _ events: [(actor: String, payload: EventPayload)], signWith key: String?, signer: String) throws -> Int64 {
        let text = String(decoding: s.journalBytes(), as: UTF8.self)
        let last = try EventCodec.decode(line: Array(text.split(separator: "\n").last!.utf8))
        var prev = last.hash, seq = last.seq, at = last.at
        var bytes: [UInt8] = []
        let count = events.count + (key == nil ? 0 : 1)
        for (i, e) in events.enumerated() {
            seq += 1; at = at.next
            let (line, hash) = EventCodec.encode(seq: seq, at: at, actor: e.actor, osUser: "x", pending: PendingEvent(e.payload),
                                                 more: count - 1 - i, previous: prev)
            bytes += line
            prev = hash
        }
        if let key {
            let msg = s.directory.appendingPathComponent("msg")
            try Data(bytes).write(to: msg)
            let r = runTool(OpenSSH.keygen!, ["-Y", "sign", "-f", key, "-n", SignedBatch.namespace, msg.path])
            XCTAssertEqual(r.code, 0, r.err)
            let sig = try SSHSignature(armored: String(contentsOfFile: msg.path + ".sig", encoding: .utf8))
            seq += 1; at = at.next
            let first = seq - Int64(events.count)
            bytes += EventCodec.encode(seq: seq, at: at, actor: signer, osUser: "x",
                                       pending: PendingEvent(.batchSigned(BatchSignature(signer: signer, fromSeq: first, blob: sig.blob))),
                                       more: 0, previous: prev).line
        }
        let h = try FileHandle(forWritingTo: s.journal)
        h.seekToEndOfFile()
        h.write(Data(bytes))
        try h.close()
        return seq - Int64(count) + 1
    }

    /// A forger's edit of the line holding `old`, every later hash recomputed.
    func rewrite(_ s: Sandbox, _ old: String, _ new: String) throws {
        let lines = try JournalRewriter.read(s.journal)
        let n = try XCTUnwrap(lines.firstIndex { $0.contains(old) }) + 1
        try JournalRewriter.rewrite(s.journal, line: n) { $0.replacingOccurrences(of: old, with: new) }
    }

    func testLinesWrittenByHandAreCaughtByVerify() throws {
        let reading = EventPayload.readingRecorded(indicator: "MED", period: Period("2017-05")!, measurement: .value(DecimalNumber("5")!),
                                                   note: nil, postClose: false)
        // Unsigned, in a ledger that requires signatures.
        do {
            let s = try Sandbox()
            s.checksRulesAtTheEnd = false
            _ = try office(s)
            let seq = try appendByHand(s, [("luis", reading)], signWith: nil, signer: "luis")
            let r = s.run(["verify"])
            XCTAssertEqual(r.code, 3, r.err)
            XCTAssertTrue(r.err.contains("event \(seq) breaks the ledger's rules") && r.err.contains("requires signatures"), r.err)
        }
        // Signed by a member without the role.
        do {
            let s = try Sandbox()
            s.checksRulesAtTheEnd = false
            let k = try office(s)
            let seq = try appendByHand(s, [("carla", reading)], signWith: k.comisario, signer: "carla")
            let r = s.run(["verify"])
            XCTAssertEqual(r.code, 3, r.err)
            XCTAssertTrue(r.err.contains("event \(seq) breaks") && r.err.contains("needs the role recorder"), r.err)
        }
        // Signed by the clerk, then altered (a forged value with the hashes recomputed): the signature fails.
        do {
            let s = try Sandbox()
            s.checksRulesAtTheEnd = false
            let k = try office(s)
            let seq = try appendByHand(s, [("luis", reading)], signWith: k.clerk, signer: "luis")
            XCTAssertEqual(s.run(["verify"]).code, 0)
            try rewrite(s, "\"value\":\"5\"", "\"value\":\"9\"")
            let r = s.run(["verify"])
            XCTAssertEqual(r.code, 3, r.err)
            XCTAssertTrue(r.err.contains("event \(seq + 1) breaks") && r.err.contains("does not verify"), r.err)
        }
        // A removed member's later signature.
        do {
            let s = try Sandbox()
            s.checksRulesAtTheEnd = false
            let k = try office(s)
            s.ok(["member", "remove", "--name", "luis", "--key", k.admin])
            let seq = try appendByHand(s, [("luis", reading)], signWith: k.clerk, signer: "luis")
            let r = s.run(["verify"])
            XCTAssertEqual(r.code, 3, r.err)
            XCTAssertTrue(r.err.contains("event \(seq) breaks") && r.err.contains("was removed"), r.err)
        }
    }

    /// FORMAT.md's recipe: an outsider checks one batch's signature with sed, fold and ssh-keygen alone.
    func testTheOutsidersRecipeChecksASignatureWithSSHKeygenAlone() throws {
        let s = try Sandbox()
        let k = try office(s)
        try s.write("b.csv", "type,indicator,period,value\nreading,MED,2017-03,310\nreading,MED,2017-04,320\n")
        s.ok(["append", "--file", "b.csv", "--key", k.clerk])
        let signers = s.ok(["export", "signers"])
        try s.write("allowed_signers", signers)
        let head = s.journalBytes().split(separator: 0x0A).count
        let recipe = """
            N=\(head)
            LINE=$(sed -n "${N}p" events/journal.jsonl)
            A=$(printf '%s' "$LINE" | sed 's/.*"from_seq":\\([0-9]*\\).*/\\1/')
            WHO=$(printf '%s' "$LINE" | sed 's/.*"signer":"\\([^"]*\\)".*/\\1/')
            sed -n "${A},$((N - 1))p" events/journal.jsonl > batch.bytes
            { echo '-----BEGIN SSH SIGNATURE-----'
              printf '%s' "$LINE" | sed 's/.*"sshsig":"\\([^"]*\\)".*/\\1/' | fold -w 70; echo
              echo '-----END SSH SIGNATURE-----'; } > batch.sig
            ssh-keygen -Y verify -f allowed_signers -I "$WHO" -n ledger-poa@v2 -s batch.sig < batch.bytes
            """
        try s.write("recipe.sh", recipe)
        let r = runTool("/bin/sh", ["recipe.sh"], cwd: s.directory, env: ["PATH": "/usr/bin:/bin"])
        XCTAssertEqual(r.code, 0, r.out + r.err)
        XCTAssertTrue(r.out.contains("Good \"ledger-poa@v2\" signature for luis"), r.out + r.err)
        // The same recipe on an altered batch fails.
        try rewrite(s, "\"value\":\"310\"", "\"value\":\"311\"")
        XCTAssertNotEqual(runTool("/bin/sh", ["recipe.sh"], cwd: s.directory, env: ["PATH": "/usr/bin:/bin"]).code, 0)
        s.checksRulesAtTheEnd = false
    }

    func testAnAttestedSnapshotEditedOrDeletedFailsVerify() throws {
        let s = try Sandbox()
        let k = try office(s)
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "280", "--key", k.clerk])
        s.ok(["append", "close", "--quarter", "2017-Q1", "--key", k.admin])
        s.ok(["snapshot", "2017-Q1"])
        let refused = s.run(["attest", "2017-Q1", "--key", k.clerk])
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.err.contains("needs the role auditor (Comisario / OIC)"), refused.err)
        s.ok(["attest", "2017-Q1", "--key", k.comisario])
        XCTAssertEqual(s.run(["verify"]).code, 0)
        let log = s.ok(["log", "--type", "attest"])
        XCTAssertTrue(log.contains("carla") && log.contains("2017-Q1_"), log)
        let files = try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots")).sorted()
        // A later snapshot of the attested quarter names the Comisario in its Validó block, and the files attested.
        usleep(2000)
        s.ok(["snapshot", "2017-Q1"])
        let later = try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots")).filter { !files.contains($0) && $0.hasSuffix(".html") }
        XCTAssertEqual(later.count, 1)
        let laterPage = try String(contentsOfFile: s.path("snapshots/" + later[0]), encoding: .utf8)
        XCTAssertTrue(laterPage.contains("Validated by: carla,"), laterPage)
        XCTAssertTrue(laterPage.contains("Attested by carla") && laterPage.contains(files.first { $0.hasSuffix(".csv") }!), laterPage)
        XCTAssertEqual(s.run(["verify"]).code, 0)
        let csv = try XCTUnwrap(files.first { $0.hasSuffix(".csv") })
        let page = try XCTUnwrap(files.first { $0.hasSuffix(".html") })
        // Edited.
        let original = try Data(contentsOf: URL(fileURLWithPath: s.path("snapshots/" + csv)))
        try (String(decoding: original, as: UTF8.self) + " ").write(toFile: s.path("snapshots/" + csv), atomically: true, encoding: .utf8)
        var r = s.run(["verify"])
        XCTAssertEqual(r.code, 3, r.err)
        XCTAssertTrue(r.err.contains(csv) && r.err.contains("carla attested") && r.err.contains("was altered"), r.err)
        try original.write(to: URL(fileURLWithPath: s.path("snapshots/" + csv)))
        // Deleted.
        try FileManager.default.removeItem(atPath: s.path("snapshots/" + page))
        r = s.run(["verify"])
        XCTAssertEqual(r.code, 3, r.err)
        XCTAssertTrue(r.err.contains(page) && r.err.contains("is missing"), r.err)
        s.checksRulesAtTheEnd = false
    }
}
