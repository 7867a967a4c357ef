// Why the core refused a command (`Refusal`), in both languages: one or
// two plain sentences that say what was wrong and what to do.

import LedgerCore

extension Catalogue {
    public static func refusal(_ r: Refusal) -> Localized {
        switch r {
        case .publicKeyRefused, .memberExists, .unknownMember, .memberAlreadyRemoved, .keyHeldByAnother, .noRoles, .rolesUnchanged,
             .lastAdmin, .signatureNeeded, .signaturesRequired, .signaturesAlreadyRequired, .keyOfNoMember, .signerRemoved,
             .firstMemberMustBeAdmin, .roleMissing, .attestOpenQuarter, .nothingToAttest, .attestationHeadDiffers:
            return trustRefusal(r)
        case .notOpened:
            return Localized("this ledger has not been opened; run `ledger init --entity NAME` first.",
                             "este ledger no se ha abierto; ejecute primero `ledger init --entity NOMBRE`.")
        case .alreadyOpened:
            return Localized("the ledger is already opened.", "el ledger ya está abierto.")
        case .unknownIndicator(let id):
            guard IndicatorSearch.couldBeAnID(id) else {
                return Localized("unknown indicator \(id.clipped): an id has no spaces or commas; `ledger status` lists every indicator with its id.",
                                 "indicador desconocido \(id.clipped): un id no tiene espacios ni comas; `ledger status` muestra cada indicador con su id.")
            }
            return Localized("unknown indicator \(id); define it first with `ledger append indicator --id \(id) ...` (see `ledger log --type indicator`).",
                             "indicador desconocido \(id); defínalo primero con `ledger append indicator --id \(id) ...` (vea `ledger log --type indicator`).")
        case .indicatorExists(let id):
            return Localized("indicator \(id) is already defined; change its target with `ledger append target --indicator \(id) ... --reason TEXT`.",
                             "el indicador \(id) ya está definido; cambie su meta con `ledger append target --indicator \(id) ... --reason TEXTO`.")
        case .emptyField(let f):
            return Localized("\(f) must not be empty.", "\(f) no debe estar vacío.")
        case .invalidText(let f):
            return Localized("\(f) contains characters it may not hold (line breaks or control characters; in an id also spaces and commas).",
                             "\(f) contiene caracteres no permitidos (saltos de línea o caracteres de control; en un id también espacios y comas).")
        case .periodNotOfFrequency(let id, let p, let f):
            let example: String
            switch f {
            case .monthly: example = "\(p.year)-03"
            case .quarterly: example = "\(p.year)-Q1"
            case .semiannual: example = "\(p.year)-H1"
            case .annual: example = "\(p.year)"
            }
            return Localized("\(p) is not a period of \(id), which is measured \(f.rawValue); name a period such as \(example).",
                             "\(p) no es un periodo de \(id), que se mide con frecuencia \(f.spanish); indique un periodo como \(example).")
        case .periodOutsideYear(let id, let p, let y):
            return Localized("\(p) lies outside the year of \(id) (\(y)); each indicator belongs to one fiscal year.",
                             "\(p) está fuera del año de \(id) (\(y)); cada indicador pertenece a un solo ejercicio.")
        case .readingExists(let id, let p, let seq):
            return Localized("a reading for \(id) \(p) is already recorded (seq \(seq)); to change it, record a correction: `ledger append correction --indicator \(id) --period \(p) --value N --reason TEXT`.",
                             "ya hay una lectura de \(id) \(p) (secuencia \(seq)); para cambiarla registre una corrección: `ledger append correction --indicator \(id) --period \(p) --value N --reason TEXTO`.")
        case .noReadingToCorrect(let id, let p):
            return Localized("there is no reading of \(id) \(p) to correct; record it with `ledger append reading`.",
                             "no hay lectura de \(id) \(p) que corregir; regístrela con `ledger append reading`.")
        case .correctionChangesNothing(let id, let p):
            return Localized("the reading of \(id) \(p) already has that value; nothing to correct.",
                             "la lectura de \(id) \(p) ya tiene ese valor; no hay nada que corregir.")
        case .reasonRequired(let what):
            let (en, es): (String, String)
            switch what {
            case "target": (en, es) = ("a target change", "un cambio de meta")
            case "correction": (en, es) = ("a correction", "una corrección")
            case "amend": (en, es) = ("an amendment of an indicator", "una modificación de un indicador")
            default: (en, es) = ("a value after the quarter's close", "un valor posterior al cierre del trimestre")
            }
            return Localized("\(en) needs a reason; add --reason TEXT.", "\(es) necesita un motivo; agregue --reason TEXTO.")
        case .ratioNeedsParts(let id):
            return Localized("\(id) is a ratio indicator; give --numerator N --denominator N instead of --value.",
                             "\(id) es un indicador de razón; indique --numerator N --denominator N en lugar de --value.")
        case .valueNotRatio(let id):
            return Localized("\(id) is not a ratio indicator; give --value N.", "\(id) no es un indicador de razón; indique --value N.")
        case .negativeValue(let f):
            return Localized("\(f) must not be negative.", "\(f) no debe ser negativo.")
        case .zeroDenominator(let id):
            return Localized("the denominator of a reading of \(id) must not be zero.", "el denominador de una lectura de \(id) no debe ser cero.")
        case .quarterIsClosed(let id, let p, let q):
            return Localized("\(q) is closed, so \(id) \(p) cannot change silently; if this is a post-close adjustment, add --post-close --reason TEXT.",
                             "\(q) está cerrado, así que \(id) \(p) no puede cambiar sin más; si es un ajuste posterior al cierre, agregue --post-close --reason TEXTO.")
        case .notClosed(let id, let p):
            return Localized("--post-close is only for values of a closed quarter, and the quarter of \(id) \(p) is open; drop the flag.",
                             "--post-close es solo para valores de un trimestre cerrado, y el trimestre de \(id) \(p) está abierto; quite la opción.")
        case .alreadyClosed(let q, let plan):
            let which = plan.map { " (plan \($0))" } ?? ""
            return Localized("\(q)\(which) is already closed; a quarter is closed once.", "\(q)\(which) ya está cerrado; un trimestre se cierra una sola vez.")
        case .notAQuarter(let p):
            return Localized("\(p) is not a quarter; write it as 2017-Q1.", "\(p) no es un trimestre; escríbalo como 2017-Q1.")
        case .unknownPlan(let p):
            return Localized("there is no plan named \(p) in this ledger.", "no hay ningún plan llamado \(p) en este ledger.")
        case .yearOutOfRange(let y):
            return Localized("year \(y) is out of range (1900 to 2999).", "el año \(y) está fuera de rango (1900 a 2999).")
        case .bandsOutOfOrder:
            return Localized("status bands must satisfy yellow <= green <= ceiling.", "las bandas del semáforo deben cumplir yellow <= green <= ceiling.")
        case .invalidName(let field, let problem):
            return invalidName(field, problem)
        case .lookAlike(let kind, let given, let existing):
            return lookAlike(kind, given: given, existing: existing)
        case .segmentRefused(let file, _):
            return Localized("the segment \(file) does not follow the segments sealed before; nothing was sealed.",
                             "el segmento \(file) no sigue a los segmentos sellados antes; no se selló nada.")
        case .budgetMomentsOutOfOrder(let id, let p, let m, let amount, let earlier, let limit):
            return Localized("the budget of \(id) for \(p) has \(m.rawValue) \(amount.grouped) above \(earlier.rawValue) \(limit.grouped); the moments go paid <= exercised <= accrued <= committed <= modified (CONAC): check the figures.",
                             "el presupuesto de \(id) para \(p) tiene \(m.spanish) \(amount.grouped) mayor que \(earlier.spanish) \(limit.grouped); los momentos van pagado <= ejercido <= devengado <= comprometido <= modificado (CONAC): revise las cifras.")
        case .deadlineOutOfRange(let day):
            return Localized("the reporting deadline must be a day of the month, 1 to 31 (it was \(day)); a day past the month's end means its last day.",
                             "el plazo de reporte debe ser un día del mes, de 1 a 31 (se dio \(day)); un día que el mes no tiene significa su último día.")
        case .documentNotAllowed(let type):
            let (en, es): (String, String)
            switch type {
            case .readingRecorded:
                (en, es) = ("a reading of an open quarter changes nothing already reported, so it has no authorising document",
                            "una lectura de un trimestre abierto no cambia nada ya informado, así que no lleva documento que la autorice")
            default:
                (en, es) = ("this kind of event takes no authorising document", "este tipo de evento no lleva documento que lo autorice")
            }
            return Localized("\(en); drop --document (it is for target changes, corrections, post-close adjustments and amendments).",
                             "\(es); quite --document (es para cambios de meta, correcciones, ajustes posteriores al cierre y modificaciones).")
        case .nothingToAmend(let id):
            return Localized("the amendment of \(id) changes no field; give at least one of --name, --unit, --owner, --owner-name, --description, --dimension, --definition, --method, --baseline, --information-source, --objective.",
                             "la modificación de \(id) no cambia ningún campo; indique al menos uno de --name, --unit, --owner, --owner-name, --description, --dimension, --definition, --method, --baseline, --information-source, --objective.")
        case .nothingToDescribe(let code):
            return Localized("unit \(code) is described with neither a name nor a contact; give --owner-name TEXT or --contact TEXT.",
                             "la unidad \(code) no tiene nombre ni contacto; indique --owner-name TEXTO o --contact TEXTO.")
        }
    }

}
