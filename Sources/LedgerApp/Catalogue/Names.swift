// Why a name was refused (`NameProblem`, `Refusal.lookAlike`), in both
// languages. A refused name usually looks right on screen, so each message
// names the character by its code point (U+200B ZERO WIDTH SPACE) and its
// position: the user can see what the terminal does not show.

import LedgerCore

extension Catalogue {
    /// `field` with a character or length it may not have.
    static func invalidName(_ field: String, _ p: NameProblem) -> Localized {
        switch p {
        case .control(let v, let at):
            return Localized("\(field) has a control character (\(describe(v))) at character \(at); write it on one line, without tabs or control characters.",
                             "\(field) tiene un carácter de control (\(describe(v))) en el carácter \(at); escríbalo en una sola línea, sin tabuladores ni caracteres de control.")
        case .invisible(let v, let at):
            return Localized("\(field) has an invisible character (\(describe(v))) at character \(at): it would make a name that prints like another; type it again without it.",
                             "\(field) tiene un carácter invisible (\(describe(v))) en el carácter \(at): haría un nombre que se imprime igual que otro; escríbalo de nuevo sin él.")
        case .bidiControl(let v, let at):
            return Localized("\(field) has a character that reorders the text on screen (\(describe(v))) at character \(at); type it again without it.",
                             "\(field) tiene un carácter que reordena el texto en pantalla (\(describe(v))) en el carácter \(at); escríbalo de nuevo sin él.")
        case .oddSpace(let v, let at):
            return Localized("\(field) has a space that is not the plain one (\(describe(v))) at character \(at); use a plain space.",
                             "\(field) tiene un espacio que no es el común (\(describe(v))) en el carácter \(at); use un espacio común.")
        case .privateUse(let v, let at):
            return Localized("\(field) has a private-use character (\(describe(v))) at character \(at), which each font shows its own way; remove it.",
                             "\(field) tiene un carácter de uso privado (\(describe(v))) en el carácter \(at), que cada tipo de letra muestra a su manera; quítelo.")
        case .edgeSpace:
            return Localized("\(field) begins or ends with a space; remove it.", "\(field) empieza o termina con un espacio; quítelo.")
        case .notNormalized:
            return Localized("\(field) is not in Unicode normal form C (an accent written as a separate character): it would be another name that prints the same.",
                             "\(field) no está en la forma normal C de Unicode (un acento escrito como carácter aparte): sería otro nombre que se imprime igual.")
        case .tooLong(let limit, let length):
            return Localized("\(field) is \(length) characters long; the most is \(limit).", "\(field) tiene \(length) caracteres; el máximo es \(limit).")
        }
    }

    /// `given` looks like the recorded `existing` of the same kind.
    static func lookAlike(_ kind: NameKind, given: String, existing: String) -> Localized {
        let why = difference(given, existing)
        switch kind {
        case .indicator:
            return Localized("indicator \(given) looks like \(existing), already defined, but is another name (\(why.en)); use \(existing), or an id that does not look like it.",
                             "el indicador \(given) se ve igual que \(existing), ya definido, pero es otro nombre (\(why.es)); use \(existing), o un id que no se le parezca.")
        case .plan:
            return Localized("plan \(given) looks like plan \(existing), already in the ledger, but is another name (\(why.en)); write \(existing), or a name that does not look like it.",
                             "el plan \(given) se ve igual que el plan \(existing), ya en el ledger, pero es otro nombre (\(why.es)); escriba \(existing), o un nombre que no se le parezca.")
        case .owner:
            return Localized("owner code \(given) looks like \(existing), already in the ledger, but is another code (\(why.en)); use \(existing), or a code that does not look like it.",
                             "la clave de unidad \(given) se ve igual que \(existing), ya en el ledger, pero es otra clave (\(why.es)); use \(existing), o una clave que no se le parezca.")
        case .actor:
            return Localized("actor \(given) looks like \(existing), who already recorded events in this ledger, but is another name (\(why.en)); use --actor \(existing) (or $LEDGER_ACTOR), or a name that does not look like it.",
                             "el actor \(given) se ve igual que \(existing), que ya registró eventos en este ledger, pero es otro nombre (\(why.es)); use --actor \(existing) (o $LEDGER_ACTOR), o un nombre que no se le parezca.")
        }
    }

    /// `U+200B ZERO WIDTH SPACE`, or a word for the common control characters.
    static func describe(_ v: UInt32) -> String {
        var hex = String(v, radix: 16, uppercase: true)
        if hex.count < 4 { hex = String(repeating: "0", count: 4 - hex.count) + hex }
        let code = "U+" + hex
        switch v {
        case 0x09: return code + " TAB"
        case 0x0A: return code + " LINE FEED"
        case 0x0D: return code + " CARRIAGE RETURN"
        default: break
        }
        if let name = Unicode.Scalar(v)?.properties.name { return code + " " + name }
        return code
    }

    /// Where two look-alike names first differ, by character.
    static func difference(_ a: String, _ b: String) -> Localized {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        var i = 0
        while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
        guard i < x.count, i < y.count else {
            return Localized("they differ in an accent or a character that does not show", "difieren en un acento o un carácter que no se ve")
        }
        return Localized("character \(i + 1) is \(describe(x[i].value)), not \(describe(y[i].value))",
                         "el carácter \(i + 1) es \(describe(x[i].value)), no \(describe(y[i].value))")
    }
}
