// Unicode Normalization Form C, for names the ledger compares. `é` can be
// one scalar (U+00E9) or two (`e` + U+0301): they print the same, Swift's
// `==` calls them equal, but their bytes (what the journal, the facts index
// and a hash see) differ. Names are kept and compared in NFC, so one
// spelling is one name everywhere.
//
// The composition is the standard library's own (`_nfcCodeUnits`, what its
// string comparison and hashing use): public, though underscored, and it
// keeps the core free of Foundation. NFC of assigned characters is stable
// across Unicode versions (the Unicode normalization stability policy), so a
// name accepted today stays NFC tomorrow. NFCTests checks it against
// Python's `unicodedata.normalize` on every character both know.

public enum NFC {
    /// `text` in Normalization Form C.
    public static func normalize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }  // ASCII is NFC
        return String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }

    /// True when `text` is already in Normalization Form C (byte for byte).
    public static func isNormalized(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return true }
        return text._nfcCodeUnits.elementsEqual(text.utf8)
    }
}

extension Command {
    /// The command with its identifiers (indicator ids, plans, owner codes,
    /// unit codes) in NFC: how the command line, batch files and imports hand commands
    /// to decide, so that one spelling is one name. (Decide refuses a name
    /// not in NFC, which only a line written by hand can then hold.)
    public var withNamesInNFC: Command {
        let n = NFC.normalize
        switch self {
        case .open, .sealSegment, .setDeadline, .addMember, .changeRoles, .removeMember, .requireSignatures, .attestQuarter:
            return self
        case .defineIndicator(var d):
            d.id = n(d.id)
            d.plan = n(d.plan)
            d.ownerCode = d.ownerCode.map(n)
            return .defineIndicator(d)
        case .changeTarget(let id, let change, let reason, let document):
            return .changeTarget(indicator: n(id), change: change, reason: reason, document: document)
        case .recordReading(let id, let p, let m, let note, let postClose, let reason, let document):
            return .recordReading(indicator: n(id), period: p, measurement: m, note: note, postClose: postClose, reason: reason, document: document)
        case .correctReading(let id, let p, let m, let reason, let postClose, let document):
            return .correctReading(indicator: n(id), period: p, measurement: m, reason: reason, postClose: postClose, document: document)
        case .addObservation(let id, let p, let text):
            return .addObservation(indicator: n(id), period: p, text: text)
        case .recordBudget(let id, let p, let f):
            return .recordBudget(indicator: n(id), period: p, figures: f)
        case .closeQuarter(let q, let plan):
            return .closeQuarter(quarter: q, plan: plan.map(n))
        case .describeUnit(var u):
            u.code = n(u.code)
            return .describeUnit(u)
        case .amendIndicator(let id, var a, let reason, let document):
            a.ownerCode = a.ownerCode.map(n)
            return .amendIndicator(indicator: n(id), amendment: a, reason: reason, document: document)
        }
    }
}
