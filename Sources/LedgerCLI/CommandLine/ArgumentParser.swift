// Argument parsing by hand (no packages): the tokens of one command line,
// read against the command's spec and the global options. `--name value`
// and `--name=value` are both accepted; `-` and `_` in names are alike;
// `--` ends the options. The result answers typed questions (a quarter, a
// time, a format) and says what is wrong as a usage error.

import LedgerCore
import LedgerApp
import LedgerReports

/// A usage error: what is wrong, to print with the command's usage (exit 2).
struct UsageError: Error {
    var message: Localized
    /// The option that is not known, when that is the error (for a "did you mean").
    var unknownOption: String? = nil
}

/// The parsed command line of one command.
struct ParsedArguments {
    var values: [String: [String]] = [:]
    var positionals: [String] = []

    func value(_ name: String) -> String? { values[name]?.last }
    func has(_ name: String) -> Bool { values[name] != nil }

    /// The values of the options named in `names` that were given, by name.
    func values(of names: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for n in names { if let v = value(n) { out[n] = v } }
        return out
    }

    /// A time option (`--as-of`): a timestamp, or a bare date meaning the end
    /// of that day (or its first instant, for `--since`).
    func time(_ option: String, dateMeans: TimeSpec.DateMeaning = .endOfDay) throws -> TimeSpec? {
        guard let text = value(option) else { return nil }
        guard let spec = TimeSpec(text, dateMeans: dateMeans) else { throw UsageError(message: Usage.notATime(option, text)) }
        return spec
    }

    /// The positional argument at `index`, which must be a quarter.
    func quarter(at index: Int) throws -> Period {
        let text = positionals[index]
        guard let q = Period(text), q.frequency == .quarterly else { throw UsageError(message: Usage.notAQuarter(text)) }
        return q
    }

    /// `--json`, `--csv`, or neither (a table).
    func format() throws -> ReportFormat {
        if has("json") && has("csv") { throw UsageError(message: Usage.jsonAndCSV) }
        return has("json") ? .json : has("csv") ? .csv : .text
    }

    /// `--numbers`: how a user's file writes numbers; nil when not given.
    func numberConvention() throws -> NumberConvention? {
        guard let text = value("numbers") else { return nil }
        guard let c = NumberConvention(text: text) else { throw UsageError(message: Usage.notANumberConvention(text)) }
        return c
    }

    /// `--plan` and `--owner`, in NFC like the names they are compared with.
    var scope: ReportScope { ReportScope(plan: name("plan"), owner: name("owner")) }

    /// An option that names an identifier (an indicator, a plan, an owner,
    /// an actor), in NFC: one spelling is one name.
    func name(_ option: String) -> String? { value(option).map(NFC.normalize) }
}

enum ArgumentParser {
    /// Parses `tokens` against `spec` plus the global options.
    static func parse(_ tokens: [String], spec: CommandSpec) throws -> ParsedArguments {
        var result = ParsedArguments()
        var i = 0
        var optionsEnded = false
        while i < tokens.count {
            let token = tokens[i]
            i += 1
            if optionsEnded || !token.hasPrefix("-") || token == "-" {
                result.positionals.append(token)
                continue
            }
            if token == "--" { optionsEnded = true; continue }
            if token == "-h" { result.values["help", default: []].append(""); continue }
            guard token.hasPrefix("--") else {
                // A negative number is a value, not an option.
                if token.dropFirst().allSatisfy({ $0.isNumber || $0 == "." }) { result.positionals.append(token); continue }
                throw UsageError(message: Usage.unknownOption(token))
            }
            var name = String(token.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            name = String(name.map { $0 == "_" ? "-" : $0 })
            guard let option = spec.option(name) ?? GlobalOptions.all.first(where: { $0.name == name }) else {
                throw UsageError(message: Usage.unknownOption(name, of: spec.name), unknownOption: name)
            }
            var value = ""
            if let placeholder = option.value {
                if let v = inlineValue {
                    value = v
                } else {
                    guard i < tokens.count else { throw UsageError(message: Usage.needsValue(name, placeholder)) }
                    value = tokens[i]
                    i += 1
                }
            } else if inlineValue != nil {
                throw UsageError(message: Usage.takesNoValue(name))
            }
            if result.values[name] != nil && !option.repeatable { throw UsageError(message: Usage.givenTwice(name)) }
            result.values[name, default: []].append(value)
        }
        if result.has("help") { return result }
        for option in spec.options where option.required && !result.has(option.name) {
            throw UsageError(message: Usage.missingOption(option.name, option.value))
        }
        if !spec.positionals.contains(result.positionals.count) {
            if result.positionals.count > spec.positionals.upperBound {
                throw UsageError(message: Usage.unexpected(result.positionals[spec.positionals.upperBound]))
            }
            throw UsageError(message: Usage.missingArgument)
        }
        return result
    }
}
