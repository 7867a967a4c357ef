// Quarterly snapshots: the quarter view as it stood at a recorded time T,
// as JSON, CSV and a printable HTML page (SnapshotHTML.swift). Pure: the
// same journal cut always gives the same bytes, so `verify` can re-derive a
// snapshot years later and compare it byte for byte. Nothing here may
// depend on when or where it runs (no clock, host, user, locale or path).
//
// These bytes are frozen per snapshot format (FORMAT.md): changing any of
// them, including the quarter JSON and table they reuse, or the figures
// they show, makes `verify` flag every snapshot already written. So a
// snapshot is made in a format, the format pins the figure rules, and a
// file written in an older format is re-derived in that format
// (`SnapshotFormat`). The golden files in Tests/LedgerCLITests/Golden/
// snapshots guard the current format, Golden/format1 the first.

import LedgerCore
import LedgerWorkbook

/// What a snapshot is of: a quarter, one plan or all (nil), as of a
/// recorded instant. It alone decides the file names and the contents.
public struct SnapshotKey: Hashable, Sendable {
    public var quarter: Period
    public var plan: String?
    public var asOf: Timestamp

    public init(quarter: Period, plan: String?, asOf: Timestamp) {
        self.quarter = quarter
        self.plan = plan
        self.asOf = asOf
    }

    /// `2017-Q1_2017-04-11T045959.999999Z[_PLAN]`: quarter, T in UTC
    /// without colons (a valid name on every file system, and sorting by
    /// name sorts by quarter then time), then the plan if one was chosen,
    /// encoded by `encodePlan`.
    public var stem: String {
        let p = asOf.parts
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        let t = "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2))T\(pad(p.hour, 2))\(pad(p.minute, 2))\(pad(p.second, 2)).\(pad(p.microsecond, 6))Z"
        return quarter.description + "_" + t + (plan.map { "_" + SnapshotKey.encodePlan($0) } ?? "")
    }

