import Foundation
import Testing

/// The relief rules at their edges through the binary, and reference-data gaps that
/// must stop a close with exit 65 (never a trap), nothing stored.
@Suite(.serialized) struct PenaltyEdgesEndToEndTests {
    /// The real penalty policy of tariffs/penalty.json (cap to 31.12.2026, both moratoria).
    static var penalty: String {
        get throws { try String(contentsOfFile: Harness.packageRoot + "/tariffs/penalty.json", encoding: .utf8) }
    }

    /// TST at 5.00 ₽/kWh, due day 15, key rate 15.50 % throughout; one household whose
    /// September 2026 reading bills 200 kWh = 1,000.00 (due 15.10.2026), never paid, and
    /// no consumption afterwards.
    static func setUp(_ name: String, keyRateFrom: String = "2020-01-01", tariffFrom: String = "2020-01-01") throws -> Sandbox {
        let s = try Sandbox(name)
        let region = AnalystCommandsTests.region.replacingOccurrences(of: "PRICE", with: "5.00")
            .replacingOccurrences(of: #""due_day":[{"from":"2020-01-01","day":10}]"#, with: #""due_day":[{"from":"2020-01-01","day":15}]"#)
            .replacingOccurrences(of: #""tariffs":[{"category":"urban_gas","from":"2020-01-01""#,
                                  with: #""tariffs":[{"category":"urban_gas","from":"\#(tariffFrom)""#)
        try s.write("tariffs/TST.json", region)
        try s.write("tariffs/key-rate.csv", "from,percent\n\(keyRateFrom),15.50\n")
        try s.write("tariffs/penalty.json", try penalty)
        try s.write("accounts.csv", """
        account_id,holder,address,region,category,kind,residents,rooms,phone,email,delivery,opened_on
        1000000001,Иванов Иван,"г. Тест, ул. Первая, д. 1",TST,urban_gas,person,1,1,,,paper,2020-01-01

        """)
        try s.write("meters.csv", """
        meter_id,account_id,zones,digits,installed_on,initial_t1
        M1,1000000001,1,6,2020-01-01,1000

        """)
        var readings = "account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction\n"
        readings += "1000000001,M1,2026-09-24,2026-09-24 12:00:00,lk,1200,,,0\n"
        for m in ["2026-10", "2026-11", "2026-12", "2027-01"] {
            readings += "1000000001,M1,\(m)-24,\(m)-24 12:00:00,lk,1200,,,0\n"
        }
        try s.write("readings.csv", readings)
        try s.ok(["import", "tariffs", s.path("tariffs")])
        for k in ["accounts", "meters", "readings"] { try s.ok(["import", k, s.path("\(k).csv")]) }
        return s
    }

    func penalty(_ s: Sandbox, _ period: String) throws -> String {
        let rows = lines(try s.read("out/\(period)/registry.csv"))
        let fields = rows[1].split(separator: ",", omittingEmptySubsequences: false)
        return String(fields[7])
    }

    @Test func theCapBelongsToTheAccrualDayInTheJanuary2027Close() throws {
        let s = try Self.setUp("penalty-cap-2027")
        for p in ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01"] { try s.ok(["close", "--period", p, "--go-live"]) }
        #expect(try penalty(s, "2026-10") == "0.00")
        // 16 days × 1/300 × 9.5 % = 5.07; through 31.12.2026 47 days = 14.88, so December adds 9.81.
        #expect(try penalty(s, "2026-11") == "5.07")
        #expect(try penalty(s, "2026-12") == "9.81")
        // 14.88 + 13 × 1/300 × 15.5 % + 18 × 1/130 × 15.5 % = 43.06 cumulative: January adds 28.18, not 37.58.
        #expect(try penalty(s, "2027-01") == "28.18")
    }

    /// The close of 2026-09 refuses with exit 65 naming the gap, and nothing is closed.
    func expectRefused(_ s: Sandbox, naming texts: [String]) throws {
        let r = try s.run(["close", "--period", "2026-09"])
        #expect(r.status == 65, "\(r.status): \(r.stderr)")
        for t in texts { #expect(r.stderr.contains(t), "\(t) in \(r.stderr)") }
        #expect(!s.exists("out/2026-09/registry.csv"))
        #expect(try s.run(["status"]).stdout.contains("2026-09") == false)
    }

    @Test func aTariffThatStartsAfterThePeriodIsAnInputErrorNotATrap() throws {
        try expectRefused(try Self.setUp("coverage-tariff", tariffFrom: "2027-01-01"),
                          naming: ["регион TST, категория urban_gas", "01.01.2027"])
    }

    @Test func keyRatesThatDoNotReachTheOldestDebtAreAnInputErrorNotATrap() throws {
        try expectRefused(try Self.setUp("coverage-key-rate", keyRateFrom: "2027-01-01"), naming: ["ключевая ставка", "01.01.2027"])
    }
}
