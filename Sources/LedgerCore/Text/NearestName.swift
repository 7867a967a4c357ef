// "Did you mean …?": the names nearest to a mistyped one. Typos point the
// right way (issue 13, item 16): a command, an event type, a flag, an
// indicator id. Names are compared without case and accents, by the
// optimal string alignment distance (Levenshtein plus the transposition of
// two neighbours, the commonest typing slip: `apend`, `reding`, `MED-2071`).

public enum NearestName {
    /// Upper case without accents: `Observación` and `OBSERVACION` are one key.
    public static func key(_ text: String) -> [Character] {
        var out: [Character] = []
        for scalar in text.uppercased().unicodeScalars {
            switch scalar {
            case "Á", "À", "Â", "Ä": out.append("A")
            case "É", "È", "Ê", "Ë": out.append("E")
            case "Í", "Ì", "Î", "Ï": out.append("I")
            case "Ó", "Ò", "Ô", "Ö": out.append("O")
            case "Ú", "Ù", "Û", "Ü": out.append("U")
            case "Ñ": out.append("N")
            case "_": out.append("-")
            default: out.append(Character(scalar))
            }
        }
        return out
    }

    /// The optimal string alignment distance between `a` and `b`, or nil
    /// once it is sure to exceed `limit` (long inputs cost nothing more).
    public static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                rowMin = min(rowMin, d)
            }
            if rowMin > limit { return nil }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// How far a typo may be from the name it meant: one slip in a short
    /// name, about one in three characters in a longer one.
    public static func tolerance(_ length: Int) -> Int { max(1, min(3, length / 3)) }

    /// The candidates nearest to `typed`, nearest first (ties in the
    /// candidates' order); only those within the tolerance of `typed`'s length.
    public static func nearest(_ typed: String, among candidates: [String], limit: Int = 3) -> [String] {
        let k = key(typed)
        let tolerance = tolerance(k.count)
        var scored: [(name: String, distance: Int, order: Int)] = []
        var seen = Set<String>()
        for (order, c) in candidates.enumerated() where seen.insert(c).inserted {
            let ck = key(c)
            if ck == k { return [c] }
            if let d = distance(k, ck, limit: tolerance) { scored.append((c, d, order)) }
        }
        scored.sort { ($0.distance, $0.order) < ($1.distance, $1.order) }
        return scored.prefix(limit).map(\.name)
    }
}
