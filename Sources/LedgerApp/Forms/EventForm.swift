// An event form: the named fields a user fills in to record one type of
// event, declared once. The CLI makes its `append TYPE` flags from them,
// a batch file's columns are checked against them, and both read the
// values through the same `build`, so the three ways of saying what to
// record (flags, a CSV row, a JSON line) cannot drift apart.

import LedgerCore
import LedgerImport

/// One field of a form: the flag without dashes, and the batch column.
public struct FormField: Sendable {
    public var name: String
    /// The placeholder of its value ("ID", "N"); nil for a yes/no flag.
    public var placeholder: String?
    public var help: Localized
    /// Required on every use (a missing one is a usage error on the command line).
    public var isRequired: Bool

    public init(_ name: String, _ placeholder: String?, _ help: Localized, required: Bool = false) {
        self.name = name
        self.placeholder = placeholder
        self.help = help
        isRequired = required
    }
}

/// What a user fills in to record one event type, and how it becomes a command.
public struct EventForm: Sendable {
    /// The event type the form records; its `commandName` names the form.
    public var type: EventType
    public var fields: [FormField]
    let build: @Sendable (FieldValues) throws -> Command

    public var name: String { type.commandName }

    init(_ type: EventType, _ fields: [FormField], build: @escaping @Sendable (FieldValues) throws -> Command) {
        self.type = type
        self.fields = fields
        self.build = build
    }

    /// The command the `values` (by field name; `-` and `_` alike) describe.
    /// Numbers are plain decimals (`14757499.81`) unless `numbers` gives the
    /// convention of the file they come from (a batch file: `1.234,56`,
    /// `$1,200` read as `import csv` reads them).
    public func command(from values: [String: String], numbers: ConventionChoice? = nil) throws -> Command {
        try build(FieldValues(values, form: self, numbers: numbers))
    }

    /// A column no field of this form uses is an error, so a misspelt
    /// header never drops data silently (blank cells are let through).
    public func checkColumns(_ values: [String: String]) throws {
        let known = fields.map(\.name)
        for (key, value) in values where key != "type" && !value.trimmingSpaces.isEmpty {
            if !known.contains(FieldValues.normalized(key)) {
                throw FieldError.notAFieldOf(column: key, type: name, fields: known)
            }
        }
    }

    /// The form of an event type named either way (`reading`, `reading_recorded`).
    public static func named(_ text: String) -> EventForm? {
        guard let type = EventType(name: text) else { return nil }
        return all.first { $0.type == type }
    }
}

/// The values given for a form's fields, read by type.
public struct FieldValues {
    let values: [String: String]
    let form: EventForm
    /// The convention of the file the values come from; nil for typed flags.
    let numbers: ConventionChoice?

    static func normalized(_ key: String) -> String { String(key.lowercased().map { $0 == "_" ? "-" : $0 }) }

    init(_ raw: [String: String], form: EventForm, numbers: ConventionChoice? = nil) {
        var values: [String: String] = [:]
        for (k, v) in raw { values[FieldValues.normalized(k)] = v }
        self.values = values
        self.form = form
        self.numbers = numbers
    }

    private func declared(_ name: String) -> FormField {
        guard let f = form.fields.first(where: { $0.name == name }) else { preconditionFailure("\(name) is not a field of \(form.name)") }
        return f
    }

    /// A field's text, trimmed; nil when absent or blank. A required field
    /// that is missing throws.
    func text(_ name: String) throws -> String? {
        let field = declared(name)
        let t = values[name]?.trimmingSpaces ?? ""
        if t.isEmpty {
            if field.isRequired { throw FieldError.missing(name) }
            return nil
        }
        return t
    }

    /// A field declared required: its text.
    func required(_ name: String) throws -> String {
        precondition(declared(name).isRequired, "\(name) is not declared required in \(form.name)")
        return try text(name)!
    }

    /// True when the field has any text (a presence check, without reading it).
    func isGiven(_ name: String) -> Bool { !(values[name]?.trimmingSpaces.isEmpty ?? true) }

    func number(_ name: String) throws -> DecimalNumber? {
        guard let t = try text(name) else { return nil }
        return try read(t, name)
    }

    /// A number that must be there even though the field is optional on its own.
    func number(present name: String) throws -> DecimalNumber {
        guard let t = try text(name) else { throw FieldError.missing(name) }
        return try read(t, name)
    }

    /// A number as typed (a plain decimal), or as its file writes it.
    func read(_ t: String, _ name: String) throws -> DecimalNumber {
        guard let numbers else { return try FieldValues.number(t, name) }
        let cell = NumberReader.read(t, convention: numbers.convention)
        if cell.isAmbiguous, numbers.source == .assumed || numbers.source == .conflicting,
           let p = cell.readings[.decimalPoint], let c = cell.readings[.decimalComma] {
            throw FieldError.ambiguousNumber(field: name, text: t, point: p, comma: c)
        }
        guard let v = cell.value, !cell.notations.contains(.footnote) else {
            throw FieldError.notANumber(field: name, text: t, reason: .notANumber)
        }
        return v
    }

    /// The separator of a list of numbers (`monthly-targets`): a comma, or a
    /// semicolon in a file whose decimals are commas.
    var listSeparator: Character {
        numbers?.convention == .decimalComma && values["monthly-targets"]?.contains(";") == true ? ";" : ","
    }

    static func number(_ t: String, _ name: String) throws -> DecimalNumber {
        switch DecimalNumber.parse(t) {
        case .success(let d): return d
        case .failure(let e): throw FieldError.notANumber(field: name, text: t, reason: e)
        }
    }

    func period(_ name: String = "period") throws -> Period? {
        guard let t = try text(name) else { return nil }
        guard let p = Period(t) else { throw FieldError.notAPeriod(field: name, text: t) }
        return p
    }

    func flag(_ name: String) throws -> Bool {
        guard let t = try text(name)?.lowercased() else { return false }
        switch t {
        case "true", "yes", "si", "sí", "1", "x": return true
        case "false", "no", "0": return false
        default: throw FieldError.notAFlag(field: name, text: t)
        }
    }

    func choice<T>(_ name: String, _ parse: (String) -> T?, _ allowed: String) throws -> T? {
        guard let t = try text(name) else { return nil }
        guard let v = parse(t) else { throw FieldError.notOneOf(field: name, text: t, allowed: allowed) }
        return v
    }

    /// `value`, or `numerator` and `denominator` for a ratio indicator.
    func measurement() throws -> Measurement {
        if isGiven("value") {
            if isGiven("numerator") || isGiven("denominator") { throw FieldError.valueAndRatio }
            return .value(try number(present: "value"))
        }
        if isGiven("numerator") || isGiven("denominator") {
            return .ratio(numerator: try number(present: "numerator"), denominator: try number(present: "denominator"))
        }
        throw FieldError.missingMeasurement
    }
}
