// The small argument parser the tools' mains share: `--name value` and
// `--name=value` options, bare `--flag`s, and positionals, against a
// declared set of names. It only splits the command line; each tool checks
// the values (a count, a seed, a path) and words its own usage text.

/// A command line that does not fit its declaration.
public enum UsageError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `--name` was last, or followed by nothing.
    case missingValue(String)
    /// `--name` is not declared.
    case unknownOption(String)
    /// A positional where the command takes none.
    case unexpectedArgument(String)
    /// `--flag=value` for a flag.
    case flagWithValue(String)

    public var description: String {
        switch self {
        case .missingValue(let name): return "--\(name) needs a value"
        case .unknownOption(let token): return "unknown option \(token)"
        case .unexpectedArgument(let token): return "unexpected argument \(token)"
        case .flagWithValue(let name): return "--\(name) takes no value"
        }
    }
}

/// The options a command takes, by name without the leading dashes.
public struct ArgumentSpec: Sendable {
    /// Options that take a value: `--name value` or `--name=value`.
    public var options: Set<String>
    /// Options that take none: `--name`.
    public var flags: Set<String>
    /// Whether tokens that do not start with `--` are accepted.
    public var takesPositionals: Bool

    /// A command that takes `options` with values, `flags`, and positionals when `takesPositionals`.
    public init(options: Set<String> = [], flags: Set<String> = [], takesPositionals: Bool = false) {
        self.options = options
        self.flags = flags
        self.takesPositionals = takesPositionals
    }
}

/// A split command line.
public struct ParsedArguments: Equatable, Sendable {
    /// Option values by name; a repeated option keeps its last value.
    public var values: [String: String] = [:]
    /// The flags given.
    public var flags: Set<String> = []
    /// The other tokens, in order.
    public var positionals: [String] = []

    /// Nothing given.
    public init() {}

    /// The value of `--name`, if given.
    public func value(_ name: String) -> String? { values[name] }

    /// True when `--name` was given.
    public func has(_ flag: String) -> Bool { flags.contains(flag) }
}

extension ArgumentSpec {
    /// Splits `tokens` (the arguments after the program and command names).
    /// A value is the next token whatever it looks like, so `--seed -1`
    /// reaches the tool's own check of the value.
    public func parse(_ tokens: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            i += 1
            guard token.hasPrefix("--"), token.count > 2 else {
                guard takesPositionals else { throw .unexpectedArgument(token) }
                parsed.positionals.append(token)
                continue
            }
            let body = token.dropFirst(2)
            if let eq = body.firstIndex(of: "=") {
                let name = String(body[..<eq])
                if flags.contains(name) { throw .flagWithValue(name) }
                guard options.contains(name) else { throw .unknownOption("--" + name) }
                parsed.values[name] = String(body[body.index(after: eq)...])
            } else if flags.contains(String(body)) {
                parsed.flags.insert(String(body))
            } else if options.contains(String(body)) {
                guard i < tokens.count else { throw .missingValue(String(body)) }
                parsed.values[String(body)] = tokens[i]
                i += 1
            } else {
                throw .unknownOption(token)
            }
        }
        return parsed
    }
}
