import Foundation
import Testing

/// `--csv ru` (SPEC): every CSV output opens in columns in Russian Excel; the default
/// stays the machine form, and a period's outputs rewritten either way keep `check` green.
@Suite(.serialized) struct CSVRuTests {
    @Test func registryDebtorsActsAndRejectsInTheRussianExcelForm() throws {
        let s = try AnalystCommandsTests.setUp("csv-ru")
        try s.ok(["--csv", "ru", "close", "--period", "2025-10", "--go-live"])
        let registry = try s.bytes("out/2025-10/registry.csv")
        #expect(Array(registry.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: registry.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("account_id;period;method;volume_kwh;charge;"))
        #expect(text.contains("1000000001;2025-10;actual;150;750,00;0,00;0,00;0,00;0,00;0,00;750,00;2025-11-10\n"))
        try s.ok(["act", "--account", "1000000001", "--from", "2025-10-01", "--to", "2025-10-31", "--csv", "ru"])
        #expect(try s.read("out/acts/1000000001_2025-10-01_2025-10-31.csv").contains("750,00"))
        try s.ok(["--csv", "ru", "debtors", "--as-of", "2025-12-31"])
        let debtors = try s.read("out/debtors/2025-12-31.csv")
        #expect(debtors.hasPrefix("\u{FEFF}account_id;holder;"), "\(debtors)")
        #expect(debtors.contains(";+79000000001;"), "a phone carries no apostrophe")
        try s.write("bad.csv", "payment_id,account_id,paid_on,amount\nX1,1000000001,2025-10-05,abc\n")
        _ = try s.run(["--csv", "ru", "import", "payments", s.path("bad.csv")])
        #expect(try s.read(try s.rejectsFile("bad")).hasPrefix("\u{FEFF}line;row;field;reason;reason_ru\n2;"))
        #expect(try s.ok(["check"]).stdout.contains("проверка пройдена"))
        try s.ok(["close", "--period", "2025-10"])
        #expect(try s.read("out/2025-10/registry.csv").hasPrefix("account_id,period,"))
        #expect(try s.ok(["check"]).stdout.contains("проверка пройдена"))
        #expect(try s.run(["--csv", "excel", "status"]).status == 64)
    }
}
