import Foundation
import Testing

/// Unmatched → assigned → booked by the next close, on the bundled sample, with
/// summary.json proving received = on accounts + unmatched at every step.
@Suite(.serialized) struct BankMoneyInCloseTests {
    /// The payments column of the account's row in the period's registry.csv, in kopecks.
    static func bookedKopecks(_ s: Sandbox, _ period: String, _ account: String) throws -> Int {
        let row = try #require(try s.read("out/\(period)/registry.csv").split(separator: "\n").first { $0.hasPrefix(account + ",") })
        return try #require(Int(row.split(separator: ",")[8].replacingOccurrences(of: ".", with: "")))
    }

    static func paidKopecks(_ s: Sandbox, _ account: String, in period: String) throws -> Int {
        try #require(Int(try s.sql("SELECT coalesce(sum(amount), 0) FROM payments WHERE account_id = '\(account)' AND substr(paid_on, 1, 7) = '\(period)'")))
    }

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
        // October's close booked every payment of 7400000001 dated in October, the registry's 1000,00 among them.
        #expect(try Self.bookedKopecks(s, "2025-10", "7400000001") == Self.paidKopecks(s, "7400000001", in: "2025-10"))
        #expect(try s.sql("SELECT count(*) FROM payments WHERE account_id = '7400000001' AND payment_id LIKE 'sber-12/%'") == "1")
        let id = try s.sql("SELECT payment_id FROM unmatched_payments")
        try s.ok(["payments", "assign", "--payment", id, "--account", "7400000002"])
        // Re-running the closed period books nothing and rewrites the same summary.
        try s.ok(["close", "--period", "2025-10", "--go-live", "--documents", "none"])
        #expect(try s.read("out/2025-10/summary.json") == oct)
        try s.ok(["close", "--period", "2025-11", "--documents", "none"])
        // November's close books the assigned 250,00 (dated in October) beside November's own payments.
        #expect(try Self.bookedKopecks(s, "2025-11", "7400000002") == Self.paidKopecks(s, "7400000002", in: "2025-11") + 25000)
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
