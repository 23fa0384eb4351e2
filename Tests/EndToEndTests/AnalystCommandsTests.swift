import Foundation
import Testing

/// recalc, debtors and quote through the built binary, on a tiny region TST:
/// single price 5.00 ₽/kWh, reading window 23–25, due day 10, norm 100 kWh per
/// person, key rate 9.50% throughout, household penalty 1/300 from day 31.
///
/// Accounts (1 resident, 1 room, gas stove; one single-zone 6-digit meter each):
/// - 1000000001, meter M1 from 1000: Oct reading 1150 (150 kWh → 750.00), Nov 1250
///   (100 kWh → 500.00); pays 300.00 on 2025-11-05.
/// - 1000000002, meter M2 from 2000: no reading in the October window → norm
///   100 kWh → 500.00; a reading 2120 taken 2025-10-25 arrives late, 2025-10-27;
///   pays 500.00 on 2025-11-08.
/// - 1000000003, meter M3 from 3000: 3100 in Oct, 3200 in Nov (500.00 each), paid
///   in full before each due date.
@Suite(.serialized) struct AnalystCommandsTests {
    static let region = """
    {"region":"TST","title":"Test region","utc_offset":"+05:00",
     "supplier":{"name":"ООО «Тестэнергосбыт»","inn":"7453320202","kpp":"745301001","account":"40702810000000000001",
                 "bank":"Тестбанк","bic":"047501602","corr_account":"30101810000000000602"},
     "reading_window":[{"from":"2020-01-01","first_day":23,"last_day":25}],
     "due_day":[{"from":"2020-01-01","day":10}],
     "estimation":{"average_periods":6,"average_min_periods":3,"average_max_periods":6,"norm_coefficient":"1","max_monthly_kwh":10000},
     "categories":{"urban_gas":{"title":"Город, газовые плиты","stove":"gas","rural":false}},
     "norms":{"gas":{"1":["100","100","100","100","100"],"2":["100","100","100","100","100"],
                     "3":["100","100","100","100","100"],"4":["100","100","100","100","100"]}},
     "tariffs":[{"category":"urban_gas","from":"2020-01-01",
                 "rates":[{"single":"PRICE","day":"5.80","night":"3.16","peak":"6.32","semi":"5.27","night3":"3.16"}]}]}
    """

    static let penalty = """
    {"household":{"steps":[{"from_day":31,"fraction":"1/300"},{"from_day":91,"fraction":"1/130"}]},
     "legal":{"steps":[{"from_day":1,"fraction":"1/130"}]},
     "rate_caps":[],"moratoria":[]}
    """

    /// A sandbox with TST imported (tariffs, accounts, meters, readings, payments).
    static func setUp(_ name: String) throws -> Sandbox {
        let s = try Sandbox(name)
        try s.write("tariffs/TST.json", region.replacingOccurrences(of: "PRICE", with: "5.00"))
        try s.write("tariffs/key-rate.csv", "from,percent\n2020-01-01,9.50\n")
        try s.write("tariffs/penalty.json", penalty)
        try s.write("whatif/TST.json", region.replacingOccurrences(of: "PRICE", with: "5.50"))
        try s.write("accounts.csv", """
        account_id,holder,address,region,category,kind,residents,rooms,phone,email,delivery,opened_on
        1000000001,=SUM(A1),"г. Тест, ул. Первая, д. 1",TST,urban_gas,person,1,1,+79000000001,a1@example.ru,email,2020-01-01
        1000000002,Петров Пётр,"г. Тест, ул. Вторая, д. 2",TST,urban_gas,person,1,1,,,paper,2020-01-01
        1000000003,Сидорова Анна,"г. Тест, ул. Третья, д. 3",TST,urban_gas,person,1,1,,,paper,2020-01-01

        """)
        try s.write("meters.csv", """
        meter_id,account_id,zones,digits,installed_on,initial_t1
        M1,1000000001,1,6,2020-01-01,1000
        M2,1000000002,1,6,2020-01-01,2000
        M3,1000000003,1,6,2020-01-01,3000

        """)
        try s.write("readings.csv", """
        account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction
        1000000001,M1,2025-10-24,2025-10-24 12:00:00,lk,1150,,,0
        1000000003,M3,2025-10-24,2025-10-24 12:00:00,lk,3100,,,0
        1000000002,M2,2025-10-25,2025-10-27 10:00:00,lk,2120,,,0
        1000000001,M1,2025-11-24,2025-11-24 12:00:00,lk,1250,,,0
        1000000003,M3,2025-11-24,2025-11-24 12:00:00,lk,3200,,,0

        """)
        try s.write("payments.csv", """
        payment_id,account_id,paid_on,amount,channel,period
        P1,1000000001,2025-11-05,300.00,bank,
        P2,1000000002,2025-11-08,500.00,bank,
        P3,1000000003,2025-11-09,500.00,bank,
        P4,1000000003,2025-12-09,500.00,bank,

        """)
        try s.ok(["import", "tariffs", s.path("tariffs")])
        for k in ["accounts", "meters", "readings", "payments"] {
            let r = try s.ok(["import", k, s.path("\(k).csv")])
            #expect(!r.stderr.contains("отклонено 1") && !r.stderr.contains("warning"), "\(k): \(r.stderr)")
        }
        return s
    }

