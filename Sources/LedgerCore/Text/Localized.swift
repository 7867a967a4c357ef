// The users' two languages, and a text in both. Every area keeps its words
// in a catalogue of its own (the CLI's, the reports', the importers'); this
// is the one type they share, so a translator reviews pairs, never
// scattered language switches.

/// The language of what the ledger prints: Spanish for the users, English
/// for everyone else.
public enum Language: String, Sendable, CaseIterable {
    case es, en
}

/// A text in English and Spanish.
public struct Localized: Equatable, Sendable {
    public var en: String
    public var es: String

    public init(_ en: String, _ es: String) {
        self.en = en
        self.es = es
    }

    /// The same text in both languages (names, codes, numbers).
    public init(both text: String) {
        en = text
        es = text
    }

    public func text(_ language: Language) -> String { language == .es ? es : en }

    /// Both texts joined with `other`'s, language by language.
    public static func + (lhs: Localized, rhs: Localized) -> Localized {
        Localized(lhs.en + rhs.en, lhs.es + rhs.es)
    }
}
