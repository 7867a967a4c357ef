// The journal's line format, versions 1 and 2 (FORMAT.md is the reference):
//
//   {"v":1,"seq":N,"at":"…Z"[,"clock":"…Z"],"actor":"…","os_user":"…","type":"…","data":{…}
//    [,"reason":"…"][,"document":"…"][,"source":"…"][,"more":K],"prev":"<64 hex>","hash":"<64 hex>"}\n
//
// A line says the lowest version that holds it: 1, or 2 when it carries a
// field or an event type version 2 added (a document, the office's events,
// the transparency fields, a deadline, `clock`, `demo`). Version 2 only
// adds; a version-1 line that holds something of version 2 is refused.
// Every line is read back before it is written (`encodeChecked`): the
// ledger never writes what it could not read back.
//
// Fields are always written in this order. The hash is SHA-256 over the
// previous hash's 64 hex digits followed by the line's bytes up to, not
// including, `,"hash":` (ChainHash). Values are JSON strings holding exact
// decimals, so no reader ever passes them through binary floating point.

import LedgerCrypto

public enum EventCodec {
    /// The newest format version this build writes (a line is written in the
    /// lowest that holds it). Readers accept every version up to it.
    public static let formatVersion = 2

    /// The oldest format version that can hold `payload` with `document`
    /// and `clock`: 2 for the types and fields version 2 added, else 1.
    public static func minimumVersion(_ payload: EventPayload, document: String?, clock: Timestamp? = nil) -> Int {
        if document != nil || clock != nil { return 2 }
        switch payload {
        case .ledgerOpened(let s): return s.deadlineDay == nil && !s.isDemo && s.rulesEdition == LedgerSettings.firstRulesEdition ? 1 : 2
        case .indicatorDefined(let d): return d.needsFormatVersion2 ? 2 : 1
        default: return payload.type.formatVersion
        }
    }

    /// `,"hash":"` + 64 hex + `"}`: the fixed tail of every line (without its newline).
    public static let hashSuffixLength = 75

    /// The line for an event (with its trailing newline) and the event's hash.
    public static func encode(seq: Int64, at: Timestamp, clock: Timestamp? = nil, actor: String, osUser: String, pending: PendingEvent,
                              more: Int, previous: Digest256) -> (line: [UInt8], hash: Digest256) {
        var w = JSONWriter(capacity: 320)
        w.raw("{\"v\":")
        w.int(minimumVersion(pending.payload, document: pending.document, clock: clock))
        w.key("seq"); w.int(seq)
        w.key("at"); w.string(at.description)
        if let clock { w.key("clock"); w.string(clock.description) }
        w.key("actor"); w.string(actor)
        w.key("os_user"); w.string(osUser)
        w.key("type"); w.string(pending.payload.type.rawValue)
        w.key("data"); writeData(pending.payload, to: &w)
        if let r = pending.reason { w.key("reason"); w.string(r) }
        if let d = pending.document { w.key("document"); w.string(d) }
        if let s = pending.source { w.key("source"); w.string(s) }
        if more > 0 { w.key("more"); w.int(more) }
        w.key("prev"); w.string(previous.hex)
        let hash = ChainHash.of(previous: previous, body: w.bytes)
        w.key("hash"); w.string(hash.hex)
        w.raw("}\n")
        return (w.bytes, hash)
    }

    /// `encode`, then the line read back: it must decode to exactly the
    /// event meant (a time past year 9999, a number or a name that would not
    /// survive the trip is refused here, before anything is written).
    public static func encodeChecked(seq: Int64, at: Timestamp, clock: Timestamp? = nil, actor: String, osUser: String,
                                     pending: PendingEvent, more: Int, previous: Digest256) throws -> (line: [UInt8], hash: Digest256) {
        let (line, hash) = encode(seq: seq, at: at, clock: clock, actor: actor, osUser: osUser, pending: pending, more: more, previous: previous)
        let meant = RecordedEvent(seq: seq, at: at, actor: actor, osUser: osUser, payload: pending.payload, reason: pending.reason,
                                  document: pending.document, source: pending.source, more: more, previousHash: previous, hash: hash,
                                  clock: clock)
        let read: RecordedEvent
        do {
            read = try line.withUnsafeBytes { try decode(line: UnsafeRawBufferPointer(rebasing: $0[0..<($0.count - 1)])) }
        } catch let e as EventDecodingError {
            throw EventEncodingError("event \(seq) would not read back (\(e.message))")
        }
        guard read == meant else { throw EventEncodingError("event \(seq) would read back differently from what was meant") }
        return (line, hash)
    }

