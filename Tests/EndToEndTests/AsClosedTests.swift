import Foundation
import Testing

/// A closed period's documents and acts are rendered from the data as it stood at its
/// close (SPEC "Closes, outputs and history"), on the TST fixture of AnalystCommandsTests.
@Suite(.serialized) struct AsClosedTests {
    @Test func aClosedDocumentStaysAsItWasAfterTheAccountAndRegionChange() throws {
        let s = try AnalystCommandsTests.setUp("as-closed")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        let files = ["out/2025-10/documents/1000000002.html", "out/2025-10/documents/1000000002.json"]
        let before = try files.map { try s.bytes($0) }
        #expect(try s.read(files[0]).contains("Петров Пётр"))
        #expect(try s.read(files[0]).contains("ООО «Тестэнергосбыт»"))
        try s.ok(["act", "--account", "1000000002", "--from", "2025-10-01", "--to", "2025-10-31"])
        let act = try s.bytes("out/acts/1000000002_2025-10-01_2025-10-31.html")

        let accounts = try s.read("accounts.csv").replacingOccurrences(of: "Петров Пётр", with: "Петров Пётр Иванович")
        try s.write("accounts2.csv", accounts)
        try s.ok(["import", "accounts", s.path("accounts2.csv")])
        let region = AnalystCommandsTests.region.replacingOccurrences(of: "PRICE", with: "5.00")
            .replacingOccurrences(of: "ООО «Тестэнергосбыт»", with: "АО «Новый сбыт»")
        try s.write("tariffs2/TST.json", region)
        try s.ok(["import", "tariffs", s.path("tariffs2/TST.json")])

        try s.ok(["close", "--period", "2025-10"])
        #expect(try files.map { try s.bytes($0) } == before, "a closed document must not change")
        try s.ok(["act", "--account", "1000000002", "--from", "2025-10-01", "--to", "2025-10-31"])
        #expect(try s.bytes("out/acts/1000000002_2025-10-01_2025-10-31.html") == act)

        try s.ok(["close", "--period", "2025-11"])
        let november = try s.read("out/2025-11/documents/1000000002.html")
        #expect(november.contains("Петров Пётр Иванович"))
        #expect(november.contains("АО «Новый сбыт»"))
    }

    @Test func anActPastTheLastClosedPeriodSaysSo() throws {
        let s = try AnalystCommandsTests.setUp("act-past")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        let r = try s.ok(["act", "--account", "1000000001", "--from", "2025-10-01", "--to", "2025-11-30"])
        #expect(r.stderr.contains("внимание: акт на 30.11.2025 позже последнего закрытого периода: TST (2025-10)"))
        #expect(try s.read("out/acts/1000000001_2025-10-01_2025-11-30.html").contains("Начисления выставлены по 31.10.2025"))
        let inside = try s.ok(["act", "--account", "1000000001", "--from", "2025-10-01", "--to", "2025-10-31"])
        #expect(!inside.stderr.contains("внимание"))
        #expect(!(try s.read("out/acts/1000000001_2025-10-01_2025-10-31.html").contains("Начисления выставлены")))
        let debtors = try s.ok(["debtors", "--as-of", "2025-12-31"])
        #expect(debtors.stderr.contains("внимание: список должников на 31.12.2025 позже последнего закрытого периода: TST (2025-10)"))
    }
}
