// The names recorded so far, by kind and skeleton, in memory: what the
// in-memory facts (a batch's own rows, verify's replay, a folded state)
// answer `lookAlike(of:)` from. The facts index keeps the same on disk.

/// Every identifier recorded, by kind and skeleton, in the order recorded.
public struct NameRegistry: Sendable, Equatable {
    /// skeleton -> the names with that skeleton (almost always one).
    private var byKind: [NameKind: [String: [String]]] = [:]
    /// The last name recorded of each kind: a journal repeats its actor from
    /// event to event, so this spares a skeleton per event.
    private var last: [NameKind: String] = [:]

    public init() {}

    /// Records `name` as a name of `kind` (again is harmless).
    public mutating func record(_ name: String, _ kind: NameKind) {
        if let l = last[kind], l.utf8.elementsEqual(name.utf8) { return }
        last[kind] = name
        let skeleton = NameSkeleton.of(name)
        var names = byKind[kind, default: [:]][skeleton, default: []]
        guard !names.contains(where: { $0.utf8.elementsEqual(name.utf8) }) else { return }
        names.append(name)
        byKind[kind, default: [:]][skeleton] = names
    }

    /// Records the identifiers an indicator's definition brings: its id,
    /// its plan and its owner's code.
    public mutating func record(_ d: IndicatorDefinition) {
        record(d.id, .indicator)
        record(d.plan, .plan)
        if let o = d.ownerCode { record(o, .owner) }
    }

    /// True when `name` itself is recorded as a name of `kind`.
    public func contains(_ name: String, _ kind: NameKind) -> Bool {
        byKind[kind]?[NameSkeleton.of(name)]?.contains { $0.utf8.elementsEqual(name.utf8) } ?? false
    }

    /// A recorded name of `kind` that looks like `name` but is not it, nil
    /// when none does or `name` itself is recorded. Names are compared byte
    /// for byte: NFC and NFD spellings are two names that look alike.
    public func lookAlike(of name: String, _ kind: NameKind) -> String? {
        guard let names = byKind[kind]?[NameSkeleton.of(name)] else { return nil }
        if names.contains(where: { $0.utf8.elementsEqual(name.utf8) }) { return nil }
        return names.first
    }
}