    static func writeDecimal(_ key: StaticString, _ v: DecimalNumber, _ w: inout JSONWriter) {
        w.key(key)
        w.string(v.description)
    }

    static func writeMeasurement(_ m: Measurement, _ w: inout JSONWriter) {
        switch m {
        case .value(let v): writeDecimal("value", v, &w)
        case .ratio(let n, let d):
            writeDecimal("numerator", n, &w)
            writeDecimal("denominator", d, &w)
        }
    }

    static func writeBands(_ b: StatusBands, _ w: inout JSONWriter) {
        writeDecimal("green", b.green, &w)
        writeDecimal("yellow", b.yellow, &w)
        if let c = b.ceiling { writeDecimal("ceiling", c, &w) }
    }

    static func writeData(_ payload: EventPayload, to w: inout JSONWriter) {
        switch payload {
        case .ledgerOpened(let s):
            w.key("entity", first: true, open: true); w.string(s.entity)
            w.key("time_zone"); w.string(s.timeZone)
            writeBands(s.bands, &w)
            if let day = s.deadlineDay { w.key("deadline_day"); w.int(day) }
            if s.isDemo { w.key("demo"); w.raw("true") }
            if s.rulesEdition != LedgerSettings.firstRulesEdition { w.key("rules"); w.int(s.rulesEdition) }
        case .indicatorDefined(let d):
            w.key("id", first: true, open: true); w.string(d.id)
            w.key("name"); w.string(d.name)
            if let x = d.description { w.key("description"); w.string(x) }
            w.key("unit"); w.string(d.unit)
            w.key("frequency"); w.string(d.frequency.rawValue)
            w.key("year"); w.int(d.year)
            writeDecimal("annual_target", d.annualTarget, &w)
            if let m = d.monthlyTargets {
                w.key("monthly_targets")
                w.raw("[")
                for (n, v) in m.enumerated() {
                    if n > 0 { w.raw(",") }
                    w.string(v.description)
                }
                w.raw("]")
            }
            w.key("aggregation"); w.string(d.aggregation.rawValue)
            w.key("direction"); w.string(d.direction.rawValue)
            if let b = d.baseline { writeDecimal("baseline", b, &w) }
            if let o = d.ownerCode { w.key("owner"); w.string(o) }
            if let o = d.ownerName { w.key("owner_name"); w.string(o) }
            w.key("plan"); w.string(d.plan)
            if !d.hierarchy.isEmpty {
                w.key("hierarchy")
                w.raw("[")
                for (n, level) in d.hierarchy.enumerated() {
                    if n > 0 { w.raw(",") }
                    w.key("level", first: true, open: true); w.string(level.level)
                    w.key("value"); w.string(level.value)
                    w.raw("}")
                }
                w.raw("]")
            }
            if let b = d.bands { writeBands(b, &w) }
            if let x = d.dimension { w.key("dimension"); w.string(x) }
            if let x = d.definitionText { w.key("definition"); w.string(x) }
            if let x = d.method { w.key("method"); w.string(x) }
            if let x = d.informationSource { w.key("information_source"); w.string(x) }
            if let x = d.objective { w.key("objective"); w.string(x) }
        case .targetChanged(let indicator, let change):
            w.key("indicator", first: true, open: true); w.string(indicator)
            switch change {
            case .annual(let v): writeDecimal("annual_target", v, &w)
            case .period(let p, let v):
                w.key("period"); w.string(p.description)
                writeDecimal("value", v, &w)
            }
        case .readingRecorded(let indicator, let period, let m, let note, let postClose):
            w.key("indicator", first: true, open: true); w.string(indicator)
            w.key("period"); w.string(period.description)
            writeMeasurement(m, &w)
            if let n = note { w.key("note"); w.string(n) }
            if postClose { w.key("post_close"); w.raw("true") }
        case .readingCorrected(let indicator, let period, let m, let corrects, let postClose):
            w.key("indicator", first: true, open: true); w.string(indicator)
            w.key("period"); w.string(period.description)
            writeMeasurement(m, &w)
            w.key("corrects"); w.int(corrects)
            if postClose { w.key("post_close"); w.raw("true") }
        case .observationAdded(let indicator, let period, let text):
            w.key("indicator", first: true, open: true); w.string(indicator)
            w.key("period"); w.string(period.description)
            w.key("text"); w.string(text)
        case .budgetRecorded(let indicator, let period, let f):
            w.key("indicator", first: true, open: true); w.string(indicator)
            w.key("period"); w.string(period.description)
            writeDecimal("modified", f.modified, &w)
            writeDecimal("accrued", f.accrued, &w)
            writeDecimal("paid", f.paid, &w)
            if let v = f.approved { writeDecimal("approved", v, &w) }
            if let v = f.committed { writeDecimal("committed", v, &w) }
            if let v = f.exercised { writeDecimal("exercised", v, &w) }
        case .quarterClosed(let quarter, let plan):
            w.key("quarter", first: true, open: true); w.string(quarter.description)
            if let p = plan { w.key("plan"); w.string(p) }
        case .segmentSealed(let segments):
            w.key("segments", first: true, open: true)
            w.raw("[")
            for (n, s) in segments.enumerated() {
                if n > 0 { w.raw(",") }
                w.key("file", first: true, open: true); w.string(s.file)
                w.key("first_seq"); w.int(s.firstSeq)
                w.key("last_seq"); w.int(s.lastSeq)
                w.key("bytes"); w.int(s.bytes)
                w.key("sha256"); w.string(s.sha256.hex)
                w.raw("}")
            }
            w.raw("]")
        case .deadlineSet(let day):
            w.key("day", first: true, open: true); w.int(day)
        case .unitDescribed(let u):
            w.key("owner", first: true, open: true); w.string(u.code)
            if let n = u.name { w.key("owner_name"); w.string(n) }
            if let c = u.contact { w.key("contact"); w.string(c) }
        case .indicatorAmended(let indicator, let amendment):
            w.key("indicator", first: true, open: true); w.string(indicator)
            for (key, value) in amendment.fields {
                w.raw(",")
                w.string(key)
                w.raw(":")
                w.string(value)
            }
        case .memberAdded(let r):
            w.key("name", first: true, open: true); w.string(r.name)
            w.key("public_key"); w.string(r.publicKey.line)
            writeRoles(r.roles, &w)
        case .memberRolesChanged(let name, let roles):
            w.key("name", first: true, open: true); w.string(name)
            writeRoles(roles, &w)
        case .memberRemoved(let name):
            w.key("name", first: true, open: true); w.string(name)
        case .signaturesRequired:
            w.raw("{")
        case .quarterAttested(let a):
            w.key("quarter", first: true, open: true); w.string(a.quarter.description)
            if let p = a.plan { w.key("plan"); w.string(p) }
            w.key("head_seq"); w.int(a.headSeq)
            w.key("head_hash"); w.string(a.headHash.hex)
            w.key("files")
            w.raw("[")
            for (n, f) in a.files.enumerated() {
                if n > 0 { w.raw(",") }
                w.key("name", first: true, open: true); w.string(f.name)
                w.key("sha256"); w.string(f.sha256.hex)
                w.raw("}")
            }
            w.raw("]")
        case .batchSigned(let s):
            w.key("signer", first: true, open: true); w.string(s.signer)
            w.key("from_seq"); w.int(s.fromSeq)
            w.key("sshsig"); w.string(Base64.encode(s.blob))
        }
        w.raw("}")
    }

