// `member add|roles|remove|list`, `require-signatures` and `attest`: the
// events of "who recorded it, proven", appended signed with the session's
// key (decide refuses them unsigned), and the roster read back.

import LedgerCore
import LedgerStore
import LedgerCrypto

/// A member as `member list` shows it.
public struct MemberListing: Sendable {
    public var name: String
    public var publicKey: SSHPublicKey
    public var roles: [Role]
    public var isActive: Bool
    public var addedSeq: Int64
    public var removedSeq: Int64?
}

extension Session {
    /// Appends trust commands (one batch), signed with the session's key.
    func appendSigned(_ commands: [Command], actor: String?) throws -> [ChainHead] {
        try requireLedger()
        let author = try author(actor)
        let now = try clock()
        switch try explainingTornTail({ try ledger.append(commands.map { ($0, nil) }, by: author, signing: try batchSigning(), clock: now) }) {
        case .failure(let batch): throw batch.refusals[0].1
        case .success(let receipts): return receipts.map(\.head)
        }
    }

    /// `member add`: a name, a public key (line or `.pub` path) and roles.
    public func addMember(name: String, publicKey: String, roles: String, actor: String?) throws -> [ChainHead] {
        let key = try Session.publicKey(publicKey)
        let record = MemberRecord(name: NFC.normalize(name.trimmingSpaces), publicKey: key, roles: try Session.roles(roles))
        return try appendSigned([.addMember(record)], actor: actor)
    }

    /// `member roles`: the member's roles replaced.
    public func changeRoles(name: String, roles: String, actor: String?) throws -> [ChainHead] {
        try appendSigned([.changeRoles(name: NFC.normalize(name.trimmingSpaces), roles: try Session.roles(roles))], actor: actor)
    }

    /// `member remove`.
    public func removeMember(name: String, actor: String?) throws -> [ChainHead] {
        try appendSigned([.removeMember(name: NFC.normalize(name.trimmingSpaces))], actor: actor)
    }

    /// `require-signatures`: every event from here on must be signed.
    public func requireSignatures(actor: String?) throws -> [ChainHead] {
        try appendSigned([.requireSignatures], actor: actor)
    }

    /// Roles as typed: `recorder,auditor`, or the Spanish words.
    static func roles(_ text: String) throws -> [Role] {
        var roles: [Role] = []
        for part in text.split(separator: ",") {
            guard let r = Role(anyName: String(part)) else {
                throw FieldError.notOneOf(field: "role", text: String(part).trimmingSpaces, allowed: "admin, planner, recorder, auditor")
            }
            roles.append(r)
        }
        return Role.canonical(roles)
    }

    /// Every member ever added, as the journal leaves them.
    public func members() throws -> [MemberListing] {
        try requireLedger()
        return try ledger.memberRoster().members.map {
            MemberListing(name: $0.name, publicKey: $0.publicKey, roles: $0.roles, isActive: $0.isActive, addedSeq: $0.addedSeq, removedSeq: $0.removedSeq)
        }
    }

    /// `export signers`: an OpenSSH allowed_signers file of the active
    /// members (`NAME namespaces="ledger-poa@v2" ssh-ed25519 AAAA…`), for
    /// `ssh-keygen -Y verify -f FILE -I NAME -n ledger-poa@v2`.
    public func allowedSigners(includeRemoved: Bool = true) throws -> String {
        var out = ""
        for m in try members() where includeRemoved || m.isActive {
            out += "\(m.name) namespaces=\"\(SignedBatch.namespace)\" \(m.publicKey.line)\n"
        }
        return out
    }
}

extension Session {
    /// `attest YYYY-Qn`: the Comisario's signed statement pinning the
    /// journal's head and the SHA-256 of every snapshot file of the quarter
    /// (`snapshots/YYYY-Qn_*`), as they are now.
    public func attest(quarter: Period, plan: String?, actor: String?) throws -> [ChainHead] {
        try requireLedger()
        let names = ledger.snapshotFileNames().filter { $0.hasPrefix("\(quarter)_") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var files: [AttestedFile] = []
        for name in names {
            guard let bytes = try ledger.readSnapshot(name) else { continue }
            files.append(AttestedFile(name: name, sha256: SHA256.hash(bytes)))
        }
        let head = try ledger.head().cursor
        return try appendSigned([.attestQuarter(QuarterAttestation(quarter: quarter, plan: plan, headSeq: head.seq, headHash: head.hash,
                                                                   files: files))], actor: actor)
    }
}
