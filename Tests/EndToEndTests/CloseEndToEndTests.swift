import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The month close through the built binary on the tiny TST region of
/// AnalystCommandsTests (5.00 ₽/kWh, window 23–25, due day 10, norm 100 kWh):
/// registry rows worked by hand, locking, ordering, dry run, re-runs, acts.
@Suite(.serialized) struct CloseEndToEndTests {
    static let header = "account_id,period,method,volume_kwh,charge,recalculation,benefit,penalty,payments,balance_in,total_due,due_date"

    /// October: M1 1000 → 1150 = 150 kWh × 5.00 = 750.00; M2 has no reading in the
    /// window (its reading came 2025-10-27) and no history → norm 100 kWh = 500.00;
    /// M3 3000 → 3100 = 500.00. No payment in October.
    /// November: M1 → 1250 = 500.00, P1 300.00 paid 11-05, 750 + 500 − 300 = 950.00
    /// (the October debt is 20 days overdue on 30.11: days 1–30 are free).
    /// M2's late reading 2120 counts for November: 120 kWh since the initial 2000,
    /// spread over October (31 days) and November (30): October floor(120·31/61) = 60,
    /// November the rest 60 → charge 300.00, recalculation for October 60·5 − 500 =
    /// −200.00; 500 + 300 − 200 − 500 (P2) = 100.00.
    /// M3 → 3200 = 500.00, P3 500.00: 500 + 500 − 500 = 500.00.
    @Test func registryByHandOverTwoMonths() throws {
        let s = try AnalystCommandsTests.setUp("close-hand")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        #expect(try s.read("out/2025-10/registry.csv") == [
            Self.header,
            "1000000001,2025-10,actual,150,750.00,0.00,0.00,0.00,0.00,0.00,750.00,2025-11-10",
            "1000000002,2025-10,norm,100,500.00,0.00,0.00,0.00,0.00,0.00,500.00,2025-11-10",
            "1000000003,2025-10,actual,100,500.00,0.00,0.00,0.00,0.00,0.00,500.00,2025-11-10",
        ].joined(separator: "\n") + "\n")
        try s.ok(["close", "--period", "2025-11"])
        #expect(try s.read("out/2025-11/registry.csv") == [
            Self.header,
            "1000000001,2025-11,actual,100,500.00,0.00,0.00,0.00,300.00,750.00,950.00,2025-12-10",
            "1000000002,2025-11,actual,60,300.00,-200.00,0.00,0.00,500.00,500.00,100.00,2025-12-10",
            "1000000003,2025-11,actual,100,500.00,0.00,0.00,0.00,500.00,500.00,500.00,2025-12-10",
        ].joined(separator: "\n") + "\n")
        let summary = try s.read("out/2025-11/summary.json")
        #expect(summary.contains("\"passed\": true"))
        #expect(summary.contains("\"recalculation\": \"-200.00\""))
        let doc = try s.read("out/2025-11/documents/1000000002.json")
        #expect(doc.contains("\"recalculation\""))
        #expect(doc.contains("п. 61"))
        #expect(s.exists("out/2025-11/documents/1000000002.html"))
        #expect(s.exists("out/2025-11/close-report.html"))
    }

    @Test func aClosedPeriodRerunsByteForByteAndBooksNothing() throws {
        let s = try AnalystCommandsTests.setUp("close-rerun")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        try s.ok(["close", "--period", "2025-11"])
        let files = ["out/2025-11/registry.csv", "out/2025-11/summary.json", "out/2025-11/close-report.html",
                     "out/2025-11/documents/1000000001.html", "out/2025-11/documents/1000000002.json"]
        let before = try files.map { try s.bytes($0) }
        let status = try s.ok(["status"]).stdout
        let again = try s.ok(["close", "--period", "2025-11"])
        #expect(again.stderr.contains("уже закрыт"))
        #expect(try files.map { try s.bytes($0) } == before)
        let ledgerLine = { (text: String) in text.split(separator: "\n").first { $0.contains("проводки журнала") } }
        #expect(ledgerLine(try s.ok(["status"]).stdout) == ledgerLine(status))
    }

    @Test func periodsCloseInOrderAndLockedPeriodsStayLocked() throws {
        let s = try AnalystCommandsTests.setUp("close-order")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        let gap = try s.run(["close", "--period", "2025-12"])
        #expect(gap.status == 65)
        #expect(gap.stderr.contains("сначала закройте 2025-11"))
        try s.ok(["close", "--period", "2025-11"])
        let back = try s.run(["close", "--period", "2025-09"])
        #expect(back.status == 65)
        #expect(back.stderr.contains("закрытый период заблокирован"))
        let region = try s.run(["close", "--period", "2025-12", "--region", "XX"])
        #expect(region.status == 65)
        #expect(region.stderr.contains("неизвестный регион XX"))
    }

    @Test func dryRunStoresAndWritesNothing() throws {
        let s = try AnalystCommandsTests.setUp("close-dry")
        let r = try s.ok(["close", "--period", "2025-10", "--go-live", "--dry-run"])
        #expect(r.stderr.contains("пробное закрытие 2025-10"))
        #expect(!s.exists("out/2025-10"))
        #expect(try s.ok(["status"]).stdout.contains("(лицевых счетов в закрытии):\n  нет"))
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        #expect(s.exists("out/2025-10/registry.csv"))
    }

    @Test func aSecondWriterExits75() throws {
        let s = try AnalystCommandsTests.setUp("close-lock")
        let fd = open(s.db + ".lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let r = try s.run(["close", "--period", "2025-10", "--go-live"])
        #expect(r.status == 75)
        #expect(r.stderr.contains("процесс energobill"))
        let imp = try s.run(["import", "payments", s.path("payments.csv")])
        #expect(imp.status == 75)
        flock(fd, LOCK_UN)
        close(fd)
        try s.ok(["close", "--period", "2025-10", "--go-live"])
    }

    @Test func documentOptionsAndBundles() throws {
        let s = try AnalystCommandsTests.setUp("close-docs")
        try s.ok(["close", "--period", "2025-10", "--go-live", "--documents", "none"])
        #expect(!s.exists("out/2025-10/documents"))
        #expect(s.exists("out/2025-10/registry.csv"))
        try s.ok(["close", "--period", "2025-10", "--documents", "html", "--bundle", "2"])
        let names = try FileManager.default.contentsOfDirectory(atPath: s.path("out/2025-10/documents")).sorted()
        #expect(names == ["bundle-0001.html", "bundle-0002.html"])
        let bundle = try s.read("out/2025-10/documents/bundle-0001.html")
        #expect(bundle.contains("1000000001") && bundle.contains("1000000002") && !bundle.contains("1000000003"))
        #expect(bundle.contains("break-after: page") || bundle.contains("page-break-after"))
        #expect(try s.run(["close", "--period", "2025-10", "--documents", "pdf"]).status == 64)
    }

    /// The documents' hash in summary.json is what an auditor gets from the files
    /// alone: `sha256sum` of each file in account order (HTML before JSON), hashed.
    @Test func documentsHashIsTheSha256sumOfTheFiles() throws {
        let s = try AnalystCommandsTests.setUp("close-docs-hash")
        try s.ok(["close", "--period", "2025-10", "--go-live", "--documents", "html,json"])
        let names = try FileManager.default.contentsOfDirectory(atPath: s.path("out/2025-10/documents")).sorted()
        #expect(names.count == 6)
        let sums = try s.runProgram("/bin/sh", ["-c", "cd " + s.path("out/2025-10/documents") + " && sha256sum " + names.joined(separator: " ") + " | sha256sum"])
        let expected = String(sums.stdout.prefix(64))
        #expect(expected.count == 64)
        #expect(try s.read("out/2025-10/summary.json").contains("\"documents\": \"sha256:" + expected + "\""), "\(sums.stdout)")
    }

    /// The act of 1000000001 for October–November, row by row from the ledger.
    @Test func actAgreesWithTheLedgerByHand() throws {
        let s = try AnalystCommandsTests.setUp("close-act")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        try s.ok(["close", "--period", "2025-11"])
        try s.ok(["act", "--account", "1000000001", "--from", "2025-10-01", "--to", "30.11.2025"])
        let rows = lines(try s.read("out/acts/1000000001_2025-10-01_2025-11-30.csv")).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["date", "kind", "document", "debit", "credit", "balance"])
        let kept = rows.dropFirst().map { [$0[0], $0[1], $0[3], $0[4], $0[5]] }
        #expect(kept == [
            ["2025-10-01", "opening", "", "", "0.00"],
            ["2025-10-31", "charge", "750.00", "", "750.00"],
            ["2025-11-05", "payment", "", "300.00", "450.00"],
            ["2025-11-30", "charge", "500.00", "", "950.00"],
            ["2025-11-30", "closing", "", "", "950.00"],
        ])
        let html = try s.read("out/acts/1000000001_2025-10-01_2025-11-30.html")
        #expect(html.contains("950,00&nbsp;руб.</b> (Девятьсот пятьдесят рублей 00 копеек)"))
        #expect(html.contains("&#61;SUM(A1)") || html.contains("=SUM(A1)"))
        try s.ok(["act", "--all", "--from", "2025-10-01", "--to", "2025-11-30"])
        #expect(s.exists("out/acts/1000000003_2025-10-01_2025-11-30.csv"))
        #expect(try s.run(["act", "--account", "9999999999", "--from", "2025-10-01", "--to", "2025-11-30"]).status == 65)
    }
}
