import Foundation
import Testing

/// `import statement` and the unmatched payments through the binary.
@Suite(.serialized) struct BankStatementTests {
    /// The registry's transfer (417 of 06.10.2026, 1738,00 = the registry's transferred sum),
    /// a legal payment naming its account, one naming only the INN, one naming nothing known.
    static let docs = [
        BankFixtures.document("417", "06.10.2026", "1738.00", payer: "ПАО Сбербанк", inn: "7707083893",
                              purpose: "Перечисление средств по реестру за 05.10.2026", payerAccount: "30301810000000000417"),
        BankFixtures.document("55", "07.10.2026", "12000.00", payer: "ООО Уралтехсервис", inn: "7453000026",
                              purpose: "Оплата по договору, ЛС 7400000017 за сентябрь 2026, в т.ч. НДС"),
        BankFixtures.document("56", "07.10.2026", "5000.00", payer: "ООО АвтоМастер", inn: "7417379271",
                              purpose: "Оплата за электроэнергию за 09.2026"),
        BankFixtures.document("77", "08.10.2026", "333.33", payer: "ООО Неизвестный", inn: "7700000000", purpose: "Оплата за свет"),
        // Another company's account: not ours, not a payment.
        BankFixtures.document("90", "08.10.2026", "999.00", payer: "ИП Иванов", inn: "740000000001", purpose: "ЛС 7400000001",
                              to: "40702810000000000999"),
    ]
    // 1738,00 + 12000,00 + 5000,00 + 333,33 + 999,00 = 20070,33
    static let received = "20070.33"

