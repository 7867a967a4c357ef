// What `attest YYYY-Qn` records: the Comisario's signed statement that the
// quarter's snapshot files, as they are, were seen against the journal as it
// stood (its head). `verify` later requires every attested file to be there
// with the SHA-256 recorded.

/// A snapshot file as attested: its name in snapshots/ and the SHA-256 of its bytes.
public struct AttestedFile: Equatable, Sendable {
    public var name: String
    public var sha256: Digest256

    public init(name: String, sha256: Digest256) {
        self.name = name
        self.sha256 = sha256
    }
}

/// A quarter attested (validó): the quarter, the plan (nil: every plan), the
/// journal head it was attested against, and its snapshot files.
public struct QuarterAttestation: Equatable, Sendable {
    public var quarter: Period
    public var plan: String?
    /// The event just before the attestation: the journal as it was seen.
    public var headSeq: Int64
    public var headHash: Digest256
    /// In name order, at least one.
    public var files: [AttestedFile]

    public init(quarter: Period, plan: String?, headSeq: Int64, headHash: Digest256, files: [AttestedFile]) {
        self.quarter = quarter
        self.plan = plan
        self.headSeq = headSeq
        self.headHash = headHash
        self.files = files
    }
}
