// The armored text of an SSH signature (OpenSSH PROTOCOL.sshsig section 1),
// byte for byte as `ssh-keygen -Y sign` writes it: the header line, the
// base64 of the blob in lines of 70 characters, the footer line, a newline.

extension SSHSignature {
    public static let armorHeader = "-----BEGIN SSH SIGNATURE-----"
    public static let armorFooter = "-----END SSH SIGNATURE-----"
    /// ssh-keygen wraps the base64 at 70 columns (PROTOCOL.sshsig suggests 76; both are read).
    public static let armorLineLength = 70

    /// The armored text, ending with a newline.
    public var armored: String {
        let body = Array(Base64.encode(blob).utf8)
        var text = SSHSignature.armorHeader + "\n"
        var start = 0
        while start < body.count {
            let end = min(start + SSHSignature.armorLineLength, body.count)
            text += String(decoding: body[start..<end], as: UTF8.self) + "\n"
            start = end
        }
        return text + SSHSignature.armorFooter + "\n"
    }

    /// A signature from its armored text. The text must start with the
    /// header line and end with the footer line (trailing whitespace
    /// allowed); the lines between, of any length, with LF or CRLF endings,
    /// join into strict base64.
    public init(armored text: String) throws {
        // Bytes, not Characters: Swift treats "\r\n" as one Character.
        var lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { line -> ArraySlice<UInt8> in line.last == UInt8(ascii: "\r") ? line.dropLast() : line }
        while let last = lines.last, last.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
            lines.removeLast()
        }
        guard lines.count >= 2, Array(lines[0]) == Array(SSHSignature.armorHeader.utf8),
              Array(lines[lines.count - 1]) == Array(SSHSignature.armorFooter.utf8) else {
            throw SSHSignatureError.notArmored
        }
        let body = lines.dropFirst().dropLast().flatMap { $0 }
        let blob: [UInt8]
        do {
            blob = try Base64.decode(body)
        } catch let error as Base64Error {
            throw SSHSignatureError.badBase64(error)
        }
        try self.init(blob: blob)
    }
}
