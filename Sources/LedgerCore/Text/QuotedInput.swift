// Small rules for the users' text as messages quote it and forms read it.

extension String {
    /// Without leading and trailing spaces, tabs and line ends.
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// At most 40 characters, for quoting user input in a message.
    public var clipped: String { count > 40 ? String(prefix(37)) + "..." : self }
}
