import Foundation
import Testing

/// Unmatched → assigned → booked by the next close, on the bundled sample, with
/// summary.json proving received = on accounts + unmatched at every step.
@Suite(.serialized) struct BankMoneyInCloseTests {
    @Test func anAssignedPaymentIsBookedByTheNextCloseAndNoMoneyIsInvisible() throws {
        let s = try SampleDataTests.importTheSample("money-in")
        // 1000,00 (990,00 + 10,00) to 7400000001; 250,00 (247,50 + 2,50) to an account nobody knows.
        let rows = [
            "05.10.2025;10:15:01;8597;0001;900000000001;7400000001;Соколов А. П.;г. Челябинск;102025;1000,00;990,00;10,00",
            "05.10.2025;12:00:00;8597;0002;900000000002;7499999999;Сидоров С. С.;г. Челябинск;102025;250,00;247,50;2,50",
        ]
        try s.writeData("r.txt", BankFixtures.sber(rows, totals: "=2;1250,00;1237,50;12,50;501;06.10.2025"))
        try s.ok(["import", "registry", "r.txt", "--bank", "sber-12"])
        let onAccountsBefore = Int(try s.sql("SELECT sum(amount) FROM payments WHERE paid_on <= '2025-10-31'")) ?? -1
        try s.ok(["close", "--period", "2025-10", "--go-live", "--documents", "none"])
        let oct = try s.read("out/2025-10/summary.json")
        #expect(oct.contains("\"unmatched\": \"250.00\"") && oct.contains("\"unmatched_count\": 1") && oct.contains("\"holds\": true"), "\(oct)")
        let received = Kopecks(onAccountsBefore + 25000)
        #expect(oct.contains("\"received\": \"\(received)\""), "\(oct)")
        #expect(oct.contains("\"registries_without_transfer\": 1"))
        #expect(try s.read("out/2025-10/close-report.html").contains("Невыясненные (1)"))
        #expect(try s.sql("SELECT count(*) FROM ledger WHERE period = '2025-10' AND ref LIKE 'sber-12/%'") == "1")
        let id = try s.sql("SELECT payment_id FROM unmatched_payments")
        try s.ok(["payments", "assign", "--payment", id, "--account", "7400000002"])
        // Re-running the closed period books nothing and rewrites the same summary.
        try s.ok(["close", "--period", "2025-10", "--go-live", "--documents", "none"])
        #expect(try s.read("out/2025-10/summary.json") == oct)
        try s.ok(["close", "--period", "2025-11", "--documents", "none"])
        #expect(try s.sql("SELECT period || ' ' || account_id || ' ' || amount FROM ledger WHERE ref = '\(id)'") == "2025-11 7400000002 -25000")
        let nov = try s.read("out/2025-11/summary.json")
        #expect(nov.contains("\"unmatched\": \"0.00\"") && nov.contains("\"holds\": true") && nov.contains("\"passed\": true"), "\(nov)")
    }

    /// A Kopecks-like rubles text for the expectations ("12345.67").
    struct Kopecks: CustomStringConvertible {
        let v: Int
        init(_ v: Int) { self.v = v }
        var description: String { "\(v / 100)." + (v % 100 < 10 ? "0" : "") + "\(v % 100)" }
    }
}