    /// A plan name in a file name: ASCII letters, digits, `-` and `.` as
    /// they are, a space as `_`, every other byte of its UTF-8 as `%XX`.
    /// Reversible, and safe on every file system ("POA 2017" -> "POA_2017").
    public static func encodePlan(_ plan: String) -> String {
        var out = ""
        for b in plan.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: " "):
                out += "_"
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 0xF)])
            }
        }
        return out
    }

    static func decodePlan(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let u = text.utf8
        while i < u.endIndex {
            let b = u[i]
            if b == UInt8(ascii: "%") {
                let h1 = u.index(after: i)
                guard h1 < u.endIndex, u.index(after: h1) < u.endIndex,
                      let v = UInt8(String(text[h1...u.index(after: h1)]), radix: 16) else { return nil }
                bytes.append(v)
                i = u.index(h1, offsetBy: 2)
                continue
            }
            bytes.append(b == UInt8(ascii: "_") ? UInt8(ascii: " ") : b)
            i = u.index(after: i)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Reads a stem back; nil unless it is exactly what `stem` writes.
    public init?(stem: String) {
        let parts = stem.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let q = Period(String(parts[0])), q.frequency == .quarterly else { return nil }
        let t = Array(parts[1].utf8)
        // YYYY-MM-DDTHHMMSS.ffffffZ
        guard t.count == 25 else { return nil }
        var iso = String(decoding: t[0..<13], as: UTF8.self) + ":" + String(decoding: t[13..<15], as: UTF8.self) + ":"
        iso += String(decoding: t[15..<25], as: UTF8.self)
        guard let at = Timestamp(parsing: iso) else { return nil }
        var plan: String?
        if parts.count == 3 {
            guard let p = SnapshotKey.decodePlan(parts[2]) else { return nil }
            plan = p
        }
        self.init(quarter: q, plan: plan, asOf: at)
        guard self.stem == stem else { return nil }
    }
}

/// One file of a snapshot. JSON and CSV hold no words, so one file serves
/// every language; the HTML page and (from format 3) the workbook are
/// written in one language, named in the file name, so a rerun in another
/// language never overwrites them.
public enum SnapshotKind: Hashable, Sendable {
    case json, csv, html(Language), xlsx(Language)

    public var suffix: String {
        switch self {
        case .json: return ".json"
        case .csv: return ".csv"
        case .html(.es): return ".es.html"
        case .html(.en): return ".en.html"
        case .xlsx(.es): return ".es.xlsx"
        case .xlsx(.en): return ".en.xlsx"
        }
    }

    public static let all: [SnapshotKind] = [.json, .csv, .html(.es), .html(.en), .xlsx(.es), .xlsx(.en)]

    /// The files a snapshot of `format` writes, the page and workbook in `language`.
    public static func written(format: Int, language: Language) -> [SnapshotKind] {
        format >= SnapshotFormat.board ? [.json, .csv, .html(language), .xlsx(language)] : [.json, .csv, .html(language)]
    }
}

/// A snapshot file's name: its key and kind.
public struct SnapshotFileName: Hashable, Sendable {
    public var key: SnapshotKey
    public var kind: SnapshotKind

    public init(key: SnapshotKey, kind: SnapshotKind) {
        self.key = key
        self.kind = kind
    }

    public var text: String { key.stem + kind.suffix }

    /// Recognises a name this ledger writes; nil for anything else (a
    /// README, .gitkeep, a temporary file), which `verify` leaves alone.
    public init?(_ name: String) {
        // The language suffixes first: ".es.html" must not be read as plan ".es".
        for kind in [SnapshotKind.html(.es), .html(.en), .xlsx(.es), .xlsx(.en), .json, .csv] where name.hasSuffix(kind.suffix) {
            guard let key = SnapshotKey(stem: String(name.dropLast(kind.suffix.count))) else { return nil }
            self.init(key: key, kind: kind)
            return
        }
        return nil
    }
}

/// The local time of the ledger's zone: its IANA name and its UTC offset
/// (seconds east) at any instant. The edge reads the zone database; the
/// renderers only call `offset`.
public struct LocalClock: Sendable {
    public var zone: String
    public var offset: @Sendable (Timestamp) -> Int64

    public init(zone: String, offset: @escaping @Sendable (Timestamp) -> Int64) {
        self.zone = zone
        self.offset = offset
    }

    public static let utc = LocalClock(zone: "UTC") { _ in 0 }

    /// The civil time at `t` in this zone.
    public func parts(_ t: Timestamp) -> Timestamp.Parts {
        Timestamp(microseconds: t.microseconds + offset(t) * 1_000_000).parts
    }

    /// `-05:00`.
    public func offsetText(_ t: Timestamp) -> String {
        let o = offset(t)
        let m = abs(o) / 60
        return (o < 0 ? "-" : "+") + (m / 60 < 10 ? "0" : "") + "\(m / 60):" + (m % 60 < 10 ? "0" : "") + "\(m % 60)"
    }

    /// `2017-04-10 23:59:59 -05:00`: the instant in local time to the
    /// second, as tables for people show it.
    public func short(_ t: Timestamp) -> String {
        let p = parts(t)
        func pad(_ v: Int, _ w: Int = 2) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(p.year, 4))-\(pad(p.month))-\(pad(p.day)) \(pad(p.hour)):\(pad(p.minute)):\(pad(p.second)) " + offsetText(t)
    }

    /// `2017-04-10T23:59:59.999999-05:00`: the instant in local time.
    public func iso(_ t: Timestamp) -> String {
        let utc = Timestamp(microseconds: t.microseconds + offset(t) * 1_000_000).description
        return String(utc.dropLast()) + offsetText(t)
    }
}

/// Snapshot formats: the bytes of FORMAT.md and the figure rules they show.
public enum SnapshotFormat {
    /// The format `ledger snapshot` writes.
    public static let current = 6

    /// The first format of the board's snapshot (issue 14): a workbook beside
    /// the CSV, and the page's charts, unit summary, documents and findings.
    public static let board = 3