    static func writeRoles(_ roles: [Role], _ w: inout JSONWriter) {
        w.key("roles")
        w.raw("[")
        for (n, r) in roles.enumerated() {
            if n > 0 { w.raw(",") }
            w.string(r.rawValue)
        }
        w.raw("]")
    }
}

extension JSONWriter {
    /// The first key of an object, with its opening brace.
    mutating func key(_ k: StaticString, first: Bool, open: Bool) {
        if open { raw("{") }
        key(k, first: first)
    }
}

// MARK: Decoding

/// Why a journal line cannot be read as an event.
public struct EventDecodingError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Why an event cannot be written: its line would not read back as it.
public struct EventEncodingError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension EventCodec {
    /// Reads one line (without its newline) into an event. Checks the shape
    /// and the fields; the chain itself (prev and hash) is checked by the caller.
    public static func decode(line: UnsafeRawBufferPointer) throws -> RecordedEvent {
        if let fast = decodeCanonical(line: line) { return fast }
        return try decodeGeneral(line: line)
    }

    /// Reads any valid layout of a line (fields in any order, any spacing),
    /// explaining what is wrong with an invalid one.
    public static func decodeGeneral(line: UnsafeRawBufferPointer) throws -> RecordedEvent {
        guard line.count > hashSuffixLength + 2 else { throw EventDecodingError("the line is too short to be an event") }
        let root: JSONValue
        do {
            root = try JSONParser.parse(line)
        } catch let e as JSONError {
            throw EventDecodingError("not valid JSON (\(e.message) at byte \(e.offset + 1))")
        }
        guard case .object(let fields) = root else { throw EventDecodingError("the line is not a JSON object") }
        guard fields.count >= 2, fields[fields.count - 1].0 == "hash", fields[fields.count - 2].0 == "prev" else {
            throw EventDecodingError("the line does not end with its prev and hash fields")
        }
        // The hash field must be the fixed 75-byte tail, so the hashed body is well defined.
        let tail = UnsafeRawBufferPointer(rebasing: line[(line.count - hashSuffixLength)...])
        let expectedTail = Array(",\"hash\":\"".utf8)
        for k in 0..<expectedTail.count where tail[k] != expectedTail[k] {
            throw EventDecodingError("the hash field is not written as the format requires")
        }
        var f = Fields(fields)
        let version = try f.int("v")
        guard version >= 1 else { throw EventDecodingError("format version \(version) is not valid") }
        guard version <= formatVersion else {
            throw EventDecodingError("format version \(version) is newer than this ledger understands (\(formatVersion)); use a newer ledger")
        }
        let seq = try f.int("seq")
        let atText = try f.string("at")
        guard let at = Timestamp(parsing: atText) else { throw EventDecodingError("field at is not a timestamp: \(atText)") }
        var clock: Timestamp?
        if let clockText = try f.optionalString("clock") {
            guard version >= 2 else { throw EventDecodingError("field clock needs format version 2") }
            guard let c = Timestamp(parsing: clockText) else { throw EventDecodingError("field clock is not a timestamp: \(clockText)") }
            clock = c
        }
        let actor = try f.string("actor")
        let osUser = try f.string("os_user")
        let typeName = try f.string("type")
        guard let type = EventType(rawValue: typeName) else { throw EventDecodingError("unknown event type \(typeName)") }
        guard case .object(let dataFields)? = f.take("data") else { throw EventDecodingError("field data is missing or not an object") }
        let payload = try decodePayload(type, Fields(dataFields))
        let reason = try f.optionalString("reason")
        let document = try f.optionalString("document")
        let source = try f.optionalString("source")
        let more = try f.optionalInt("more") ?? 0
        guard let prev = Digest256(hexText: try f.string("prev")) else { throw EventDecodingError("field prev is not a SHA-256 hex digest") }
        guard let hash = Digest256(hexText: try f.string("hash")) else { throw EventDecodingError("field hash is not a SHA-256 hex digest") }
        try f.finish("the event")
        let needed = minimumVersion(payload, document: document, clock: clock)
        guard needed <= version else {
            let what = document != nil ? "field document" : clock != nil ? "field clock" : "type \(typeName) or its fields"
            throw EventDecodingError("the event holds what format version \(needed) added (\(what)), but the line says version \(version)")
        }
        return RecordedEvent(seq: Int64(seq), at: at, actor: actor, osUser: osUser, payload: payload, reason: reason,
                             document: document, source: source, more: more, previousHash: prev, hash: hash, clock: clock)
    }

