import BillingCore
import Foundation
import Testing
import TestSupport
@testable import BillingRender

@Suite struct PaymentDocumentHTMLTests {
    func html(_ d: DocumentData = Fixture.document()) -> String {
        String(decoding: Fixture.documentHTML(d), as: UTF8.self)
    }

    @Test func golden() throws {
        let bytes = Fixture.documentHTML()
        try dumpFixture("document.html", bytes)
        try expectGolden("document.html", bytes)
    }

    @Test func showsEverythingTheDocumentMustShow() {
        let h = html()
        for s in ["<!DOCTYPE html>", "@page{size:A4;margin:10mm}", "lang=\"ru\"",
                  "ООО «Иркутскэнергосбыт»", "3808166404", "380801001", "40702810918350100123",
                  "Байкальский банк ПАО Сбербанк", "042520607", "30101810900000000607", "Образец реквизитов",
                  "Иванова Мария Петровна", "г. Иркутск, ул. Байкальская, д. 105А, кв. 17", "100234-А",
                  "3 чел.", "54,30 м²", "октябрь 2026", "011234567", "022345678", "033456789",
                  "по показаниям", "контрольное показание", "по среднемесячному объёму (п. 59 ПП РФ №354)",
                  "Т1 (пик)", "Т2 (ночь)", "Т3 (полупик)", ", ст. 2", "2,344", "4,146",
                  "Перерасчёт среднего по фактическим показаниям — за август 2026",
                  "Льгота многодетной семье", "Задолженность на начало периода", "1\u{00A0}500,00",
                  "05.10.2026", "20.10.2026", "Сбербанк Онлайн", "Пени за период",
                  "с начала просрочки начислено 58,90", "Оплатить до 15.11.2026", Fixture.dummyQR, Fixture.dummyChart] {
            #expect(h.contains(s), "missing: \(s)")
        }
        #expect(h.contains("поверка до 30.06.2031"))
        #expect(h.contains("личный кабинет, снято 23.10.2026"))
    }

    /// ПП354 п.69 beside the figures: tariff group, where and when to submit readings,
    /// the document's date, a lapsed verification, the norm used; a legal entity's wording.
    @Test func explainsTheWindowTheNormAndALapsedVerification() {
        var d = Fixture.document()
        d.context.categoryTitle = "Город, газовые плиты"
        d.context.windowFirstDay = 23; d.context.windowLastDay = 25
        d.context.normMilliKwhPerPerson = 87_500; d.context.normRooms = 2; d.context.normResidents = 3
        d.context.penaltyInBalance = Kopecks(4_210)
        d.method = "norm"
        d.meters[0].method = "norm"
        d.meters[0].nextVerificationOn = CivilDate(year: 2026, month: 9, day: 30)
        var out: [UInt8] = []
        renderDocumentHTML(d, qrSVG: Fixture.dummyQR, into: &out)
        let h = String(decoding: out, as: UTF8.self)
        for s in ["<dt>Тарифная группа</dt><dd>Город, газовые плиты</dd>",
                  "Показания за ноябрь 2026</b> передайте с 23 по 25 число",
                  "Срок поверки счётчика истёк 30.09.2026", "поверка истекла 30.09.2026",
                  "Объём по нормативу</b>: 87,5 кВт·ч на человека в месяц (комнат 2, проживает 3 чел.)",
                  "Документ сформирован 01.11.2026", "Пени — ч. 14 ст. 155 ЖК РФ",
                  "в т.ч. за электроэнергию 1\u{00A0}457,90, пени 42,10"] {
            #expect(h.contains(s), "missing: \(s)")
        }
        d.account.kind = .legal
        out = []
        renderDocumentHTML(d, qrSVG: Fixture.dummyQR, into: &out)
        let legal = String(decoding: out, as: UTF8.self)
        #expect(legal.contains("<dt>Наименование</dt>") && !legal.contains("<dt>ФИО</dt>"))
        #expect(!legal.contains("Проживает"))
        #expect(legal.contains("ч. 2 ст. 37 Федерального закона № 35-ФЗ") && !legal.contains("ЖК РФ"))
    }

