// What can be wrong with the named fields of an event form, as data. The
// catalogue words it; a missing field on the command line is a usage error.

import LedgerCore

/// A field that is missing or cannot be read.
public enum FieldError: Error, Equatable, Sendable {
    case missing(String)
    /// Neither a value nor a numerator and denominator.
    case missingMeasurement
    /// Neither an annual target nor a period and value.
    case missingTargetChange
    case notANumber(field: String, text: String, reason: DecimalNumber.ParseError)
    /// A batch cell that reads as two numbers (`1.571`) and nothing in its file tells which.
    case ambiguousNumber(field: String, text: String, point: DecimalNumber, comma: DecimalNumber)
    case notAPeriod(field: String, text: String)
    case notAQuarter(field: String, text: String)
    case notAYear(String)
    case notAFlag(field: String, text: String)
    case notOneOf(field: String, text: String, allowed: String)
    case valueAndRatio
    case annualAndPeriod
    case monthlyTargetsCount(Int)
    case hierarchySyntax
    /// A batch row without a type.
    case missingType
    case unknownType(String)
    /// A batch column no field of the row's type uses.
    case notAFieldOf(column: String, type: String, fields: [String])

    /// True for a missing field: on the command line, a usage error.
    public var isMissing: Bool {
        switch self {
        case .missing, .missingMeasurement, .missingTargetChange: return true
        default: return false
        }
    }
}