    @Test func documentsAreMatchedByPurposeThenByINNAndTheRegistryTransferIsNotBookedTwice() throws {
        let s = try Sandbox.withBankAccounts("stmt-match")
        try s.writeData("r.txt", BankFixtures.sber())
        try s.ok(["import", "registry", "r.txt", "--bank", "sber-12"])
        try s.writeData("st.txt", BankFixtures.statement(Self.docs, received: Self.received))
        let r = try s.ok(["import", "statement", "st.txt"])
        #expect(r.stderr.contains("поступлений 4 на 19071,33"), "\(r.stderr)")
        #expect(try s.sql("SELECT group_concat(account_id || ':' || amount || ':' || coalesce(period, '-'), ' ') FROM (SELECT * FROM payments WHERE channel = 'bank_transfer' ORDER BY account_id)")
                == "7400000017:1200000:2026-09 7410000114:500000:2026-09")
        // The registry's 1738,00 reconciled it and is no payment of its own.
        #expect(try s.sql("SELECT count(*) FROM payments WHERE amount = 173800") == "0")
        #expect(try s.sql("SELECT transfer_amount FROM bank_registries") == "173800")
        #expect(try s.sql("SELECT group_concat(amount, ' ') FROM (SELECT amount FROM unmatched_payments ORDER BY amount)") == "25000 33333")
        let status = try s.ok(["status"]).stdout
        #expect(status.contains("перечисление получено") && status.contains("платежи без лицевого счёта: 2, 583,33"), "\(status)")
        // The same statement again, and one that overlaps it: nothing doubles.
        #expect(try s.ok(["import", "statement", "st.txt"]).stderr.contains("файл уже загружен"))
        try s.writeData("st2.txt", BankFixtures.statement(Array(Self.docs[0...1]), received: "13738.00"))
        try s.ok(["import", "statement", "st2.txt"])
        #expect(try s.sql("SELECT count(*) FROM payments") == "4")
        #expect(try s.sql("SELECT count(*) FROM unmatched_payments") == "2")
    }

    @Test func aStatementBeforeItsRegistryAndATransferWithAnotherAmount() throws {
        let s = try Sandbox.withBankAccounts("stmt-first")
        try s.writeData("st.txt", BankFixtures.statement([Self.docs[0]], received: "1738.00"))
        try s.ok(["import", "statement", "st.txt"])
        #expect(try s.sql("SELECT count(*) FROM unmatched_payments") == "1")
        try s.writeData("r.txt", BankFixtures.sber())
        let r = try s.ok(["import", "registry", "r.txt", "--bank", "sber-12"])
        #expect(r.stderr.contains("перечисление банка уже пришло"), "\(r.stderr)")
        // Only the registry's own unknown-account row (250,00) stays unmatched.
        #expect(try s.sql("SELECT group_concat(amount) FROM unmatched_payments") == "25000")
        // Order 418's transfer arrives 1,00 short: the registry is flagged, the money held.
        let t = try Sandbox.withBankAccounts("stmt-short")
        try t.writeData("r.txt", BankFixtures.sber())
        try t.ok(["import", "registry", "r.txt", "--bank", "sber-12"])
        try t.writeData("st.txt", BankFixtures.statement([Self.docs[0].replacingOccurrences(of: "Сумма=1738.00", with: "Сумма=1737.00")], received: "1737.00"))
        try t.ok(["import", "statement", "st.txt"])
        #expect(try t.ok(["status"]).stdout.contains("перечисление 1737,00 руб. вместо 1738,00"))
        #expect(try t.sql("SELECT count(*) FROM unmatched_payments WHERE amount = 173700") == "1")
    }

    @Test func aBrokenStatementStoresNothing() throws {
        let s = try Sandbox.withBankAccounts("stmt-broken")
        // 1000,00 + 20070,33 − 0 ≠ 21000,00
        try s.writeData("bal.txt", BankFixtures.statement(Self.docs, received: Self.received, closing: "21000.00"))
        let bal = try s.run(["import", "statement", "bal.txt"])
        #expect(bal.status == 65 && bal.stderr.contains("= 21070,33, а конечный остаток 21000,00"), "\(bal.stderr)")
        try s.writeData("cut.txt", BankFixtures.statement(Self.docs, received: Self.received, end: false))
        let cut = try s.run(["import", "statement", "cut.txt"])
        #expect(cut.status == 65 && cut.stderr.contains("КонецФайла"), "\(cut.stderr)")
        #expect(try s.sql("SELECT (SELECT count(*) FROM payments) + (SELECT count(*) FROM unmatched_payments) + (SELECT count(*) FROM bank_statements)") == "0")
        // DOS (cp866) is read as such.
        try s.writeData("dos.txt", BankFixtures.statement([Self.docs[1]], received: "12000.00", dos: true))
        try s.ok(["import", "statement", "dos.txt"])
        #expect(try s.sql("SELECT account_id FROM payments") == "7400000017")
    }

    @Test func unmatchedIsListedAssignedOnceAndBooked() throws {
        let s = try Sandbox.withBankAccounts("stmt-unmatched")
        try s.writeData("st.txt", BankFixtures.statement([Self.docs[3]], received: "333.33"))
        try s.ok(["import", "statement", "st.txt"])
        let list = try s.ok(["payments", "unmatched"])
        #expect(list.stdout.contains("невыясненных платежей: 1 на 333,33"), "\(list.stdout)")
        let csv = lines(try s.read("out/payments/unmatched.csv"))
        #expect(csv.count == 2 && csv[0] == "payment_id,source_file,paid_on,amount,payer,purpose,reason")
        let id = String(csv[1].prefix { $0 != "," })
        #expect(csv[1].contains(",st.txt,2026-10-08,333.33,ООО Неизвестный,Оплата за свет,"), "\(csv[1])")
        #expect(try s.run(["payments", "assign", "--payment", id, "--account", "7499999999"]).status == 65)
        #expect(try s.run(["payments", "assign", "--payment", "nope", "--account", "7400000001"]).status == 65)
        try s.ok(["payments", "assign", "--payment", id, "--account", "7400000001"])
        let again = try s.run(["payments", "assign", "--payment", id, "--account", "7400000002"])
        #expect(again.status == 65 && again.stderr.contains("уже отнесён на счёт 7400000001"), "\(again.stderr)")
        #expect(try s.sql("SELECT account_id || ' ' || amount || ' ' || paid_on FROM payments") == "7400000001 33333 2026-10-08")
        #expect(try s.ok(["payments", "unmatched"]).stdout.contains("невыясненных платежей: 0"))
    }
}
