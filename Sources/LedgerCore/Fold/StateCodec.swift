// The state as bytes: what a checkpoint holds. encode(decode(x)) == x, and a
// decode of damaged bytes throws instead of trapping. The codec has its own
// version; a checkpoint of another version is simply rebuilt.

public enum StateCodec {
    /// 2: the deadline, units, the transparency fields and documents (journal format 2);
    /// 3: the settings also say whether the ledger is a demonstration (`isDemo`);
    /// 4: and the rules edition it keeps;
    /// 5: attestations (who validated which quarter);
    /// 6: whether the ledger has members, and readings in force that are unsigned.
    public static let version: UInt8 = 6

    /// What every checkpoint holds whatever years it covers: settings,
    /// head, closes, the years known.
    public static func encodeGlobal(_ s: LedgerState) -> [UInt8] {
        var w = BinaryWriter(capacity: 4096)
        w.byte(version)
        w.bool(s.settings != nil)
        if let settings = s.settings {
            w.string(settings.entity)
            w.string(settings.timeZone)
            bands(settings.bands, &w)
            w.bool(settings.deadlineDay != nil)
            if let d = settings.deadlineDay { w.int(d) }
            w.bool(settings.isDemo)
            w.int(settings.rulesEdition)
        }
        w.varint(s.head.seq)
        digest(s.head.hash, &w)
        w.varint(s.head.at.microseconds)
        w.uvarint(UInt64(s.closes.count))
        for c in s.closes {
            period(c.quarter, &w)
            w.optionalString(c.plan)
            stamp(c.stamp, &w)
        }
        let years = s.knownYears.sorted()
        w.uvarint(UInt64(years.count))
        for y in years { w.int(y) }
        let units = s.units.sorted { $0.key < $1.key }
        w.uvarint(UInt64(units.count))
        for (_, u) in units {
            w.string(u.description.code)
            w.optionalString(u.description.name)
            w.optionalString(u.description.contact)
            stamp(u.stamp, &w)
        }
        w.uvarint(UInt64(s.attestations.count))
        for a in s.attestations {
            period(a.attestation.quarter, &w)
            w.optionalString(a.attestation.plan)
            w.varint(a.attestation.headSeq)
            digest(a.attestation.headHash, &w)
            w.uvarint(UInt64(a.attestation.files.count))
            for f in a.attestation.files {
                w.string(f.name)
                digest(f.sha256, &w)
            }
            stamp(a.stamp, &w)
        }
        w.bool(s.hasMembers)
        return w.bytes
    }

    /// A state with the global part and no indicators (years: as given).
    public static func decodeGlobal(_ bytes: [UInt8], years: Set<Int>?) throws -> LedgerState {
        try bytes.withUnsafeBytes { buffer in
            var r = BinaryReader(buffer)
            guard try r.byte() == version else { throw BinaryReaderError(offset: 0, message: "another state codec version") }
            var s = LedgerState(years: years)
            if try r.bool() {
                var settings = LedgerSettings(entity: try r.string(), timeZone: try r.string(), bands: try bands(&r))
                if try r.bool() { settings.deadlineDay = try r.int() }
                settings.isDemo = try r.bool()
                settings.rulesEdition = try r.int()
                s.settings = settings
            }
            s.head = ChainHead(seq: try r.varint(), hash: try digest(&r), at: Timestamp(microseconds: try r.varint()))
            for _ in 0..<(try r.count(minimumBytes: 4)) {
                s.closes.append(QuarterClose(quarter: try period(&r), plan: try r.optionalString(), stamp: try stamp(&r)))
            }
            for _ in 0..<(try r.count(minimumBytes: 1)) { s.knownYears.insert(try r.int()) }
            for _ in 0..<(try r.count(minimumBytes: 5)) {
                let u = UnitDescription(code: try r.string(), name: try r.optionalString(), contact: try r.optionalString())
                s.units[u.code] = UnitState(description: u, stamp: try stamp(&r))
            }
            for _ in 0..<(try r.count(minimumBytes: 4)) {
                let q = try period(&r), plan = try r.optionalString(), seq = try r.varint(), hash = try digest(&r)
                var files: [AttestedFile] = []
                for _ in 0..<(try r.count(minimumBytes: 33)) { files.append(AttestedFile(name: try r.string(), sha256: try digest(&r))) }
                s.attestations.append(AttestationState(attestation: QuarterAttestation(quarter: q, plan: plan, headSeq: seq, headHash: hash, files: files),
                                                       stamp: try stamp(&r)))
            }
            s.hasMembers = try r.bool()
            guard r.isAtEnd else { throw BinaryReaderError(offset: r.position, message: "trailing bytes") }
            return s
        }
    }

