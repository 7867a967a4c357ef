// The JSON and CSV readers, and the journal line format.

import LedgerToolSupport
import LedgerCrypto
import XCTest
import Foundation
@testable import LedgerCore

final class JSONTests: XCTestCase {
    func testParsesAndKeepsKeyOrderAndExactNumbers() throws {
        let v = try JSONParser.parse(#"{"b":1,"a":[true,null,"x\n\u00e9\ud83d\ude00"],"n":14757499.81}"#)
        guard case .object(let pairs) = v else { return XCTFail() }
        XCTAssertEqual(pairs.map(\.0), ["b", "a", "n"])
        XCTAssertEqual(v["n"], .number("14757499.81"))
        XCTAssertEqual(v["a"], .array([.bool(true), .null, .string("x\né😀")]))
    }

    func testRejectsMalformedJSON() {
        for bad in ["", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "\"\\x\"", "01x", "{\"a\" 1}", "[\"\\ud800\"]",
                    String(repeating: "[", count: 100) + String(repeating: "]", count: 100)] {
            XCTAssertThrowsError(try JSONParser.parse(bad), bad)
        }
        XCTAssertThrowsError(try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]), "invalid UTF-8")
    }

    func testWriterEscapesAndReadsBack() throws {
        var w = JSONWriter()
        let text = "quote \" backslash \\ tab \t nl \n ctrl \u{01} ñ"
        w.string(text)
        XCTAssertEqual(try JSONParser.parse(w.bytes), .string(text))
    }

    /// The writer copies runs without escapes whole: byte for byte what escaping every byte on its own gives.
    func testWriterEscapesExactlyByteByByte() throws {
        func reference(_ s: String) -> [UInt8] {
            var out: [UInt8] = [0x22]
            for c in s.utf8 {
                switch c {
                case 0x22: out += Array("\\\"".utf8)
                case 0x5C: out += Array("\\\\".utf8)
                case 0x0A: out += Array("\\n".utf8)
                case 0x0D: out += Array("\\r".utf8)
                case 0x09: out += Array("\\t".utf8)
                case 0..<0x20: out += Array(String(format: "\\u%04x", Int(c)).utf8)
                default: out.append(c)
                }
            }
            return out + [0x22]
        }
        let pieces = ["", "a", "META ANUAL", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "ñ", "é", "€", "👍", " ", "\u{7F}"]
        var seed: UInt64 = 11
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int(seed % 9) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int((seed >> 33) % UInt64(pieces.count))]
            }
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            var w = JSONWriter()
            w.string(text)
            XCTAssertEqual(w.bytes, reference(text), text)
            XCTAssertEqual(try JSONParser.parse(w.bytes), .string(text))
        }
    }
}

final class CSVTests: XCTestCase {
    func parse(_ s: String) -> [[String]] {
        (try? CSV.parse(Array(s.utf8)).get())?.map(\.fields) ?? [["<error>"]]
    }

    func testQuotesCRLFAndBOM() {
        XCTAssertEqual(parse("\u{FEFF}a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n"), [["a", "b"], ["x,1", "say \"hi\""]])
        XCTAssertEqual(parse("a,b\n\"multi\nline\",2\n"), [["a", "b"], ["multi\nline", "2"]])
        XCTAssertEqual(parse("a,b\n\n1,2"), [["a", "b"], ["1", "2"]])
    }

    func testDetectsSemicolonsAndTabs() {
        XCTAssertEqual(parse("type;value\nreading;1,5\n"), [["type", "value"], ["reading", "1,5"]])
        XCTAssertEqual(parse("a\tb\n1\t2\n"), [["a", "b"], ["1", "2"]])
    }

    func testLineNumbersAndErrors() throws {
        let records = try CSV.parse(Array("h\n\"a\nb\"\nc\n".utf8)).get()
        XCTAssertEqual(records.map(\.line), [1, 2, 4])
        XCTAssertEqual(try? CSV.parse(Array("a\n\"open\n".utf8)).get(), nil)
        if case .failure(let e) = CSV.parse([0x61, 0x0A, 0xFF, 0xFE]) { XCTAssertEqual(e.line, 2) } else { XCTFail() }
    }

    func testWriterQuotesWhatNeedsIt() {
        XCTAssertEqual(CSV.line(["a", "b,c", "d\"e", "x;y"]), "a,\"b,c\",\"d\"\"e\",\"x;y\"\r\n")
    }
}

