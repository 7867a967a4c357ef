// What a name may hold. Three classes, by what the ledger does with them:
//
// - identifiers (indicator ids, plans, owner codes, actors) are compared:
//   reports select by them, `log --actor` filters by them, decide looks them
//   up. They are kept in NFC, hold no invisible, bidi-control, control or
//   odd-space character, no private-use character, no space at either end,
//   and one that looks like another already recorded (NameSkeleton) is
//   refused. Limits: ids and owner codes 64 characters, plans and actors 100.
// - labels (the entity, indicator names, units, owner names, the plan
//   hierarchy's levels and values) are shown, never compared: no invisible,
//   bidi-control or control character (a tab neither); up to 1,000.
// - texts (descriptions, observations, reasons, notes) are free prose: no
//   control character but the tab, no bidi control; up to 4,000.
//
// "Characters" are Unicode scalars, so a limit means the same in every
// version of Unicode (grapheme clusters do not). The tables below are
// written out rather than read from the toolchain's Unicode data for the
// same reason: `verify` applies these rules to events recorded years ago.

/// The names the ledger compares, each a kind of identifier.
public enum NameKind: String, Sendable, CaseIterable {
    /// An indicator's id.
    case indicator
    /// A plan's name.
    case plan
    /// An owning unit's code (clave).
    case owner
    /// Who recorded an event.
    case actor

    /// The most characters a name of this kind holds.
    public var limit: Int {
        switch self {
        case .indicator, .owner: return 64
        case .plan, .actor: return 100
        }
    }

    /// The field (flag or column) that carries it.
    public var field: String {
        switch self {
        case .indicator: return "id"
        case .plan: return "plan"
        case .owner: return "owner"
        case .actor: return "actor"
        }
    }
}

/// Why a name or text cannot be recorded. `at` is the 1-based position of
/// the offending character, counted in Unicode scalars.
public enum NameProblem: Equatable, Sendable {
    /// A control character: a line break, a tab (outside texts), an escape.
    case control(UInt32, at: Int)
    /// A character that shows nothing: zero-width space or joiner, soft
    /// hyphen, byte-order mark, word joiner, variation selector, tag.
    case invisible(UInt32, at: Int)
    /// A character that reorders how the text around it is displayed (an
    /// embedding, override, isolate or directional mark).
    case bidiControl(UInt32, at: Int)
    /// In an identifier: a space other than the plain one (no-break,
    /// ideographic, thin, ...), which looks like it but is another name.
    case oddSpace(UInt32, at: Int)
    /// In an identifier: a private-use character or a noncharacter, which
    /// displays as nothing or as whatever the font decides.
    case privateUse(UInt32, at: Int)
    /// An identifier that begins or ends with a space.
    case edgeSpace
    /// An identifier not in Normalization Form C (the command line and files
    /// are normalised before deciding, so only a forged event has one).
    case notNormalized
    case tooLong(limit: Int, length: Int)
}

public enum NameRules {
    /// The most characters a label holds.
    public static let labelLimit = 1_000
    /// The most characters a text holds.
    public static let textLimit = 4_000

    /// The first problem of an identifier of `kind`, or nil.
    public static func identifierProblem(_ name: String, _ kind: NameKind) -> NameProblem? {
        var count = 0
        for (i, s) in name.unicodeScalars.enumerated() {
            count += 1
            if let p = refused(s, at: i + 1, allowTab: false, allowInvisible: false) { return p }
            let v = s.value
            if isOddSpace(v) { return .oddSpace(v, at: i + 1) }
            if isPrivateUseOrNoncharacter(v) { return .privateUse(v, at: i + 1) }
        }
        if name.hasPrefix(" ") || name.hasSuffix(" ") { return .edgeSpace }
        if count > kind.limit { return .tooLong(limit: kind.limit, length: count) }
        if !NFC.isNormalized(name) { return .notNormalized }
        return nil
    }

    /// The first problem of a label, or nil.
    public static func labelProblem(_ label: String) -> NameProblem? {
        scan(label, allowTab: false, allowInvisible: false, limit: labelLimit)
    }

    /// The first problem of a free text, or nil.
    public static func textProblem(_ text: String) -> NameProblem? {
        scan(text, allowTab: true, allowInvisible: true, limit: textLimit)
    }

    static func scan(_ text: String, allowTab: Bool, allowInvisible: Bool, limit: Int) -> NameProblem? {
        // Printable ASCII throughout (most texts): every character passes, one byte each.
        let printable = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 >= 0x7F }
        }
        if printable == true {
            let count = text.utf8.count
            return count > limit ? .tooLong(limit: limit, length: count) : nil
        }
        var count = 0
        for (i, s) in text.unicodeScalars.enumerated() {
            count += 1
            if s.value < 0x80 && s.value >= 0x20 && s.value != 0x7F { continue }
            if let p = refused(s, at: i + 1, allowTab: allowTab, allowInvisible: allowInvisible) { return p }
        }
        return count > limit ? .tooLong(limit: limit, length: count) : nil
    }

    /// The problem of one character in any name, or nil.
    static func refused(_ s: Unicode.Scalar, at i: Int, allowTab: Bool, allowInvisible: Bool) -> NameProblem? {
        let v = s.value
        if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 {
            return allowTab && v == 0x09 ? nil : .control(v, at: i)
        }
        if v < 0xAD { return nil }
        if isBidiControl(v) { return .bidiControl(v, at: i) }
        if !allowInvisible && isInvisible(v) { return .invisible(v, at: i) }
        return nil
    }

    /// Directional formatting characters (Unicode's Bidi_Control property):
    /// the Arabic letter mark, the left-to-right and right-to-left marks,
    /// embeddings, overrides, pops and isolates.
    public static func isBidiControl(_ v: UInt32) -> Bool {
        v == 0x061C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Characters that display as nothing: Unicode's default-ignorable code
    /// points and format characters (Cf), written out (Unicode 15.1), plus
    /// the braille blank, which renders as a space-sized gap.
    public static func isInvisible(_ v: UInt32) -> Bool {
        switch v {
        case 0x00AD, 0x034F, 0x061C, 0x06DD, 0x070F, 0x08E2, 0x180E, 0x2800, 0x3164, 0xFEFF, 0xFFA0, 0x110BD, 0x110CD, 0xE0001:
            return true
        case 0x0600...0x0605, 0x0890...0x0891, 0x115F...0x1160, 0x17B4...0x17B5, 0x180B...0x180F, 0x200B...0x200F,
             0x202A...0x202E, 0x2060...0x206F, 0xFE00...0xFE0F, 0xFFF0...0xFFFB, 0x13430...0x1343F, 0x1BCA0...0x1BCA3,
             0x1D173...0x1D17A, 0xE0000...0xE0FFF:
            return true
        default:
            return false
        }
    }

    /// Space separators other than U+0020 (Zs), which an identifier may not hold.
    public static func isOddSpace(_ v: UInt32) -> Bool {
        v == 0x00A0 || v == 0x1680 || (0x2000...0x200A).contains(v) || v == 0x202F || v == 0x205F || v == 0x3000
    }

    static func isPrivateUseOrNoncharacter(_ v: UInt32) -> Bool {
        (0xE000...0xF8FF).contains(v) || v >= 0xF0000 || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE
    }
}