    /// The first format weighing periods by the reporting horizon at T
    /// (issue 13): the readings' notes, the periods awaited and the `!` mark.
    public static let horizon = 4

    /// The first format whose CSV neutralises text cells a spreadsheet would
    /// run as formulas (issue 11, `TableRenderer.spreadsheetSafe`). Files of
    /// earlier formats are re-derived without it, byte for byte.
    public static let formulasNeutralised = 5

    /// The first format that marks figures resting on an unsigned batch (U,
    /// issue 12); earlier formats are re-derived without the mark.
    public static let unsignedMarked = 6

    /// The formats this ledger can re-derive, oldest first.
    public static let known = [1, 2, 3, 4, 5, 6]

    /// The figure rules a format shows: format 1 the rules before issue 13,
    /// format 2 issue 13's exact figures; format 3 the same figures, with the
    /// workbook, the charts and the documents of issue 14; formats 4 and 5
    /// docs/FIGURES.md as it stands (periods weighed by the reporting horizon
    /// at T; the readings' notes, the periods awaited and the `!` mark shown),
    /// format 5 with formula cells neutralised in its CSV, format 6 with
    /// the U mark of figures resting on an unsigned batch.
    public static func rules(_ format: Int) -> FigureRules? {
        switch format {
        case 1: return .v1
        case 2, 3: return .v2
        case 4, 5, 6: return .v3
        default: return nil
        }
    }

    /// True when a format's CSV neutralises text cells a spreadsheet would
    /// run as formulas (`TableRenderer.spreadsheetSafe`).
    public static func neutralisesFormulas(_ format: Int) -> Bool { format >= formulasNeutralised }

    /// The format a snapshot's JSON file says it is in (`"snapshot_format":N`,
    /// the last key of the object), nil when it says none. The CSV and HTML
    /// files of a snapshot are in the format of the JSON file of the same name.
    public static func format(ofJSON bytes: [UInt8]) -> Int? {
        guard let at = SnapshotReport.offset(of: "\"snapshot_format\":", in: bytes, last: true) else { return nil }
        var n = 0, digits = 0
        for b in bytes[at...] {
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"), digits < 6 else { break }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? n : nil
    }
}

/// Everything a snapshot shows, computed from the state at T.
public struct Snapshot: Sendable {
    public var key: SnapshotKey
    /// The snapshot format (and so the figure rules) it is made in.
    public var format: Int
    public var view: QuarterView
    /// The closes of the quarter in force at T (for the plan, or every one).
    public var closes: [QuarterClose]
    public var bands: StatusBands
    public var clock: LocalClock
    /// The reporting deadline the figures were weighed by (format 4).
    public var deadline: ReportingDeadline = .standard
    /// From format 3, for the workbook: the status of the quarter's year to
    /// date at T, and the quarter's events by T (the audit trail's, read
    /// from the journal by the caller).
    public var status: StatusView?
    public var history: [AuditEntry] = []
    /// The quarter's attestations recorded by T (`attest`): the page's
    /// "Validó" names the latest, and says which files it pinned. Journals
    /// hold them from format 2 on, so no snapshot written before them changes.
    public var attestations: [AttestationState] = []
    /// The ledger is a demonstration (`init --demo`): the JSON says
    /// `"demo":true` and the page says so at its top.
    public var isDemo = false

