import Foundation
import Testing

/// A region's first close is its go-live (SPEC "Closes, outputs and history"), on the
/// TST fixture of AnalystCommandsTests plus a payment P0 of 200.00 dated 2025-10-20.
/// Opening November: M1 starts from its October reading 1150 (received 24.10, before
/// November's window) → 1250 is 100 kWh = 500.00, not 250 kWh from the initial 1000;
/// M2's reading 2120 came 27.10, inside November's window → 120 kWh = 600.00 from the
/// initial 2000; M3 3100 → 3200 = 500.00. P0 predates the go-live: it is part of the
/// opening balance (0.00 as given), not booked.
@Suite(.serialized) struct GoLiveTests {
    static func setUp(_ name: String) throws -> Sandbox {
        let s = try AnalystCommandsTests.setUp(name)
        try s.write("early.csv", "payment_id,account_id,paid_on,amount,channel,period\nP0,1000000001,2025-10-20,200.00,bank,\n")
        try s.ok(["import", "payments", s.path("early.csv")])
        return s
    }

    @Test func aFirstCloseWithEarlierDataIsRefusedUntilGoLiveSaysSo() throws {
        let s = try Self.setUp("go-live")
        let refused = try s.run(["close", "--period", "2025-11"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("регион TST: 2025-11 — первый закрываемый период региона"), "\(refused.stderr)")
        #expect(refused.stderr.contains("3 лицевых счёта открыты до 01.11.2025"))
        #expect(refused.stderr.contains("2 показания получены до окна 2025-11 (по 25.10.2025 включительно)"))
        #expect(refused.stderr.contains("1 платёж датирован до 01.11.2025"))
        #expect(refused.stderr.contains("--go-live"))
        #expect(try s.ok(["status"]).stdout.contains("(лицевых счетов в закрытии):\n  нет"))
        #expect(!s.exists("out/2025-11"))

        try s.ok(["close", "--period", "2025-11", "--go-live"])
        #expect(try s.read("out/2025-11/registry.csv") == [
            CloseEndToEndTests.header,
            "1000000001,2025-11,actual,100,500.00,0.00,0.00,0.00,300.00,0.00,200.00,2025-12-10",
            "1000000002,2025-11,actual,120,600.00,0.00,0.00,0.00,500.00,0.00,100.00,2025-12-10",
            "1000000003,2025-11,actual,100,500.00,0.00,0.00,0.00,500.00,0.00,0.00,2025-12-10",
        ].joined(separator: "\n") + "\n")
        #expect(try s.read("out/2025-11/summary.json").contains("\"passed\": true"))
        // October is history now: it can never be closed after the go-live.
        let october = try s.run(["close", "--period", "2025-10", "--go-live"])
        #expect(october.status == 65)
        #expect(october.stderr.contains("регион уже закрыт по 2025-11"))
    }

    @Test func aMonthWithNothingInItClosesOnlyWhenAllowed() throws {
        let s = try Self.setUp("allow-empty")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        try s.ok(["close", "--period", "2025-11"])
        try s.ok(["close", "--period", "2025-12"])          // P4 is paid in December
        let empty = try s.run(["close", "--period", "2026-01"])
        #expect(empty.status == 65)
        #expect(empty.stderr.contains("регион TST: за 2026-01 нет ни одного показания, платежа, перерасчёта или изменения лицевых счетов"))
        #expect(empty.stderr.contains("--allow-empty"))
        #expect(!s.exists("out/2026-01"))
        try s.ok(["close", "--period", "2026-01", "--allow-empty"])
        #expect(try s.read("out/2026-01/summary.json").contains("\"passed\": true"))
    }
}
