// The shared POSIX file layer in a temporary directory: whole files,
// listings and walks in sorted order, trees copied and removed without
// following symlinks, read-only directories removed, and the errors' words.

import LedgerToolSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class FilesTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = try Files.makeTemporaryDirectory(prefix: "tool-support-files-")
    }

    override func tearDownWithError() throws {
        try Files.removeTree(root)
        XCTAssertFalse(Files.exists(root))
    }

    func testWholeFiles() throws {
        let path = root + "/a.bin"
        let bytes: [UInt8] = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Files.write(path, bytes)
        XCTAssertEqual(try Files.read(path), bytes)
        XCTAssertEqual(Files.size(path), 200_000)
        XCTAssertEqual(Files.kind(path), .regular)
        try Files.write(path, "shorter\u{e9}")
        XCTAssertEqual(Files.readText(path), "shorter\u{e9}", "a write replaces the whole file")
        try Files.write(path, [0x61, 0xFF])
        XCTAssertEqual(Files.readText(path), "a\u{FFFD}")
        try Files.write(root + "/empty", [])
        XCTAssertEqual(try Files.read(root + "/empty"), [])
    }

    func testModes() throws {
        try Files.write(root + "/private", Array("x".utf8), mode: 0o600)
        var st = stat()
        XCTAssertEqual(stat(root + "/private", &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
    }

    func testErrorsNameThePathAndTheReason() {
        XCTAssertThrowsError(try Files.read(root + "/missing")) {
            XCTAssertEqual("\($0)", "cannot open \(root)/missing: No such file or directory")
        }
        XCTAssertNil(Files.readText(root + "/missing"))
        XCTAssertNil(Files.size(root + "/missing"))
        XCTAssertNil(Files.kind(root + "/missing"))
        XCTAssertThrowsError(try Files.write(root + "/no/such/dir/file", "x")) {
            XCTAssertEqual("\($0)", "cannot write \(root)/no/such/dir/file: No such file or directory")
        }
    }

    func testDirectoriesListedAndWalkedInOrder() throws {
        try Files.makeDirectories(root + "/t/b/deep")
        try Files.makeDirectories(root + "/t/b/deep")  // again: fine
        try Files.write(root + "/t/z.txt", "z")
        try Files.write(root + "/t/a-b", "x")
        try Files.write(root + "/t/b/deep/f", "f")
        symlink("/dev/zero", root + "/t/link")
        XCTAssertTrue(Files.isDirectory(root + "/t/b"))
        XCTAssertFalse(Files.isDirectory(root + "/t/z.txt"))
        XCTAssertEqual(Files.kind(root + "/t/link"), .symlink)
        XCTAssertEqual(Files.symlinkTarget(root + "/t/link"), "/dev/zero")
        XCTAssertEqual(Files.list(root + "/t"), ["a-b", "b", "link", "z.txt"])
        XCTAssertEqual(Files.walk(root + "/t"), ["a-b", "b", "b/deep", "b/deep/f", "link", "z.txt"])
        XCTAssertEqual(Files.regularFiles(under: root + "/t"), ["a-b", "b/deep/f", "z.txt"])
        XCTAssertEqual(Files.list(root + "/missing"), [])
        XCTAssertEqual(Files.walk(root + "/missing"), [])
    }

    func testCopyTreeSkipsAndKeepsSymlinksAsSymlinks() throws {
        try Files.makeDirectories(root + "/from/events/.cache")
        try Files.write(root + "/from/events/journal.jsonl", "{}\n")
        try Files.write(root + "/from/events/.cache/facts", "cache")
        symlink("/dev/zero", root + "/from/zero")
        try Files.makeDirectories(root + "/to")
        try Files.write(root + "/to/stale", "old")
        try Files.copyTree(root + "/from", root + "/to", skip: ["events/.cache"])
        XCTAssertEqual(Files.walk(root + "/to"), ["events", "events/journal.jsonl", "zero"])
        XCTAssertEqual(Files.readText(root + "/to/events/journal.jsonl"), "{}\n")
        XCTAssertEqual(Files.symlinkTarget(root + "/to/zero"), "/dev/zero")
    }

    func testRemoveTreeDoesNotFollowSymlinksAndOpensReadOnlyDirectories() throws {
        try Files.makeDirectories(root + "/outside")
        try Files.write(root + "/outside/keep", "keep")
        try Files.makeDirectories(root + "/tree/locked")
        try Files.write(root + "/tree/locked/f", "f")
        symlink(root + "/outside", root + "/tree/link")
        chmod(root + "/tree/locked", 0o500)
        try Files.removeTree(root + "/tree")
        XCTAssertFalse(Files.exists(root + "/tree"))
        XCTAssertEqual(Files.readText(root + "/outside/keep"), "keep", "the symlink's target is untouched")
        try Files.removeTree(root + "/tree")  // nothing there: fine
        try Files.write(root + "/single", "x")
        try Files.removeTree(root + "/single")
        XCTAssertFalse(Files.exists(root + "/single"))
    }

    func testRemove() throws {
        try Files.write(root + "/f", "x")
        Files.remove(root + "/f")
        XCTAssertFalse(Files.exists(root + "/f"))
        try Files.makeDirectories(root + "/d")
        Files.remove(root + "/d")
        XCTAssertFalse(Files.exists(root + "/d"))
        Files.remove(root + "/never")
    }

    func testTemporaryDirectoriesAreNewAndEmpty() throws {
        let a = try Files.makeTemporaryDirectory(prefix: "tool-support-tmp-")
        let b = try Files.makeTemporaryDirectory(prefix: "tool-support-tmp-")
        defer { try? Files.removeTree(a); try? Files.removeTree(b) }
        XCTAssertNotEqual(a, b)
        XCTAssertTrue(Files.isDirectory(a))
        XCTAssertEqual(Files.list(a), [])
        XCTAssertTrue(a.split(separator: "/").last!.hasPrefix("tool-support-tmp-"))
    }

    func testThisProcess() {
        XCTAssertNotNil(Files.selfExecutable())
        XCTAssertTrue(Files.isDirectory(Files.currentDirectory()))
    }
}
