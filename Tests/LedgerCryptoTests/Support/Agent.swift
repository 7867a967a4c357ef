// A private ssh-agent for one test: started in the foreground on a socket
// in a temporary directory (`ssh-agent -D -a SOCK`), keys added with
// ssh-add, stopped (SIGTERM, then reaped) when the test ends.
import Foundation
import XCTest

final class TestAgent {
    let socket: String
    private let process: Process
    private let add: String

    init(in directory: TemporaryDirectory, file: StaticString = #filePath, line: UInt = #line) throws {
        let agent = try Tools.require("ssh-agent", file: file, line: line)
        add = try Tools.require("ssh-add", file: file, line: line)
        socket = directory.path + "/agent.sock"
        process = Process()
        process.executableURL = URL(fileURLWithPath: agent)
        process.arguments = ["-D", "-a", socket]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait (up to ten seconds) for the agent to bind its socket.
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: socket) {
            guard process.isRunning, Date() < deadline else {
                stop()
                XCTFail("ssh-agent did not create \(socket)", file: file, line: line)
                throw MissingTool(name: "a working ssh-agent")
            }
            usleep(5_000)
        }
    }

    /// `ssh-add KEY` against this agent.
    func add(key: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["SSH_AUTH_SOCK"] = socket
        let result = try Tools.run(add, ["-q", key], environment: environment)
        XCTAssertEqual(result.status, 0, "ssh-add: \(result.stderr)", file: file, line: line)
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}
