// The names recorded so far, by kind and skeleton, in memory: what the
// in-memory facts (a batch's own rows, verify's replay, a folded state)
// answer `lookAlike(of:)` from. The facts index keeps the same on disk.

/// Every identifier recorded, by kind and skeleton, in the order recorded.
public struct NameRegistry: Sendable, Equatable {
    /// skeleton -> the first name recorded with it.
    private var first: [NameKind: [String: String]] = [:]
    /// skeleton -> later names with the same skeleton (only a journal written
    /// before the rule of look-alikes holds any).
    private var later: [NameKind: [String: [String]]] = [:]
    /// The last name recorded of each kind: a journal repeats its actor from
    /// event to event, so this spares a skeleton per event.
    private var last: [NameKind: String] = [:]

    public init() {}

    /// Records `name` as a name of `kind` (again is harmless).
    public mutating func record(_ name: String, _ kind: NameKind) {
        if let l = last[kind], l.utf8.elementsEqual(name.utf8) { return }
        last[kind] = name
        let skeleton = NameSkeleton.of(name)
        guard let existing = first[kind]?[skeleton] else {
            first[kind, default: [:]][skeleton] = name
            return
        }
        guard !existing.utf8.elementsEqual(name.utf8) else { return }
        var names = later[kind]?[skeleton] ?? []
        guard !names.contains(where: { $0.utf8.elementsEqual(name.utf8) }) else { return }
        names.append(name)
        later[kind, default: [:]][skeleton] = names
    }

    /// Records the identifiers an indicator's definition brings: its id,
    /// its plan and its owner's code.
    public mutating func record(_ d: IndicatorDefinition) {
        record(d.id, .indicator)
        record(d.plan, .plan)
        if let o = d.ownerCode { record(o, .owner) }
    }

    /// The names recorded with `name`'s skeleton, first one first.
    private func names(like name: String, _ kind: NameKind) -> [String] {
        let skeleton = NameSkeleton.of(name)
        guard let f = first[kind]?[skeleton] else { return [] }
        return [f] + (later[kind]?[skeleton] ?? [])
    }

    /// True when `name` itself is recorded as a name of `kind`.
    public func contains(_ name: String, _ kind: NameKind) -> Bool {
        names(like: name, kind).contains { $0.utf8.elementsEqual(name.utf8) }
    }

    /// A recorded name of `kind` that looks like `name` but is not it, nil
    /// when none does or `name` itself is recorded. Names are compared byte
    /// for byte: NFC and NFD spellings are two names that look alike.
    public func lookAlike(of name: String, _ kind: NameKind) -> String? {
        let names = names(like: name, kind)
        if names.contains(where: { $0.utf8.elementsEqual(name.utf8) }) { return nil }
        return names.first
    }
}
