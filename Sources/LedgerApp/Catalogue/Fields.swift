// A form's field errors (`FieldError`), in both languages.

import LedgerCore

extension Catalogue {
    public static func field(_ e: FieldError) -> Localized {
        switch e {
        case .missing(let name):
            return Localized("missing \(name)", "falta \(name)")
        case .missingMeasurement:
            return Localized("missing value (or numerator and denominator for a ratio indicator)",
                             "falta value (o numerator y denominator para un indicador de razón)")
        case .missingTargetChange:
            return Localized("missing annual-target (or period and value)", "falta annual-target (o period y value)")
        case .notANumber(let name, let t, let reason):
            let (en, es): (String, String)
            switch reason {
            case .tooManyDigits: (en, es) = ("has more than 18 digits", "tiene más de 18 dígitos")
            case .tooManyDecimals: (en, es) = ("has more than 9 decimals", "tiene más de 9 decimales")
            case .empty, .notANumber: (en, es) = ("is not a number", "no es un número")
            }
            return Localized(
                "\(name) \"\(t.clipped)\" \(en); write digits with a point for decimals and no thousands separators, e.g. 14757499.81",
                "\(name) \"\(t.clipped)\" \(es); escriba dígitos con punto decimal y sin separadores de miles, p. ej. 14757499.81")
        case .ambiguousNumber(let name, let t, let p, let c):
            return Localized(
                "\(name) \"\(t.clipped)\" is \(p) with a decimal point or \(c) with a decimal comma, and nothing in the file tells which; say it with --numbers 1,234.56 or --numbers 1.234,56",
                "\(name) \"\(t.clipped)\" es \(p) con punto decimal o \(c) con coma decimal, y nada en el archivo dice cuál; indíquelo con --numbers 1,234.56 o --numbers 1.234,56")
        case .notAPeriod(let name, let t):
            return Localized(
                "\(name) \"\(t.clipped)\" is not a period; write 2017-03 (month), 2017-Q1 (quarter), 2017-H1 (half) or 2017 (year)",
                "\(name) \"\(t.clipped)\" no es un periodo; escriba 2017-03 (mes), 2017-Q1 (trimestre), 2017-H1 (semestre) o 2017 (año)")
        case .notAQuarter(let name, let q):
            return Localized("\(name) \"\(q)\" is not a quarter; write it as 2017-Q1", "\(name) \"\(q)\" no es un trimestre; escríbalo como 2017-Q1")
        case .notAYear(let t):
            return Localized("year \"\(t.clipped)\" is not a year such as 2017", "year \"\(t.clipped)\" no es un año como 2017")
        case .notAFlag(let name, let t):
            return Localized("\(name) must be true or false, not \"\(t.clipped)\"", "\(name) debe ser true o false, no \"\(t.clipped)\"")
        case .notOneOf(let name, let t, let allowed):
            return Localized("\(name) \"\(t.clipped)\" is not one of \(allowed)", "\(name) \"\(t.clipped)\" no es uno de \(allowed)")
        case .valueAndRatio:
            return Localized("give either value or numerator and denominator, not both", "indique value o bien numerator y denominator, no ambos")
        case .annualAndPeriod:
            return Localized("give either annual-target or period and value, not both", "indique annual-target o bien period y value, no ambos")
        case .monthlyTargetsCount(let n):
            return Localized("monthly-targets needs 12 values separated by commas (January to December), not \(n)",
                             "monthly-targets necesita 12 valores separados por comas (enero a diciembre), no \(n)")
        case .hierarchySyntax:
            return Localized("hierarchy is written level=value|level=value, e.g. eje=1 CIUDAD COMPETITIVA|estrategia=B4",
                             "hierarchy se escribe nivel=valor|nivel=valor, p. ej. eje=1 CIUDAD COMPETITIVA|estrategia=B4")
        case .missingType:
            return Localized("missing type (indicator, target, reading, ...)", "falta type (indicator, target, reading, ...)")
        case .unknownType(let type):
            return Localized("unknown type \"\(type.clipped)\"; use indicator, target, reading, correction, observation, budget or close",
                             "tipo desconocido \"\(type.clipped)\"; use indicator, target, reading, correction, observation, budget o close")
        case .notAFieldOf(let key, let type, let known):
            return Localized("\(key.clipped) is not a field of \(type) (fields: \(known.joined(separator: ", ")))",
                             "\(key.clipped) no es un campo de \(type) (campos: \(known.joined(separator: ", ")))")
        }
    }
}
