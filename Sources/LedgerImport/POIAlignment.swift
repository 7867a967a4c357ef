// Placing a POI row's cells when the text came out of a PDF.
//
// A POI row has 34 value columns after META ANUAL: PROGRAMADO for 12
// months, EJECUTADO for 12 months, PROG and EJEC for each of the four
// quarters, and the year's PROG and EJEC totals. A PDF extraction loses
// cells (more often the empty ones, but not only) and now and then
// duplicates one, so the k-th cell of a row is not always the k-th column.
//
// We never guess a column. Instead we consider every way the row's cells
// can be laid into the 34 columns with a few cells lost (a column with no
// cell: its value unknown) or extra (a cell with no column), and score each
// placement by
//     cells lost or extra
//   + checks it breaks (a quarter that is not the sum of its months, a total
//     that is not the sum of its quarters, a total PROG that is not the meta
//     anual, an unknown that would have to be negative).
// An unknown value is recovered when a check determines it (the quarter
// minus its two known months). The placements of lowest score are kept; a
// column's value is read only when every one of them gives it the same
// value. Everything else is reported and left out.
//
// Values are exact: cells are scaled to a common number of decimals and
// added as integers.

import LedgerCore

struct POIAlignment {
    static let slots = 34
    static let totalProg = 32, totalEjec = 33

    /// A cell as the solver sees it.
    enum Token: Equatable {
        case value(Int128)
        /// An empty cell: it takes a column, and the document's own sums
        /// count it as zero (a quarter of blank months is blank), but it is
        /// not a value: a column placed on it, or computed from blanks
        /// alone, is marked blank and never read as a reading.
        case blank
        /// A cell that holds something (a footnote mark): it takes a column
        /// but its value is unknown.
        case opaque
    }

    /// The checks a placement can break, as bits.
    enum Check {
        static func group(kind: Int, quarter: Int) -> Int { 1 << (kind * 4 + quarter) }
        static func total(kind: Int) -> Int { 1 << (8 + kind) }
        static let meta = 1 << 10
        static let negative = 1 << 11
    }

    /// The outcome for one row.
    struct Outcome {
        /// Lowest score; nil when no placement within the limits exists.
        var score: Int?
        /// Cells lost or extra in every best placement (the fewest among them).
        var edits = 0
        /// Per column: its value when every best placement agrees, else nil.
        var values: [Int128?] = Array(repeating: nil, count: POIAlignment.slots)
        /// Bit s set: in every best placement column s is a blank cell (or
        /// a sum of blanks alone), so its "value" is the zero a blank stands
        /// for in the document's sums, not a figure.
        var blank: UInt64 = 0
        /// Checks broken by every best placement.
        var brokenEverywhere = 0
        var placements = 0
        /// True when the search stopped at its node limit: nothing is read.
        var gaveUp = false
    }

    static func monthSlot(kind: Int, month: Int) -> Int { kind * 12 + month - 1 }
    static func quarterSlot(kind: Int, quarter: Int) -> Int { 24 + 2 * quarter + kind }

    let tokens: [Token]
    let meta: Int128?
    let maxEdits: Int
    let nodeLimit: Int

    private var best = Int.max
    private var outcome = Outcome()
    /// Per column over the best placements so far: 0 none yet, 1 all agree
    /// on `agreed`, 2 they differ.
    private var agreement = [UInt8](repeating: 0, count: POIAlignment.slots)
    private var agreed = [Int128?](repeating: nil, count: POIAlignment.slots)
    private var agreedBlank: UInt64 = 0
    private var nodes = 0
    private var values: [Int128?] = []

    init(tokens: [Token], meta: Int128?, maxEdits: Int = 5, nodeLimit: Int = 1_500_000) {
        self.tokens = tokens
        self.meta = meta
        self.maxEdits = maxEdits
        self.nodeLimit = nodeLimit
    }

    static func solve(tokens: [Token], meta: Int128?, maxEdits: Int = 5) -> Outcome {
        var s = POIAlignment(tokens: tokens, meta: meta, maxEdits: maxEdits)
        guard abs(tokens.count - slots) <= maxEdits else { return Outcome() }
        s.values.reserveCapacity(slots)
        s.search(slot: 0, token: 0, edits: 0, partial: 0, skipped: false, blanks: 0)
        if s.nodes >= s.nodeLimit { var o = Outcome(); o.gaveUp = true; return o }
        guard s.best != Int.max else { return Outcome() }
        var o = s.outcome
        o.score = s.best
        for i in 0..<slots {
            o.values[i] = s.agreement[i] == 1 ? s.agreed[i] : nil
            if s.agreement[i] == 1 && s.agreedBlank & (1 << UInt64(i)) != 0 { o.blank |= 1 << UInt64(i) }
        }
        return o
    }

