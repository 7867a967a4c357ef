// Constant-time checks on the journal's bytes near a position, used to
// validate caches (the facts index, state checkpoints) without rereading
// history. Every line ends with `<64 hex of its hash>"}\n`, so the 67 bytes
// before a line boundary name the event that ends there.

import LedgerCore

enum JournalTail {
    /// True when the line ending at `offset` carries hash `hash`.
    static func lineEnds(_ journal: some ReadableBytes, at offset: Int64, withHash hash: Digest256) throws -> Bool {
        guard offset >= 67 else { return false }
        let bytes = try journal.read(count: 67, at: offset - 67)
        guard bytes.count == 67, bytes[64] == UInt8(ascii: "\""), bytes[65] == UInt8(ascii: "}"), bytes[66] == 0x0A else { return false }
        return Digest256(hex: bytes[0..<64]) == hash
    }
}
