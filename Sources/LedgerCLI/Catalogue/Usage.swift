// The CLI's words for usage errors (exit 2): an unknown option, a missing
// value, a time or quarter that cannot be read.

import LedgerCore

enum Usage {
    static func unknownOption(_ token: String) -> Localized {
        Localized("unknown option \(token.clipped)", "opción desconocida \(token.clipped)")
    }
    static func unknownOption(_ name: String, of command: String) -> Localized {
        Localized("unknown option --\(name.clipped) for \(command)", "opción desconocida --\(name.clipped) para \(command)")
    }
    static func needsValue(_ name: String, _ placeholder: String) -> Localized {
        Localized("--\(name) needs a value (\(placeholder))", "--\(name) necesita un valor (\(placeholder))")
    }
    static func takesNoValue(_ name: String) -> Localized { Localized("--\(name) takes no value", "--\(name) no lleva valor") }
    static func givenTwice(_ name: String) -> Localized { Localized("--\(name) is given twice", "--\(name) aparece dos veces") }
    static func missingOption(_ name: String, _ placeholder: String?) -> Localized {
        Localized("missing --\(name) \(placeholder ?? "")", "falta --\(name) \(placeholder ?? "")")
    }
    static func unexpected(_ argument: String) -> Localized {
        Localized("unexpected argument \(argument.clipped)", "argumento inesperado \(argument.clipped)")
    }
    static let missingArgument = Localized("missing argument", "falta un argumento")
    static let jsonAndCSV = Localized("choose --json or --csv, not both", "elija --json o --csv, no ambos")

    static func notATime(_ option: String, _ text: String) -> Localized {
        Localized("--\(option) \"\(text.clipped)\" is not a date (2017-04-10), a timestamp (2017-04-10T15:30:00Z), today or now",
                  "--\(option) \"\(text.clipped)\" no es una fecha (2017-04-10), una fecha y hora (2017-04-10T15:30:00Z), hoy (today) ni ahora (now)")
    }
    static func notAQuarter(_ text: String) -> Localized {
        Localized("\(text.clipped) is not a quarter; write it as 2017-Q1", "\(text.clipped) no es un trimestre; escríbalo como 2017-Q1")
    }
    static let throughNotAMonth = Localized("--through takes a month such as 2017-03", "--through lleva un mes como 2017-03")
    static let quarterOptionNotAQuarter = Localized("--quarter takes a quarter such as 2017-Q1", "--quarter lleva un trimestre como 2017-Q1")
    static let fromAfterTo = Localized("--from must not be after --to", "--from no debe ser posterior a --to")
    static func notAnEventType(_ t: String, meant: String?) -> Localized {
        let en = meant.map { "; did you mean \($0)?" } ?? ""
        let es = meant.map { "; ¿quiso decir \($0)?" } ?? ""
        return Localized("--type \(t.clipped) is not an event type (indicator, target, reading, correction, observation, budget, close)\(en)",
                         "--type \(t.clipped) no es un tipo de evento (indicator, target, reading, correction, observation, budget, close)\(es)")
    }
    static let digestSyntax = Localized("--digest takes SEQ:HASH as printed by `ledger digest` (e.g. 42:9f2c…, 64 hex digits)",
                                        "--digest lleva SEQ:HASH tal como lo imprime `ledger digest` (p. ej. 42:9f2c…, 64 dígitos hex)")
    static let digestShortened = Localized("--digest is shortened (…); give it whole, SEQ:HASH with all 64 hex digits, as `ledger digest` prints it",
                                           "--digest está abreviado (…); indíquelo completo, SEQ:HASH con los 64 dígitos hex, como lo imprime `ledger digest`")
    static let sealYear = Localized("--year takes a year such as 2017", "--year lleva un año como 2017")
    static func signaturesValue(_ s: String) -> Localized {
        Localized("--signatures takes the word required, not \(s)", "--signatures lleva la palabra required, no \(s)")
    }
    static let memberWhich = Localized("name what to do: ledger member add|roles|remove|list", "indique qué hacer: ledger member add|roles|remove|list")
    static let sealWhich = Localized("give --year YYYY or --before T", "indique --year YYYY o --before T")
    static func exportSubject(_ what: String) -> Localized {
        Localized("export takes journal or state, not \(what.clipped)", "export lleva journal o state, no \(what.clipped)")
    }
    static func unknownFormat(_ text: String, _ formats: String) -> Localized {
        Localized("unknown format \(text.clipped); use one of \(formats)", "formato desconocido \(text.clipped); use uno de \(formats)")
    }
    static func monthNotAMonth(_ m: String) -> Localized {
        Localized("--month \(m.clipped) is not a month such as 2017-02", "--month \(m.clipped) no es un mes como 2017-02")
    }
    static func notANumberConvention(_ text: String) -> Localized {
        Localized("--numbers \(text.clipped) is not 1,234.56 (decimal point) or 1.234,56 (decimal comma)",
                  "--numbers \(text.clipped) no es 1,234.56 (punto decimal) ni 1.234,56 (coma decimal)")
    }
    static let monthOnlyPOA = Localized("--month applies to poa-report only", "--month solo se aplica a poa-report")
    static func notAnExportName(_ p: String) -> Localized {
        Localized("\(p.clipped) ends neither in .csv nor in .xlsx; the name says which to write", "\(p.clipped) no termina en .csv ni en .xlsx; el nombre dice cuál escribir")
    }
    static func unknownPNTFormat(_ f: String) -> Localized {
        Localized("--format \(f.clipped) is not vi (results indicators, fr. VI) or v (public interest, fr. V)",
                  "--format \(f.clipped) no es vi (indicadores de resultados, fr. VI) ni v (interés público, fr. V)")
    }
    static func notAWorkbookName(_ p: String) -> Localized {
        Localized("\(p.clipped) does not end in .xlsx; name the workbook FILE.xlsx", "\(p.clipped) no termina en .xlsx; nombre el libro ARCHIVO.xlsx")
    }
    static func pendingPeriod(_ p: String) -> Localized {
        Localized("\(p.clipped) is not a month or a quarter such as 2017-03 or 2017-Q1", "\(p.clipped) no es un mes ni un trimestre como 2017-03 o 2017-Q1")
    }
    static let planName = Localized("--plan must be a name without line breaks", "--plan debe ser un nombre sin saltos de línea")