    public static func decode(line: [UInt8]) throws -> RecordedEvent {
        try line.withUnsafeBytes { try decode(line: $0) }
    }

    static func decodeMeasurement(_ f: inout Fields) throws -> Measurement {
        if let v = try f.optionalDecimal("value") { return .value(v) }
        guard let n = try f.optionalDecimal("numerator"), let d = try f.optionalDecimal("denominator") else {
            throw EventDecodingError("a reading needs a value or a numerator and a denominator")
        }
        return .ratio(numerator: n, denominator: d)
    }

    static func decodeBands(_ f: inout Fields) throws -> StatusBands? {
        guard let green = try f.optionalDecimal("green") else { return nil }
        let yellow = try f.decimal("yellow")
        return StatusBands(green: green, yellow: yellow, ceiling: try f.optionalDecimal("ceiling"))
    }

    static func roles(_ f: inout Fields) throws -> [Role] {
        guard case .array(let items)? = f.take("roles") else { throw EventDecodingError("field roles must be a list") }
        let roles: [Role] = try items.map { item in
            guard let t = item.stringValue, let r = Role(rawValue: t) else { throw EventDecodingError("field roles holds an unknown role (admin, planner, recorder, auditor)") }
            return r
        }
        guard !roles.isEmpty, roles == Role.canonical(roles) else { throw EventDecodingError("field roles must list each role once, in the order admin, planner, recorder, auditor") }
        return roles
    }

