// Event types in the users' words: `reading` is `lectura` in a Spanish
// report, and a Spanish name typed where a type is asked (`log --type
// lectura`, a batch row of type `lectura`) names the same type. The
// journal and JSON keep the English names the contract fixes.

import LedgerCore

extension EventType {
    /// The type's name in `language`, as reports print it.
    public func word(_ language: Language) -> String {
        language == .es ? spanishName : commandName
    }

    /// The Spanish name: `lectura`, `corrección`, ...
    public var spanishName: String {
        switch self {
        case .ledgerOpened: return "apertura"
        case .indicatorDefined: return "indicador"
        case .targetChanged: return "meta"
        case .readingRecorded: return "lectura"
        case .readingCorrected: return "corrección"
        case .observationAdded: return "observación"
        case .budgetRecorded: return "presupuesto"
        case .quarterClosed: return "cierre"
        case .segmentSealed: return "sellado"
        case .deadlineSet: return "plazo"
        case .unitDescribed: return "unidad"
        case .indicatorAmended: return "modificación"
        case .memberAdded: return "alta-de-miembro"
        case .memberRolesChanged: return "roles-de-miembro"
        case .memberRemoved: return "baja-de-miembro"
        case .signaturesRequired: return "firmas-obligatorias"
        case .quarterAttested: return "validación"
        case .batchSigned: return "firma"
        }
    }

    /// A type named in English (`reading`, `reading_recorded`) or Spanish
    /// (`lectura`, with or without accents).
    public init?(anyName text: String) {
        let lowered = text.trimmingSpaces.lowercased()
        if let t = EventType(name: lowered) { self = t; return }
        let key = NearestName.key(lowered)
        guard let t = EventType.allCases.first(where: { NearestName.key($0.spanishName) == key }) else { return nil }
        self = t
    }

    /// The types a user records with `append` (and names in `log --type`).
    public static let recordable: [EventType] = [.indicatorDefined, .targetChanged, .readingRecorded, .readingCorrected,
                                                  .observationAdded, .budgetRecorded, .quarterClosed, .indicatorAmended,
                                                  .unitDescribed, .deadlineSet]

    /// The recordable type nearest to a mistyped name, in the language it was
    /// typed in (`reding` -> `reading`, `lectrua` -> `lectura`).
    public static func nearest(to typed: String) -> EventType? {
        let english = NearestName.nearest(typed, among: recordable.map(\.commandName), limit: 1).first
        if let english { return EventType(name: english) }
        let spanish = NearestName.nearest(typed, among: recordable.map(\.spanishName), limit: 1).first
        return spanish.flatMap { EventType(anyName: $0) }
    }
}
