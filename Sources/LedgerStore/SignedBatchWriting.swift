// A batch being appended, encoded line by line: its bytes (one buffer,
// written with one write), the events as recorded (for the facts index)
// and their receipts. A signed batch gets its `batch_signed` line last,
// over the bytes of the lines before it (FORMAT.md, "Signatures").

import LedgerCore
import LedgerCrypto

/// How a batch is signed, as the store sees it: the signer's public key,
/// and a function that returns the SSHSIG blob of a message (made by
/// ssh-agent or ssh-keygen at the edge; the store never sees a private key).
public struct BatchSigning {
    public var publicKey: SSHPublicKey
    public var sign: ([UInt8]) throws -> [UInt8]
    /// Begins a signature before its message is known, where the signer
    /// can be started early and asks nobody anything (a key file's
    /// ssh-keygen, started while the batch is decided); nil where not.
    public var begin: (() -> StartedSignature?)?

    public init(publicKey: SSHPublicKey, sign: @escaping ([UInt8]) throws -> [UInt8],
                begin: (() -> StartedSignature?)? = nil) {
        self.publicKey = publicKey
        self.sign = sign
        self.begin = begin
    }
}

/// A signature begun before its message is known (`BatchSigning.begin`):
/// finished once with the message, or cancelled (also when dropped). It
/// never waits for a person, so the store may finish it under the lock.
public final class StartedSignature {
    private var finishing: (([UInt8]) -> [UInt8]?)?
    private var cancelling: (() -> Void)?

    /// `finish` returns the SSHSIG blob of its message, or nil when the
    /// early signer could not make it (the batch is then signed the
    /// ordinary way); `cancel` stops the signer and reaps it.
    public init(finish: @escaping ([UInt8]) -> [UInt8]?, cancel: @escaping () -> Void) {
        finishing = finish
        cancelling = cancel
    }

    /// The blob of `message`, or nil (see init). Only the first call signs.
    public func finish(_ message: [UInt8]) -> [UInt8]? {
        guard let f = finishing else { return nil }
        finishing = nil
        cancelling = nil
        return f(message)
    }

    /// Stops the signer without a message (a refusal, a dry run, an error).
    public func cancel() {
        finishing = nil
        if let c = cancelling {
            cancelling = nil
            c()
        }
    }

    deinit { cancel() }
}

struct EncodedBatch {
    let journal: SegmentedJournal
    let index: FactsIndex
    /// The journal's size when the batch was decided.
    let size: Int64
    /// The head the batch extends.
    let start: JournalCursor
    /// The member that signs it, for a signed batch.
    let signer: SignerIdentity?
    private(set) var cursor: JournalCursor
    private(set) var bytes: [UInt8] = []
    private(set) var written: [(RecordedEvent, Int64)] = []
    private(set) var receipts: [Receipt] = []

    init(journal: SegmentedJournal, index: FactsIndex, size: Int64, start: JournalCursor, signer: SignerIdentity?) {
        self.journal = journal
        self.index = index
        self.size = size
        self.start = start
        self.signer = signer
        cursor = start
    }

    /// Encodes `p` as the next event, recorded at `at` (`clock`: the clock's
    /// reading, kept when it was behind the journal; RecordedTime).
    mutating func append(_ p: PendingEvent, author: Author, at: Timestamp, clock: Timestamp? = nil, more: Int) throws {
        let seq = cursor.seq + 1
        let (line, hash) = try Ledger.encode(seq: seq, at: at, clock: clock, author: author, pending: p, more: more, previous: cursor.hash)
        let offset = start.offset + Int64(bytes.count)
        bytes.append(contentsOf: line)
        written.append((RecordedEvent(seq: seq, at: at, actor: author.actor, osUser: author.osUser, payload: p.payload,
                                      reason: p.reason, document: p.document, source: p.source, more: more, previousHash: cursor.hash,
                                      hash: hash, clock: clock), offset))
        receipts.append(Receipt(seq: seq, hash: hash, at: at))
        cursor = JournalCursor(seq: seq, hash: hash, at: at, offset: offset + Int64(line.count))
    }

    /// Ends the batch with its signature line (`blob` signs `bytes` as they are now).
    mutating func appendSignature(_ blob: [UInt8], signer: SignerIdentity, osUser: String) throws {
        let first = start.seq + 1
        try append(PendingEvent(.batchSigned(BatchSignature(signer: signer.name, fromSeq: first, blob: blob))),
               author: Author(actor: signer.name, osUser: osUser), at: cursor.at.next, more: 0)
    }
}
