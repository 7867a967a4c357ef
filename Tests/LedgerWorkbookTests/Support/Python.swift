// python3 as the reference implementation: zlib (CRC-32, DEFLATE), zipfile
// and xml.etree. Each test sends one batch of inputs through one process, as
// length-prefixed frames, so the whole suite starts python a handful of times.
// python3 is on every machine of this kind; where it is missing the tests
// that need it are skipped, saying so.

import Foundation
import XCTest

enum Python {
    /// Helpers every script gets: `frames()` reads the length-prefixed inputs
    /// from stdin, `emit(bytes)` writes one length-prefixed output.
    static let prelude = """
    import sys, struct, zlib, zipfile, io
    def frames():
        data = sys.stdin.buffer.read()
        out, i = [], 0
        while i < len(data):
            (n,) = struct.unpack_from('<I', data, i)
            out.append(data[i + 4:i + 4 + n])
            i += 4 + n
        return out
    def emit(b):
        sys.stdout.buffer.write(struct.pack('<I', len(b)) + b)

    """

    struct Failure: Error, CustomStringConvertible {
        var status: Int32
        var stderr: String
        var description: String { "python3 exited with \(status): \(stderr)" }
    }

    private final class ErrorOutput: @unchecked Sendable { var data = Data() }

    static let isAvailable: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import zlib, zipfile, xml.etree.ElementTree"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    static func requireAvailable() throws {
        try XCTSkipUnless(isAvailable, "python3 (with zlib, zipfile, xml.etree) is not on this machine")
    }

    /// Runs `script` (after the prelude) with `inputs` as frames on stdin;
    /// returns the frames it emitted.
    static func run(_ script: String, inputs: [[UInt8]] = []) throws -> [[UInt8]] {
        try requireAvailable()
        var stdin = [UInt8]()
        for input in inputs {
            let n = UInt32(input.count)
            stdin += [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)]
            stdin += input
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", prelude + script]
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        try p.run()
        // Feed stdin and drain stderr beside the stdout read, so no pipe fills up.
        let stdinData = Data(stdin)
        let group = DispatchGroup()
        let errBox = ErrorOutput()
        DispatchQueue.global().async(group: group) {
            inPipe.fileHandleForWriting.write(stdinData)
            try? inPipe.fileHandleForWriting.close()
        }
        DispatchQueue.global().async(group: group) {
            errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile()
        }
        let out = [UInt8](outPipe.fileHandleForReading.readDataToEndOfFile())
        p.waitUntilExit()
        group.wait()
        let errData = errBox.data
        guard p.terminationStatus == 0 else {
            throw Failure(status: p.terminationStatus, stderr: String(decoding: errData, as: UTF8.self))
        }
        var frames: [[UInt8]] = []
        var i = 0
        while i + 4 <= out.count {
            let n = Int(out[i]) | Int(out[i + 1]) << 8 | Int(out[i + 2]) << 16 | Int(out[i + 3]) << 24
            frames.append(Array(out[(i + 4)..<(i + 4 + n)]))
            i += 4 + n
        }
        return frames
    }
}
