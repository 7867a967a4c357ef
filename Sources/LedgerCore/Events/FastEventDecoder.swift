// The replay fast path: decodes a line written in the canonical layout
// (fields in the order EventCodec writes them, no spaces) straight from its
// bytes, without building a JSON tree. Any deviation returns nil and the
// caller falls back to EventCodec.decode, which reads any valid layout and
// explains what is wrong with an invalid one. A test checks that both agree
// on every event type.

import LedgerCrypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension EventType {
    /// Each name as it follows `"type":"` in a line, with its closing quote;
    /// the frequent types first.
    static let quotedNames: [(EventType, [UInt8])] = [
        EventType.readingRecorded, .readingCorrected, .observationAdded, .targetChanged, .budgetRecorded,
        .quarterClosed, .batchSigned, .indicatorDefined, .indicatorAmended, .ledgerOpened, .unitDescribed, .deadlineSet, .segmentSealed,
        .memberAdded, .memberRolesChanged, .memberRemoved,
    ].map { ($0, Array(($0.rawValue + "\"").utf8)) }
}

extension EventCodec {
    /// The event of a canonical line, or nil when the line is not canonical.
    public static func decodeCanonical(line: UnsafeRawBufferPointer) -> RecordedEvent? {
        var s = Scanner(line)
        return s.event()
    }
}

struct Scanner {
    let b: UnsafeRawBufferPointer
    var i = 0

    init(_ b: UnsafeRawBufferPointer) { self.b = b }

    @inline(__always) mutating func literal(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        i += n
        return true
    }

    @inline(__always) func peek(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        return true
    }

    mutating func int() -> Int64? {
        var v: Int64 = 0
        var digits = 0
        while i < b.count, b[i] >= 48, b[i] <= 57 {
            guard digits < 18 else { return nil }
            v = v * 10 + Int64(b[i] - 48)
            i += 1
            digits += 1
        }
        guard digits > 0, digits == 1 || b[i - digits] != 48 else { return nil }
        return v
    }

