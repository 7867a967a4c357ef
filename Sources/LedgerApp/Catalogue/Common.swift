// The words many messages share.

import LedgerCore

/// The application layer's message catalogue (see README.md).
public enum Catalogue {
    /// After a full sentence.
    static let nothingWrittenAfterSentence = Localized(" Nothing was written.", " No se escribió nada.")
    /// Closing a clause that has no full stop.
    static let nothingWrittenAfterClause = Localized(". Nothing was written.", ". No se escribió nada.")
    /// Inside a sentence, after a semicolon.
    static let nothingWrittenClause = Localized("nothing was written", "no se escribió nada")
}

extension Frequency {
    /// The frequency in Spanish, as the plans write it.
    var spanish: String {
        switch self {
        case .monthly: return "mensual"
        case .quarterly: return "trimestral"
        case .semiannual: return "semestral"
        case .annual: return "anual"
        }
    }
}
