// A journal's bytes in memory, read the way a journal file is: for the
// tests that give the store's readers (ChainPipeline, IndexedFacts) a
// journal without a folder.

@testable import LedgerStore

/// Bytes in memory, read the way a journal file is; tests may append to them.
final class InMemoryJournalBytes: ReadableBytes {
    let path = "test/journal.jsonl"
    var bytes: [UInt8]
    init(_ bytes: [UInt8] = []) { self.bytes = bytes }
    func size() throws -> Int64 { Int64(bytes.count) }
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        guard offset < Int64(bytes.count) else { return 0 }
        let n = min(buffer.count, bytes.count - Int(offset))
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + Int(offset), byteCount: n) }
        return n
    }
}
