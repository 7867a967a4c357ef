// Reads a ZIP archive whole, or refuses it whole (PKWARE APPNOTE 6.3.x:
// 4.3.16 end of central directory record, 4.3.12 central directory headers,
// 4.3.7 local headers, 4.3.9 data descriptors). Nothing is inflated until
// the structure is known sound: the end record (found behind its comment),
// every central record, every local header agreeing with it, every entry
// inside the file data, no two entries overlapping or sharing a name, and
// the declared sizes together under the limit. Then every entry is inflated
// with its declared size as the output limit and its CRC-32 checked.
// Methods stored (0) and deflate (8) only; no encryption; no ZIP64 (an
// .xlsx under 4 GiB never needs it; its markers are refused by name).

/// Reads ZIP archives, checking everything.
public enum ZipReader {
    /// The archive in `bytes`, every entry inflated and checked, or an error.
    public static func read(_ bytes: [UInt8], limits: ZipLimits = .default) throws(ZipError) -> ZipArchive {
        let end = try EndRecord(bytes)
        guard end.entryCount <= limits.maxEntryCount else { throw .tooManyEntries(count: end.entryCount, limit: limits.maxEntryCount) }
        let records = try centralRecords(bytes, end)

        var total = 0
        for r in records {
            total += r.size
            if total > limits.maxTotalSize { throw .totalSizeLimitExceeded(declared: records.reduce(0) { $0 + $1.size }, limit: limits.maxTotalSize) }
        }

        var spans: [(start: Int, end: Int, name: String)] = []
        var dataStarts: [Int] = []
        for r in records {
            let span = try localSpan(bytes, r, fileDataEnd: end.directoryOffset)
            spans.append((r.localOffset, span.end, r.name))
            dataStarts.append(span.dataStart)
        }
        let ordered = spans.sorted { $0.start < $1.start }
        for (a, b) in zip(ordered, ordered.dropFirst()) where b.start < a.end {
            throw .overlappingEntries(a.name, b.name)
        }

        var entries: [ZipEntry] = []
        entries.reserveCapacity(records.count)
        for (r, start) in zip(records, dataStarts) {
            let raw = bytes[start..<(start + r.compressedSize)]
            let data: [UInt8]
            switch r.method {
            case .stored: data = Array(raw)
            case .deflated:
                do throws(InflateError) {
                    data = try Inflate.decompress(raw, outputLimit: r.size)
                } catch .outputLimitExceeded {
                    throw .sizeMismatch(r.name, declared: r.size, actual: nil)
                } catch {
                    throw .corruptData(r.name, error)
                }
            }
            guard data.count == r.size else { throw .sizeMismatch(r.name, declared: r.size, actual: data.count) }
            let crc = CRC32.checksum(data)
            guard crc == r.crc else { throw .crcMismatch(r.name, declared: r.crc, actual: crc) }
            entries.append(ZipEntry(name: r.name, data: data, method: r.method))
        }
        return ZipArchive(entries: entries, comment: end.comment)
    }

    // MARK: end of central directory

    struct EndRecord {
        var offset = 0
        var entryCount = 0
        var directorySize = 0
        var directoryOffset = 0
        var comment: [UInt8] = []

        /// The last end record whose comment reaches exactly to the end of the file.
        init(_ bytes: [UInt8]) throws(ZipError) {
            guard bytes.count >= 22 else { throw .notAZipArchive }
            var at = bytes.count - 22
            let lowest = max(0, bytes.count - 22 - 0xFFFF)
            var found: Int?
            while at >= lowest {
                if bytes.le32(at) == 0x0605_4B50 && at + 22 + bytes.le16(at + 20) == bytes.count {
                    found = at
                    break
                }
                at -= 1
            }
            guard let offset = found else { throw .notAZipArchive }
            self.offset = offset
            let disk = bytes.le16(offset + 4)
            let directoryDisk = bytes.le16(offset + 6)
            let onThisDisk = bytes.le16(offset + 8)
            entryCount = bytes.le16(offset + 10)
            directorySize = bytes.le32(offset + 12)
            directoryOffset = bytes.le32(offset + 16)
            comment = Array(bytes[(offset + 22)...])
            if onThisDisk == 0xFFFF || entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF
                || (offset >= 20 && bytes.le32(offset - 20) == 0x0706_4B50) {
                throw .zip64NotSupported
            }
            guard disk == 0, directoryDisk == 0, onThisDisk == entryCount else { throw .multipleDisks }
            guard directoryOffset + directorySize == offset else {
                throw .centralDirectoryOutOfBounds(offset: directoryOffset, size: directorySize, end: offset)
            }
        }
    }

    // MARK: central directory

    struct CentralRecord {
        var name: String
        var nameBytes: ArraySlice<UInt8>
        var flags: Int
        var method: ZipEntry.Method
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localOffset: Int
        var hasDataDescriptor: Bool { flags & 0x0008 != 0 }
    }