    /// A JSON string's contents (after its opening quote has been matched by
    /// the caller's literal), up to and including the closing quote.
    mutating func stringBody() -> String? {
        let start = i
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                let s = UTF8Text.string(UnsafeRawBufferPointer(rebasing: b[start..<i]))
                i += 1
                return s
            }
            if c == 0x5C || c < 0x20 { return nil }  // escapes: leave to the general decoder
            i += 1
        }
        return nil
    }

    /// `"text"` at the cursor.
    mutating func string() -> String? {
        guard i < b.count, b[i] == 0x22 else { return nil }
        i += 1
        return stringBody()
    }

    /// A quoted exact decimal.
    mutating func decimal() -> DecimalNumber? {
        guard i < b.count, b[i] == 0x22 else { return nil }
        let start = i + 1
        var j = start
        while j < b.count, b[j] != 0x22 { j += 1 }
        guard j < b.count, case .success(let d) = DecimalNumber.parse(UnsafeRawBufferPointer(rebasing: b[start..<j])) else { return nil }
        i = j + 1
        return d
    }

    mutating func period() -> Period? {
        guard i < b.count, b[i] == 0x22 else { return nil }
        let start = i + 1
        var j = start
        while j < b.count, b[j] != 0x22, j - start < 8 { j += 1 }
        guard j < b.count, b[j] == 0x22 else { return nil }
        let p = Period(bytes: UnsafeRawBufferPointer(rebasing: b[start..<j]))
        i = j + 1
        return p
    }

    mutating func digest() -> Digest256? {
        guard i + 66 <= b.count, b[i] == 0x22, b[i + 65] == 0x22 else { return nil }
        let d = Digest256(hexBytes: UnsafeRawBufferPointer(rebasing: b[(i + 1)..<(i + 65)]))
        i += 66
        return d
    }

    mutating func timestamp() -> Timestamp? {
        // "YYYY-MM-DDTHH:MM:SS.ffffffZ"
        guard i + 29 <= b.count, b[i] == 0x22, b[i + 28] == 0x22 else { return nil }
        let t = Timestamp(canonical: UnsafeRawBufferPointer(rebasing: b[(i + 1)..<(i + 28)]))
        i += 29
        return t
    }

    mutating func optionalString(_ key: StaticString) -> String?? {
        guard literal(key) else { return .some(nil) }
        guard let s = string() else { return nil }
        return .some(s)
    }

    mutating func optionalDecimal(_ key: StaticString) -> DecimalNumber?? {
        guard literal(key) else { return .some(nil) }
        guard let d = decimal() else { return nil }
        return .some(d)
    }

    mutating func event() -> RecordedEvent? {
        let version: Int
        if literal("{\"v\":2,\"seq\":") {
            version = 2
        } else if literal("{\"v\":1,\"seq\":") {
            version = 1
        } else {
            return nil
        }
        guard let seq = int(), literal(",\"at\":"), let at = timestamp() else { return nil }
        var clock: Timestamp?
        if literal(",\"clock\":") {
            guard let c = timestamp() else { return nil }
            clock = c
        }
        guard literal(",\"actor\":"), let actor = string(),
              literal(",\"os_user\":"), let osUser = string(),
              literal(",\"type\":\""), let type = eventType(),
              literal(",\"data\":{"), let payload = data(type), literal("}") else { return nil }
        guard let reason = optionalString(",\"reason\":"), let document = optionalString(",\"document\":"),
              let source = optionalString(",\"source\":") else { return nil }
        // A version-1 line holding what version 2 added: the general decoder says why it is refused.
        guard EventCodec.minimumVersion(payload, document: document, clock: clock) <= version else { return nil }
        var more = 0
        if literal(",\"more\":") {
            guard let m = int() else { return nil }
            more = Int(m)
        }
        guard literal(",\"prev\":"), let prev = digest(), literal(",\"hash\":"), let hash = digest(), literal("}"), i == b.count else { return nil }
        return RecordedEvent(seq: seq, at: at, actor: actor, osUser: osUser, payload: payload, reason: reason, document: document,
                             source: source, more: more, previousHash: prev, hash: hash, clock: clock)
    }

    mutating func bands() -> StatusBands?? {
        guard literal(",\"green\":") else { return .some(nil) }
        guard let green = decimal(), literal(",\"yellow\":"), let yellow = decimal(), let ceiling = optionalDecimal(",\"ceiling\":") else { return nil }
        return .some(StatusBands(green: green, yellow: yellow, ceiling: ceiling))
    }

    mutating func definition() -> IndicatorDefinition? {
        guard literal("\"id\":"), let id = string(), literal(",\"name\":"), let name = string(),
              let description = optionalString(",\"description\":"), literal(",\"unit\":"), let unit = string(),
              literal(",\"frequency\":"), let f = string(), let frequency = Frequency(rawValue: f),
              literal(",\"year\":"), let year = int(), literal(",\"annual_target\":"), let annual = decimal() else { return nil }
        var monthly: [DecimalNumber]?
        if literal(",\"monthly_targets\":[") {
            var values: [DecimalNumber] = []
            values.reserveCapacity(12)
            for k in 0..<12 {
                if k > 0 { guard literal(",") else { return nil } }
                guard let v = decimal() else { return nil }
                values.append(v)
            }
            guard literal("]") else { return nil }
            monthly = values
        }
        guard literal(",\"aggregation\":"), let a = string(), let aggregation = Aggregation(rawValue: a),
              literal(",\"direction\":"), let d = string(), let direction = Direction(rawValue: d),
              let baseline = optionalDecimal(",\"baseline\":"), let owner = optionalString(",\"owner\":"),
              let ownerName = optionalString(",\"owner_name\":"), literal(",\"plan\":"), let plan = string() else { return nil }
        var hierarchy: [PlanLevel] = []
        if literal(",\"hierarchy\":[") {
            repeat {
                guard literal("{\"level\":"), let level = string(), literal(",\"value\":"), let value = string(), literal("}") else { return nil }
                hierarchy.append(PlanLevel(level: level, value: value))
            } while literal(",")
            guard literal("]") else { return nil }
        }
        guard let bands = bands(), let dimension = optionalString(",\"dimension\":"), let definitionText = optionalString(",\"definition\":"),
              let method = optionalString(",\"method\":"), let source = optionalString(",\"information_source\":"),
              let objective = optionalString(",\"objective\":") else { return nil }
        return IndicatorDefinition(id: id, name: name, description: description, unit: unit, frequency: frequency, year: Int(year),
                                   annualTarget: annual, monthlyTargets: monthly, aggregation: aggregation, direction: direction,
                                   baseline: baseline, ownerCode: owner, ownerName: ownerName, plan: plan, hierarchy: hierarchy, bands: bands,
                                   dimension: dimension, definitionText: definitionText, method: method, informationSource: source,
                                   objective: objective)
    }

    /// The type name and its closing quote, matched byte for byte.
    mutating func eventType() -> EventType? {
        for (type, name) in EventType.quotedNames {
            if i + name.count <= b.count, memcmp(b.baseAddress! + i, name, name.count) == 0 {
                i += name.count
                return type
            }
        }
        return nil
    }

    /// `,"roles":[...]`: known roles, each once, in their written order.
    mutating func roles() -> [Role]? {
        guard literal(",\"roles\":[") else { return nil }
        var roles: [Role] = []
        repeat {
            guard let t = string(), let r = Role(rawValue: t) else { return nil }
            roles.append(r)
        } while literal(",")
        guard literal("]"), roles == Role.canonical(roles) else { return nil }
        return roles
    }

    mutating func measurement() -> Measurement? {
        if literal(",\"value\":") { return decimal().map { .value($0) } }
        guard literal(",\"numerator\":"), let n = decimal(), literal(",\"denominator\":"), let d = decimal() else { return nil }
        return .ratio(numerator: n, denominator: d)
    }

    mutating func postClose() -> Bool? {
        if literal(",\"post_close\":true") { return true }
        return peek(",\"post_close\"") ? nil : false
    }

    mutating func data(_ type: EventType) -> EventPayload? {
        switch type {
        case .readingRecorded:
            guard literal("\"indicator\":"), let id = string(), literal(",\"period\":"), let p = period(),
                  let m = measurement(), let note = optionalString(",\"note\":"), let pc = postClose() else { return nil }
            return .readingRecorded(indicator: id, period: p, measurement: m, note: note, postClose: pc)
        case .readingCorrected:
            guard literal("\"indicator\":"), let id = string(), literal(",\"period\":"), let p = period(),
                  let m = measurement(), literal(",\"corrects\":"), let corrects = int(), let pc = postClose() else { return nil }
            return .readingCorrected(indicator: id, period: p, measurement: m, corrects: corrects, postClose: pc)
        case .observationAdded:
            guard literal("\"indicator\":"), let id = string(), literal(",\"period\":"), let p = period(),
                  literal(",\"text\":"), let text = string() else { return nil }
            return .observationAdded(indicator: id, period: p, text: text)
        case .targetChanged:
            guard literal("\"indicator\":"), let id = string() else { return nil }
            if literal(",\"annual_target\":") {
                guard let v = decimal() else { return nil }
                return .targetChanged(indicator: id, change: .annual(v))
            }
            guard literal(",\"period\":"), let p = period(), literal(",\"value\":"), let v = decimal() else { return nil }
            return .targetChanged(indicator: id, change: .period(p, v))
        case .budgetRecorded:
            guard literal("\"indicator\":"), let id = string(), literal(",\"period\":"), let p = period(),
                  literal(",\"modified\":"), let modified = decimal(), literal(",\"accrued\":"), let accrued = decimal(),
                  literal(",\"paid\":"), let paid = decimal(), let approved = optionalDecimal(",\"approved\":"),
                  let committed = optionalDecimal(",\"committed\":"), let exercised = optionalDecimal(",\"exercised\":") else { return nil }
            return .budgetRecorded(indicator: id, period: p, figures: BudgetFigures(modified: modified, accrued: accrued, paid: paid,
                                                                                    approved: approved, committed: committed, exercised: exercised))
        case .quarterClosed:
            guard literal("\"quarter\":"), let q = period(), q.frequency == .quarterly, let plan = optionalString(",\"plan\":") else { return nil }
            return .quarterClosed(quarter: q, plan: plan)
        case .indicatorDefined:
            return definition().map { .indicatorDefined($0) }
        case .ledgerOpened:
            guard literal("\"entity\":"), let entity = string(), literal(",\"time_zone\":"), let zone = string(),
                  let parsed = bands(), let b = parsed else { return nil }
            var day: Int?
            if literal(",\"deadline_day\":") {
                guard let d = int(), LedgerSettings.deadlineDays.contains(Int(d)) else { return nil }
                day = Int(d)
            }
            let demo = literal(",\"demo\":true")
            var rules = LedgerSettings.firstRulesEdition
            if literal(",\"rules\":") {
                guard let r = int(), r != Int64(LedgerSettings.firstRulesEdition), LedgerSettings.rulesEditions.contains(Int(r)) else { return nil }
                rules = Int(r)
            }
            return .ledgerOpened(LedgerSettings(entity: entity, timeZone: zone, bands: b, deadlineDay: day, isDemo: demo, rulesEdition: rules))
        case .batchSigned:
            // One a batch on a signed ledger: as common as batches.
            guard literal("\"signer\":"), let signer = string(), literal(",\"from_seq\":"), let from = int(),
                  literal(",\"sshsig\":"), let text = string(), let blob = try? Base64.decode(text) else { return nil }
            return .batchSigned(BatchSignature(signer: signer, fromSeq: from, blob: blob))
        case .memberAdded:
            // Read back for a signed append's signer, and for the whole roster by a change of members.
            guard literal("\"name\":"), let name = string(), literal(",\"public_key\":"), let text = string(),
                  let key = try? SSHPublicKey(line: text), key.line == text, let roles = roles() else { return nil }
            return .memberAdded(MemberRecord(name: name, publicKey: key, roles: roles))
        case .memberRolesChanged:
            guard literal("\"name\":"), let name = string(), let roles = roles() else { return nil }
            return .memberRolesChanged(name: name, roles: roles)
        case .memberRemoved:
            guard literal("\"name\":"), let name = string() else { return nil }
            return .memberRemoved(name: name)
        case .segmentSealed, .deadlineSet, .unitDescribed, .indicatorAmended, .signaturesRequired, .quarterAttested:
            // Rare: the general decoder reads them.
            return nil
        }
    }
}