    @Test func whatIfTariffDeltaIsWorkedByHand() throws {
        let s = try Self.setUp("whatif")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        let dbBefore = try s.bytes("db.sqlite")
        // 1000000001: 150 kWh at 5.00 = 750.00; at 5.50 = 825.00; delta 75.00.
        let r = try s.ok(["recalc", "--period", "2025-10", "--account", "1000000001", "--tariffs", s.path("whatif")])
        #expect(r.stdout.contains("пересчитано: 1 лицевой счёт, изменилось: 1"), "\(r.stdout)")
        // A what-if has its own folder, named by its tariffs' hash: it never replaces a plain recalc.
        let folders = try FileManager.default.contentsOfDirectory(atPath: s.path("out/recalc/2025-10")).sorted()
        #expect(folders.count == 1 && folders[0].hasPrefix("whatif-") && folders[0].count == 15, "\(folders)")
        let w = "out/recalc/2025-10/" + (folders.first ?? "")
        #expect(try s.read(w + "/diff.csv") == """
        account_id,line,before,after,delta
        1000000001,energy:M1:single:1,750.00,825.00,75.00
        1000000001,charge,750.00,825.00,75.00
        1000000001,total_due,750.00,825.00,75.00
        1000000001,total,750.00,825.00,75.00

        """)
        let html = try s.read(w + "/summary.html")
        #expect(html.contains("<td>1000000001</td>") && html.contains("75.00"))
        // Every field of summary.html is escaped, here the path of the what-if data.
        try s.write("w<&>/TST.json", try s.read("whatif/TST.json"))
        // The same file under another folder name has the same hash, so the same what-if folder.
        try s.ok(["recalc", "--period", "2025-10", "--account", "1000000001", "--tariffs", s.path("w<&>")])
        let escaped = try s.read(w + "/summary.html")
        #expect(escaped.contains("w&lt;&amp;&gt;") && !escaped.contains("w<&>"))
        #expect(try s.bytes("db.sqlite") == dbBefore, "a what-if stores nothing")
    }

    @Test func lateReadingShowsInRecalc() throws {
        let s = try Self.setUp("late")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        // 1000000002 was billed the norm, 100 kWh = 500.00. Its reading 2120 taken on
        // 25.10 (the window's last day) arrived on 27.10: had it been on time, 120 kWh
        // = 600.00 would have been billed, delta 100.00. Nothing else changes.
        try s.ok(["recalc", "--period", "2025-10"])
        #expect(try s.read("out/recalc/2025-10/diff.csv") == """
        account_id,line,before,after,delta
        1000000002,energy:M2:single:1,500.00,600.00,100.00
        1000000002,charge,500.00,600.00,100.00
        1000000002,total_due,500.00,600.00,100.00
        1000000002,total,500.00,600.00,100.00

        """)
        // A correction of 1000000003's October reading (3100 → 3090, same day) arrives
        // on 28.10: 90 kWh = 450.00 instead of 500.00, delta −50.00. A reading taken
        // on 26.10 (after the window) belongs to November and changes nothing here.
        try s.write("late.csv", """
        account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction
        1000000003,M3,2025-10-24,2025-10-28 09:00:00,lk,3090,,,1
        1000000001,M1,2025-10-26,2025-10-28 09:00:00,lk,1160,,,0

        """)
        try s.ok(["import", "readings", s.path("late.csv")])
        let r = try s.ok(["recalc", "--period", "2025-10"])
        #expect(r.stdout.contains("пересчитано: 3 лицевых счёта, изменилось: 2"), "\(r.stdout)")
        #expect(try s.read("out/recalc/2025-10/diff.csv") == """
        account_id,line,before,after,delta
        1000000002,energy:M2:single:1,500.00,600.00,100.00
        1000000002,charge,500.00,600.00,100.00
        1000000002,total_due,500.00,600.00,100.00
        1000000002,total,500.00,600.00,100.00
        1000000003,energy:M3:single:1,500.00,450.00,-50.00
        1000000003,charge,500.00,450.00,-50.00
        1000000003,total_due,500.00,450.00,-50.00
        1000000003,total,500.00,450.00,-50.00

        """)
        // An open period cannot be recalculated.
        let open = try s.run(["recalc", "--period", "2025-11"])
        #expect(open.status == 65 && open.stderr.contains("не закрыт"))
    }

    @Test func postingTwiceBooksOnceAndTheNextCloseShowsTheGround() throws {
        let s = try Self.setUp("post")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        let usage = try s.run(["recalc", "--period", "2025-10", "--post"])
        #expect(usage.status == 64 && usage.stderr.contains("--ground"))

        // The late reading of 1000000002 is not posted: the next close bills it by
        // п.61 (it recalculates the norm month), so posting would book it twice.
        let region = try s.ok(["recalc", "--period", "2025-10", "--post", "--ground", "Поздние показания"])
        #expect(region.stdout.contains("проведено: 0 (0,00 ₽), оставлено показаниям (не проводится): 1"), "\(region.stdout)")

        // A what-if is never posted (SPEC): only stored tariffs are.
        let whatIf = try s.run(["recalc", "--period", "2025-10", "--account", "1000000001", "--tariffs", s.path("whatif"),
                                "--post", "--ground", "проба"])
        #expect(whatIf.status == 64, "\(whatIf.stderr)")
        // The October price is corrected to 5.50 (a new tariff file: 5.50 until 31.10.2025, 5.00 from 01.11.2025).
        let corrected = Self.region.replacingOccurrences(of: "PRICE", with: "5.50")
            .replacingOccurrences(of: #""night3":"3.16"}]}]}"#, with: #""night3":"3.16"}]},{"category":"urban_gas","from":"2025-11-01","rates":[{"single":"5.00","day":"5.80","night":"3.16","peak":"6.32","semi":"5.27","night3":"3.16"}]}]}"#)
        try s.write("corrected/TST.json", corrected)
        try s.ok(["import", "tariffs", s.path("corrected/TST.json")])
        let ground = "Перерасчёт: тариф исправлен приказом №1"
        let args = ["recalc", "--period", "2025-10", "--account", "1000000001", "--post", "--ground", ground]
        let first = try s.ok(args)
        #expect(first.stdout.contains("проведено: 1 (75,00 ₽)"), "\(first.stdout)")
        let second = try s.ok(args)
        #expect(second.stdout.contains("проведено: 0 (0,00 ₽), уже проведено ранее: 1"), "\(second.stdout)")

        try s.ok(["close", "--period", "2025-11"])
        // 1000000001 in November: balance 750.00 + charge 100 kWh × 5.00 = 500.00
        // + posted recalculation 75.00 − payment 300.00 = 1025.00.
        let registry = lines(try s.read("out/2025-11/registry.csv"))
        #expect(registry.contains("1000000001,2025-11,actual,100,500.00,75.00,0.00,0.00,300.00,750.00,1025.00,2025-12-10"),
                "\(registry)")
        // The stored line is the act's entry of November: the ground and 75.00.
        try s.ok(["act", "--account", "1000000001", "--from", "2025-11-01", "--to", "2025-11-30"])
        let act = try s.read("out/acts/1000000001_2025-11-01_2025-11-30.csv")
        #expect(act.split(separator: "\n").contains { $0.contains(ground) && $0.contains("75.00") }, "\(act)")
        if s.exists("out/2025-11/documents/1000000001.json") {
            #expect(try s.read("out/2025-11/documents/1000000001.json").contains(ground))
        }
        // After the booking the difference is still the same: nothing new to post.
        let again = try s.ok(args)
        #expect(again.stdout.contains("уже проведено ранее: 1"), "\(again.stdout)")
    }

    @Test func debtorsBucketsByHand() throws {
        let s = try Self.setUp("debtors")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        try s.ok(["close", "--period", "2025-11"])
        // As of 2025-12-20:
        // 1000000001: Oct 750.00 due 10.11, 300.00 paid 05.11 → 450.00 unpaid, 40 days
        //   past due (31–90); Nov 500.00 due 10.12 → 10 days (0–30). Total 950.00.
        //   Penalty: 450.00 × 9.5% × (days 31..40 = 10 days) / 300 = 1.425 → 1.43.
        // 1000000002: Oct 500.00 paid 08.11; Nov: 60 kWh × 5.00 = 300.00 and the п.61
        //   recalculation of October (120 kWh spread 31:30 days → 60 kWh = 300.00
        //   against the 500.00 billed: −200.00) → 100.00 due 10.12, 10 days, no penalty.
        // 1000000003 paid everything before the due dates: not a debtor.
        let r = try s.ok(["debtors", "--as-of", "2025-12-20"])
        #expect(try s.read("out/debtors/2025-12-20.csv") == """
        account_id,holder,address,phone,email,delivery,debt_total,debt_0_30,debt_31_90,debt_over_90,oldest_due_date,days_overdue,penalty
        1000000001,'=SUM(A1),"г. Тест, ул. Первая, д. 1",+79000000001,a1@example.ru,email,950.00,500.00,450.00,0.00,2025-11-10,40,1.43
        1000000002,Петров Пётр,"г. Тест, ул. Вторая, д. 2",,,paper,100.00,100.00,0.00,0.00,2025-12-10,10,0.00

        """)
        #expect(lines(r.stdout) == [
            "должники на 20.12.2025: 2 лицевых счёта",
            "долг всего: 1\u{00A0}050,00 ₽",
            "  до 30 дней: 600,00 ₽",
            "  31–90 дней: 450,00 ₽",
            "  более 90 дней: 0,00 ₽",
            "пени: 1,43 ₽",
            "файл: \(s.out)/debtors/2025-12-20.csv",
        ])
        let full = try s.read("out/debtors/2025-12-20.csv")
        try s.ok(["debtors", "--as-of", "2025-12-20", "--min-days", "31"])
        #expect(lines(try s.read("out/debtors/2025-12-20-min31.csv")).count == 2)
        #expect(try s.read("out/debtors/2025-12-20-min31.csv").contains("1000000001,"))
        #expect(try s.read("out/debtors/2025-12-20.csv") == full, "the filtered list replaced the full one")
    }

    @Test func quoteAmountsByHandAndRejections() throws {
        let s = try Self.setUp("quote")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        // 1000000001: 1250 − 1150 = 100 kWh × 5.00 = 500.00; debt 750.00 (October unpaid
        // at its close); total 1250.00.
        let a = try s.ok(["quote", "--account", "1000000001", "--t1", "1250"])
        #expect(lines(a.stdout) == [
            "расчёт без сохранения показаний: лицевой счёт 1000000001, период 2025-11, прибор M1, показания на 01.11.2025",
            "T1: предыдущее 1150, текущее 1250, расход 100 кВт·ч",
            "электроэнергия, ступень 1: 100 кВт·ч × 5,0000 = 500,00 ₽",
            "начислено за период: 500,00 ₽",
            "долг: 750,00 ₽ (к оплате за 2025-10)",
            "итого к оплате: 1\u{00A0}250,00 ₽",
        ])
        // 1000000002 was on the norm in October: 2120 − 2000 = 120 kWh spread over
        // October (31 days) and November (30 days): 60 + 60. November 60 × 5.00 = 300.00;
        // October repriced 60 × 5.00 = 300.00 against 500.00 billed: −200.00.
        // 500.00 + 300.00 − 200.00 = 600.00.
        let b = try s.ok(["quote", "--account", "1000000002", "--t1", "2120"])
        #expect(b.stdout.contains("начислено за период: 300,00 ₽\n"), "\(b.stdout)")
        // The 120 kWh: 60 for November, 60 to the recalculation of the estimated October.
        #expect(b.stdout.contains("расход 120 кВт·ч: 60 за период 2025-11, 60 — перерасчёт оценённых месяцев (2025-10, п. 61 ПП РФ №354)\n"), "\(b.stdout)")
        #expect(b.stdout.contains("перерасчёт всего: −200,00 ₽\n"))
        #expect(b.stdout.contains("итого к оплате: 600,00 ₽\n"))

        let low = try s.run(["quote", "--account", "1000000001", "--t1", "1100"])
        #expect(low.status == 65 && low.stderr.contains("lower than previous"), "\(low.stderr)")
        let zones = try s.run(["quote", "--account", "1000000001", "--t1", "1250", "--t2", "10"])
        #expect(zones.status == 65 && zones.stderr.contains("wrong number of registers"), "\(zones.stderr)")
        let digits = try s.run(["quote", "--account", "1000000001", "--t1", "1234567"])
        #expect(digits.status == 65 && digits.stderr.contains("exceeds digit capacity"), "\(digits.stderr)")
        let later = try s.run(["quote", "--account", "1000000001", "--t1", "1250", "--on", "2025-12-24"])
        #expect(later.status == 65 && later.stderr.contains("не относятся к 2025-11"), "\(later.stderr)")
        let unknown = try s.run(["quote", "--account", "999", "--t1", "1"])
        #expect(unknown.status == 65 && unknown.stderr.contains("неизвестный лицевой счёт 999"))
    }
}
