// The chain rule, in one place: an event's hash is SHA-256 over the previous
// event's hash, written as 64 lowercase hex digits, followed by the exact bytes
// of the event's line up to (not including) its `,"hash":` field.
// FORMAT.md states the same rule for auditors who check without our binary.
import LedgerCrypto

public enum ChainHash {
    /// The hash of an event whose line body is `body`, chained to `previous`.
    /// The 64 hex digits of `previous` are exactly one SHA-256 block, so the
    /// body starts on a block boundary; no buffer is allocated.
    public static func of(previous: Digest256, body: UnsafeRawBufferPointer) -> Digest256 {
        let hardware = SHA256.usesHardware
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { state in
            for i in 0..<8 { state[i] = SHA256.initialState[i] }
            withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { block in
                previous.writeHex(into: block)
                compress(state.baseAddress!, UnsafeRawPointer(block.baseAddress!), 1, hardware)
                let whole = body.count / 64
                if whole > 0 { compress(state.baseAddress!, body.baseAddress!, whole, hardware) }
                let rest = body.count - whole * 64
                // Padding: the remaining bytes, 0x80, zeros, the 64-bit bit length.
                for i in 0..<128 { block[i] = 0 }
                for i in 0..<rest { block[i] = body[whole * 64 + i] }
                block[rest] = 0x80
                let tailBlocks = rest + 1 + 8 <= 64 ? 1 : 2
                let bits = UInt64(64 + body.count) &* 8
                for i in 0..<8 { block[tailBlocks * 64 - 1 - i] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * i)) }
                compress(state.baseAddress!, UnsafeRawPointer(block.baseAddress!), tailBlocks, hardware)
            }
            func pair(_ i: Int) -> UInt64 { UInt64(state[i]) << 32 | UInt64(state[i + 1]) }
            return Digest256(bytes: (pair(0), pair(2), pair(4), pair(6)))
        }
    }

    public static func of(previous: Digest256, body: [UInt8]) -> Digest256 {
        body.withUnsafeBytes { of(previous: previous, body: $0) }
    }

    @inline(__always)
    private static func compress(_ state: UnsafeMutablePointer<UInt32>, _ data: UnsafeRawPointer, _ blocks: Int, _ hardware: Bool) {
        SHA256.compress(state, data, blocks: blocks, hardware: hardware)
    }
}