    // Whole lines, printed around a usage error.
    static let usagePrefix = Localized("Usage: ", "Uso: ")
    static func seeHelp(_ command: String) -> Localized {
        Localized("See `ledger \(command) --help`.", "Vea `ledger \(command) --help`.")
    }
    static let missingCommand = Localized("ledger: missing command.", "ledger: falta el comando.")
    static func unknownCommand(_ name: String, meant: String?) -> Localized {
        guard let meant else {
            return Localized("ledger: unknown command \(name.clipped); run `ledger help` for the list.",
                             "ledger: comando desconocido \(name.clipped); ejecute `ledger help` para ver la lista.")
        }
        return Localized("ledger: unknown command \(name.clipped); did you mean `ledger \(meant)`? Run `ledger help` for the list.",
                         "ledger: comando desconocido \(name.clipped); ¿quiso decir `ledger \(meant)`? Ejecute `ledger help` para ver la lista.")
    }
    /// `append reding`: a word that names none of a command's subcommands.
    static func unknownSubcommand(_ word: String, of parent: String, meant: String?, words: [String]) -> Localized {
        let list = words.joined(separator: ", ")
        let (en, es) = parent == "append" ? ("unknown event type", "tipo de evento desconocido") : ("unknown subcommand", "subcomando desconocido")
        guard let meant else {
            return Localized("\(en) \(word.clipped) (one of: \(list))", "\(es) \(word.clipped) (uno de: \(list))")
        }
        return Localized("\(en) \(word.clipped); did you mean `ledger \(meant)`? (one of: \(list))",
                         "\(es) \(word.clipped); ¿quiso decir `ledger \(meant)`? (uno de: \(list))")
    }
    static func didYouMeanOption(_ name: String) -> Localized {
        Localized("; did you mean --\(name)?", "; ¿quiso decir --\(name)?")
    }
    /// `append --indicator`: an option of the subcommands, not of the parent.
    static func optionOfSubcommands(_ name: String, parent: String, subcommands: [String]) -> Localized {
        let list = subcommands.map { "\(parent) \($0)" }.joined(separator: ", ")
        return Localized("; --\(name) is an option of \(list): name the event type first, e.g. `ledger \(parent) \(subcommands[0]) --\(name) …`",
                         "; --\(name) es una opción de \(list): indique primero el tipo de evento, p. ej. `ledger \(parent) \(subcommands[0]) --\(name) …`")
    }
    static func noHelpFor(_ name: String) -> Localized {
        Localized("ledger help: no command named \(name.clipped); run `ledger help` for the list.",
                  "ledger help: no hay un comando llamado \(name.clipped); ejecute `ledger help` para ver la lista.")
    }
    static let badClock = Localized("LEDGER_CLOCK must be a full timestamp such as 2017-02-06T10:00:00-06:00.",
                                    "LEDGER_CLOCK debe ser una fecha y hora completa como 2017-02-06T10:00:00-06:00.")
    static let badLanguage = "ledger: --lang must be es or en."
}
