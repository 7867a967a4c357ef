// The quarter as an Excel workbook (`export xlsx`, and the snapshot's
// .xlsx): the quarter view, the status to date, the history of the
// quarter's events, and a sheet saying which journal it was computed from
// (the head and the digest are also document properties). Pure and
// deterministic: the same input gives the same bytes (LedgerWorkbook
// writes no clock and a fixed ZIP), so `verify` re-derives a snapshot's
// workbook like its other files.

import LedgerCore
import LedgerWorkbook

/// What the workbook shows.
public struct QuarterWorkbookInput: Sendable {
    public var view: QuarterView
    /// The status of every indicator of the quarter's year, to date at the cut.
    public var status: StatusView
    /// The quarter's events up to the cut, as the audit trail reads them.
    public var history: [AuditEntry]
    /// The closes of the quarter in force at the cut.
    public var closes: [QuarterClose]
    /// The cut: the view is everything recorded by this instant.
    public var asOf: Timestamp
    public var clock: LocalClock
    public var language: Language
    /// The snapshot file it belongs to (`snapshots/…`), when it is one.
    public var snapshotFile: String?
    /// A demonstration ledger (`init --demo`): its journal sheet says so.
    public var isDemo: Bool

    public init(view: QuarterView, status: StatusView, history: [AuditEntry], closes: [QuarterClose], asOf: Timestamp,
                clock: LocalClock, language: Language, snapshotFile: String? = nil, isDemo: Bool = false) {
        self.view = view
        self.status = status
        self.history = history
        self.closes = closes
        self.asOf = asOf
        self.clock = clock
        self.language = language
        self.snapshotFile = snapshotFile
        self.isDemo = isDemo
    }
}

public enum QuarterWorkbook {
    /// The .xlsx bytes.
    public static func bytes(_ input: QuarterWorkbookInput) -> [UInt8] {
        do {
            return try XLSXWriter.write(workbook(input))
        } catch {
            // Sheet names and properties are ours and valid; every text is
            // cut to Excel's 32,767 characters (SheetBuilder.clipped).
            preconditionFailure("the quarter workbook could not be written: \(error)")
        }
    }

    /// The custom property that holds the digest (`SEQ:HASH`) the workbook was computed from.
    public static let digestProperty = "ledger-digest"

    public static func workbook(_ input: QuarterWorkbookInput) -> Workbook {
        let w = Words(input.language)
        let v = input.view
        let sheets = [quarterSheet(input, w), statusSheet(input, w), historySheet(input, w), journalSheet(input, w)]
        let at = input.asOf.parts
        func pad(_ n: Int, _ width: Int = 2) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        let stamp = "\(pad(at.year, 4))-\(pad(at.month))-\(pad(at.day))T\(pad(at.hour)):\(pad(at.minute)):\(pad(at.second))Z"
        var custom = [CustomProperty(name: digestProperty, value: v.head.digest),
                      CustomProperty(name: "ledger-quarter", value: v.quarter.description),
                      CustomProperty(name: "ledger-as-of", value: input.asOf.description),
                      CustomProperty(name: "ledger-entity", value: v.entity)]
        if let plan = v.scope.plan { custom.append(CustomProperty(name: "ledger-plan", value: plan)) }
        if let owner = v.scope.owner { custom.append(CustomProperty(name: "ledger-owner", value: owner)) }
        if let file = input.snapshotFile { custom.append(CustomProperty(name: "ledger-snapshot", value: file)) }
        let properties = DocumentProperties(title: "\(v.entity) · \(v.quarter)", subject: w.t("Quarterly progress of indicators", "Avance trimestral de indicadores"),
                                            creator: "ledger", created: stamp, modified: stamp, custom: custom)
        return Workbook(sheets: sheets.map { $0.worksheet }, properties: properties)
    }

    struct Words {
        let l: Language
        init(_ l: Language) { self.l = l }
        func t(_ en: String, _ es: String) -> String { l == .es ? es : en }

        func status(_ s: Status) -> String { LedgerReports.Words.statusName(s, l) }
        func frequency(_ f: Frequency) -> String { LedgerReports.Words.frequency(f, l) }