    static func period(_ f: inout Fields, _ key: String = "period") throws -> Period {
        let text = try f.string(key)
        guard let p = Period(text) else { throw EventDecodingError("field \(key) is not a period: \(text)") }
        return p
    }

    static func decodePayload(_ type: EventType, _ fields: Fields) throws -> EventPayload {
        var f = fields
        let payload: EventPayload
        switch type {
        case .ledgerOpened:
            let entity = try f.string("entity")
            let zone = try f.string("time_zone")
            let bands = try decodeBands(&f) ?? .standard
            let day = try f.optionalInt("deadline_day")
            if let day, !LedgerSettings.deadlineDays.contains(day) { throw EventDecodingError("field deadline_day is not a day of the month (1 to 31)") }
            let demo = try f.optionalBool("demo")
            guard demo != false else { throw EventDecodingError("field demo, when present, is true") }
            let rules = try f.optionalInt("rules")
            if let rules, !LedgerSettings.rulesEditions.contains(rules) || rules == LedgerSettings.firstRulesEdition {
                throw EventDecodingError("field rules names a rules edition this build does not know (it knows \(LedgerSettings.firstRulesEdition + 1) to \(LedgerSettings.currentRulesEdition); 1 is written by leaving the field out)")
            }
            payload = .ledgerOpened(LedgerSettings(entity: entity, timeZone: zone, bands: bands, deadlineDay: day, isDemo: demo == true,
                                                   rulesEdition: rules ?? LedgerSettings.firstRulesEdition))
        case .indicatorDefined:
            let id = try f.string("id")
            let name = try f.string("name")
            let description = try f.optionalString("description")
            let unit = try f.string("unit")
            let freqText = try f.string("frequency")
            guard let frequency = Frequency(rawValue: freqText) else { throw EventDecodingError("unknown frequency \(freqText)") }
            let year = try f.int("year")
            let annual = try f.decimal("annual_target")
            var monthly: [DecimalNumber]?
            if let m = f.take("monthly_targets") {
                guard case .array(let items) = m, items.count == 12 else { throw EventDecodingError("monthly_targets must hold 12 values") }
                monthly = try items.map { item in
                    guard let s = item.stringValue, let d = DecimalNumber(s) else { throw EventDecodingError("monthly_targets holds a value that is not a number") }
                    return d
                }
            }
            let aggText = try f.string("aggregation")
            guard let aggregation = Aggregation(rawValue: aggText) else { throw EventDecodingError("unknown aggregation \(aggText)") }
            let dirText = try f.string("direction")
            guard let direction = Direction(rawValue: dirText) else { throw EventDecodingError("unknown direction \(dirText)") }
            let baseline = try f.optionalDecimal("baseline")
            let owner = try f.optionalString("owner")
            let ownerName = try f.optionalString("owner_name")
            let plan = try f.string("plan")
            var hierarchy: [PlanLevel] = []
            if let h = f.take("hierarchy") {
                guard case .array(let items) = h else { throw EventDecodingError("hierarchy must be a list") }
                hierarchy = try items.map { item in
                    guard let l = item["level"]?.stringValue, let v = item["value"]?.stringValue else { throw EventDecodingError("a hierarchy level needs level and value") }
                    return PlanLevel(level: l, value: v)
                }
            }
            let bands = try decodeBands(&f)
            payload = .indicatorDefined(IndicatorDefinition(
                id: id, name: name, description: description, unit: unit, frequency: frequency, year: year,
                annualTarget: annual, monthlyTargets: monthly, aggregation: aggregation, direction: direction,
                baseline: baseline, ownerCode: owner, ownerName: ownerName, plan: plan, hierarchy: hierarchy, bands: bands,
                dimension: try f.optionalString("dimension"), definitionText: try f.optionalString("definition"),
                method: try f.optionalString("method"), informationSource: try f.optionalString("information_source"),
                objective: try f.optionalString("objective")))
        case .targetChanged:
            let indicator = try f.string("indicator")
            if let annual = try f.optionalDecimal("annual_target") {
                payload = .targetChanged(indicator: indicator, change: .annual(annual))
            } else {
                let p = try period(&f)
                payload = .targetChanged(indicator: indicator, change: .period(p, try f.decimal("value")))
            }
        case .readingRecorded:
            let indicator = try f.string("indicator")
            let p = try period(&f)
            let m = try decodeMeasurement(&f)
            let note = try f.optionalString("note")
            let postClose = try f.optionalBool("post_close") ?? false
            payload = .readingRecorded(indicator: indicator, period: p, measurement: m, note: note, postClose: postClose)
        case .readingCorrected:
            let indicator = try f.string("indicator")
            let p = try period(&f)
            let m = try decodeMeasurement(&f)
            let corrects = try f.int("corrects")
            let postClose = try f.optionalBool("post_close") ?? false
            payload = .readingCorrected(indicator: indicator, period: p, measurement: m, corrects: Int64(corrects), postClose: postClose)
        case .observationAdded:
            let indicator = try f.string("indicator")
            let p = try period(&f)
            payload = .observationAdded(indicator: indicator, period: p, text: try f.string("text"))
        case .budgetRecorded:
            let indicator = try f.string("indicator")
            let p = try period(&f)
            let figures = BudgetFigures(modified: try f.decimal("modified"), accrued: try f.decimal("accrued"),
                                        paid: try f.decimal("paid"), approved: try f.optionalDecimal("approved"),
                                        committed: try f.optionalDecimal("committed"), exercised: try f.optionalDecimal("exercised"))
            payload = .budgetRecorded(indicator: indicator, period: p, figures: figures)
        case .quarterClosed:
            let q = try period(&f, "quarter")
            guard q.frequency == .quarterly else { throw EventDecodingError("field quarter is not a quarter") }
            payload = .quarterClosed(quarter: q, plan: try f.optionalString("plan"))
        case .segmentSealed:
            guard case .array(let items)? = f.take("segments"), !items.isEmpty else { throw EventDecodingError("field segments must be a non-empty list") }
            payload = .segmentSealed(segments: try items.map { item in
                guard case .object(let pairs) = item else { throw EventDecodingError("a segment must be an object") }
                var g = Fields(pairs)
                let file = try g.string("file")
                let first = try g.int("first_seq"), last = try g.int("last_seq"), bytes = try g.int("bytes")
                guard let sha = Digest256(hexText: try g.string("sha256")) else { throw EventDecodingError("a segment's sha256 is not a SHA-256 hex digest") }
                try g.finish("a segment")
                guard first >= 1, last >= first, bytes > 0, file == SegmentRecord.fileName(first: Int64(first), last: Int64(last)) else {
                    throw EventDecodingError("a segment's file, seqs and size do not agree")
                }
                return SegmentRecord(file: file, firstSeq: Int64(first), lastSeq: Int64(last), bytes: Int64(bytes), sha256: sha)
            })
        case .deadlineSet:
            let day = try f.int("day")
            guard LedgerSettings.deadlineDays.contains(day) else { throw EventDecodingError("field day is not a day of the month (1 to 31)") }
            payload = .deadlineSet(day: day)
        case .unitDescribed:
            payload = .unitDescribed(UnitDescription(code: try f.string("owner"), name: try f.optionalString("owner_name"),
                                                     contact: try f.optionalString("contact")))
        case .indicatorAmended:
            let indicator = try f.string("indicator")
            let a = IndicatorAmendment(
                name: try f.optionalString("name"), description: try f.optionalString("description"), unit: try f.optionalString("unit"),
                ownerCode: try f.optionalString("owner"), ownerName: try f.optionalString("owner_name"),
                baseline: try f.optionalDecimal("baseline"), dimension: try f.optionalString("dimension"),
                definitionText: try f.optionalString("definition"), method: try f.optionalString("method"),
                informationSource: try f.optionalString("information_source"), objective: try f.optionalString("objective"))
            guard !a.isEmpty else { throw EventDecodingError("an amendment must change at least one field") }
            payload = .indicatorAmended(indicator: indicator, amendment: a)
        case .memberAdded:
            let name = try f.string("name")
            let keyText = try f.string("public_key")
            let key: SSHPublicKey
            do { key = try SSHPublicKey(line: keyText) } catch { throw EventDecodingError("field public_key is not an OpenSSH Ed25519 public key: \(error)") }
            guard key.line == keyText else { throw EventDecodingError("field public_key is not written as the format requires (ssh-ed25519 BASE64 [comment])") }
            payload = .memberAdded(MemberRecord(name: name, publicKey: key, roles: try roles(&f)))
        case .memberRolesChanged:
            let name = try f.string("name")
            payload = .memberRolesChanged(name: name, roles: try roles(&f))
        case .memberRemoved:
            payload = .memberRemoved(name: try f.string("name"))
        case .signaturesRequired:
            payload = .signaturesRequired
        case .quarterAttested:
            let q = try period(&f, "quarter")
            guard q.frequency == .quarterly else { throw EventDecodingError("field quarter is not a quarter") }
            let plan = try f.optionalString("plan")
            let headSeq = try f.int("head_seq")
            guard let headHash = Digest256(hexText: try f.string("head_hash")) else { throw EventDecodingError("field head_hash is not a SHA-256 hex digest") }
            guard case .array(let items)? = f.take("files") else { throw EventDecodingError("field files must be a list") }
            let files: [AttestedFile] = try items.map { item in
                guard case .object(let pairs) = item else { throw EventDecodingError("an attested file must be an object") }
                var g = Fields(pairs)
                let name = try g.string("name")
                guard let sha = Digest256(hexText: try g.string("sha256")) else { throw EventDecodingError("an attested file's sha256 is not a SHA-256 hex digest") }
                try g.finish("an attested file")
                return AttestedFile(name: name, sha256: sha)
            }
            payload = .quarterAttested(QuarterAttestation(quarter: q, plan: plan, headSeq: Int64(headSeq), headHash: headHash, files: files))
        case .batchSigned:
            let signer = try f.string("signer")
            let from = try f.int("from_seq")
            let text = try f.string("sshsig")
            let blob: [UInt8]
            do { blob = try Base64.decode(text) } catch { throw EventDecodingError("field sshsig is not strict base64: \(error)") }
            payload = .batchSigned(BatchSignature(signer: signer, fromSeq: Int64(from), blob: blob))
        }
        try f.finish("data")
        return payload
    }
}