final class EventCodecTests: XCTestCase {
    static let definition = IndicatorDefinition(
        id: "MED", name: "INSTALACION DE MEDIDORES", description: "Medidores \"nuevos\"\ninstalados", unit: "MEDIDORES",
        frequency: .monthly, year: 2017, annualTarget: DecimalNumber("3600")!,
        monthlyTargets: Array(repeating: DecimalNumber("300")!, count: 12), aggregation: .sum, direction: .ascending,
        baseline: DecimalNumber("10.5"), ownerCode: "307", ownerName: "COORDINACION DE MEDIDORES", plan: "POA 2017",
        hierarchy: [PlanLevel(level: "eje", value: "1 CIUDAD COMPETITIVA")], bands: StatusBands(green: DecimalNumber(95), yellow: DecimalNumber(80), ceiling: DecimalNumber(130)))

    static let payloads: [EventPayload] = [
        .ledgerOpened(LedgerSettings(entity: "COMAPA", timeZone: "America/Mexico_City")),
        .indicatorDefined(definition),
        .targetChanged(indicator: "MED", change: .annual(DecimalNumber("4200")!)),
        .targetChanged(indicator: "MED", change: .period(.month(2017, 2), DecimalNumber("350")!)),
        .readingRecorded(indicator: "MED", period: .month(2017, 1), measurement: .value(DecimalNumber("542")!), note: "ok", postClose: false),
        .readingRecorded(indicator: "COB", period: .quarter(2017, 1), measurement: .ratio(numerator: DecimalNumber("9120")!, denominator: DecimalNumber("9600")!), note: nil, postClose: true),
        .readingCorrected(indicator: "MED", period: .month(2017, 2), measurement: .value(DecimalNumber("300")!), corrects: 5, postClose: false),
        .observationAdded(indicator: "MED", period: .month(2017, 2), text: "NO SE CUMPLIO LA META"),
        .budgetRecorded(indicator: "A01", period: .quarter(2024, 1), figures: BudgetFigures(modified: DecimalNumber("14757499.81")!, accrued: DecimalNumber("11792305.84")!, paid: DecimalNumber("11729359.93")!, approved: DecimalNumber("1")!)),
        .quarterClosed(quarter: .quarter(2017, 1), plan: nil),
        .quarterClosed(quarter: .quarter(2017, 2), plan: "POA 2017"),
        .memberAdded(MemberRecord(name: "José Pérez", publicKey: try! SSHPublicKey(ed25519: Ed25519.publicKey(seed: [UInt8](repeating: 4, count: 32)), comment: "jose@comapa"),
                                  roles: [.planner, .recorder])),
        .memberAdded(MemberRecord(name: "ana", publicKey: try! SSHPublicKey(ed25519: Ed25519.publicKey(seed: [UInt8](repeating: 5, count: 32))), roles: [.admin])),
        .memberRolesChanged(name: "José Pérez", roles: [.recorder, .auditor]),
        .memberRemoved(name: "ana"),
    ]

    func testEveryEventTypeRoundTrips() throws {
        var previous = Digest256.zero
        for (i, payload) in Self.payloads.enumerated() {
            let at = Timestamp(microseconds: 1_491_836_645_000_000 + Int64(i))
            let pending = PendingEvent(payload, reason: i % 2 == 0 ? "motivo \(i)" : nil, source: i == 3 ? "file.csv:3" : nil)
            let (line, hash) = EventCodec.encode(seq: Int64(i + 1), at: at, actor: "ana", osUser: "root", pending: pending, more: i == 4 ? 2 : 0, previous: previous)
            XCTAssertEqual(line.last, 0x0A)
            let decoded = try EventCodec.decode(line: Array(line.dropLast()))
            XCTAssertEqual(decoded.payload, payload)
            XCTAssertEqual(decoded.seq, Int64(i + 1))
            XCTAssertEqual(decoded.at, at)
            XCTAssertEqual(decoded.reason, pending.reason)
            XCTAssertEqual(decoded.source, pending.source)
            XCTAssertEqual(decoded.more, i == 4 ? 2 : 0)
            XCTAssertEqual(decoded.previousHash, previous)
            XCTAssertEqual(decoded.hash, hash)
            // The hash is SHA-256 of previous hex + the line up to ,"hash":
            XCTAssertEqual(SHA256.hash(Array(previous.hex.utf8) + line.dropLast(76)), hash)
            previous = hash
        }
    }

