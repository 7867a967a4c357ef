// evolve (`apply`: the state after an event, in place), and fold over a
// sequence.
//
// The order of replay is one rule, here: events apply in journal order,
// which is seq order, which is recorded-time order (the journal guarantees
// all three agree). Nothing is ever re-sorted by period or by actor.

extension LedgerState {
    /// Evolve: the state after `event`, in place. This is the one place an
    /// event changes the state: replays, as-of cuts and checkpoints are all
    /// folds of it. It works in place because a replay loop that copied the
    /// state per event would copy its maps.
    /// Events come from a verified journal, so decide() has already refused
    /// anything inconsistent; an event that names an unknown indicator
    /// (possible only in a hand-edited journal that verify would reject)
    /// changes nothing.
    public mutating func apply(_ event: RecordedEvent) {
        head = ChainHead(seq: event.seq, hash: event.hash, at: event.at)
        let stamp = Stamp(seq: event.seq, at: event.at, actor: event.actor)
        switch event.payload {
        case .ledgerOpened(let s):
            settings = s
        case .indicatorDefined(let d):
            knownYears.insert(d.year)
            guard holds(d.year) else { return }
            if indicators[d.id] == nil { indicatorOrder.append(d.id) }
            indicators[d.id] = IndicatorState(definition: d, definedSeq: event.seq)
        case .targetChanged(let id, let change):
            update(id, event.seq) { ind in
                switch change {
                case .annual(let v):
                    ind.annualTarget = v
                    ind.annualTargetDocument = event.document
                case .period(let p, let v):
                    ind.periodTargets[p] = v
                    ind.reprogrammed.insert(p)
                    ind.targetDocuments[p] = event.document
                }
            }
        case .readingRecorded(let id, let p, let m, let note, let postClose):
            update(id, event.seq) { ind in
                ind.readings[p] = ReadingState(measurement: m, stamp: stamp, firstSeq: event.seq, note: note,
                                               isCorrected: false, isPostClose: postClose, document: event.document)
            }
        case .readingCorrected(let id, let p, let m, _, let postClose):
            update(id, event.seq) { ind in
                let first = ind.readings[p]?.firstSeq ?? event.seq
                let note = ind.readings[p]?.note
                let wasPostClose = ind.readings[p]?.isPostClose ?? false
                ind.readings[p] = ReadingState(measurement: m, stamp: stamp, firstSeq: first, note: note,
                                               isCorrected: true, isPostClose: postClose || wasPostClose, document: event.document)
            }
        case .observationAdded(let id, let p, let text):
            update(id, event.seq) { $0.observations.append(ObservationState(period: p, text: text, stamp: stamp)) }
        case .budgetRecorded(let id, let p, let f):
            update(id, event.seq) { $0.budgets[p] = BudgetState(figures: f, stamp: stamp) }
        case .quarterClosed(let q, let plan):
            closes.append(QuarterClose(quarter: q, plan: plan, stamp: stamp))
        case .segmentSealed:
            break  // where events are stored changes no figure
        case .deadlineSet(let day):
            settings?.deadlineDay = day
        case .unitDescribed(let u):
            // A later description replaces the earlier one field by field.
            var merged = units[u.code]?.description ?? UnitDescription(code: u.code)
            if let n = u.name { merged.name = n }
            if let c = u.contact { merged.contact = c }
            units[u.code] = UnitState(description: merged, stamp: stamp)
        case .indicatorAmended(let id, let amendment):
            update(id, event.seq) { $0.definition = amendment.applied(to: $0.definition) }
        case .memberAdded:
            hasMembers = true
        case .memberRolesChanged, .memberRemoved, .signaturesRequired, .batchSigned:
            break  // who may sign changes no figure
        case .quarterAttested(let a):
            attestations.append(AttestationState(attestation: a, stamp: stamp))
        }
        if hasMembers { noteSignature(event) }
    }

    /// On a ledger with members, the readings a batch set are unsigned when
    /// its last line is not its signature (a signature is a batch's last line).
    private mutating func noteSignature(_ event: RecordedEvent) {
        switch event.payload {
        case .readingRecorded(let id, let p, _, _, _), .readingCorrected(let id, let p, _, _, _):
            if indicators.index(forKey: id) != nil { batchReadings.append(BatchReading(indicator: id, period: p)) }
        default: break
        }
        guard event.more == 0, !batchReadings.isEmpty else { return }
        if case .batchSigned = event.payload {} else {
            for r in batchReadings { indicators[r.indicator]!.readings[r.period]?.isUnsigned = true }
        }
        batchReadings.removeAll()
    }

    private mutating func update(_ id: String, _ seq: Int64, _ change: (inout IndicatorState) -> Void) {
        guard indicators.index(forKey: id) != nil else { return }  // no copy of the indicator
        change(&indicators[id]!)  // mutated in place, not copied
        indicators[id]!.lastSeq = seq
    }

    /// The state after every event of `events`, in order.
    public static func fold<S: Sequence>(_ events: S, from start: LedgerState = LedgerState()) -> LedgerState where S.Element == RecordedEvent {
        var state = start
        for e in events { state.apply(e) }
        return state
    }
}
