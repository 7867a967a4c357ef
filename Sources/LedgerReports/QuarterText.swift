// `quarter` as people read it in a terminal: fitted to its width (the
// terminal's, or 100 columns), opening with a summary per owning unit, then
// each unit's indicators with the figures that decide the status, the id
// and what is missing or awaited on the line below each name, and a figure
// an import finding questions marked `!`. `--wide` prints every column in
// one table (QuarterReport.wideText); JSON and CSV carry everything.

import LedgerCore

enum QuarterText {
    static func render(_ v: QuarterView, _ h: ReportHeader) -> String {
        let l = h.language
        let width = max(60, h.width)
        var out: [String] = []
        out += wrap("\(v.entity) · " + h.t("quarter ", "trimestre ") + v.quarter.description
                    + (v.scope.plan.map { " · plan \($0)" } ?? "") + (v.scope.owner.map { " · " + h.t("unit ", "unidad ") + $0 } ?? ""),
                    width: width, indent: 0, hanging: 2)
        out.append(h.cutLine(v.head))
        if v.isClosed { out.append(h.t("The quarter is closed.", "El trimestre está cerrado.")) }
        out.append("")
        if v.rows.isEmpty {
            out.append(h.t("(no indicators for this quarter)", "(no hay indicadores para este trimestre)"))
            return out.joined(separator: "\n") + "\n"
        }
        out.append(summary(v, h, width: width))
        // Each unit's rows, in the view's order, found in one pass.
        var rowsOfUnit: [String?: [Int]] = [:]
        for (i, r) in v.rows.enumerated() { rowsOfUnit[r.heading.ownerCode, default: []].append(i) }
        for unit in v.units {
            out.append("")
            out.append(clip(unitName(unit.ownerCode, unit.ownerName, h), width))
            out.append(table(v.rows, rowsOfUnit[unit.ownerCode] ?? [], quarter: v.quarter, h, width: width))
        }
        // The units' observations and the readings' notes; the importers'
        // findings are counted (their figures are marked !): history and
        // --wide show them in full.
        let observed = v.rows.filter { r in r.observations.contains { !$0.isImportFinding } || !r.notes.isEmpty }
        if !observed.isEmpty {
            out.append("")
            out += wrap(h.t("Observations and notes on the readings (who and when: `ledger history ID`):",
                            "Observaciones y notas de las lecturas (quién y cuándo: `ledger history ID`):"), width: width, indent: 0, hanging: 2)
            for r in observed {
                for o in r.observations where !o.isImportFinding {
                    out += wrap("\(r.heading.id) \(o.period): \(o.text)", width: width, indent: 2, hanging: 4)
                }
                for n in r.notes {
                    out += wrap("\(r.heading.id) \(n.period) " + h.t("reading note: ", "nota de la lectura: ") + n.text, width: width, indent: 2, hanging: 4)
                }
            }
        }
        let findings = v.rows.reduce(0) { $0 + $1.observations.filter(\.isImportFinding).count }
        if findings > 0 {
            out.append("")
            out += wrap(h.t("\(findings) import finding(s) on these indicators (their figures are marked !): `ledger history ID` or `--wide` shows them.",
                            "\(findings) hallazgo(s) de importación en estos indicadores (sus cifras llevan !): `ledger history ID` o `--wide` los muestra."),
                        width: width, indent: 0, hanging: 0)
        }
        out.append("")
        out += wrap(Words.marksLegend(l, unsigned: v.rows.contains { $0.marks.unsigned }), width: width, indent: 0, hanging: 0)
        out += wrap(h.t("A month counts once reported, or once its reporting deadline (day 10 of the following month) has passed by the cut; until then it is awaited. `--wide` shows every column, `--json` and `--csv` everything.",
                        "Un mes cuenta cuando se reporta, o cuando vence su plazo de reporte (el día 10 del mes siguiente) al corte; mientras tanto está por reportar. `--wide` muestra todas las columnas; `--json` y `--csv`, todo."),
                    width: width, indent: 0, hanging: 0)
        return out.joined(separator: "\n") + "\n"
    }

    static func unitName(_ code: String?, _ name: String?, _ h: ReportHeader) -> String {
        let text = [code, name].compactMap { $0 }.joined(separator: " ")
        return text.isEmpty ? h.t("(no unit)", "(sin unidad)") : text
    }

