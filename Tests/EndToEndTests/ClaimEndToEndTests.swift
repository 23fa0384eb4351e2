import Foundation
import Testing

/// `claim` through the binary with the shipped key rates and penalty policy.
@Suite(.serialized) struct ClaimEndToEndTests {
    /// TST at 5.00 ₽/kWh, due day 10: January 2022 bills 200 kWh = 1000.00, due 10.02.2022;
    /// 400.00 paid on 20.03.2022 (key rate 20 % that day); only January 2022 is closed.
    static func setUp(_ name: String) throws -> Sandbox {
        let s = try Sandbox(name)
        try s.write("tariffs/TST.json", AnalystCommandsTests.region.replacingOccurrences(of: "PRICE", with: "5.00"))
        try s.write("tariffs/key-rate.csv", try String(contentsOfFile: Harness.packageRoot + "/tariffs/key-rate.csv", encoding: .utf8))
        try s.write("tariffs/penalty.json", try PenaltyEdgesEndToEndTests.penalty)
        try s.write("accounts.csv", """
        account_id,holder,address,region,category,kind,residents,rooms,phone,email,delivery,opened_on
        1000000001,Иванов Иван,"г. Тест, ул. Первая, д. 1",TST,urban_gas,person,1,1,,,paper,2022-01-01

        """)
        try s.write("meters.csv", "meter_id,account_id,zones,digits,installed_on,initial_t1\nM1,1000000001,1,6,2022-01-01,1000\n")
        try s.write("readings.csv", """
        account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction
        1000000001,M1,2022-01-24,2022-01-24 12:00:00,lk,1200,,,0

        """)
        try s.write("payments.csv", "payment_id,account_id,paid_on,amount,channel,period\nP1,1000000001,2022-03-20,400.00,bank,\n")
        try s.ok(["import", "tariffs", s.path("tariffs")])
        for k in ["accounts", "meters", "readings", "payments"] { try s.ok(["import", k, s.path("\(k).csv")]) }
        try s.ok(["close", "--period", "2022-01", "--go-live"])
        return s
    }

    /// Worked by hand. Day 1 is 11.02.2022; days 1–30 (to 12.03) are free; day 31 is 13.03, day 50 is
    /// 01.04 (the ПП №497 moratorium covers January's charge to 30.09), day 91 is 12.05.
    /// - 400.00 paid 20.03.2022: 8 days at 1/300 and min(20 %, cap 9.5 %): 400 × 8/300 × 9.5 % = 1.0133.
    /// - 600.00 unpaid on 31.01.2027 (rate that day 15.5 %): 19 days (13.03–31.03) at 1/300 and 9.5 % = 3.61;
    ///   the moratorium 01.04–11.05 (1/300) and 12.05–30.09 (1/130) = 0; 01.10.2022–31.12.2026, 1553 days at
    ///   1/130 and the 9.5 % cap = 680.9308; 01.01–31.01.2027, 31 days at 1/130 and 15.5 % = 22.1769.
    /// Total 707.7310 → 707.73 (rows 1.01 + 3.61 + 680.93 + 22.18).
    @Test func penaltyTableCrossesTheRateChangeTheFractionChangeAndTheMoratorium() throws {
        let s = try Self.setUp("claim")
        let r = try s.ok(["claim", "--account", "1000000001", "--as-of", "2027-01-31"])
        #expect(r.stdout.contains("просроченный долг 600,00 ₽, пени 707,73 ₽"), "\(r.stdout)")
        #expect(r.stderr.contains("позже последнего закрытого периода: ") && r.stderr.contains("(2022-01); начисления после него ещё не выставлены"), "\(r.stderr)")
        let dir = "out/claims/1000000001_2027-01-31/"
        let m = "мораторий (ПП РФ от 28.03.2022 №497): 0"
        #expect(try s.read(dir + "penalty.csv") == """
        period,debt,from,to,days,fraction,rate,formula,penalty
        2022-01,400.00,2022-02-11,2022-03-12,30,0,9.50,"400,00 × 30 × 0 × 9,5%",0.00
        2022-01,400.00,2022-03-13,2022-03-20,8,1/300,9.50,"400,00 × 8 × 1/300 × 9,5%",1.01
        2022-01,600.00,2022-02-11,2022-03-12,30,0,9.50,"600,00 × 30 × 0 × 9,5%",0.00
        2022-01,600.00,2022-03-13,2022-03-31,19,1/300,9.50,"600,00 × 19 × 1/300 × 9,5%",3.61
        2022-01,600.00,2022-04-01,2022-05-11,41,1/300,9.50,\(m),0.00
        2022-01,600.00,2022-05-12,2022-09-30,142,1/130,9.50,\(m),0.00
        2022-01,600.00,2022-10-01,2026-12-31,1553,1/130,9.50,"600,00 × 1553 × 1/130 × 9,5%",680.93
        2022-01,600.00,2027-01-01,2027-01-31,31,1/130,15.50,"600,00 × 31 × 1/130 × 15,5%",22.18
        total,,,,,,,,707.73

        """)
        #expect(try s.read(dir + "debt.csv") == """
        period,charged,due_date,paid,debt,days_overdue
        2022-01,1000.00,2022-02-10,400.00,600.00,1816
        payment,,2022-03-20,400.00,,
        total,1000.00,,400.00,600.00,

        """)
        let html = try s.read(dir + "penalty.html")
        for t in ["Расчёт пени", "ч. 14 ст. 155 Жилищного кодекса РФ", "600,00 × 1553 × 1/130 × 9,5%", "680,93",
                  "Итого пени", "707,73", "оплачено 20.03.2022", "ПП РФ от 26.03.2022 №474",
                  "Последний закрытый расчётный период — январь 2022"] {
            #expect(html.contains(t), "\(t)")
        }
        #expect(try s.read(dir + "debt.html").contains("Расчёт задолженности за электрическую энергию"))
    }

    /// The table's total is what the closes charged: 5.07 + 9.81 + 28.18 = 43.06 through January 2027.
    @Test func totalEqualsThePenaltyTheClosesCharged() throws {
        let s = try PenaltyEdgesEndToEndTests.setUp("claim-closes")
        for p in ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01"] { try s.ok(["close", "--period", p, "--go-live"]) }
        let r = try s.ok(["claim", "--account", "1000000001", "--as-of", "2027-01-31"])
        #expect(!r.stderr.contains("after the last closed period"), "\(r.stderr)")
        #expect(lines(try s.read("out/claims/1000000001_2027-01-31/penalty.csv")).last == "total,,,,,,,,43.06")
        #expect(try s.read("out/claims/1000000001_2027-01-31/penalty.html").contains("Из них начислено в платёжных документах: 43,06"))
    }

    @Test func unknownAccountAndMissingOptions() throws {
        let s = try Self.setUp("claim-errors")
        let r = try s.run(["claim", "--account", "9999999999", "--as-of", "2027-01-31"])
        #expect(r.status == 65 && r.stderr.contains("неизвестный лицевой счёт 9999999999"), "\(r.stderr)")
        #expect(try s.run(["claim", "--as-of", "2027-01-31"]).status == 64)
        #expect(try s.run(["claim", "--account", "1000000001"]).status == 64)
    }
}