        func marks(_ m: Marks) -> String {
            [m.corrected ? t("corrected", "corregido") : nil, m.postClose ? t("post-close adjustment", "ajuste posterior al cierre") : nil,
             m.reprogrammed ? t("reprogrammed", "reprogramado") : nil, m.unsigned ? t("unsigned", "sin firma") : nil].compactMap { $0 }.joined(separator: ", ")
        }
    }

    static func clipped(_ s: String) -> String { SheetBuilder.clipped(s) }

    // MARK: Sheets

    static func quarterSheet(_ input: QuarterWorkbookInput, _ w: Words) -> SheetBuilder {
        let v = input.view
        let hasBudget = v.rows.contains { $0.budget != nil }
        var columns = [
            SheetColumn(header: w.t("Unit", "Unidad")), SheetColumn(header: w.t("Responsible unit", "Unidad responsable"), wraps: true),
            SheetColumn(header: w.t("Indicator", "Indicador")), SheetColumn(header: w.t("Name", "Nombre"), wraps: true),
            SheetColumn(header: w.t("Unit of measure", "Unidad de medida")), SheetColumn(header: w.t("Frequency", "Frecuencia")),
            SheetColumn(header: w.t("Approved target", "Meta aprobada")), SheetColumn(header: w.t("Modified target", "Meta modificada")),
            SheetColumn(header: w.t("Programmed", "Programado")), SheetColumn(header: w.t("Executed", "Ejecutado")),
            SheetColumn(header: w.t("Compliance %", "Cumplimiento %")), SheetColumn(header: w.t("Status", "Semáforo")),
            SheetColumn(header: w.t("Programmed to date", "Programado acumulado")), SheetColumn(header: w.t("Executed to date", "Ejecutado acumulado")),
            SheetColumn(header: w.t("Compliance to date %", "Cumplimiento acumulado %")), SheetColumn(header: w.t("Status to date", "Semáforo acumulado")),
            SheetColumn(header: w.t("Annual progress %", "Avance anual %")), SheetColumn(header: w.t("Marks", "Marcas"), wraps: true),
            SheetColumn(header: w.t("Authorising documents", "Documentos que autorizan"), wraps: true),
            SheetColumn(header: w.t("Observations", "Observaciones"), wraps: true), SheetColumn(header: "Plan"),
        ]
        if hasBudget {
            columns += [SheetColumn(header: w.t("Modified", "Modificado")), SheetColumn(header: w.t("Accrued", "Devengado")),
                        SheetColumn(header: w.t("Paid", "Pagado")), SheetColumn(header: w.t("Fin. progress %", "Av. fin. %")),
                        SheetColumn(header: w.t("Weight %", "Ponderado %"))]
        }
        var sheet = SheetBuilder(name: w.t("Quarter \(v.quarter)", "Trimestre \(v.quarter)"), columns: columns)
        let na = w.t("n/a", "n/a")
        func figure(_ d: DecimalNumber?, _ span: Span) -> LedgerWorkbook.Cell {
            span.isApplicable ? SheetBuilder.number(d) : SheetBuilder.text(na)
        }
        for r in v.rows {
            let h = r.heading
            let q = r.quarter, y = r.yearToDate
            let fill = SheetBuilder.fill(q.status), ytdFill = SheetBuilder.fill(y.status)
            var row: [LedgerWorkbook.Cell] = [
                SheetBuilder.text(h.ownerCode), SheetBuilder.text(h.ownerName, wraps: true), SheetBuilder.text(h.id),
                SheetBuilder.text(h.name, wraps: true), SheetBuilder.text(h.unit), SheetBuilder.text(w.frequency(h.frequency)),
                SheetBuilder.number(h.approvedTarget), SheetBuilder.number(h.annualTarget),
                figure(q.programmed, q), figure(q.executed, q),
                q.isApplicable ? SheetBuilder.percent(q.compliance, fill: fill) : SheetBuilder.text(na),
                q.isApplicable ? SheetBuilder.text(w.status(q.status), fill: fill) : SheetBuilder.text(na),
                figure(y.programmed, y), figure(y.executed, y),
                y.isApplicable ? SheetBuilder.percent(y.compliance, fill: ytdFill) : SheetBuilder.text(na),
                y.isApplicable ? SheetBuilder.text(w.status(y.status), fill: ytdFill) : SheetBuilder.text(na),
                SheetBuilder.percent(r.progress), SheetBuilder.text(w.marks(r.marks), wraps: true),
                SheetBuilder.text(r.documents.joined(separator: "; "), wraps: true),
                SheetBuilder.text(clipped(r.observations.map { "\($0.period): \($0.text)" }.joined(separator: "\n")), wraps: true),
                SheetBuilder.text(h.plan),
            ]
            if hasBudget {
                if let b = r.budget {
                    row += [SheetBuilder.number(b.figures.modified), SheetBuilder.number(b.figures.accrued), SheetBuilder.number(b.figures.paid),
                            SheetBuilder.percent(b.financialProgress), SheetBuilder.percent(b.weight)]
                } else {
                    row += Array(repeating: .empty, count: 5)
                }
            }
            sheet.add(row)
        }
        return sheet
    }

