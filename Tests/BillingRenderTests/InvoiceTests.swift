import Testing
import BillingCore
@testable import BillingRender

/// The УПД renderers on their own: escaping, rows of the stored lines, totals.
@Suite struct InvoiceTests {
    static func invoice(holder: String) -> InvoiceData {
        var buyer = Fixture.account(holder: holder)
        buyer.kind = .legal; buyer.inn = "7453000026"; buyer.kpp = "745301001"; buyer.contract = "Э-1"
        let lines = [
            DocumentLine(kind: .energy, meterId: "M1", zone: "", tier: 0, method: "actual", volumeKwh: 2000,
                         price: PricePer10000(50000), amount: Kopecks(1_220_000), ground: "", refPeriod: "",
                         vat: VATPart(net: Kopecks(1_000_000), ratePercentCenti: 2200, vat: Kopecks(220_000))),
            DocumentLine(kind: .penalty, meterId: "", zone: "", tier: 0, method: "", volumeKwh: 0,
                         price: PricePer10000(0), amount: Kopecks(1754), ground: "Пени", refPeriod: ""),
            DocumentLine(kind: .recalculation, meterId: "", zone: "", tier: 0, method: "", volumeKwh: 0,
                         price: PricePer10000(0), amount: Kopecks(-12_000), ground: "Перерасчёт", refPeriod: "2025-12",
                         vat: VATPart(net: Kopecks(-10_000), ratePercentCenti: 2000, vat: Kopecks(-2_000))),
        ]
        return InvoiceData(number: 7, date: CivilDate("2026-01-31")!, period: Period("2026-01")!, supplier: Fixture.supplier,
                           buyer: buyer, lines: invoiceLines(lines), fileId: "ON_NSCHFDOPPR_A_B_20260131_X_0_0_0_0_0_00",
                           senderId: "B", receiverId: "A", program: "energobill")
    }

    @Test func rowsAreTheVATLinesAndTotalsAddUp() {
        let inv = Self.invoice(holder: "ООО «Альфа»")
        #expect(inv.lines.map(\.title) == ["Электрическая энергия (ПУ № M1)", "Электрическая энергия: перерасчёт за декабрь 2025"])
        // 10 000.00 − 100.00 net, 2 200.00 − 20.00 VAT, 12 200.00 − 120.00 with VAT: the penalty is no sale.
        #expect(inv.netTotal == Kopecks(990_000) && inv.vatTotal == Kopecks(218_000) && inv.total == Kopecks(1_208_000))
        let xml = renderInvoiceXML(inv)
        #expect(xml.contains("<ВсегоОпл СтТовБезНДСВсего=\"9900.00\" СтТовУчНалВсего=\"12080.00\">"))
        #expect(xml.contains("НалСт=\"20%\" СтТовУчНал=\"-120.00\""))
        #expect(!xml.contains("КолТов=\"0\""), "a recalculation row has no quantity")
    }

    @Test func fieldsAreEscapedInXMLAndHTML() {
        let inv = Self.invoice(holder: "ООО \"Рога & Копыта\" <тест>\u{1}")
        let xml = renderInvoiceXML(inv)
        #expect(xml.contains("НаимОрг=\"ООО &quot;Рога &amp; Копыта&quot; &lt;тест&gt; \""))
        let html = String(decoding: renderInvoiceHTML(inv), as: UTF8.self)
        #expect(html.contains("ООО &quot;Рога &amp; Копыта&quot; &lt;тест&gt;") && !html.contains("<тест>"))
    }

    @Test func percentsAreWrittenWithoutLocale() {
        #expect(percentText(2200) == "22" && percentText(1050) == "10.5" && percentText(1025, separator: ",") == "10,25")
        #expect(percentText(1005) == "10.05")
    }
}
