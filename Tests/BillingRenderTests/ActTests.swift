import BillingCore
import Foundation
import Testing
import TestSupport
@testable import BillingRender

@Suite struct ActTests {
    @Test func goldenCSV() throws {
        try expectGolden("act.csv", Array(renderActCSV(Fixture.act()).utf8))
    }

    @Test func goldenHTML() throws {
        let bytes = Array(renderActHTML(Fixture.act(), amountInWords: Fixture.dummyWords).utf8)
        try dumpFixture("act.html", bytes)
        try expectGolden("act.html", bytes)
    }

    @Test func csvRunningBalanceAndEnds() {
        let lines = renderActCSV(Fixture.act()).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "date,kind,document,debit,credit,balance")
        #expect(lines[1] == "2026-07-01,opening,,,,1500.00")
        #expect(lines[2] == "2026-07-31,charge,Счёт за июль 2026,1234.56,,2734.56")
        #expect(lines[3] == "2026-08-05,payment,Платёж P-0901 (Сбербанк Онлайн),,2734.56,0.00")
        #expect(lines[5] == "2026-08-31,recalculation,Перерасчёт за июль 2026,,43.21,943.79")
        #expect(lines[8] == "2026-09-30,closing,,,,2056.63")
        #expect(lines.last == "")
        #expect(lines.count == 10)
    }

    @Test func csvBalanceGoesNegativeWhenOverpaid() {
        let a = Fixture.act(rows: [ActRow(date: Fixture.date("2026-07-10"), kind: .payment, document: "Платёж",
                                          accountId: "100234-А", amount: Kopecks(-200_000))])
        let csv = renderActCSV(a)
        #expect(csv.contains("2026-07-10,payment,Платёж,,2000.00,-500.00\n"))
        #expect(csv.hasSuffix("2026-09-30,closing,,,,-500.00\n"))
    }

    @Test func csvNeutralisesFormulaInjection() {
        let a = Fixture.act(rows: [ActRow(date: Fixture.date("2026-07-10"), kind: .charge,
                                          document: "=HYPERLINK(\"http://x\",\"y\")", accountId: "1",
                                          amount: Kopecks(100)),
                                   ActRow(date: Fixture.date("2026-07-11"), kind: .charge, document: "+1, -2",
                                          accountId: "1", amount: Kopecks(100))])
        let csv = renderActCSV(a)
        #expect(!csv.contains(",=HYPERLINK"))
        #expect(!csv.contains(",\"=HYPERLINK"))
        #expect(csv.contains("'=HYPERLINK"))
        #expect(!csv.contains(",+1"))
        #expect(!csv.contains(",\"+1"))
    }

    @Test func htmlTurnoversClosingAndSentence() {
        let h = renderActHTML(Fixture.act(), amountInWords: Fixture.dummyWords)
        #expect(h.contains("Акт сверки взаимных расчётов № 100234-А/2026-3 от 30.09.2026"))
        #expect(h.contains("за период с 01.07.2026 по 30.09.2026"))
        #expect(h.contains("Обороты за период</td><td class=\"n\">3\u{00A0}334,40</td><td class=\"n\">2\u{00A0}777,77"))
        #expect(h.contains("Сальдо на 30.09.2026"))
        #expect(h.contains("По данным ООО «Иркутскэнергосбыт» на 30.09.2026 задолженность Иванова Мария Петровна "
                           + "в пользу ООО «Иркутскэнергосбыт» составляет <b>2\u{00A0}056,63&nbsp;руб.</b> "
                           + "(Сумма прописью (2056.63))."))
        #expect(h.contains("От поставщика"))
        #expect(h.contains("От потребителя"))
        #expect(h.contains("3808166404"))
    }

    @Test func htmlOverpaidAndSettled() {
        let over = renderActHTML(Fixture.act(rows: [], opening: Kopecks(-1000)), amountInWords: Fixture.dummyWords)
        #expect(over.contains("задолженность ООО «Иркутскэнергосбыт» в пользу Иванова Мария Петровна (переплата) "
                              + "составляет <b>10,00&nbsp;руб.</b>"))
        let zero = renderActHTML(Fixture.act(rows: [], opening: .zero), amountInWords: Fixture.dummyWords)
        #expect(zero.contains("на 30.09.2026 задолженность отсутствует."))
    }

    @Test func htmlLegalEntityWithSeveralAccounts() {
        var a = Fixture.act(holder: "ООО \"Ромашка\" <b>")
        a.accounts[0].kind = .legal; a.accounts[0].inn = "3801234567"; a.accounts[0].kpp = "380101001"
        var second = a.accounts[0]; second.id = "100999"
        a.accounts.append(second)
        let h = renderActHTML(a)
        #expect(h.contains("ИНН 3801234567, КПП 380101001"))
        #expect(h.contains("Лицевые счета: 100234-А, 100999"))
        #expect(h.contains("<th>Л/с</th>"))
        #expect(!h.contains("<b>\""))
        #expect(!h.contains("Ромашка\" <b>"))
        #expect(h.components(separatedBy: "М.П.").count == 3)
    }

    @Test func capitalisesTheFirstLetter() {
        #expect(capitalisedFirst("одна тысяча") == "Одна тысяча")
        #expect(capitalisedFirst("") == "")
    }

    @Test func deterministic() {
        #expect(renderActHTML(Fixture.act()) == renderActHTML(Fixture.act()))
        #expect(renderActCSV(Fixture.act()) == renderActCSV(Fixture.act()))
    }
}

@Suite struct ByteFormatTests {
    func s(_ f: (inout [UInt8]) -> Void) -> String { var b: [UInt8] = []; f(&b); return String(decoding: b, as: UTF8.self) }

    @Test func moneyAgreesWithTheCore() {
        var values: [Int64] = [0, 1, 9, 10, 99, 100, 101, 999_99, 1000_00, 1234_56, 100_000_00, 1_234_567_89,
                               Int64.max, Int64.min + 1]
        var x: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<2000 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; values.append(Int64(bitPattern: x) >> Int64(x % 60)) }
        for v in values + values.map({ -$0 }) {
            let k = Kopecks(v)
            #expect(s { $0.rublesPrinted(k) } == k.groupedRubles())
            #expect(s { $0.rublesPlain(k) } == k.rublesString())
            let p = PricePer10000(v)
            #expect(s { $0.pricePrinted(p) } == p.printed)
            #expect(s { $0.price4(p) } == p.description)
            #expect(s { $0.int(v) } == String(v))
        }
    }

    @Test func datesAgreeWithTheCore() {
        for n in stride(from: -719_000, to: 2_900_000, by: 997) {
            let d = CivilDate(dayNumber: n)
            #expect(s { $0.dateRu(d) } == d.russian)
            #expect(s { $0.dateISO(d) } == d.iso)
            #expect(s { $0.periodISO(d.period) } == d.period.description)
        }
    }
}