/// The fields of a JSON object, taken one by one; whatever is left over at
/// the end is an error, so a misspelt or foreign field never passes silently.
struct Fields {
    private var pairs: [(String, JSONValue)]

    init(_ pairs: [(String, JSONValue)]) { self.pairs = pairs }

    mutating func take(_ key: String) -> JSONValue? {
        guard let i = pairs.firstIndex(where: { $0.0 == key }) else { return nil }
        return pairs.remove(at: i).1
    }

    mutating func string(_ key: String) throws -> String {
        guard let v = take(key) else { throw EventDecodingError("field \(key) is missing") }
        guard case .string(let s) = v else { throw EventDecodingError("field \(key) is not text") }
        return s
    }

    mutating func optionalString(_ key: String) throws -> String? {
        guard let v = take(key) else { return nil }
        guard case .string(let s) = v else { throw EventDecodingError("field \(key) is not text") }
        return s
    }

    mutating func int(_ key: String) throws -> Int {
        guard let v = try optionalInt(key) else { throw EventDecodingError("field \(key) is missing") }
        return v
    }

    mutating func optionalInt(_ key: String) throws -> Int? {
        guard let v = take(key) else { return nil }
        guard case .number(let n) = v, let i = Int(n) else { throw EventDecodingError("field \(key) is not a whole number") }
        return i
    }

    mutating func optionalBool(_ key: String) throws -> Bool? {
        guard let v = take(key) else { return nil }
        guard case .bool(let b) = v else { throw EventDecodingError("field \(key) is not true or false") }
        return b
    }

    mutating func decimal(_ key: String) throws -> DecimalNumber {
        guard let v = try optionalDecimal(key) else { throw EventDecodingError("field \(key) is missing") }
        return v
    }

    mutating func optionalDecimal(_ key: String) throws -> DecimalNumber? {
        guard let v = take(key) else { return nil }
        guard case .string(let s) = v, let d = DecimalNumber(s) else { throw EventDecodingError("field \(key) is not an exact decimal in quotes") }
        return d
    }

    func finish(_ what: String) throws {
        if let extra = pairs.first { throw EventDecodingError("\(what) has an unknown field \(extra.0)") }
    }
}

extension Digest256 {
    init?(hexText: String) {
        var t = hexText
        guard let d = t.withUTF8({ Digest256(hexBytes: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = d
    }
}