    static func statusSheet(_ input: QuarterWorkbookInput, _ w: Words) -> SheetBuilder {
        var sheet = SheetBuilder(name: w.t("Status", "Estado"), columns: [
            SheetColumn(header: w.t("Unit", "Unidad")), SheetColumn(header: w.t("Indicator", "Indicador")),
            SheetColumn(header: w.t("Name", "Nombre"), wraps: true), SheetColumn(header: w.t("Unit of measure", "Unidad de medida")),
            SheetColumn(header: w.t("Through", "Hasta")), SheetColumn(header: w.t("Annual target in force", "Meta anual vigente")),
            SheetColumn(header: w.t("Programmed to date", "Programado al periodo")), SheetColumn(header: w.t("Executed to date", "Ejecutado al periodo")),
            SheetColumn(header: w.t("Compliance %", "Cumplimiento %")), SheetColumn(header: w.t("Status", "Semáforo")),
            SheetColumn(header: w.t("Progress %", "Avance %")), SheetColumn(header: w.t("Marks", "Marcas"), wraps: true),
            SheetColumn(header: w.t("Last observation", "Última observación"), wraps: true),
        ])
        for r in input.status.rows {
            let s = r.toDate
            let fill = SheetBuilder.fill(s.status)
            sheet.add([
                SheetBuilder.text(r.heading.ownerCode), SheetBuilder.text(r.heading.id), SheetBuilder.text(r.heading.name, wraps: true),
                SheetBuilder.text(r.heading.unit), SheetBuilder.text(r.through?.description),
                SheetBuilder.number(r.heading.annualTarget),
                s.isApplicable ? SheetBuilder.number(s.programmed) : SheetBuilder.text("n/a"),
                s.isApplicable ? SheetBuilder.number(s.executed) : SheetBuilder.text("n/a"),
                SheetBuilder.percent(s.compliance, fill: fill), SheetBuilder.text(w.status(s.status), fill: fill),
                SheetBuilder.percent(r.progress), SheetBuilder.text(w.marks(r.marks), wraps: true),
                SheetBuilder.text(r.lastObservation.map { clipped("\($0.period): \($0.text)") }, wraps: true),
            ])
        }
        return sheet
    }

    static func historySheet(_ input: QuarterWorkbookInput, _ w: Words) -> SheetBuilder {
        var sheet = SheetBuilder(name: w.t("Events", "Historial"), columns: [
            SheetColumn(header: w.t("Seq", "Sec")), SheetColumn(header: w.t("Recorded (\(input.clock.zone))", "Registrado (\(input.clock.zone))")),
            SheetColumn(header: "Actor"), SheetColumn(header: w.t("Type", "Tipo")), SheetColumn(header: w.t("Indicator", "Indicador")),
            SheetColumn(header: w.t("Period", "Periodo")), SheetColumn(header: w.t("Value", "Valor"), wraps: true),
            SheetColumn(header: w.t("Previous value", "Valor anterior"), wraps: true), SheetColumn(header: w.t("Reason", "Motivo"), wraps: true),
            SheetColumn(header: w.t("Document", "Documento"), wraps: true), SheetColumn(header: w.t("Post-close", "Posterior al cierre")),
            SheetColumn(header: w.t("Source", "Origen")),
        ])
        for e in input.history {
            sheet.add([
                .number(String(e.seq), style: CellStyle(numberFormat: .general)), SheetBuilder.text(localTime(e.at, input.clock)),
                SheetBuilder.text(e.actor), SheetBuilder.text(e.type.commandName), SheetBuilder.text(e.indicator),
                SheetBuilder.text(e.period?.description), SheetBuilder.value(e.value.map(clipped)), SheetBuilder.value(e.previousValue.map(clipped)),
                SheetBuilder.text(e.reason.map(clipped), wraps: true), SheetBuilder.text(e.document, wraps: true),
                SheetBuilder.text(e.isPostClose ? w.t("yes", "sí") : nil), SheetBuilder.text(e.source),
            ])
        }
        return sheet
    }

