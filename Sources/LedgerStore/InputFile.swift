// Reading a user's input file (batch, import) whole, with errors as StoreError.

public enum InputFile {
    public static func read(_ path: String) throws -> [UInt8] {
        try FileSystem.readAll(path)
    }
}