    static func centralRecords(_ bytes: [UInt8], _ end: EndRecord) throws(ZipError) -> [CentralRecord] {
        var records: [CentralRecord] = []
        var names = Set<String>()
        var p = end.directoryOffset
        let limit = end.offset
        for index in 0..<end.entryCount {
            guard p + 46 <= limit, bytes.le32(p) == 0x0201_4B50 else { throw .malformedCentralDirectory(index: index) }
            let flags = bytes.le16(p + 8)
            let method = bytes.le16(p + 10)
            let crc = UInt32(bytes.le32(p + 16))
            let compressedSize = bytes.le32(p + 20)
            let size = bytes.le32(p + 24)
            let nameLength = bytes.le16(p + 28)
            let extraLength = bytes.le16(p + 30)
            let commentLength = bytes.le16(p + 32)
            let diskStart = bytes.le16(p + 34)
            let localOffset = bytes.le32(p + 42)
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= limit else { throw .malformedCentralDirectory(index: index) }
            let nameBytes = bytes[(p + 46)..<(p + 46 + nameLength)]
            guard let name = decodeName(nameBytes, isUTF8: flags & 0x0800 != 0), !name.isEmpty else { throw .invalidName(index: index) }
            if compressedSize == 0xFFFF_FFFF || size == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF || diskStart == 0xFFFF {
                throw .zip64NotSupported
            }
            guard diskStart == 0 else { throw .multipleDisks }
            // Bit 0: encrypted; bit 6: strong encryption; bit 13: masked local headers.
            guard flags & (0x0001 | 0x0040 | 0x2000) == 0 else { throw .encryptedEntry(name) }
            guard let m = ZipEntry.Method(rawValue: UInt16(method)) else { throw .unsupportedMethod(name, method: method) }
            if m == .stored && compressedSize != size { throw .sizeMismatch(name, declared: size, actual: compressedSize) }
            guard names.insert(name).inserted else { throw .duplicateName(name) }
            records.append(CentralRecord(name: name, nameBytes: nameBytes, flags: flags, method: m, crc: crc,
                                         compressedSize: compressedSize, size: size, localOffset: localOffset))
            p = next
        }
        guard p == limit else { throw .malformedCentralDirectory(index: end.entryCount) }
        return records
    }

    // MARK: local headers

    /// Where the entry's data starts, and where its bytes (header, data,
    /// descriptor) end; everything must lie before the central directory.
    static func localSpan(_ bytes: [UInt8], _ r: CentralRecord, fileDataEnd: Int) throws(ZipError) -> (dataStart: Int, end: Int) {
        let p = r.localOffset
        guard p + 30 <= fileDataEnd else { throw .entryOutOfBounds(r.name) }
        guard bytes.le32(p) == 0x0403_4B50 else { throw .malformedLocalHeader(r.name) }
        let flags = bytes.le16(p + 6)
        let method = bytes.le16(p + 8)
        let nameLength = bytes.le16(p + 26)
        let extraLength = bytes.le16(p + 28)
        let dataStart = p + 30 + nameLength + extraLength
        guard dataStart <= fileDataEnd else { throw .entryOutOfBounds(r.name) }
        guard method == Int(r.method.rawValue), flags & 0x0001 == 0, flags & 0x0008 == r.flags & 0x0008,
              bytes[(p + 30)..<(p + 30 + nameLength)].elementsEqual(r.nameBytes) else { throw .malformedLocalHeader(r.name) }
        if !r.hasDataDescriptor {
            guard UInt32(bytes.le32(p + 14)) == r.crc, bytes.le32(p + 18) == r.compressedSize || bytes.le32(p + 18) == 0xFFFF_FFFF,
                  bytes.le32(p + 22) == r.size || bytes.le32(p + 22) == 0xFFFF_FFFF else { throw .malformedLocalHeader(r.name) }
        }
        let dataEnd = dataStart + r.compressedSize
        guard dataEnd <= fileDataEnd else { throw .entryOutOfBounds(r.name) }
        guard r.hasDataDescriptor else { return (dataStart, dataEnd) }
        return (dataStart, try descriptorEnd(bytes, r, at: dataEnd, fileDataEnd: fileDataEnd))
    }

    /// The end of the data descriptor after an entry's data: with or without
    /// its optional signature, with 4- or 8-byte sizes; it must repeat the
    /// central directory's values.
    static func descriptorEnd(_ bytes: [UInt8], _ r: CentralRecord, at p: Int, fileDataEnd: Int) throws(ZipError) -> Int {
        for hasSignature in [true, false] {
            let q = hasSignature ? p + 4 : p
            if hasSignature && (p + 4 > fileDataEnd || bytes.le32(p) != 0x0807_4B50) { continue }
            if q + 12 <= fileDataEnd, UInt32(bytes.le32(q)) == r.crc, bytes.le32(q + 4) == r.compressedSize, bytes.le32(q + 8) == r.size {
                return q + 12
            }
            if q + 20 <= fileDataEnd, UInt32(bytes.le32(q)) == r.crc,
               bytes.le64(q + 4) == UInt64(r.compressedSize), bytes.le64(q + 12) == UInt64(r.size) {
                return q + 20
            }
        }
        throw .malformedLocalHeader(r.name)
    }

    // MARK: names

    /// UTF-8 when flag bit 11 says so; otherwise IBM code page 437, of which
    /// ASCII is the lower half (APPNOTE appendix D).
    static func decodeName(_ bytes: ArraySlice<UInt8>, isUTF8: Bool) -> String? {
        if isUTF8 || bytes.allSatisfy({ $0 < 0x80 }) {
            return UTF8Validation.string(Array(bytes))
        }
        var s = ""
        for b in bytes { s.unicodeScalars.append(b < 0x80 ? Unicode.Scalar(b) : cp437High[Int(b) - 0x80]) }
        return s
    }

    static let cp437High: [Unicode.Scalar] = Array(
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{00A0}".unicodeScalars)
}
