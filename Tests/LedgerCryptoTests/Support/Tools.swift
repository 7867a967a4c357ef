// External tools the cross-checks need (python3, ssh-keygen, ssh-agent,
// ssh-add): found on PATH, or the test FAILS saying what to install. They
// are never skipped: a machine without them must not pass silently.
import Foundation
import XCTest

struct MissingTool: Error, CustomStringConvertible {
    let name: String
    var description: String { "\(name) not found" }
}

/// What a tool printed and how it exited.
struct ToolResult {
    var status: Int32
    var stdout: [UInt8]
    var stderr: String
    var out: String { String(decoding: stdout, as: UTF8.self) }
}

enum Tools {
    /// How to install each tool the tests use.
    static let installHint: [String: String] = [
        "python3": "install python3 (apt-get install python3)",
        "ssh-keygen": "install OpenSSH's client (apt-get install openssh-client)",
        "ssh-agent": "install OpenSSH's client (apt-get install openssh-client)",
        "ssh-add": "install OpenSSH's client (apt-get install openssh-client)",
    ]

    /// The path of `name` on PATH (or in /usr/bin, /usr/local/bin); fails the
    /// calling test with an install hint, and throws, when it is missing.
    static func require(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        for directory in directories {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        XCTFail("\(name) is needed by this test and was not found: \(installHint[name] ?? "install it")", file: file, line: line)
        throw MissingTool(name: name)
    }

    /// Runs `executable` with `arguments`, `stdin` as its input, and waits.
    /// Output goes through files, so no pipe can fill up and block.
    static func run(_ executable: String, _ arguments: [String], stdin: [UInt8] = [],
                    environment: [String: String]? = nil) throws -> ToolResult {
        let scratch = try TemporaryDirectory()
        let inPath = scratch.path + "/stdin", outPath = scratch.path + "/stdout", errPath = scratch.path + "/stderr"
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(stdin))
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let input = FileHandle(forReadingAtPath: inPath)!, output = FileHandle(forWritingAtPath: outPath)!
        let errors = FileHandle(forWritingAtPath: errPath)!
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        try input.close(); try output.close(); try errors.close()
        let stdout = [UInt8](FileManager.default.contents(atPath: outPath) ?? Data())
        let stderr = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        return ToolResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Runs a python3 program and returns its standard output; fails on a non-zero exit.
    static func python(_ program: String, stdin: [UInt8] = [], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let python = try require("python3", file: file, line: line)
        let result = try run(python, ["-c", program], stdin: stdin)
        guard result.status == 0 else {
            XCTFail("python3 failed: \(result.stderr)", file: file, line: line)
            throw MissingTool(name: "a working python3")
        }
        return result.out
    }
}

/// A fresh directory under the system's temporary directory, removed on deinit.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let base = NSTemporaryDirectory() + "ledger-crypto-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        path = base
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    func read(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)), as: UTF8.self)
    }
}

/// Bytes as lowercase hex, and back.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8] {
        let chars = Array(text.utf8).filter { !($0 == 32 || $0 == 10) }
        precondition(chars.count % 2 == 0, "odd hex length")
        func value(_ c: UInt8) -> UInt8 {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: preconditionFailure("not hex")
            }
        }
        return stride(from: 0, to: chars.count, by: 2).map { value(chars[$0]) << 4 | value(chars[$0 + 1]) }
    }
}

/// SplitMix64: a seeded generator, so a failing property test reproduces.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) } }
}