    /// The indicators of one fiscal year, in definition order.
    public static func encodeYear(_ s: LedgerState, _ year: Int) -> [UInt8] {
        let ids = s.indicatorOrder.filter { s.indicators[$0]!.definition.year == year }
        var w = BinaryWriter(capacity: 1024 + ids.count * 512)
        w.byte(version)
        w.uvarint(UInt64(ids.count))
        for id in ids { indicator(s.indicators[id]!, &w) }
        return w.bytes
    }

    /// Adds the indicators of a year section to `s`.
    public static func decodeYear(_ bytes: [UInt8], into s: inout LedgerState) throws {
        try bytes.withUnsafeBytes { buffer in
            var r = BinaryReader(buffer)
            guard try r.byte() == version else { throw BinaryReaderError(offset: 0, message: "another state codec version") }
            let n = try r.count(minimumBytes: 8)
            s.indicatorOrder.reserveCapacity(s.indicatorOrder.count + n)
            s.indicators.reserveCapacity(s.indicators.count + n)
            for _ in 0..<n {
                let ind = try indicator(&r)
                guard s.indicators[ind.definition.id] == nil else { throw BinaryReaderError(offset: r.position, message: "duplicate indicator") }
                s.indicatorOrder.append(ind.definition.id)
                s.indicators[ind.definition.id] = ind
            }
            guard r.isAtEnd else { throw BinaryReaderError(offset: r.position, message: "trailing bytes") }
        }
    }

    /// Restores definition order after year sections were added one by one.
    public static func sortIndicatorOrder(_ s: inout LedgerState) {
        let indicators = s.indicators
        s.indicatorOrder.sort { indicators[$0]!.definedSeq < indicators[$1]!.definedSeq }
    }

    // MARK: Pieces

    static func decimal(_ d: DecimalNumber, _ w: inout BinaryWriter) {
        w.byte(UInt8(d.scale))
        let m = d.mantissa
        // Mantissas beyond 64 bits come only from sums; stored as two halves.
        if let small = Int64(exactly: m) {
            w.byte(0)
            w.varint(small)
        } else {
            w.byte(1)
            w.varint(Int64(truncatingIfNeeded: m >> 64))
            w.uvarint(UInt64(truncatingIfNeeded: m))
        }
    }

    static func decimal(_ r: inout BinaryReader) throws -> DecimalNumber {
        let scale = Int(try r.byte())
        guard scale <= 30 else { throw BinaryReaderError(offset: r.position, message: "bad decimal scale") }
        switch try r.byte() {
        case 0: return DecimalNumber(mantissa: Int128(try r.varint()), scale: scale)
        case 1:
            let high = Int128(try r.varint())
            let low = Int128(try r.uvarint())
            return DecimalNumber(mantissa: high << 64 | low, scale: scale)
        default: throw BinaryReaderError(offset: r.position, message: "bad decimal")
        }
    }

    static func optionalDecimal(_ d: DecimalNumber?, _ w: inout BinaryWriter) {
        w.bool(d != nil)
        if let d { decimal(d, &w) }
    }

    static func optionalDecimal(_ r: inout BinaryReader) throws -> DecimalNumber? {
        try r.bool() ? try decimal(&r) : nil
    }

    static func period(_ p: Period, _ w: inout BinaryWriter) {
        w.int(p.year)
        w.byte(UInt8(p.firstMonth))
        w.byte(UInt8(p.frequency.months))
    }

    static func period(_ r: inout BinaryReader) throws -> Period {
        let year = try r.int()
        let first = Int(try r.byte())
        let months = Int(try r.byte())
        guard let f = Frequency.allCases.first(where: { $0.months == months }), (1...12).contains(first),
              (first - 1) % months == 0 else { throw BinaryReaderError(offset: r.position, message: "bad period") }
        return Period(year: year, firstMonth: first, frequency: f)
    }

