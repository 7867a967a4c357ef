// Issue 13, item 20: a batch file (`append --file`) accepts what `import
// csv` accepts, through the one reader both use: Spanish headers and type
// names, Windows-1252 text, semicolons, thousands separators and a decimal
// comma (told by the file or by --numbers). And a close with readings
// missing goes through, warning and listing them.

import Foundation
import XCTest

final class BatchFileReaderTests: XCTestCase {
    func readings(_ s: Sandbox) throws -> [String: String] {
        let json = try JSONSerialization.jsonObject(with: Data(s.ok(["export", "state"]).utf8)) as! [String: Any]
        var out: [String: String] = [:]
        for row in json["rows"] as! [[String: Any]] {
            if let v = row["executed"] as? NSNumber { out[row["period"] as! String] = v.stringValue }
        }
        return out
    }

    func testASpanishWindows1252SheetWithSeparatorsIsRead() throws {
        let s = try Sandbox()
        s.makeMedidores()
        // Excel on a Spanish Windows: semicolons, Windows-1252 ("ó" is 0xF3), thousands with commas.
        let text = "Tipo;Indicador;Periodo;Valor;Nota;Motivo;Texto\r\n"
            + "lectura;MED;2017-01;\"1,234,567\";captura de enero;;\r\n"
            + "meta;MED;2017-02;350;;Reprogramaci\u{F3}n autorizada;\r\n"
            + "observaci\u{F3}n;MED;2017-02;;;;SE CUMPLI\u{D3} LA META\r\n"
        try s.write("marzo.csv", bytes: Array(text.unicodeScalars.map { UInt8($0.value) }))
        let r = s.run(["append", "--file", "marzo.csv"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.err.contains("read as Windows-1252"), r.err)
        XCTAssertEqual(try readings(s)["2017-01"], "1234567")
        let log = s.ok(["log", "--json"])
        XCTAssertTrue(log.contains("Reprogramación autorizada"), log)
        XCTAssertTrue(log.contains("SE CUMPLIÓ LA META"), log)
        XCTAssertTrue(log.contains("\"note\":\"captura de enero\""), log)
    }

    func testADecimalCommaFileAndTheNumbersOption() throws {
        let s = try Sandbox()
        s.makeMedidores()
        // The file tells: "1.234,5" can only be a decimal comma.
        try s.write("a.csv", "type,indicator,period,value\nreading,MED,2017-01,\"1.234,5\"\nreading,MED,2017-02,\"1.571\"\n")
        XCTAssertEqual(s.run(["append", "--file", "a.csv"]).code, 0)
        XCTAssertEqual(try readings(s)["2017-01"], "1234.5")
        XCTAssertEqual(try readings(s)["2017-02"], "1571")
        // Nothing tells: "1.571" is refused, saying how to tell.
        try s.write("b.csv", "type,indicator,period,value\nreading,MED,2017-03,\"1.571\"\n")
        let refused = s.run(["append", "--file", "b.csv"])
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.err.contains("b.csv:2: value \"1.571\" is 1.571 with a decimal point or 1571 with a decimal comma"), refused.err)
        XCTAssertTrue(refused.err.contains("--numbers"), refused.err)
        XCTAssertEqual(s.run(["append", "--file", "b.csv", "--numbers", "1,234.56"]).code, 0)
        XCTAssertEqual(try readings(s)["2017-03"], "1.571")
        // Typed flags stay plain decimals.
        XCTAssertEqual(s.run(["append", "reading", "--indicator", "MED", "--period", "2017-04", "--value", "1,200"]).code, 1)
    }

    func testTheSameSheetImportsAndAppends() throws {
        // One reader: a sheet `import csv` reads as Windows-1252 is read by `append --file` too.
        let s = try Sandbox()
        s.makeMedidores()
        let text = "indicador;periodo;valor;nota\r\nMED;2017-01;542;recepci\u{F3}n tard\u{ED}a\r\n"
        try s.write("lecturas.csv", bytes: Array(text.unicodeScalars.map { UInt8($0.value) }))
        let imported = s.run(["import", "csv", "lecturas.csv", "--dry-run"])
        XCTAssertEqual(imported.code, 0, imported.err)
        XCTAssertTrue(imported.out.contains("read as Windows-1252"), imported.out)
    }

    func testClosingWithReadingsMissingWarnsAndListsThem() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
        let r = s.run(["append", "close", "--quarter", "2017-Q1"])
        XCTAssertEqual(r.code, 0, "the close goes through")
        XCTAssertTrue(r.err.contains("warning: 2017-Q1 was closed with 2 due reading(s) missing: MED 2017-02, MED 2017-03"), r.err)
        XCTAssertTrue(r.err.contains("--post-close"), r.err)
        XCTAssertFalse(r.out.isEmpty, "the receipt is printed")
        let es = try Sandbox()
        es.makeMedidores()
        try es.write("cierre.csv", "tipo,trimestre\ncierre,2017-Q1\n")
        let batch = es.run(["append", "--file", "cierre.csv", "--lang", "es"])
        XCTAssertEqual(batch.code, 0, batch.err)
        XCTAssertTrue(batch.err.contains("aviso: 2017-Q1 se cerró con 3 lectura(s) pendiente(s)"), batch.err)
        // Nothing missing: nothing said.
        let full = try Sandbox()
        full.makeMedidores()
        for m in ["01", "02", "03"] { full.ok(["append", "reading", "--indicator", "MED", "--period", "2017-\(m)", "--value", "300"]) }
        XCTAssertEqual(full.run(["append", "close", "--quarter", "2017-Q1"]).err, "")
    }
}
