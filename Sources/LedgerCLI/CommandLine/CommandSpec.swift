// How a command describes itself: one static value per command (name,
// abstract, usage, options, examples), from which both the parser and the
// help text are made, in the manner of swift-argument-parser's
// ParsableCommand. Subcommands are data: a command may hold others
// (`append` holds `append reading`, ...), and nothing else about them is
// special.

import LedgerCore

/// One option of a command.
struct OptionSpec: Sendable {
    /// Without dashes: "indicator", "post-close".
    var name: String
    /// Placeholder for the value ("ID", "N"); nil for a flag without value.
    var value: String?
    var help: Localized
    var required = false
    /// May be given more than once (values are collected in order).
    var repeatable = false

    init(_ name: String, _ value: String?, _ help: Localized, required: Bool = false, repeatable: Bool = false) {
        self.name = name
        self.value = value
        self.help = help
        self.required = required
        self.repeatable = repeatable
    }

    /// Help in both languages, for the common case.
    init(_ name: String, _ value: String?, _ en: String, _ es: String, required: Bool = false) {
        self.init(name, value, Localized(en, es), required: required)
    }
}

/// What a command says about itself.
struct CommandSpec: Sendable {
    /// The full name, words separated by spaces: "verify", "append reading".
    var name: String
    var abstract: Localized
    var usage: String
    var options: [OptionSpec]
    var examples: [String]
    var discussion: Localized? = nil
    /// How many positional arguments it takes.
    var positionals: ClosedRange<Int> = 0...0

    func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }

    /// The last word of the name: how its parent's command line names it.
    var word: String { String(name.split(separator: " ").last ?? "") }
}

/// A command: its description, what it runs, and the commands it holds.
struct CommandDefinition {
    var spec: CommandSpec
    var subcommands: [CommandDefinition] = []
    var run: (Invocation) throws -> Void

    /// The subcommand named `word`, if any.
    func subcommand(_ word: String) -> CommandDefinition? { subcommands.first { $0.spec.word == word } }

    /// This command and every command below it, parents first.
    var all: [CommandDefinition] { [self] + subcommands.flatMap(\.all) }
}
