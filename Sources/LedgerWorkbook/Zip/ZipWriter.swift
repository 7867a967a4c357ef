// Deterministic ZIP archives (PKWARE APPNOTE 6.3.x, sections 4.3.7 local
// file header, 4.3.12 central directory header, 4.3.16 end of central
// directory record). The same entries always give the same bytes: entries in
// the given order, DOS time fixed at 1980-01-01 00:00, no extra fields, no
// data descriptors, version made by and needed fixed at 2.0 (MS-DOS), flags
// zero except bit 11 (UTF-8 name) for names outside ASCII, no attributes.

/// Writes ZIP archives from entries.
public enum ZipWriter {
    /// 1980-01-01 in MS-DOS date format: (year - 1980) << 9 | month << 5 | day.
    static let dosDate = 0 << 9 | 1 << 5 | 1
    static let dosTime = 0
    static let version = 20

    /// The archive holding `entries` in this order, each stored or deflated
    /// at `level` as its `method` says.
    public static func archive(_ entries: [ZipEntry], comment: [UInt8] = [], level: Deflate.Level = .default) throws(ZipError) -> [UInt8] {
        guard comment.count <= 0xFFFF else { throw .commentTooLong }
        guard entries.count < 0xFFFF else { throw .archiveTooLarge }
        var out: [UInt8] = []
        var central: [UInt8] = []
        var names = Set<String>()
        for entry in entries {
            let name = Array(entry.name.utf8)
            guard !name.isEmpty, name.count <= 0xFFFF, name.first != UInt8(ascii: "/"),
                  !name.contains(UInt8(ascii: "\\")), !name.contains(0) else { throw .invalidNameForWriting(entry.name) }
            guard names.insert(entry.name).inserted else { throw .duplicateName(entry.name) }
            let flags = name.contains { $0 >= 0x80 } ? 0x0800 : 0
            let crc = Int(CRC32.checksum(entry.data))
            let payload = entry.method == .deflated ? Deflate.compress(entry.data, level: level) : entry.data
            let offset = out.count
            guard payload.count < 0xFFFF_FFFF, entry.data.count < 0xFFFF_FFFF, offset < 0xFFFF_FFFF else { throw .archiveTooLarge }

            out.appendLE32(0x0403_4B50)
            out.appendLE16(version)
            out.appendLE16(flags)
            out.appendLE16(Int(entry.method.rawValue))
            out.appendLE16(dosTime)
            out.appendLE16(dosDate)
            out.appendLE32(crc)
            out.appendLE32(payload.count)
            out.appendLE32(entry.data.count)
            out.appendLE16(name.count)
            out.appendLE16(0)  // extra field length
            out += name
            out += payload

            central.appendLE32(0x0201_4B50)
            central.appendLE16(version)  // made by: MS-DOS, 2.0
            central.appendLE16(version)
            central.appendLE16(flags)
            central.appendLE16(Int(entry.method.rawValue))
            central.appendLE16(dosTime)
            central.appendLE16(dosDate)
            central.appendLE32(crc)
            central.appendLE32(payload.count)
            central.appendLE32(entry.data.count)
            central.appendLE16(name.count)
            central.appendLE16(0)  // extra field length
            central.appendLE16(0)  // comment length
            central.appendLE16(0)  // disk number start
            central.appendLE16(0)  // internal attributes
            central.appendLE32(0)  // external attributes
            central.appendLE32(offset)
            central += name
        }
        let centralOffset = out.count
        guard centralOffset + central.count < 0xFFFF_FFFF else { throw .archiveTooLarge }
        out += central
        out.appendLE32(0x0605_4B50)
        out.appendLE16(0)  // this disk
        out.appendLE16(0)  // disk with the central directory
        out.appendLE16(entries.count)
        out.appendLE16(entries.count)
        out.appendLE32(central.count)
        out.appendLE32(centralOffset)
        out.appendLE16(comment.count)
        out += comment
        return out
    }
}