    static func digest(_ d: Digest256, _ w: inout BinaryWriter) {
        w.fixed64(d.bytes.0); w.fixed64(d.bytes.1); w.fixed64(d.bytes.2); w.fixed64(d.bytes.3)
    }

    static func digest(_ r: inout BinaryReader) throws -> Digest256 {
        Digest256(bytes: (try r.fixed64(), try r.fixed64(), try r.fixed64(), try r.fixed64()))
    }

    static func stamp(_ s: Stamp, _ w: inout BinaryWriter) {
        w.varint(s.seq)
        w.varint(s.at.microseconds)
        w.string(s.actor)
    }

    static func stamp(_ r: inout BinaryReader) throws -> Stamp {
        Stamp(seq: try r.varint(), at: Timestamp(microseconds: try r.varint()), actor: try r.string())
    }

    static func bands(_ b: StatusBands, _ w: inout BinaryWriter) {
        decimal(b.green, &w)
        decimal(b.yellow, &w)
        optionalDecimal(b.ceiling, &w)
    }

    static func bands(_ r: inout BinaryReader) throws -> StatusBands {
        StatusBands(green: try decimal(&r), yellow: try decimal(&r), ceiling: try optionalDecimal(&r))
    }

    static func measurement(_ m: Measurement, _ w: inout BinaryWriter) {
        switch m {
        case .value(let v):
            w.byte(0)
            decimal(v, &w)
        case .ratio(let n, let d):
            w.byte(1)
            decimal(n, &w)
            decimal(d, &w)
        }
    }

    static func measurement(_ r: inout BinaryReader) throws -> Measurement {
        switch try r.byte() {
        case 0: return .value(try decimal(&r))
        case 1: return .ratio(numerator: try decimal(&r), denominator: try decimal(&r))
        default: throw BinaryReaderError(offset: r.position, message: "bad measurement")
        }
    }

    static func enumValue<T: RawRepresentable>(_ r: inout BinaryReader, _ type: T.Type) throws -> T where T.RawValue == String {
        guard let v = T(rawValue: try r.string()) else { throw BinaryReaderError(offset: r.position, message: "bad \(T.self)") }
        return v
    }

    static func indicator(_ ind: IndicatorState, _ w: inout BinaryWriter) {
        let d = ind.definition
        w.string(d.id); w.string(d.name); w.optionalString(d.description); w.string(d.unit)
        w.string(d.frequency.rawValue); w.int(d.year); decimal(d.annualTarget, &w)
        w.bool(d.monthlyTargets != nil)
        for v in d.monthlyTargets ?? [] { decimal(v, &w) }
        w.string(d.aggregation.rawValue); w.string(d.direction.rawValue)
        optionalDecimal(d.baseline, &w)
        w.optionalString(d.ownerCode); w.optionalString(d.ownerName); w.string(d.plan)
        w.uvarint(UInt64(d.hierarchy.count))
        for l in d.hierarchy { w.string(l.level); w.string(l.value) }
        w.bool(d.bands != nil)
        if let b = d.bands { bands(b, &w) }
        for text in [d.dimension, d.definitionText, d.method, d.informationSource, d.objective] { w.optionalString(text) }

        w.varint(ind.definedSeq)
        decimal(ind.annualTarget, &w)
        let targets = ind.periodTargets.sorted { $0.key < $1.key }
        w.uvarint(UInt64(targets.count))
        for (p, v) in targets { period(p, &w); decimal(v, &w) }
        let reprogrammed = ind.reprogrammed.sorted()
        w.uvarint(UInt64(reprogrammed.count))
        for p in reprogrammed { period(p, &w) }
        let documents = ind.targetDocuments.sorted { $0.key < $1.key }
        w.uvarint(UInt64(documents.count))
        for (p, text) in documents { period(p, &w); w.string(text) }
        w.optionalString(ind.annualTargetDocument)
        let readings = ind.readings.sorted { $0.key < $1.key }
        w.uvarint(UInt64(readings.count))
        for (p, r) in readings {
            period(p, &w)
            measurement(r.measurement, &w)
            stamp(r.stamp, &w)
            w.varint(r.firstSeq)
            w.optionalString(r.note)
            w.bool(r.isCorrected)
            w.bool(r.isPostClose)
            w.optionalString(r.document)
            w.bool(r.isUnsigned)
        }
        w.uvarint(UInt64(ind.observations.count))
        for o in ind.observations { period(o.period, &w); w.string(o.text); stamp(o.stamp, &w) }
        let budgets = ind.budgets.sorted { $0.key < $1.key }
        w.uvarint(UInt64(budgets.count))
        for (p, b) in budgets {
            period(p, &w)
            decimal(b.figures.modified, &w); decimal(b.figures.accrued, &w); decimal(b.figures.paid, &w)
            optionalDecimal(b.figures.approved, &w); optionalDecimal(b.figures.committed, &w); optionalDecimal(b.figures.exercised, &w)
            stamp(b.stamp, &w)
        }
        w.varint(ind.lastSeq)
    }

