// The options every command accepts, anywhere on the line, declared once.
// A command's own option of the same name wins (`log --actor A` filters,
// it does not name who appends).

import LedgerCore

enum GlobalOptions {
    static let ledger = OptionSpec("ledger", "DIR", "the ledger directory (default $LEDGER_DIR, else the current directory)",
                                   "el directorio del ledger (por omisión $LEDGER_DIR, si no el directorio actual)")
    static let lang = OptionSpec("lang", "es|en", "language of the output (default $LEDGER_LANG, else from $LANG)",
                                 "idioma de la salida (por omisión $LEDGER_LANG, si no según $LANG)")
    static let actor = OptionSpec("actor", "NAME", "who records (default $LEDGER_ACTOR; at most \(NameKind.actor.limit) characters, no look-alike of another actor)",
                                  "quién registra (por omisión $LEDGER_ACTOR; a lo sumo \(NameKind.actor.limit) caracteres, sin parecerse a otro actor)")
    static let key = OptionSpec("key", "FILE", "sign with this SSH key (default $LEDGER_KEY): a private key file (ssh-keygen signs, asking its passphrase), or its .pub when ssh-agent holds it",
                                "firma con esta llave SSH (por omisión $LEDGER_KEY): un archivo de llave privada (firma ssh-keygen, que pide su frase de paso), o su .pub si la tiene ssh-agent")
    static let help = OptionSpec("help", nil, "show this help", "muestra esta ayuda")

    static let all = [ledger, lang, actor, key, help]

    /// The global option a token names (`--lang` or `--lang=es`), if any.
    static func named(_ token: String) -> OptionSpec? {
        guard token.hasPrefix("--") else { return nil }
        let name = token.dropFirst(2).split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
        return all.first { $0.name == name }
    }

    /// The language, read before anything else so that even a usage error
    /// speaks it: `--lang`, else $LEDGER_LANG, else $LC_ALL/$LC_MESSAGES/$LANG
    /// (es_* gives Spanish), else English. Nil for a --lang that is neither.
    static func language(_ tokens: [String], environment: [String: String]) -> Language? {
        var flag: String?
        if let i = tokens.firstIndex(where: { $0 == "--lang" || $0.hasPrefix("--lang=") }) {
            flag = tokens[i].hasPrefix("--lang=") ? String(tokens[i].dropFirst(7)) : (i + 1 < tokens.count ? tokens[i + 1] : nil)
        }
        func named(_ s: String) -> Language? { Language(rawValue: s.lowercased()) }
        if let flag { return named(flag) }
        if let l = environment["LEDGER_LANG"], let lang = named(l) { return lang }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment[key], !v.isEmpty { return v.lowercased().hasPrefix("es") ? .es : .en }
        }
        return .en
    }
}
