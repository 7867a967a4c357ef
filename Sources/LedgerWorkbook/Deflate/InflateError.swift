// Every way a DEFLATE stream can be wrong, as data: the decompressor never
// traps, never loops on garbage and never writes past the caller's limit.

/// Why a DEFLATE stream was refused.
public enum InflateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended before the final block did.
    case truncated
    /// Bytes follow the final block (the stream must fill its input exactly).
    case trailingData(bytes: Int)
    /// Block type 3, which RFC 1951 reserves.
    case reservedBlockType
    /// A stored block whose LEN is not the complement of its NLEN.
    case storedLengthMismatch
    /// A dynamic block announcing more than 286 literal/length or 30 distance codes.
    case tooManyCodes
    /// The code length code is over-subscribed or incomplete.
    case invalidCodeLengthCode
    /// A repeat (symbol 16) with no previous length, or runs past the announced count.
    case invalidCodeLengthRepeat
    /// The literal/length code has no end-of-block symbol.
    case missingEndOfBlock
    /// The literal/length code lengths are over-subscribed or incomplete.
    case invalidLiteralLengthCode
    /// The distance code lengths are over-subscribed or incomplete.
    case invalidDistanceCode
    /// A bit pattern that no symbol has, or symbol 286, 287 (length) or 30, 31 (distance).
    case invalidSymbol
    /// A match reaching before the start of the output.
    case distanceTooFarBack(distance: Int, available: Int)
    /// The output would exceed the caller's limit (a decompression bomb, or a lying size).
    case outputLimitExceeded(limit: Int)

    public var description: String {
        switch self {
        case .truncated: return "the compressed data ends before its last block"
        case .trailingData(let n): return "\(n) bytes follow the end of the compressed data"
        case .reservedBlockType: return "a compressed block has the reserved type 3"
        case .storedLengthMismatch: return "a stored block's length does not match its complement"
        case .tooManyCodes: return "a compressed block announces more codes than DEFLATE has"
        case .invalidCodeLengthCode: return "a compressed block's code length code is not a complete prefix code"
        case .invalidCodeLengthRepeat: return "a compressed block repeats a code length that does not exist"
        case .missingEndOfBlock: return "a compressed block has no end-of-block code"
        case .invalidLiteralLengthCode: return "a compressed block's literal/length code is not a complete prefix code"
        case .invalidDistanceCode: return "a compressed block's distance code is not a valid prefix code"
        case .invalidSymbol: return "the compressed data holds a code that means nothing"
        case .distanceTooFarBack(let d, let a): return "the compressed data refers \(d) bytes back where only \(a) exist"
        case .outputLimitExceeded(let limit): return "the data inflates to more than \(limit) bytes"
        }
    }
}
