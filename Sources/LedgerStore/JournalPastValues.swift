// PastValues answered from the journal: the audit trail of a long journal
// (log, replay, export) keeps a few small maps and the offset of every
// event, and reads an earlier line back when it needs a value before.
// Memory is about 8 bytes an event plus a little per indicator, instead of
// a folded state. What it notes of each event is the event's `fact` (the
// one reading of what an event says, LedgerCore/Events/EventFact.swift).

import LedgerCore

final class JournalPastValues: PastValues {
    private let journal: any ReadableBytes
    /// Byte offset of each event's line, by seq - 1.
    private var offsets: [Int64] = []
    private var definitionSeq: [String: Int64] = [:]
    private var annual: [String: DecimalNumber] = [:]
    private var periodTargets: [String: [Period: DecimalNumber]] = [:]
    private var budgetSeq: [String: [Period: Int64]] = [:]
    private var cachedDefinition: (String, IndicatorDefinition)?
    /// Definitions with their amendments applied, for amended indicators only.
    private var amended: [String: IndicatorDefinition] = [:]
    private var units: [String: UnitDescription] = [:]
    private(set) var deadlineDay: Int?

    init(journal: any ReadableBytes) { self.journal = journal }

    /// Takes note of `event` (after its entry was made).
    func record(_ event: RecordedEvent, at offset: Int64) {
        offsets.append(offset)
        guard let fact = event.payload.fact else { return }
        switch fact {
        case .defined(let d):
            definitionSeq[d.id] = event.seq
            annual[d.id] = nil
            periodTargets[d.id] = nil
            amended[d.id] = nil
        case .annualTarget(let id, let v): annual[id] = v
        case .periodTarget(let id, let p, let v): periodTargets[id, default: [:]][p] = v
        case .budget(let id, let p, _): budgetSeq[id, default: [:]][p] = event.seq
        case .opened(let s): deadlineDay = s.deadlineDay
        case .deadline(let day): deadlineDay = day
        case .unit(let u):
            var merged = units[u.code] ?? UnitDescription(code: u.code)
            if let n = u.name { merged.name = n }
            if let c = u.contact { merged.contact = c }
            units[u.code] = merged
        case .amended(let id, let a):
            if let d = currentDefinition(id) { amended[id] = a.applied(to: d) }
        case .inForce, .closed, .sealed, .member, .signaturesRequired, .attested: break  // read back from the journal, or not asked about
        }
    }

    private func event(_ seq: Int64) -> RecordedEvent? {
        guard seq >= 1, seq <= offsets.count else { return nil }
        let offset = offsets[Int(seq - 1)]
        let end = seq < offsets.count ? offsets[Int(seq)] : nil
        var line: [UInt8]
        if let end {
            guard let bytes = try? journal.read(count: Int(end - offset), at: offset) else { return nil }
            line = Array(bytes.dropLast())
        } else {
            line = []
            var position = offset
            while true {
                guard let chunk = try? journal.read(count: 4096, at: position), !chunk.isEmpty else { return nil }
                if let nl = chunk.firstIndex(of: 0x0A) { line += chunk[..<nl]; break }
                line += chunk
                position += Int64(chunk.count)
            }
        }
        return try? EventCodec.decode(line: line)
    }

    private func definition(_ id: String) -> IndicatorDefinition? {
        if let (cachedID, d) = cachedDefinition, cachedID == id { return d }
        guard let seq = definitionSeq[id], case .defined(let d)? = event(seq)?.payload.fact else { return nil }
        cachedDefinition = (id, d)
        return d
    }

    func currentDefinition(_ indicator: String) -> IndicatorDefinition? { amended[indicator] ?? definition(indicator) }

    func unit(_ code: String) -> UnitDescription? { units[code] }

    func annualTarget(_ indicator: String) -> DecimalNumber? {
        annual[indicator] ?? definition(indicator)?.annualTarget
    }

    func programmed(_ indicator: String, _ period: Period) -> DecimalNumber? {
        guard let d = definition(indicator) else { return nil }
        var ind = IndicatorState(definition: d, definedSeq: definitionSeq[indicator] ?? 0)
        if let a = annual[indicator] { ind.annualTarget = a }
        for (p, v) in periodTargets[indicator] ?? [:] { ind.periodTargets[p] = v }
        return Figures.programmed(for: period, of: ind)
    }

    func measurement(_ indicator: String, _ period: Period, seq: Int64) -> Measurement? {
        guard case .inForce(_, _, let m)? = event(seq)?.payload.fact else { return nil }
        return m
    }

    func budget(_ indicator: String, _ period: Period) -> BudgetFigures? {
        guard let seq = budgetSeq[indicator]?[period], case .budget(_, _, let f)? = event(seq)?.payload.fact else { return nil }
        return f
    }
}

extension Ledger {
    /// The audit trail: every event (recorded by `cut`) that `keep` accepts,
    /// as an entry with its value before, without folding a state.
    public func auditTrail(cut: Timestamp? = nil, keep: (RecordedEvent) -> Bool = { _ in true },
                           _ body: (AuditEntry, RecordedEvent) throws -> Void) throws {
        let (journal, size) = try openForReading()
        let past = JournalPastValues(journal: journal)
        // Who signed the batch being read (its last line says), and whether the ledger had members yet.
        var signer: String?
        var hadMembers = false
        _ = try withoutActuallyEscaping({ (last: RecordedEvent) in
            if case .batchSigned(let s) = last.payload { signer = s.signer } else { signer = nil }
        }) { whole in
            try read(journal, from: .start, to: size, cut: cut, batchWhole: whole) { event, offset in
                if keep(event) {
                    var entry = AuditTrail.entry(for: event, before: past)
                    entry.signedBy = signer
                    entry.isMarkedUnsigned = signer == nil && hadMembers
                    try body(entry, event)
                }
                if case .member = event.payload.fact { hadMembers = true }
                past.record(event, at: offset)
            }
        }
    }
}