/// Hex digit values (0...15) for '0'-'9' and 'a'-'f'; 0xFF for anything else.
private let hexValues: [UInt8] = (0..<256).map { c in
    switch c {
    case 48...57: return UInt8(c - 48)
    case 97...102: return UInt8(c - 87)
    default: return 0xFF
    }
}

extension Digest256 {
    /// From 64 lowercase hex digits, or nil.
    public init?(hexBytes h: UnsafeRawBufferPointer) {
        guard h.count == 64 else { return nil }
        let parsed: (UInt64, UInt64, UInt64, UInt64)? = hexValues.withUnsafeBufferPointer { table in
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            var bad: UInt8 = 0
            for w in 0..<4 {
                var v: UInt64 = 0
                for k in 0..<16 {
                    let d = table[Int(h[w &* 16 &+ k])]
                    bad |= d
                    v = v << 4 | UInt64(d & 0x0F)
                }
                switch w {
                case 0: words.0 = v
                case 1: words.1 = v
                case 2: words.2 = v
                default: words.3 = v
                }
            }
            return bad & 0xF0 == 0 ? words : nil
        }
        guard let parsed else { return nil }
        self.init(bytes: parsed)
    }
}

extension Timestamp {
    /// From exactly `YYYY-MM-DDTHH:MM:SS.ffffffZ`, or nil.
    init?(canonical t: UnsafeRawBufferPointer) {
        guard t.count == 27, t[4] == 45, t[7] == 45, t[10] == 84, t[13] == 58, t[16] == 58, t[19] == 46, t[26] == 90 else { return nil }
        func n(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for k in from..<(from + count) {
                let c = t[k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = n(0, 4), let mo = n(5, 2), let d = n(8, 2), let h = n(11, 2), let mi = n(14, 2), let s = n(17, 2),
              let us = n(20, 6), (1...12).contains(mo), d >= 1, d <= Timestamp.daysInMonth(year: y, month: mo), h < 24, mi < 60, s < 60 else { return nil }
        self.init(year: y, month: mo, day: d, hour: h, minute: mi, second: s, microsecond: us)
    }
}

extension Period {
    /// From the bytes of `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn` or `YYYY`.
    init?(bytes p: UnsafeRawBufferPointer) {
        func digit(_ k: Int) -> Int? { p[k] >= 48 && p[k] <= 57 ? Int(p[k] - 48) : nil }
        guard p.count == 4 || p.count == 7, let a = digit(0), let b = digit(1), let c = digit(2), let d = digit(3) else { return nil }
        let year = a * 1000 + b * 100 + c * 10 + d
        guard year >= 1900 && year <= 2999 else { return nil }
        if p.count == 4 { self = .year(year); return }
        guard p[4] == 45 else { return nil }
        switch p[5] {
        case 81:  // Q
            guard let q = digit(6), (1...4).contains(q) else { return nil }
            self = .quarter(year, q)
        case 72:  // H
            guard let h = digit(6), (1...2).contains(h) else { return nil }
            self = .half(year, h)
        default:
            guard let t = digit(5), let u = digit(6), (1...12).contains(t * 10 + u) else { return nil }
            self = .month(year, t * 10 + u)
        }
    }
}