    @Test func selfContained() {
        var out: [UInt8] = []
        renderDocumentHTML(Fixture.document(), qrSVG: Fixture.dummyQR, into: &out)
        let h = String(decoding: out, as: UTF8.self)
        for s in ["<link", "<script", "src=", "url(", "@import", "href="] { #expect(!h.contains(s), "found \(s)") }
    }

    @Test func normMethodIsExplained() {
        var d = Fixture.document()
        d.meters[1].method = "norm"
        #expect(html(d).contains("по нормативу (п. 60 ПП РФ №354)"))
    }

    @Test func totalDueMatchesTheSettlement() {
        let d = Fixture.document()
        var due: [UInt8] = []
        due.rublesPrinted(d.totalDue)
        let h = html(d)
        #expect(d.totalDue.value > 0)
        #expect(h.contains("Итого к оплате</td><td class=\"n\">" + String(decoding: due, as: UTF8.self)))
    }

    @Test func overpaidDocumentAsksForZero() {
        let d = Fixture.document(balanceIn: Kopecks(-2_000_000))
        #expect(d.totalDue.value < 0)
        let h = html(d)
        #expect(h.contains("0,00&nbsp;₽"))
        #expect(h.contains("переплата "))
        #expect(h.contains("Переплата на начало периода"))
        // Nothing to pay: Sum is left out so the payer types an amount (GOST R 56042 allows it).
        #expect(documentQRPayload(d).sum == nil)
        #expect(!documentQRPayload(d).text.contains("|Sum="))
    }

    @Test func everyTextFieldIsEscaped() {
        let evil = "<script>&\"'"
        var d = Fixture.document(holder: evil)
        d.account.address = evil; d.account.id = evil; d.regionTitle = evil
        d.supplier.name = evil; d.supplier.bank = evil
        d.meters[0].meterId = evil; d.meters[0].readingSource = evil
        d.lines[0].ground = evil; d.lines[10].refPeriod = evil
        d.payments[0].channel = evil
        let h = html(d)
        #expect(!h.contains("<script"))
        #expect(!h.contains("&\""))
        #expect(h.contains("&lt;script&gt;&amp;"))
        var head: [UInt8] = []
        head.raw(documentPageHead(title: evil))
        #expect(!String(decoding: head, as: UTF8.self).contains("<script"))
    }

    @Test func renderingTwiceGivesTheSameBytes() {
        let d = Fixture.document()
        var a: [UInt8] = [], b: [UInt8] = []
        renderDocumentHTML(d, qrSVG: Fixture.dummyQR, into: &a)
        renderDocumentHTML(d, qrSVG: Fixture.dummyQR, into: &b)
        #expect(a == b)
        #expect(a.starts(with: Array("<!DOCTYPE html>".utf8)))
    }

    @Test func bundleHasOneHeadAndAPageBreakBetweenDocuments() throws {
        let d = Fixture.document()
        var out: [UInt8] = []
        renderBundleHTML([(d, Fixture.dummyQR), (d, Fixture.dummyQR), (d, Fixture.dummyQR)], title: "bundle-0001",
                         into: &out)
        try dumpFixture("bundle.html", out)
        let h = String(decoding: out, as: UTF8.self)
        #expect(h.components(separatedBy: "<div class=\"page\">").count == 4)
        #expect(h.components(separatedBy: "<style>").count == 2)
        #expect(h.components(separatedBy: "<head>").count == 2)
        #expect(h.contains(".page{width:190mm;break-after:page"))
        #expect(h.contains(".page:last-child{break-after:auto"))
        #expect(h.hasSuffix("</body>\n</html>\n"))
    }

    @Test func appendsWithoutTouchingWhatIsAlreadyInTheBuffer() {
        var out: [UInt8] = Array("prefix".utf8)
        renderDocumentHTML(Fixture.document(), qrSVG: "", into: &out)
        #expect(out.starts(with: Array("prefix<!DOCTYPE".utf8)))
    }
}

@Suite struct DocumentQRPayloadTests {
    @Test func carriesTheGOSTFields() {
        let d = Fixture.document()
        let q = documentQRPayload(d)
        #expect(q.name == "ООО «Иркутскэнергосбыт»")
        #expect(q.personalAcc == "40702810918350100123")
        #expect(q.bic == "042520607")
        #expect(q.correspAcc == "30101810900000000607")
        #expect(q.payeeINN == "3808166404")
        #expect(q.kpp == "380801001")
        #expect(q.persAcc == "100234-А")
        #expect(q.lastName == "Иванова" && q.firstName == "Мария" && q.middleName == "Петровна")
        #expect(q.text.contains("|LastName=Иванова|FirstName=Мария|MiddleName=Петровна|"))
        #expect(q.addAmount == nil && !q.text.contains("AddAmount"), "Sum already holds the penalty")
        #expect(q.payerAddress == d.account.address)
        #expect(q.paymPeriod == d.period)
        #expect(q.text.contains("|PaymPeriod=102026|"))
        #expect(q.purpose == "Оплата электроэнергии за 10.2026, л/с 100234-А")
        #expect(q.techCode == "02")
        #expect(q.sum == d.totalDue)
        #expect(q.counterId == nil)  // several meters: no single counter
    }

    @Test func singleMeterGivesCounter() {
        var d = Fixture.document()
        d.meters = [d.meters[0]]
        let q = documentQRPayload(d)
        #expect(q.counterId == "011234567")
        #expect(q.counterVal == "12150/5090/8120")
    }
}
