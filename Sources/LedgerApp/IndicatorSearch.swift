// An indicator named by something that is not its id: its name typed in
// full (`history "INSTALACION DE MEDIDORES"`), words of it, or an id with a
// typo (`MED-2071`). Used when an indicator is not found, to say which ids
// the user may have meant instead of advising to define a new one.

import LedgerCore

/// An indicator a mistaken name may have meant.
public struct IndicatorSuggestion: Equatable, Sendable {
    public var id: String
    public var name: String
    public var plan: String
}

enum IndicatorSearch {
    /// At most `limit` indicators of `state` that `typed` may mean: those
    /// whose name is `typed` (without case or accents), else whose name holds
    /// every word of it, else whose id is a slip away from it.
    static func suggestions(for typed: String, in state: LedgerState, limit: Int = 5) -> [IndicatorSuggestion] {
        let all = state.indicatorOrder.compactMap { state.indicators[$0]?.definition }
        func suggestion(_ d: IndicatorDefinition) -> IndicatorSuggestion { IndicatorSuggestion(id: d.id, name: d.name, plan: d.plan) }
        let key = words(typed)
        guard !key.isEmpty else { return [] }
        let named = all.filter { words($0.name) == key }
        if !named.isEmpty { return named.prefix(limit).map(suggestion) }
        let containing = all.filter { d in
            let name = Set(words(d.name) + words(d.id))
            return key.allSatisfy { w in name.contains(w) }
        }
        if !containing.isEmpty { return containing.prefix(limit).map(suggestion) }
        let near = NearestName.nearest(typed, among: all.map(\.id), limit: limit)
        return near.compactMap { id in all.first { $0.id == id } }.map(suggestion)
    }

    /// True when `text` could be an indicator's id (ids hold no spaces,
    /// commas or tabs): only then is "define it first" good advice.
    static func couldBeAnID(_ text: String) -> Bool {
        !text.isEmpty && !text.contains(where: { $0 == " " || $0 == "," || $0 == "\t" })
    }

    /// The words of a name or id, upper case without accents, split at
    /// anything that is not a letter or digit.
    static func words(_ text: String) -> [String] {
        String(NearestName.key(text)).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}

extension Session {
    /// The indicators a name that is no id may mean, in the state as of `cut`.
    func indicatorSuggestions(for typed: String, cut: Timestamp? = nil) -> [IndicatorSuggestion] {
        guard let (state, _) = try? state(cut: cut) else { return [] }
        return IndicatorSearch.suggestions(for: typed, in: state)
    }
}