    /// One line per unit: how many indicators, by status, and the mean compliance.
    static func summary(_ v: QuarterView, _ h: ReportHeader, width: Int) -> String {
        let l = h.language
        let columns = [
            Column("unit", h.t("unit", "unidad")),
            Column("indicators", h.t("indicators", "indicadores"), alignRight: true),
            Column("green", Words.status(.green, l), alignRight: true),
            Column("yellow", Words.status(.yellow, l), alignRight: true),
            Column("red", Words.status(.red, l), alignRight: true),
            Column("none", "-", alignRight: true),
            Column("mean", h.t("mean compl. %", "cumpl. medio %"), alignRight: true),
        ]
        let rows: [[Cell]] = v.units.map { u in
            [.text(unitName(u.ownerCode, u.ownerName, h)), .integer(Int64(u.indicators)), .integer(Int64(u.green)), .integer(Int64(u.yellow)),
             .integer(Int64(u.red)), .integer(Int64(u.none)), Words.percent(u.meanCompliance)]
        }
        let t = Table(columns: columns, rows: rows)
        let others = TableRenderer.naturalWidths(t).dropFirst().reduce(0, +) + 2 * (columns.count - 1)
        return TableRenderer.text(t, maxWidth: ["unit": max(12, width - others)])
    }

    /// A unit's indicators (`picked`, indices into `all`): the name (wrapped in the room left) and the
    /// figures on one line; the rest of the name, then the id, what is
    /// missing or awaited, and a questioned figure on the lines below.
    static func table(_ all: [QuarterRow], _ picked: [Int], quarter: Period, _ h: ReportHeader, width: Int) -> String {
        let l = h.language
        let firstQuarter = quarter.firstMonth == 1
        let hasBudget = picked.contains { all[$0].budget != nil }
        var columns = [
            Column("name", h.t("indicator", "indicador")),
            Column("programmed", h.t("programmed", "programado"), alignRight: true),
            Column("executed", h.t("executed", "ejecutado"), alignRight: true),
            Column("compliance", h.t("compl. %", "cumpl. %"), alignRight: true),
            Column("status", h.t("status", "semáforo")),
        ]
        // In the first quarter the year to date is the quarter itself. On a
        // narrow terminal the name keeps room to be read: progress, financial
        // progress and the year to date give way, in that order (--wide has them).
        var ytd = !firstQuarter, progress = true, financial = hasBudget
        let longestName = picked.map { all[$0].heading.name.count }.max() ?? 0
        func room() -> Int {
            let fixed = 10 + 8 + 8 + 8 + 5 + (ytd ? 12 : 0) + (progress ? 10 : 0) + (financial ? 8 : 0)
            let count = 5 + (ytd ? 1 : 0) + (progress ? 1 : 0) + (financial ? 1 : 0)
            return width - fixed - 2 * count
        }
        let wanted = min(longestName, 28)
        if room() < wanted { progress = false }
        if room() < wanted { financial = false }
        if room() < wanted { ytd = false }
        if ytd { columns.append(Column("ytd", h.t("ytd compl. %", "cumpl. acum. %"), alignRight: true)) }
        if progress { columns.append(Column("progress", h.t("progress %", "avance %"), alignRight: true)) }
        if financial { columns.append(Column("financial", h.t("fin. %", "av. fin. %"), alignRight: true)) }
        columns.append(Column("marks", h.t("marks", "marcas")))
        // The room the figures leave for the name.
        var probe = Table(columns: columns, rows: [])
        var cells: [[Cell]] = []
        var below: [[String]] = []
        for k in picked {
            let r = all[k]
            var row: [Cell] = [.text(""), Words.figure(r.quarter.programmed, applicable: r.quarter.isApplicable),
                               Words.figure(r.quarter.executed, applicable: r.quarter.isApplicable), Words.percent(r.quarter.compliance),
                               .text(Words.status(r.quarter.status, l))]
            if ytd { row.append(Words.percent(r.yearToDate.compliance)) }
            if progress { row.append(Words.percent(r.progress)) }
            if financial { row.append(Words.percent(r.budget?.financialProgress)) }
            row.append(.text(Words.marks(r.marks)))
            cells.append(row)
            var extra = [r.heading.id]
            if !r.quarter.missing.isEmpty {
                extra.append(h.t("missing ", "faltan ") + Words.periodRuns(r.quarter.missing))
            }
            if !r.quarter.awaiting.isEmpty {
                extra.append(h.t("awaiting ", "por reportar ") + Words.periodRuns(r.quarter.awaiting))
            }
            if r.marks.questioned { extra.append(h.t("! an import finding questions this figure", "! un hallazgo de importación cuestiona esta cifra")) }
            below.append(wrap(extra.joined(separator: " · "), width: width, indent: 2, hanging: 4))
        }
        probe.rows = cells
        let others = TableRenderer.naturalWidths(probe).dropFirst().reduce(0, +) + 2 * (columns.count - 1)
        let room = max(16, min(width - others, picked.isEmpty ? 16 : longestName))
        for (i, k) in picked.enumerated() {
            // Two lines of name at most; the id below says which indicator it is.
            var name = wrap(all[k].heading.name, width: room, indent: 0, hanging: 2)
            if name.count > 2 { name = [name[0], clip(name[1] + " " + name[2...].map { $0.trimmingSpaces }.joined(separator: " "), room)] }
            cells[i][0] = .text(name[0])
            below[i] = name.dropFirst() + below[i]
        }
        let rendered = TableRenderer.text(Table(columns: columns, rows: cells), maxWidth: ["name": room])
        var out: [String] = []
        // Split on the newline byte: the table's lines hold no other line break.
        for (i, line) in rendered.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            out.append(String(Substring(line)))
            if i >= 2 { out += below[i - 2] }
        }
        return out.joined(separator: "\n")
    }

    /// `text` cut to `width` characters, ending in "…".
    static func clip(_ text: String, _ width: Int) -> String {
        String(decoding: TableRenderer.clip(text, width), as: UTF8.self)
    }

    /// `text` broken at spaces into lines of at most `width` characters: the
    /// first indented by `indent`, the rest by `hanging`. A word longer than
    /// a line is cut.
    static func wrap(_ text: String, width: Int, indent: Int, hanging: Int) -> [String] {
        wrapLatin(text, width: width, indent: indent, hanging: hanging) ?? wrapCharacters(text, width: width, indent: indent, hanging: hanging)
    }

    /// `wrap` for any text, counting characters.
    static func wrapCharacters(_ text: String, width: Int, indent: Int, hanging: Int) -> [String] {
        var lines: [String] = []
        var line = String(repeating: " ", count: indent)
        var count = indent
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = word.count
            if lineHasWord && count + 1 + w > width {
                lines.append(line)
                line = String(repeating: " ", count: hanging)
                count = hanging
                lineHasWord = false
            }
            if lineHasWord { line += " "; count += 1 }
            let room = max(1, width - count)
            line += w > room ? clip(String(word), room) : String(word)
            count += min(w, room)
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `wrap` for text whose every character is one scalar below U+0300
    /// and not a control (printable ASCII and Latin-1, accents and ñ
    /// included: one character per scalar, one or two bytes each), on the
    /// bytes: the same lines, without splitting the text into substrings (a
    /// quarter wraps thousands of names and ids). Nil for any other text.
    static func wrapLatin(_ text: String, width: Int, indent: Int, hanging: Int) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            // Lead bytes 0xC2 (from U+00A0 on) to 0xCB: U+00A0..U+02FF; no byte of three or more.
            var k = 0
            while k < bytes.count {
                let b = bytes[k]
                if b >= 0x20 && b < 0x7F { k += 1; continue }
                guard b >= 0xC2, b <= 0xCB, k + 1 < bytes.count, bytes[k + 1] & 0xC0 == 0x80, b != 0xC2 || bytes[k + 1] >= 0xA0 else { return nil }
                k += 2
            }
            /// The characters in bytes[from..<to]: the bytes that start one.
            func characters(_ from: Int, _ to: Int) -> Int {
                var c = 0
                for x in from..<to where bytes[x] & 0xC0 != 0x80 { c += 1 }
                return c
            }
            var lines: [String] = []
            var line = [UInt8](repeating: 0x20, count: indent)
            line.reserveCapacity(max(width, indent) + 3)
            var count = indent   // characters on the line ("…" is three bytes)
            var lineHasWord = false
            var i = 0
            let n = bytes.count
            while i < n {
                if bytes[i] == 0x20 { i += 1; continue }
                var j = i
                while j < n && bytes[j] != 0x20 { j += 1 }
                let w = characters(i, j)
                if lineHasWord && count + 1 + w > width {
                    lines.append(String(decoding: line, as: UTF8.self))
                    line = [UInt8](repeating: 0x20, count: hanging)
                    count = hanging
                    lineHasWord = false
                }
                if lineHasWord { line.append(0x20); count += 1 }
                let room = max(1, width - count)
                if w > room {
                    // Cut, ending in "…", as `clip` does.
                    var end = i, kept = 0
                    while kept < room - 1 { end += bytes[end] >= 0xC0 ? 2 : 1; kept += 1 }
                    line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                    line.append(contentsOf: [0xE2, 0x80, 0xA6])
                } else {
                    line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                }
                count += min(w, room)
                lineHasWord = true
                i = j
            }
            if lineHasWord || lines.isEmpty { lines.append(String(decoding: line, as: UTF8.self)) }
            return lines
        }
    }
}
