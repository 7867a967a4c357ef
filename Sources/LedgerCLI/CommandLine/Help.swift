// Help text, generated from the commands' specs: the overview of every
// command (subcommands under their parent), and one command's help.

import LedgerCore

enum Help {
    static func overview(_ l: Language) -> String {
        var lines = [
            Words.tagline.text(l),
            "",
            Usage.usagePrefix.text(l) + (l == .es ? "ledger [--ledger DIR] [--lang es|en] COMANDO ..." : "ledger [--ledger DIR] [--lang es|en] COMMAND ..."),
            "",
            Words.commandsHeading.text(l),
        ]
        let all = LedgerCLI.commands.flatMap(\.all).map(\.spec)
        let width = (all.map(\.name.count).max() ?? 0) + 2
        for spec in all {
            lines.append("  " + spec.name + String(repeating: " ", count: width - spec.name.count) + spec.abstract.text(l))
        }
        lines.append("")
        lines.append(Words.helpOnACommand.text(l))
        lines.append(Words.exitCodes.text(l))
        return lines.joined(separator: "\n")
    }

    /// The help text of a command, generated from its spec.
    static func command(_ spec: CommandSpec, language l: Language) -> String {
        var lines: [String] = []
        lines.append("\(spec.name): \(spec.abstract.text(l))")
        lines.append("")
        lines.append(Usage.usagePrefix.text(l) + spec.usage)
        if let d = spec.discussion {
            lines.append("")
            lines.append(d.text(l))
        }
        if !spec.options.isEmpty {
            lines.append("")
            lines.append(Words.optionsHeading.text(l))
            let labels = spec.options.map { "--\($0.name)" + ($0.value.map { " " + $0 } ?? "") }
            let width = min(30, (labels.map(\.count).max() ?? 0) + 2)
            for (label, option) in zip(labels, spec.options) {
                let pad = label.count < width ? String(repeating: " ", count: width - label.count) : "  "
                lines.append("  " + label + pad + option.help.text(l))
            }
        }
        if !spec.examples.isEmpty {
            lines.append("")
            lines.append(Words.examplesHeading.text(l))
            for e in spec.examples { lines.append("  " + e) }
        }
        return lines.joined(separator: "\n")
    }
}