    static func indicator(_ r: inout BinaryReader) throws -> IndicatorState {
        let id = try r.string(), name = try r.string(), description = try r.optionalString(), unit = try r.string()
        let frequency = try enumValue(&r, Frequency.self)
        let year = try r.int()
        let annual = try decimal(&r)
        var monthly: [DecimalNumber]?
        if try r.bool() { monthly = try (0..<12).map { _ in try decimal(&r) } }
        let aggregation = try enumValue(&r, Aggregation.self)
        let direction = try enumValue(&r, Direction.self)
        let baseline = try optionalDecimal(&r)
        let owner = try r.optionalString(), ownerName = try r.optionalString(), plan = try r.string()
        let hierarchy = try (0..<(try r.count(minimumBytes: 2))).map { _ in PlanLevel(level: try r.string(), value: try r.string()) }
        let ownBands = try r.bool() ? try bands(&r) : nil
        let d = IndicatorDefinition(id: id, name: name, description: description, unit: unit, frequency: frequency, year: year,
                                    annualTarget: annual, monthlyTargets: monthly, aggregation: aggregation, direction: direction,
                                    baseline: baseline, ownerCode: owner, ownerName: ownerName, plan: plan, hierarchy: hierarchy, bands: ownBands,
                                    dimension: try r.optionalString(), definitionText: try r.optionalString(), method: try r.optionalString(),
                                    informationSource: try r.optionalString(), objective: try r.optionalString())
        let definedSeq = try r.varint()
        let annualTarget = try decimal(&r)
        let targetCount = try r.count(minimumBytes: 5)
        var targets = [Period: DecimalNumber](minimumCapacity: targetCount)
        for _ in 0..<targetCount { targets[try period(&r)] = try decimal(&r) }
        var ind = IndicatorState(definition: d, definedSeq: definedSeq, periodTargets: targets)
        ind.annualTarget = annualTarget
        for _ in 0..<(try r.count(minimumBytes: 3)) { ind.reprogrammed.insert(try period(&r)) }
        for _ in 0..<(try r.count(minimumBytes: 4)) { ind.targetDocuments[try period(&r)] = try r.string() }
        ind.annualTargetDocument = try r.optionalString()
        let readingCount = try r.count(minimumBytes: 8)
        ind.readings.reserveCapacity(readingCount)
        for _ in 0..<readingCount {
            let p = try period(&r)
            var reading = ReadingState(measurement: try measurement(&r), stamp: try stamp(&r), firstSeq: try r.varint(),
                                       note: try r.optionalString(), isCorrected: try r.bool(), isPostClose: try r.bool(),
                                       document: try r.optionalString())
            reading.isUnsigned = try r.bool()
            ind.readings[p] = reading
        }
        for _ in 0..<(try r.count(minimumBytes: 6)) {
            ind.observations.append(ObservationState(period: try period(&r), text: try r.string(), stamp: try stamp(&r)))
        }
        for _ in 0..<(try r.count(minimumBytes: 12)) {
            let p = try period(&r)
            let f = BudgetFigures(modified: try decimal(&r), accrued: try decimal(&r), paid: try decimal(&r),
                                  approved: try optionalDecimal(&r), committed: try optionalDecimal(&r), exercised: try optionalDecimal(&r))
            ind.budgets[p] = BudgetState(figures: f, stamp: try stamp(&r))
        }
        ind.lastSeq = try r.varint()
        return ind
    }
}
