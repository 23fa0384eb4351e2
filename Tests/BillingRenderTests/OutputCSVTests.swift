import BillingCore
import Testing
@testable import BillingRender

@Suite struct OutputCSVTests {
    func text(_ body: (inout ByteWriter) -> Void) -> String {
        var w = ByteWriter(capacity: 64)
        body(&w)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    @Test func textFieldGuardsInjectionAndQuotes() {
        #expect(csvTextField("=SUM(A1)") == "'=SUM(A1)")
        #expect(csvTextField("-5") == "'-5")
        #expect(csvTextField("a \"b\", c") == "\"a \"\"b\"\", c\"")
        #expect(csvTextField("plain") == "plain")
    }

    @Test func registryRowQuotesTheAccountId() {
        let row = RegistryCSV.Row(accountId: "A,1", method: "actual", volumeKwh: 150, charge: Kopecks(70_050),
                                  recalculation: Kopecks(-5), benefit: .zero, penalty: Kopecks(25), payments: Kopecks(60_000),
                                  balanceIn: Kopecks(100), totalDue: Kopecks(10_170), dueDate: "2026-11-15")
        #expect(text { RegistryCSV.append(row, period: "2026-10", to: &$0) }
                == "\"A,1\",2026-10,actual,150,700.50,-0.05,0.00,0.25,600.00,1.00,101.70,2026-11-15\n")
        #expect(RegistryCSV.header.hasPrefix("account_id,period,method,"))
    }

    @Test func debtorRowGuardsAFormula() {
        var ages = DebtAges()
        ages.upTo30 = Kopecks(1_000); ages.over90 = Kopecks(250); ages.oldestDaysPastDue = 95
        let row = DebtorsCSV.Row(id: "A1", holder: "=SUM(A1)", address: "ул. Ленина, 1", phone: "+79120000001", email: "",
                                 delivery: "paper", ages: ages, penalty: Kopecks(7), oldestDue: CivilDate(year: 2026, month: 7, day: 28)!)
        #expect(text { DebtorsCSV.append(row, to: &$0) }
                == "A1,'=SUM(A1),\"ул. Ленина, 1\",+79120000001,,paper,12.50,10.00,0.00,2.50,2026-07-28,95,0.07\n")
    }

    @Test func recalcNoticeInvoiceAndMailRows() {
        #expect(text { RecalcDiffCSV.append(.init(accountId: "A1", line: "energy:T1", before: Kopecks(100), after: Kopecks(40)), to: &$0) }
                == "A1,energy:T1,1.00,0.40,-0.60\n")
        #expect(text { NoticesCSV.append(.init(account: "A1", holder: "Иванов \"И\"", address: "-", debt: Kopecks(500_000),
                                               threshold: Kopecks(400_000), deadline: CivilDate(year: 2026, month: 12, day: 1)!,
                                               delivery: "email"), to: &$0) }
                == "A1,\"Иванов \"\"И\"\"\",'-,5000.00,4000.00,2026-12-01,email\n")
        #expect(text { InvoiceIndexCSV.append(.init(accountId: "L1", number: 42, date: CivilDate(year: 2026, month: 10, day: 31)!,
                                                    html: "L1.html", xml: "ON_X.xml", net: Kopecks(10_000), vat: Kopecks(2_000),
                                                    total: Kopecks(12_000)), to: &$0) }
                == "L1,42,2026-10-31,L1.html,ON_X.xml,100.00,20.00,120.00\n")
        #expect(text { MailIndexCSV.append(.init(account: "A1", email: "a@b.ru", file: "A1.eml", totalDue: Kopecks(-1)), to: &$0) }
                == "A1,a@b.ru,A1.eml,-0.01\n")
    }

    @Test func smsRowKeepsThePhoneAndCountsParts() {
        #expect(text { SMSOutboxCSV.append(.init(account: "A1", phone: "+79120000001", text: "к оплате 1,00 ₽"), to: &$0) }
                == "A1,+79120000001,\"к оплате 1,00 ₽\",1\n")
    }

    @Test func unmatchedRowEscapesAsTheImportRejectsDo() {
        let row = UnmatchedCSV.Row(id: "P1", sourceFile: "bank;1.txt", paidOn: CivilDate(year: 2026, month: 10, day: 5)!,
                                   amount: Kopecks(123_45), payer: "+79120000001", purpose: "\tоплата", reason: "нет счёта")
        // csvTextField guards a phone-like "+…" and leaves a leading TAB, unlike csvField.
        #expect(text { UnmatchedCSV.append(row, to: &$0) }
                == "P1,\"bank;1.txt\",2026-10-05,123.45,'+79120000001,\tоплата,нет счёта\n")
        #expect(csvField("+79120000001") == "+79120000001")
    }
}
