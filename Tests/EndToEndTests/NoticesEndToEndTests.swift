import Foundation
import Testing

/// `notices` through the binary on region TST (AnalystCommandsTests: 5.00 ₽/kWh, norm
/// 100 kWh per person, due day 10): one resident → norm 100 kWh × 5.00 = 500.00 a month,
/// threshold 2 × 500.00 = 1000.00. Every account bills 80 kWh = 400.00 in October,
/// November and December 2025 (due 10.11, 10.12 and 10.01).
@Suite(.serialized) struct NoticesEndToEndTests {
    static func setUp(_ name: String) throws -> Sandbox {
        let s = try Sandbox(name)
        try s.write("tariffs/TST.json", AnalystCommandsTests.region.replacingOccurrences(of: "PRICE", with: "5.00"))
        try s.write("tariffs/key-rate.csv", "from,percent\n2020-01-01,9.50\n")
        try s.write("tariffs/penalty.json", AnalystCommandsTests.penalty)
        try s.write("accounts.csv", """
        account_id,holder,address,region,category,kind,inn,kpp,residents,rooms,phone,email,delivery,opened_on
        1000000001,Иванов Иван,"г. Тест, ул. Первая, д. 1",TST,urban_gas,person,,,1,1,,,paper,2020-01-01
        1000000002,Петров Пётр,"г. Тест, ул. Вторая, д. 2",TST,urban_gas,person,,,1,1,,p2@example.ru,email,2020-01-01
        1000000003,Сидорова Анна,"г. Тест, ул. Третья, д. 3",TST,urban_gas,person,,,1,1,,a3@example.ru,email,2020-01-01
        1000000004,ООО «Ромашка»,"г. Тест, ул. Четвёртая, д. 4",TST,urban_gas,legal,7453320202,745301001,1,1,,,paper,2020-01-01

        """)
        var meters = "meter_id,account_id,zones,digits,installed_on,initial_t1\n"
        var readings = "account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction\n"
        for i in 1...4 {
            meters += "M\(i),100000000\(i),1,6,2020-01-01,1000\n"
            for (m, v) in [("2025-10", 1080), ("2025-11", 1160), ("2025-12", 1240)] {
                readings += "100000000\(i),M\(i),\(m)-24,\(m)-24 12:00:00,lk,\(v),,,0\n"
            }
        }
        try s.write("meters.csv", meters)
        try s.write("readings.csv", readings)
        // 1000000002 paid 200.01: 999.99 left, just under the threshold. 1000000003 pays all 1200.00 after the date.
        try s.write("payments.csv", """
        payment_id,account_id,paid_on,amount,channel,period
        P1,1000000002,2025-12-01,200.01,bank,
        P2,1000000003,2026-01-25,1200.00,bank,

        """)
        try s.ok(["import", "tariffs", s.path("tariffs")])
        for k in ["accounts", "meters", "readings", "payments"] {
            let r = try s.ok(["import", k, s.path("\(k).csv")])
            #expect(!r.stderr.contains("отклонено") || r.stderr.contains("отклонено 0"), "\(k): \(r.stderr)")
        }
        for p in ["2025-10", "2025-11", "2025-12"] { try s.ok(["close", "--period", p, "--go-live"]) }
        return s
    }

    @Test func threeUnpaidMonthsOverTheThresholdGetANotice() throws {
        let s = try Self.setUp("notices")
        let r = try s.ok(["notices", "--as-of", "2026-01-20"])
        // 1000000001: 3 × 400.00 = 1200.00 overdue (the penalty booked by the December close is not in it)
        // > 1000.00; deadline 20.01 + 20 days = 09.02.2026. 1000000002: 999.99 ≤ 1000.00. 1000000003: paid in
        // full on 25.01. 1000000004: a legal entity.
        #expect(try s.read("out/notices/2026-01-20/notices.csv") == """
        account,holder,address,debt,threshold,deadline,delivery
        1000000001,Иванов Иван,"г. Тест, ул. Первая, д. 1",1200.00,1000.00,2026-02-09,paper

        """)
        #expect(r.stdout.contains("1 потребитель, долг 1\u{00A0}200,00 ₽"), "\(r.stdout)")
        #expect(r.stdout.contains("долгом не выше порога: 1") && r.stdout.contains("оплатили долг полностью после 20.01.2026: 1"), "\(r.stdout)")
        let html = try s.read("out/notices/2026-01-20/1000000001.html")
        for text in ["Предупреждение (уведомление) № 1000000001/20260120 от 20.01.2026", "1\u{00A0}200,00", "не позднее 09.02.2026",
                     "100&nbsp;кВт·ч × 5,00&nbsp;руб./кВт·ч × 2 = 1\u{00A0}000,00", "октябрь 2025", "декабрь 2025",
                     "ограничена", "приостановлена", "п. 119", "ООО «Тестэнергосбыт»", "40702810000000000001"] {
            #expect(html.contains(text), "\(text)")
        }
        for other in ["1000000002", "1000000003", "1000000004"] { #expect(!s.exists("out/notices/2026-01-20/\(other).html")) }
        try expectQR(in: html, s, contains: ["Sum=120000", "PersAcc=1000000001", "PaymTerm=09.02.2026"])
    }

    @Test func aDebtNotYetDueDoesNotCount() throws {
        let s = try Self.setUp("notices-not-due")
        // On 05.01.2026 December (due 10.01) is not overdue: 800.00 ≤ 1000.00, no notice.
        try s.ok(["notices", "--as-of", "2026-01-05"])
        #expect(lines(try s.read("out/notices/2026-01-05/notices.csv")).count == 1)
        // After the last close the notice says so.
        let r = try s.ok(["notices", "--as-of", "2026-02-15"])
        #expect(r.stderr.contains("позже последнего закрытого периода: ") && r.stderr.contains("(2025-12); начисления после него ещё не выставлены"), "\(r.stderr)")
        #expect(try s.read("out/notices/2026-02-15/1000000001.html").contains("Последний закрытый расчётный период — декабрь 2025"))
    }

    @Test func badDateIsAUsageError() throws {
        let s = try Self.setUp("notices-usage")
        #expect(try s.run(["notices", "--as-of", "31.02.2026"]).status == 64)
        #expect(try s.run(["notices"]).status == 64)
    }
}

/// Decodes the inline SVG QR code of an HTML page with rsvg-convert and zbarimg.
func expectQR(in html: String, _ s: Sandbox, contains texts: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard let rsvg = Sandbox.which("rsvg-convert"), let zbar = Sandbox.which("zbarimg") else {
        Issue.record("rsvg-convert and zbarimg are required: apt-get install -y librsvg2-bin zbar-tools", sourceLocation: sourceLocation)
        return
    }
    guard let a = html.range(of: "<svg"), let b = html.range(of: "</svg>", range: a.upperBound..<html.endIndex) else {
        Issue.record("no inline SVG", sourceLocation: sourceLocation)
        return
    }
    try s.write("qr.svg", String(html[a.lowerBound..<b.upperBound]))
    try s.runProgram(rsvg, ["-w", "600", "-b", "white", "-o", s.path("qr.png"), s.path("qr.svg")])
    let r = try s.runProgram(zbar, ["--raw", "-q", s.path("qr.png")])
    #expect(r.status == 0 && r.stdout.hasPrefix("ST00012|"), "zbarimg: \(r.stderr)", sourceLocation: sourceLocation)
    for t in texts { #expect(r.stdout.contains(t), "\(t) in \(r.stdout)", sourceLocation: sourceLocation) }
}