    static func journalSheet(_ input: QuarterWorkbookInput, _ w: Words) -> SheetBuilder {
        let v = input.view
        var sheet = SheetBuilder(name: w.t("Journal", "Diario"), columns: [SheetColumn(header: w.t("What", "Dato")),
                                                                              SheetColumn(header: w.t("Value", "Valor"), wraps: true)])
        sheet.hasAutoFilter = false
        let closes = input.closes.map { c in
            w.t("closed", "cerrado") + (c.plan.map { w.t(" for plan ", " para el plan ") + $0 } ?? "")
                + " \(localTime(c.stamp.at, input.clock)) " + w.t("by", "por") + " \(c.stamp.actor) (" + w.t("event", "evento") + " \(c.stamp.seq))"
        }
        var command = "ledger quarter \(v.quarter) --as-of \(input.asOf)"
        if let p = v.scope.plan { command += " --plan '" + p.map { $0 == "'" ? "'\\''" : String($0) }.joined() + "'" }
        if let o = v.scope.owner { command += " --owner \(o)" }
        var facts: [(String, String)] = [
            (w.t("Entity", "Ente"), v.entity),
            (w.t("Quarter", "Trimestre"), v.quarter.description),
            ("Plan", v.scope.plan ?? w.t("(all plans)", "(todos los planes)")),
        ]
        if let o = v.scope.owner { facts.append((w.t("Unit", "Unidad"), o)) }
        facts += [
            (w.t("As of", "Corte"), w.t("everything recorded by ", "todo lo registrado hasta ") + localTime(input.asOf, input.clock)
                + " (\(input.clock.zone)) = \(input.asOf) UTC"),
            (w.t("Quarter state", "Estado del trimestre"), v.isClosed ? w.t("Closed: its figures are final.", "Cerrado: sus cifras son definitivas.")
                : w.t("Open: its figures may still change.", "Abierto: sus cifras aún pueden cambiar.")),
        ]
        if !closes.isEmpty { facts.append((w.t("Closes", "Cierres"), closes.joined(separator: "\n"))) }
        facts += [
            (w.t("Journal up to event", "Diario hasta el evento"), "\(v.head.seq)"),
            (w.t("Event recorded", "Evento registrado"), localTime(v.head.at, input.clock)),
            (w.t("Digest", "Resumen (digest)"), v.head.digest),
            (w.t("Check the journal", "Comprobar el diario"), "ledger verify --digest \(v.head.digest)"),
            (w.t("The same figures on screen", "Las mismas cifras en pantalla"), command),
        ]
        if let file = input.snapshotFile {
            facts.append((w.t("Snapshot file", "Archivo del snapshot"), file + " — " + w.t("`ledger verify` re-derives it from the journal.",
                                                                                         "`ledger verify` lo vuelve a derivar desde el diario.")))
        }
        if input.isDemo { facts.append((w.t("Demonstration", "Demostración"), LedgerReports.Words.demo(input.language))) }
        for (k, value) in facts { sheet.add([SheetBuilder.text(k), SheetBuilder.text(value, wraps: true)]) }
        return sheet
    }

    /// `2017-03-06 10:00:00` in the ledger's zone.
    static func localTime(_ t: Timestamp, _ clock: LocalClock) -> String {
        let p = clock.parts(t)
        func pad(_ n: Int, _ width: Int = 2) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(p.year, 4))-\(pad(p.month))-\(pad(p.day)) \(pad(p.hour)):\(pad(p.minute)):\(pad(p.second))"
    }
}