    /// The snapshot of `key` from `state` (the state as of `key.asOf`), or
    /// nil when no indicator of the quarter's year is in it: an empty
    /// report is refused rather than written.
    /// `format` is the current one for a new snapshot, and the file's own
    /// (`SnapshotFormat.format(ofJSON:)`) to re-derive one already written;
    /// nil for a format this ledger does not know.
    public static func make(_ key: SnapshotKey, state: LedgerState, clock: LocalClock, format: Int = SnapshotFormat.current) -> Snapshot? {
        guard let rules = SnapshotFormat.rules(format) else { return nil }
        let scope = ReportScope(plan: key.plan)
        let horizon = ReportingHorizon.at(key.asOf, offsetSeconds: clock.offset(key.asOf), deadline: state.reportingDeadline)
        var view = Views.quarter(key.quarter, of: state, scope: scope, rules: rules, horizon: horizon, withTimelines: format >= SnapshotFormat.board)
        guard !view.rows.isEmpty else { return nil }
        var status = format >= SnapshotFormat.board ? Views.status(of: state, scope: scope, horizon: horizon, rules: rules) : nil
        if format < SnapshotFormat.unsignedMarked {
            for i in view.rows.indices { view.rows[i].marks.unsigned = false }
            for i in (status?.rows ?? []).indices { status!.rows[i].marks.unsigned = false }
        }
        let closes = state.closes.filter { $0.quarter == key.quarter && ($0.plan == nil || key.plan == nil || $0.plan == key.plan) }
        var made = Snapshot(key: key, format: format, view: view, closes: closes, bands: state.settings?.bands ?? .standard, clock: clock,
                        deadline: state.reportingDeadline,
                        status: status,
                        isDemo: state.settings?.isDemo ?? false)
        made.attestations = state.attestations.filter {
            $0.attestation.quarter == key.quarter && ($0.attestation.plan == nil || key.plan == nil || $0.attestation.plan == key.plan)
        }
        return made
    }

    public var fileNames: [SnapshotKind: String] {
        Dictionary(uniqueKeysWithValues: SnapshotKind.all.map { ($0, SnapshotFileName(key: key, kind: $0).text) })
    }

    /// The plans the snapshot covers: the chosen one, or those of its rows.
    var plans: [String] {
        if let p = key.plan { return [p] }
        var seen = Set<String>(), out: [String] = []
        for r in view.rows where seen.insert(r.heading.plan).inserted { out.append(r.heading.plan) }
        return out
    }
}

public enum SnapshotReport {
    /// The bytes of one file of `s`.
    public static func bytes(_ s: Snapshot, _ kind: SnapshotKind) -> [UInt8] {
        switch kind {
        case .json, .csv, .html: return Array(render(s, kind).utf8)
        case .xlsx(let l): return workbook(s, language: l)
        }
    }

    /// The text of one text file of `s` (JSON, CSV, HTML).
    public static func render(_ s: Snapshot, _ kind: SnapshotKind) -> String {
        switch kind {
        case .json: return json(s)
        case .csv: return csv(s)
        case .html(let l): return SnapshotHTML.render(s, language: l)
        case .xlsx: preconditionFailure("a workbook is bytes: SnapshotReport.bytes")
        }
    }

    /// The workbook of a snapshot of format 3 or later: `export xlsx`'s
    /// sheets, naming the snapshot file it is.
    static func workbook(_ s: Snapshot, language l: Language) -> [UInt8] {
        precondition(s.format >= SnapshotFormat.board, "snapshots before the board's format have no workbook")
        let name = "snapshots/" + SnapshotFileName(key: s.key, kind: .xlsx(l)).text
        return QuarterWorkbook.bytes(QuarterWorkbookInput(view: s.view, status: s.status ?? StatusView(entity: s.view.entity, scope: s.view.scope, head: s.view.head, rows: []),
                                                          history: s.history, closes: s.closes, asOf: s.key.asOf, clock: s.clock,
                                                          language: l, snapshotFile: name, isDemo: s.isDemo))
    }

