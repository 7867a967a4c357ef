// Who may record what: the four roles of a ledger's members and the role
// each event type needs (docs/CONTRACT.md, "Who recorded it, proven"). One
// table, here: `decide` refuses a signed command whose signer lacks the
// role, and `verify` replays the same table over every signed batch.

/// A member's role. The raw values are the stable tokens of the journal
/// and the command line; reports and help also give the Spanish words.
public enum Role: String, CaseIterable, Sendable, Comparable {
    /// Changes members, requires signatures, seals segments.
    case admin
    /// Planeación: indicators, target changes, corrections, budget, quarter
    /// close, amendments, units and the reporting deadline.
    case planner
    /// Capturista: readings and observations.
    case recorder
    /// Comisario / Órgano Interno de Control: attestations and observations.
    case auditor

    /// The order roles are written in (the declaration's).
    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The Spanish word users know the role by.
    public var spanishName: String {
        switch self {
        case .admin: return "administrador"
        case .planner: return "planeación"
        case .recorder: return "capturista"
        case .auditor: return "Comisario / OIC"
        }
    }

    /// A role named by its token or its Spanish word (`capturista`,
    /// `comisario`, `oic`, `planeacion`), any case.
    public init?(anyName text: String) {
        let t = text.trimmingSpaces.lowercased()
        if let r = Role(rawValue: t) { self = r; return }
        switch t {
        case "administrador", "administradora": self = .admin
        case "planeación", "planeacion", "planeador", "planeadora": self = .planner
        case "capturista": self = .recorder
        case "comisario", "comisaria", "oic", "comisario / oic", "contraloría", "contraloria": self = .auditor
        default: return nil
        }
    }

    /// Roles in their written order without repeats.
    public static func canonical<S: Sequence>(_ roles: S) -> [Role] where S.Element == Role {
        Array(Set(roles)).sorted()
    }
}

extension EventType {
    /// The roles whose holders may sign this type (any one of them
    /// suffices); empty for the types no member records by command: the
    /// opening (written by `init`, signed by the first admin it names) and
    /// the signature line itself.
    public var roles: [Role] {
        switch self {
        case .memberAdded, .memberRolesChanged, .memberRemoved, .signaturesRequired, .segmentSealed: return [.admin]
        case .indicatorDefined, .targetChanged, .readingCorrected, .budgetRecorded, .quarterClosed, .indicatorAmended,
             .unitDescribed, .deadlineSet: return [.planner]
        case .readingRecorded: return [.recorder]
        case .observationAdded: return [.recorder, .auditor]
        case .quarterAttested: return [.auditor]
        case .ledgerOpened, .batchSigned: return []
        }
    }

    /// True for the types that are never recorded unsigned: changes of
    /// members, the requirement of signatures and attestations prove who
    /// made them or are not made at all.
    public var needsSignature: Bool {
        switch self {
        case .memberAdded, .memberRolesChanged, .memberRemoved, .signaturesRequired, .quarterAttested: return true
        default: return false
        }
    }
}
