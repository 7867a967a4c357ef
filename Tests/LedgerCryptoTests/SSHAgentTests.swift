// The agent path against a real ssh-agent: identities, signatures checked
// by us and by `ssh-keygen -Y verify` (and equal to ssh-keygen's own), a
// key the agent does not hold, no agent at all, and an agent that never
// answers: clear errors, no hang.
import Foundation
import LedgerCrypto
@testable import LedgerSigning
import XCTest

final class SSHAgentTests: XCTestCase {
    let namespace = "ledger"
    let message = Array("event 42\n".utf8)
    var directory: TemporaryDirectory!
    var agent: TestAgent?

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
    }

    override func tearDown() {
        agent?.stop()
        agent = nil
        directory = nil
    }

    func startAgent() throws -> TestAgent {
        let started = try TestAgent(in: directory)
        agent = started
        return started
    }

    func testIdentitiesAndSignature() throws {
        let ssh = try OpenSSH()
        let agent = try startAgent()
        let keyPath = try ssh.makeKey(in: directory, comment: "ana@agent")
        let ecdsaPath = try ssh.makeKey(in: directory, name: "id_ecdsa", type: "ecdsa", comment: "other")
        try agent.add(key: keyPath)
        try agent.add(key: ecdsaPath)
        let key = try SSHPublicKey(line: try directory.read("id_ed25519.pub"))
        let client = SSHAgentClient(socketPath: agent.socket)

        let identities = try client.identities()
        XCTAssertEqual(Set(identities.map(\.keyType)), ["ssh-ed25519", "ecdsa-sha2-nistp256"])
        let ed25519 = try XCTUnwrap(identities.first { $0.keyType == "ssh-ed25519" })
        XCTAssertEqual(ed25519.publicKey, key)
        XCTAssertEqual(ed25519.comment, "ana@agent")
        XCTAssertNil(identities.first { $0.keyType != "ssh-ed25519" }?.publicKey)

        let signature = try client.signature(message: message, namespace: namespace, publicKey: key)
        XCTAssertTrue(signature.verify(message: message, namespace: namespace, signer: key))
        XCTAssertFalse(signature.verify(message: message, namespace: "other"))
        // The same bytes ssh-keygen writes with the key file, and it verifies them.
        XCTAssertEqual(signature.armored, try ssh.sign(key: keyPath, namespace: namespace, message: message))
        let verified = try ssh.verify(armored: signature.armored, key: key, namespace: namespace, message: message, in: directory)
        XCTAssertEqual(verified.status, 0, verified.stderr)

        // Through the Signer protocol, from the .pub path.
        let signer = try makeSigner(keyPath: keyPath + ".pub", agentSocket: agent.socket)
        XCTAssertTrue(signer is AgentSigner)
        XCTAssertEqual(signer.publicKey, key)
        XCTAssertEqual(try signer.sign(message: message, namespace: namespace), signature)
    }

    func testKeyNotInAgent() throws {
        let agent = try startAgent()
        let stranger = try SSHPublicKey(ed25519: Ed25519.publicKey(seed: [UInt8](repeating: 5, count: 32)))
        let client = SSHAgentClient(socketPath: agent.socket)
        XCTAssertEqual(try client.identities(), [])
        XCTAssertThrowsError(try client.signature(message: message, namespace: namespace, publicKey: stranger)) {
            XCTAssertEqual($0 as? SSHAgentError, .keyNotInAgent(fingerprint: stranger.fingerprint))
        }
    }

    func testNoAgentAtTheSocketIsAClearErrorAtOnce() throws {
        let start = Date()
        let missing = SSHAgentClient(socketPath: directory.path + "/no-agent.sock")
        XCTAssertThrowsError(try missing.identities()) {
            guard case .cannotConnect(let path, let reason) = $0 as? SSHAgentError else { return XCTFail("\($0)") }
            XCTAssertEqual(path, self.directory.path + "/no-agent.sock")
            XCTAssertFalse(reason.isEmpty)
        }
        // A socket file nobody listens on (an agent that died without cleaning up): refused.
        let stale = directory.path + "/stale.sock"
        let listener = try MuteListener(path: stale, listening: false)
        defer { listener.close() }
        XCTAssertThrowsError(try SSHAgentClient(socketPath: stale).identities()) {
            guard case .cannotConnect(_, let reason) = $0 as? SSHAgentError else { return XCTFail("\($0)") }
            XCTAssertFalse(reason.isEmpty)
        }
        // An agent stopped in the ordinary way removes its socket.
        let agent = try startAgent()
        agent.stop()
        XCTAssertThrowsError(try SSHAgentClient(socketPath: agent.socket).identities()) {
            guard case .cannotConnect = $0 as? SSHAgentError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try SSHAgentClient(socketPath: "/" + String(repeating: "x", count: 200)).identities()) {
            guard case .socketPathTooLong = $0 as? SSHAgentError else { return XCTFail("\($0)") }
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "refusals must be immediate")
    }

    func testAnAgentThatNeverAnswersTimesOut() throws {
        // A socket that accepts connections (the kernel queues them) but never replies.
        let path = directory.path + "/mute.sock"
        let listener = try MuteListener(path: path)
        defer { listener.close() }
        let client = SSHAgentClient(socketPath: path, connectTimeout: 1, replyTimeout: 0.3)
        let start = Date()
        XCTAssertThrowsError(try client.identities()) {
            guard case .timedOut(let p, _) = $0 as? SSHAgentError else { return XCTFail("\($0)") }
            XCTAssertEqual(p, path)
        }
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 0.29)
        XCTAssertLessThan(elapsed, 5)
    }

    func testAnAgentThatAcceptsNothingTimesOutConnecting() throws {
        // A listen queue of one, filled by us: further connections cannot even start.
        let path = directory.path + "/full.sock"
        let listener = try MuteListener(path: path, backlog: 0)
        defer { listener.close() }
        var fillers: [Int32] = []
        defer { for fd in fillers { _ = Foundation.close(fd) } }
        while fillers.count < 16 {
            let fd = try MuteListener.connectNonBlocking(path)
            guard fd >= 0 else { break }
            fillers.append(fd)
        }
        XCTAssertLessThan(fillers.count, 16, "the listen queue never filled")
        let client = SSHAgentClient(socketPath: path, connectTimeout: 0.3, replyTimeout: 5)
        let start = Date()
        XCTAssertThrowsError(try client.identities()) {
            XCTAssertEqual($0 as? SSHAgentError, .timedOut(path: path, step: "connecting"))
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }
}

/// A Unix socket that listens and never accepts or answers (or, with
/// `listening: false`, is only bound: connections are refused).
final class MuteListener {
    private var fd: Int32

    init(path: String, listening: Bool = true, backlog: Int32 = 8) throws {
        #if canImport(Glibc)
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in path.utf8.enumerated() { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, bound == 0, !listening || listen(fd, backlog) == 0 else { throw MissingTool(name: "a Unix socket at \(path)") }
    }

    func close() {
        if fd >= 0 { _ = Foundation.close(fd) }
        fd = -1
    }

    /// A non-blocking connection to `path`: its descriptor, or -1 when the
    /// listen queue is full (EAGAIN).
    static func connectNonBlocking(_ path: String) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in path.utf8.enumerated() { raw[i] = b }
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if rc == 0 { return fd }
        let error = errno
        _ = Foundation.close(fd)
        guard error == EAGAIN else { throw MissingTool(name: "a connection to \(path) (errno \(error))") }
        return -1
    }
}