    /// What `ledger quarter Q --as-of T [--plan P] --json` prints, with the
    /// snapshot's own fields after it: the digest, the local time of T,
    /// the closes, the format.
    static func json(_ s: Snapshot) -> String {
        var body = QuarterReport.json(s.view, ReportHeader(language: .en, asOf: s.key.asOf, isDemo: s.isDemo), horizonFields: s.format >= SnapshotFormat.horizon)
        precondition(body.hasSuffix("}"))
        body.removeLast()
        var w = JSONWriter(capacity: 512)
        w.key("digest"); w.string(s.view.head.digest)
        w.key("time_zone"); w.string(s.clock.zone)
        w.key("as_of_local"); w.string(s.clock.iso(s.key.asOf))
        w.key("closes")
        w.raw("[")
        for (i, c) in s.closes.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"quarter\":"); w.string(c.quarter.description)
            w.raw(",\"plan\":"); w.optionalString(c.plan)
            w.raw(",\"seq\":"); w.int(c.stamp.seq)
            w.raw(",\"at\":"); w.string(c.stamp.at.description)
            w.raw(",\"actor\":"); w.string(c.stamp.actor)
            w.raw("}")
        }
        w.raw("]")
        w.key("snapshot_format"); w.int(s.format)
        w.raw("}\n")
        return body + w.text
    }

    /// The quarter's CSV (column keys, plain numbers, English status words)
    /// with, on every row, the indicator's plan and what pins the file:
    /// quarter, as_of, entity, digest.
    static func csv(_ s: Snapshot) -> String {
        var t = QuarterReport.table(s.view, .en, horizonFields: s.format >= SnapshotFormat.horizon)
        t.columns += [Column("plan", "plan"), Column("quarter", "quarter"), Column("as_of", "as_of"),
                      Column("entity", "entity"), Column("digest", "digest")]
        for (i, r) in s.view.rows.enumerated() {
            t.rows[i] += [.text(r.heading.plan), .text(s.key.quarter.description), .text(s.key.asOf.description),
                          .text(s.view.entity), .text(s.view.head.digest)]
        }
        return TableRenderer.csv(t, neutralisingFormulas: SnapshotFormat.neutralisesFormulas(s.format))
    }

    /// The digest (seq, hash) a snapshot file says it was computed from,
    /// read from where each format writes it; nil when it cannot be found.
    public static func pinnedDigest(_ bytes: [UInt8], _ kind: SnapshotKind) -> (seq: Int64, hash: Digest256)? {
        var candidate: ArraySlice<UInt8>?
        switch kind {
        case .json:
            // User text cannot hold this marker: its quotes are escaped.
            if let at = offset(of: "\"digest\":\"", in: bytes, last: true) { candidate = bytes[at...] }
        case .html:
            // Nor this one: its < is escaped.
            if let at = offset(of: "<meta name=\"ledger-digest\" content=\"", in: bytes, last: false) { candidate = bytes[at...] }
        case .csv:
            if case .success(let records) = CSV.parse(bytes, separator: UInt8(ascii: ",")), records.count > 1,
               let col = records[0].fields.lastIndex(of: "digest"), col < records[1].fields.count {
                candidate = ArraySlice(records[1].fields[col].utf8)
            }
        case .xlsx:
            // The document property, read through a workbook reader as any tool would.
            if let book = try? XLSXReader.read(bytes),
               let value = book.customProperties.first(where: { $0.name == QuarterWorkbook.digestProperty })?.value {
                candidate = ArraySlice(value.utf8)
            }
        }
        guard let c = candidate, let colon = c.firstIndex(of: UInt8(ascii: ":")),
              let seq = Int64(String(decoding: c[c.startIndex..<colon], as: UTF8.self)),
              c.endIndex - colon > 64, let hash = Digest256(hex: c[(colon + 1)...(colon + 64)]) else { return nil }
        return (seq, hash)
    }

    /// Where `marker` ends in `bytes` (its first or last occurrence).
    static func offset(of marker: String, in bytes: [UInt8], last: Bool) -> Int? {
        let m = Array(marker.utf8)
        guard bytes.count >= m.count else { return nil }
        let starts = stride(from: 0, through: bytes.count - m.count, by: 1)
        let match = { (s: Int) in bytes[s] == m[0] && bytes[s..<(s + m.count)].elementsEqual(m) }
        let found = last ? starts.reversed().first(where: match) : starts.first(where: match)
        return found.map { $0 + m.count }
    }
}