    /// `skipped`: the previous step dropped token j-1 as extra. Placing an
    /// equal token j right after it gives the same columns as placing j-1
    /// and dropping j, which the search visits anyway: skip the duplicate.
    private mutating func search(slot i: Int, token j: Int, edits e: Int, partial v: Int, skipped: Bool, blanks: UInt64) {
        nodes += 1
        if nodes >= nodeLimit { return }
        let bound = min(best, maxEdits)
        let gap = abs((POIAlignment.slots - i) - (tokens.count - j))
        if e + gap > bound || e + v > best { return }
        if i == POIAlignment.slots && j == tokens.count {
            leaf(edits: e, blanks: blanks)
            return
        }
        // The cell goes in this column.
        if i < POIAlignment.slots && j < tokens.count && !(skipped && j > 0 && tokens[j - 1] == tokens[j]) {
            let value: Int128?
            var placedBlanks = blanks
            switch tokens[j] {
            case .value(let x): value = x
            case .blank: value = 0; placedBlanks |= 1 << UInt64(i)
            case .opaque: value = nil
            }
            values.append(value)
            search(slot: i + 1, token: j + 1, edits: e, partial: v + brokenAt(i), skipped: false, blanks: placedBlanks)
            values.removeLast()
        }
        // The column's cell was lost.
        if i < POIAlignment.slots {
            values.append(nil)
            search(slot: i + 1, token: j, edits: e + 1, partial: v, skipped: false, blanks: blanks)
            values.removeLast()
        }
        // The cell is extra.
        if j < tokens.count {
            search(slot: i, token: j + 1, edits: e + 1, partial: v, skipped: true, blanks: blanks)
        }
    }

    /// 1 when the quarter column just placed at `i` is known, its months are
    /// known, and they disagree (no later recovery can change that).
    private func brokenAt(_ i: Int) -> Int {
        guard i >= 24 && i < 32, let q = values[i] else { return 0 }
        let kind = (i - 24) % 2, quarter = (i - 24) / 2
        var sum: Int128 = 0
        for m in 1...3 {
            guard let x = values[POIAlignment.monthSlot(kind: kind, month: quarter * 3 + m)] else { return 0 }
            sum += x
        }
        return sum == q ? 0 : 1
    }

    private mutating func leaf(edits: Int, blanks: UInt64) {
        let (broken, filled, filledBlank) = POIAlignment.evaluate(values, blanks: blanks, meta: meta)
        let score = edits + broken.nonzeroBitCount
        if score > best { return }
        if score < best {
            best = score
            outcome = Outcome()
            outcome.edits = edits
            outcome.brokenEverywhere = broken
            for s in 0..<POIAlignment.slots { agreement[s] = 0 }
        }
        outcome.placements += 1
        outcome.edits = min(outcome.edits, edits)
        outcome.brokenEverywhere &= broken
        for s in 0..<POIAlignment.slots {
            let bit: UInt64 = 1 << UInt64(s)
            switch agreement[s] {
            case 0: agreement[s] = 1; agreed[s] = filled[s]; agreedBlank = agreedBlank & ~bit | filledBlank & bit
            case 1: if agreed[s] != filled[s] || agreedBlank & bit != filledBlank & bit { agreement[s] = 2 }
            default: break
            }
        }
    }

    /// Recovers what the checks determine, then lists the checks broken.
    /// `blanks` marks the columns placed on blank cells; a value recovered
    /// from blanks alone is blank too. Plain loops: this runs at every leaf
    /// of the search.
    static func evaluate(_ placed: [Int128?], blanks: UInt64 = 0, meta: Int128?) -> (broken: Int, filled: [Int128?], blank: UInt64) {
        var v = placed
        var blank = blanks
        func isBlank(_ s: Int) -> Bool { blank & (1 << UInt64(s)) != 0 }
        func setBlank(_ s: Int, _ b: Bool) { if b { blank |= 1 << UInt64(s) } }
        var negative = false
        // Recover: a quarter from its months or one month from the quarter;
        // a total from its quarters or one quarter from the total. Three
        // passes reach every chain (month <- quarter <- total).
        for _ in 0..<3 {
            for kind in 0..<2 {
                for q in 0..<4 {
                    let base = kind * 12 + q * 3
                    var unknownAt = -1, unknowns = 0
                    var known: Int128 = 0
                    var knownBlank = true
                    for m in base..<(base + 3) {
                        if let x = v[m] { known += x; knownBlank = knownBlank && isBlank(m) } else { unknowns += 1; unknownAt = m }
                    }
                    let qs = 24 + 2 * q + kind
                    if v[qs] == nil {
                        if unknowns == 0 { v[qs] = known; setBlank(qs, knownBlank) }
                    } else if unknowns == 1 {
                        let d = v[qs]! - known
                        if d >= 0 { v[unknownAt] = d; setBlank(unknownAt, knownBlank && isBlank(qs)) } else { negative = true }
                    }
                }
                var unknownAt = -1, unknowns = 0
                var known: Int128 = 0
                var knownBlank = true
                for q in 0..<4 {
                    let qs = 24 + 2 * q + kind
                    if let x = v[qs] { known += x; knownBlank = knownBlank && isBlank(qs) } else { unknowns += 1; unknownAt = qs }
                }
                let t = 32 + kind
                if v[t] == nil {
                    if unknowns == 0 { v[t] = known; setBlank(t, knownBlank) }
                } else if unknowns == 1 {
                    let d = v[t]! - known
                    if d >= 0 { v[unknownAt] = d; setBlank(unknownAt, knownBlank && isBlank(t)) } else { negative = true }
                }
            }
        }
        var broken = negative ? Check.negative : 0
        for kind in 0..<2 {
            var quarterSum: Int128 = 0
            var quartersKnown = true
            for q in 0..<4 {
                let base = kind * 12 + q * 3
                let qs = 24 + 2 * q + kind
                if let x = v[qs] { quarterSum += x } else { quartersKnown = false }
                guard let total = v[qs], let a = v[base], let b = v[base + 1], let c = v[base + 2] else { continue }
                if a + b + c != total { broken |= Check.group(kind: kind, quarter: q) }
            }
            if quartersKnown, let total = v[32 + kind], total != quarterSum { broken |= Check.total(kind: kind) }
        }
        if let meta, let tp = v[totalProg], tp != meta { broken |= Check.meta }
        return (broken, v, blank)
    }
}