    /// The replay fast path and the general decoder agree on every event type;
    /// the fast path declines (nil) rather than guess on anything unusual.
    func testFastPathAgreesWithTheGeneralDecoder() throws {
        var previous = Digest256.zero
        var fastCount = 0
        for (i, payload) in Self.payloads.enumerated() {
            for (reason, source, more) in [(nil, nil, 0), ("motivo \"con\" comillas", "f.csv:2", 3), ("ñandú", nil, 1)] as [(String?, String?, Int)] {
                let (line, hash) = EventCodec.encode(seq: Int64(i + 1), at: Timestamp(microseconds: 1_491_836_645_123_456 + Int64(i)), actor: "ana",
                                                     osUser: "root", pending: PendingEvent(payload, reason: reason, source: source), more: more, previous: previous)
                let body = Array(line.dropLast())
                let general = try body.withUnsafeBytes { try EventCodec.decodeGeneral(line: $0) }
                if let fast = body.withUnsafeBytes({ EventCodec.decodeCanonical(line: $0) }) {
                    XCTAssertEqual(fast, general, "event \(i)")
                    fastCount += 1
                } else {
                    XCTAssertTrue(reason?.contains("\"") == true || payload.type == .ledgerOpened || payload == Self.payloads[1],
                                  "only escapes and rare events leave the fast path: \(payload.type)")
                }
                previous = hash
            }
        }
        XCTAssertGreaterThan(fastCount, 10)
        // Non-canonical but valid: spaces, another field order. The fast path declines; the general one reads it.
        let spaced = #"{"v": 1, "seq":1,"at":"2017-01-01T00:00:00.000000Z","actor":"a","os_user":"u","type":"quarter_closed","data":{"quarter":"2017-Q1"},"prev":"\#(String(repeating: "0", count: 64))","hash":"\#(String(repeating: "0", count: 64))"}"#
        XCTAssertNil(Array(spaced.utf8).withUnsafeBytes { EventCodec.decodeCanonical(line: $0) })
        XCTAssertNotNil(try? EventCodec.decode(line: Array(spaced.utf8)))
    }

    /// Member events take the fast path (a signed append reads every one back),
    /// and it declines what the general decoder refuses: roles out of their
    /// order, or a key not written as the format requires.
    func testTheFastPathDeclinesMemberEventsTheFormatRefuses() throws {
        let added = Self.payloads.first { $0.type == .memberAdded }!
        let (line, _) = EventCodec.encode(seq: 2, at: Timestamp(microseconds: 1), actor: "ana", osUser: "u", pending: PendingEvent(added), more: 0, previous: .zero)
        let text = String(decoding: line.dropLast(), as: UTF8.self)
        XCTAssertNotNil(Array(text.utf8).withUnsafeBytes { EventCodec.decodeCanonical(line: $0) })
        for broken in [text.replacingOccurrences(of: #"["planner","recorder"]"#, with: #"["recorder","planner"]"#),
                       text.replacingOccurrences(of: #"["planner","recorder"]"#, with: #"["planner","planner"]"#),
                       text.replacingOccurrences(of: #"["planner","recorder"]"#, with: "[]"),
                       text.replacingOccurrences(of: "\"ssh-ed25519 ", with: "\"ssh-ed25519  ")] {
            XCTAssertNotEqual(broken, text)
            XCTAssertNil(Array(broken.utf8).withUnsafeBytes { EventCodec.decodeCanonical(line: $0) }, broken)
            XCTAssertThrowsError(try EventCodec.decode(line: Array(broken.utf8)), broken)
        }
    }

    func testRefusesNewerFormatsAndUnknownFields() {
        let (line, _) = EventCodec.encode(seq: 1, at: Timestamp(microseconds: 1), actor: "a", osUser: "u",
                                          pending: PendingEvent(Self.payloads[0]), more: 0, previous: .zero)
        var text = String(decoding: line.dropLast(), as: UTF8.self)
        text = "{\"v\":\(EventCodec.formatVersion + 1)," + text.drop { $0 != "," }.dropFirst()
        XCTAssertThrowsError(try EventCodec.decode(line: Array(text.utf8))) { e in
            XCTAssertTrue((e as? EventDecodingError)?.message.contains("newer") ?? false)
        }
        let extra = String(decoding: line.dropLast(), as: UTF8.self).replacingOccurrences(of: "\"entity\"", with: "\"x\":\"1\",\"entity\"")
        XCTAssertThrowsError(try EventCodec.decode(line: Array(extra.utf8)))
    }
}

final class UTF8TextTests: XCTestCase {
    func check(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { UTF8Text.string($0) != nil } }

    func testAcceptsValidAndRejectsInvalidUTF8() {
        XCTAssertTrue(check(Array("ñandú 😀 ¥ abc".utf8)))
        XCTAssertTrue(check([]))
        for bad: [UInt8] in [[0xFF], [0xC3], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xC3, 0x28]] {
            XCTAssertFalse(check(bad), "\(bad)")
        }
        // Agrees with the standard library on random bytes.
        var rng = SplitMix64(seed: 5)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...8, using: &rng)).map { _ in UInt8.random(in: 0x7E...0xF5, using: &rng) }
            XCTAssertEqual(check(bytes), String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
        }
    }
}
