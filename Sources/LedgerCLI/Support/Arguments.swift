// Argument parsing by hand (no packages): each command describes itself in
// one static CommandSpec (name, abstract, usage, options, examples), and
// both the parser and the help text come from it, in the manner of
// swift-argument-parser's ParsableCommand.

import LedgerReports

/// Text in both languages.
struct Localized: Sendable {
    var en: String
    var es: String
    init(_ en: String, _ es: String) { self.en = en; self.es = es }
    func text(_ l: Language) -> String { l == .es ? es : en }
}

struct OptionSpec: Sendable {
    /// Without dashes: "indicator", "post-close".
    var name: String
    /// Placeholder for the value ("ID", "N"); nil for a flag without value.
    var value: String?
    var help: Localized
    var required = false
    /// May be given more than once (values are collected in order).
    var repeatable = false
}

struct CommandSpec: Sendable {
    var name: String
    var abstract: Localized
    var usage: String
    var options: [OptionSpec]
    var examples: [String]
    var discussion: Localized? = nil
    /// How many positional arguments it takes.
    var positionals: ClosedRange<Int> = 0...0

    func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }
}

/// Options common to every command, accepted anywhere on the line.
let globalOptions: [OptionSpec] = [
    OptionSpec(name: "ledger", value: "DIR", help: Localized("the ledger directory (default $LEDGER_DIR, else the current directory)",
                                                              "el directorio del ledger (por omisión $LEDGER_DIR, si no el directorio actual)")),
    OptionSpec(name: "lang", value: "es|en", help: Localized("language of the output (default $LEDGER_LANG, else from $LANG)",
                                                              "idioma de la salida (por omisión $LEDGER_LANG, si no según $LANG)")),
    OptionSpec(name: "actor", value: "NAME", help: Localized("who records (default $LEDGER_ACTOR)", "quién registra (por omisión $LEDGER_ACTOR)")),
    OptionSpec(name: "help", value: nil, help: Localized("show this help", "muestra esta ayuda")),
]

/// The parsed command line of one command.
struct ParsedArguments {
    var values: [String: [String]] = [:]
    var positionals: [String] = []

    func value(_ name: String) -> String? { values[name]?.last }
    func has(_ name: String) -> Bool { values[name] != nil }
    func all(_ name: String) -> [String] { values[name] ?? [] }
}

/// A usage error: what is wrong, to print with the command's usage (exit 2).
struct UsageError: Error {
    var message: Localized
}

enum ArgumentParser {
    /// Parses `tokens` against `spec` plus the global options. `--name value`
    /// and `--name=value` are both accepted; `--` ends the options.
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
                throw UsageError(message: Localized("unknown option \(token.clipped)", "opción desconocida \(token.clipped)"))
            }
            var name = String(token.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            name = String(name.map { $0 == "_" ? "-" : $0 })
            guard let option = spec.option(name) ?? globalOptions.first(where: { $0.name == name }) else {
                throw UsageError(message: Localized("unknown option --\(name.clipped) for \(spec.name)", "opción desconocida --\(name.clipped) para \(spec.name)"))
            }
            var value = ""
            if option.value != nil {
                if let v = inlineValue {
                    value = v
                } else {
                    guard i < tokens.count else {
                        throw UsageError(message: Localized("--\(name) needs a value (\(option.value!))", "--\(name) necesita un valor (\(option.value!))"))
                    }
                    value = tokens[i]
                    i += 1
                }
            } else if inlineValue != nil {
                throw UsageError(message: Localized("--\(name) takes no value", "--\(name) no lleva valor"))
            }
            if result.values[name] != nil && !option.repeatable {
                throw UsageError(message: Localized("--\(name) is given twice", "--\(name) aparece dos veces"))
            }
            result.values[name, default: []].append(value)
        }
        if result.has("help") { return result }
        for option in spec.options where option.required && !result.has(option.name) {
            throw UsageError(message: Localized("missing --\(option.name) \(option.value ?? "")", "falta --\(option.name) \(option.value ?? "")"))
        }
        if !spec.positionals.contains(result.positionals.count) {
            if result.positionals.count > spec.positionals.upperBound {
                let extra = result.positionals[spec.positionals.upperBound]
                throw UsageError(message: Localized("unexpected argument \(extra.clipped)", "argumento inesperado \(extra.clipped)"))
            }
            throw UsageError(message: Localized("missing argument", "falta un argumento"))
        }
        return result
    }

    /// The help text of a command, generated from its spec.
    static func help(_ spec: CommandSpec, language l: Language) -> String {
        var lines: [String] = []
        lines.append("\(spec.name): \(spec.abstract.text(l))")
        lines.append("")
        lines.append((l == .es ? "Uso: " : "Usage: ") + spec.usage)
        if let d = spec.discussion {
            lines.append("")
            lines.append(d.text(l))
        }
        if !spec.options.isEmpty {
            lines.append("")
            lines.append(l == .es ? "Opciones:" : "Options:")
            let labels = spec.options.map { "--\($0.name)" + ($0.value.map { " " + $0 } ?? "") }
            let width = min(30, (labels.map(\.count).max() ?? 0) + 2)
            for (label, option) in zip(labels, spec.options) {
                let pad = label.count < width ? String(repeating: " ", count: width - label.count) : "  "
                lines.append("  " + label + pad + option.help.text(l))
            }
        }
        if !spec.examples.isEmpty {
            lines.append("")
            lines.append(l == .es ? "Ejemplos:" : "Examples:")
            for e in spec.examples { lines.append("  " + e) }
        }
        return lines.joined(separator: "\n")
    }
}
