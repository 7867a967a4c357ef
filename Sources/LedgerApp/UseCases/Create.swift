// `init`: creates the ledger (its folders and the first event, which opens
// it with the entity's name, time zone and status bands).

import LedgerCore
import LedgerStore

/// What `init` is given, as the user wrote it.
public struct LedgerOpening: Sendable {
    public var entity: String?
    public var timeZone: String?
    public var green: String?
    public var yellow: String?
    public var ceiling: String?
    /// `--deadline-day`: readings are due by this day of the following month.
    public var deadlineDay: String?
    /// `--admin NAME --public-key PUB`: the first member, an admin, added in
    /// the opening batch, which that member's key (`--key`) signs.
    public var admin: String?
    public var adminKey: String?
    /// `--signatures required`: unsigned appends refused from the start.
    public var signaturesRequired = false
    /// A demonstration or reconstruction ledger (`--demo`): LEDGER_CLOCK
    /// may set its recorded times, and every report says so.
    public var isDemo: Bool

    public init(entity: String?, timeZone: String? = nil, green: String? = nil, yellow: String? = nil, ceiling: String? = nil,
                deadlineDay: String? = nil, isDemo: Bool = false) {
        self.entity = entity
        self.timeZone = timeZone
        self.green = green
        self.yellow = yellow
        self.ceiling = ceiling
        self.deadlineDay = deadlineDay
        self.isDemo = isDemo
    }
}

extension Session {
    /// Creates the ledger; returns the entity's name and the first event's receipt.
    public func create(_ opening: LedgerOpening, actor: String?) throws -> (entity: String, receipt: ChainHead) {
        if host.clockIsSetByUser && !opening.isDemo { throw Problem.clockSetWithoutDemo }
        let author = try author(actor)
        let zoneName = opening.timeZone ?? "UTC"
        guard TimeZoneRules.load(zoneName) != nil else { throw Problem.unknownTimeZone(zoneName) }
        var bands = StatusBands.standard
        func number(_ text: String?, _ name: String) throws -> DecimalNumber? {
            guard let t = text?.trimmingSpaces, !t.isEmpty else { return nil }
            return try FieldValues.number(t, name)
        }
        if let g = try number(opening.green, "green") { bands.green = g }
        if let y = try number(opening.yellow, "yellow") { bands.yellow = y }
        bands.ceiling = try number(opening.ceiling, "ceiling")
        guard let entity = opening.entity?.trimmingSpaces, !entity.isEmpty else { throw Refusal.emptyField("entity") }
        var day: Int?
        if let text = opening.deadlineDay?.trimmingSpaces, !text.isEmpty { day = try EventForm.deadlineDay(text, field: "deadline-day") }
        let settings = LedgerSettings(entity: entity, timeZone: zoneName, bands: bands, deadlineDay: day, isDemo: opening.isDemo,
                                      rulesEdition: LedgerSettings.currentRulesEdition)
        if case .failure(let r) = Decider.decide(.open(settings), facts: LedgerState()) { throw r }
        if opening.admin != nil || opening.adminKey != nil || opening.signaturesRequired {
            return (entity, try createSigned(settings, opening, author: author))
        }
        let receipt = try ledger.create(settings, by: author, clock: host.now)
        return (entity, receipt.head)
    }

    /// `init --admin NAME --public-key PUB [--signatures required]`: the
    /// opening, the first admin and the requirement, one batch signed by the admin's key.
    func createSigned(_ settings: LedgerSettings, _ opening: LedgerOpening, author: Author) throws -> ChainHead {
        guard let admin = opening.admin?.trimmingSpaces, !admin.isEmpty else { throw FieldError.missing("admin") }
        guard let keyText = opening.adminKey, !keyText.trimmingSpaces.isEmpty else { throw FieldError.missing("public-key") }
        let key = try Session.publicKey(keyText)
        guard let signing = try batchSigning() else { throw Refusal.signatureNeeded(.memberAdded) }
        guard signing.publicKey == key else { throw Refusal.keyOfNoMember(fingerprint: signing.publicKey.fingerprint) }
        var commands: [Command] = [.open(settings), .addMember(MemberRecord(name: NFC.normalize(admin), publicKey: key, roles: [.admin]))]
        if opening.signaturesRequired { commands.append(.requireSignatures) }
        try ledger.createEmpty()
        switch try ledger.append(commands.map { ($0, nil) }, by: author, signing: signing, clock: host.now) {
        case .failure(let batch): throw batch.refusals[0].1
        case .success(let receipts): return receipts.last!.head
        }
    }
}
