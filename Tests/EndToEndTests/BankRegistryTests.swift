import Foundation
import Testing

/// `import registry` through the binary, with figures worked by hand (BankFixtures.sber).
@Suite(.serialized) struct BankRegistryTests {
    @Test func totalsThatDisagreeStoreNothingAndPrintTheDifferences() throws {
        let s = try Sandbox.withBankAccounts("reg-totals")
        // 1750,50 + 1,00 in the totals; 3 rows declared as 4.
        try s.writeData("r.txt", BankFixtures.sber(totals: "=4;1751,50;1738,00;12,50;417;06.10.2026"))
        let r = try s.run(["import", "registry", "r.txt", "--bank", "sber-12"])
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("строк: в итогах 4, в файле 3"), "\(r.stderr)")
        #expect(r.stderr.contains("сумма операций: в итогах 1751,50, по строкам 1750,50, разница 1,00"), "\(r.stderr)")
        #expect(try s.sql("SELECT (SELECT count(*) FROM payments) + (SELECT count(*) FROM unmatched_payments) + (SELECT count(*) FROM bank_registries)") == "0")
        // No totals line at all (a file cut short), and a row after the totals line: the same refusal.
        try s.writeData("cut.txt", BankFixtures.encode(BankFixtures.sberRows.joined(separator: "\r\n") + "\r\n"))
        let cut = try s.run(["import", "registry", "cut.txt", "--bank", "sber-12"])
        #expect(cut.status == 65 && cut.stderr.contains("нет итоговой строки"), "\(cut.stderr)")
        try s.writeData("mid.txt", BankFixtures.sber([BankFixtures.sberRows[0], BankFixtures.sberTotals] + BankFixtures.sberRows.dropFirst(), totals: ""))
        let mid = try s.run(["import", "registry", "mid.txt", "--bank", "sber-12"])
        #expect(mid.status == 65 && mid.stderr.contains("после итоговой строки"), "\(mid.stderr)")
        #expect(try s.sql("SELECT count(*) FROM payments") == "0")
    }

    @Test func eachRowMustBeTransferredPlusCommissionAndTheCommissionIsKept() throws {
        let s = try Sandbox.withBankAccounts("reg-commission")
        // Row 2 says 500,50 paid but 500,00 transferred with no commission: rejected; totals still match the rows.
        var rows = BankFixtures.sberRows
        rows[1] = rows[1].replacingOccurrences(of: "500,50;500,50;0,00", with: "500,50;500,00;0,00")
        try s.writeData("r.txt", BankFixtures.sber(rows, totals: "=3;1750,50;1737,50;12,50;417;06.10.2026"))
        let r = try s.ok(["import", "registry", "r.txt", "--bank", "sber-12"])
        #expect(r.stderr.contains("3 строки прочитаны, сохранено 2, без изменений 0, отклонено 1"), "\(r.stderr)")
        let rejects = try s.read(try s.rejectsFile("r"))
        #expect(rejects.contains("2,") && rejects.contains("сумма операции 500,50 ≠ перечислено 500,00 + комиссия 0,00"), "\(rejects)")
        // The payment is what the customer paid; the bank's commission beside it.
        #expect(try s.sql("SELECT account_id || ' ' || amount || ' ' || commission || ' ' || paid_on || ' ' || period FROM payments") == "7400000001 100000 1000 2026-10-05 2026-09")
        #expect(try s.sql("SELECT amount || ' ' || commission || ' ' || reason FROM unmatched_payments") == "25000 250 лицевой счёт 7499999999 не найден")
        #expect(try s.sql("SELECT rows || ' ' || operation_sum || ' ' || transferred_sum || ' ' || commission || ' ' || order_no || ' ' || order_date FROM bank_registries")
                == "3 175050 173750 1250 417 2026-10-06")
    }

    @Test func theSameRegistryAgainRenamedOrRecutChangesNothing() throws {
        let s = try Sandbox.withBankAccounts("reg-again")
        try s.writeData("r.txt", BankFixtures.sber())
        try s.ok(["import", "registry", "r.txt", "--bank", "sber-12"])
        let before = try s.sql("SELECT group_concat(payment_id) FROM (SELECT payment_id FROM payments UNION ALL SELECT payment_id FROM unmatched_payments ORDER BY 1)")
        try s.writeData("renamed.txt", BankFixtures.sber())
        // Same bank + order no. + date with other bytes (re-exported with LF line ends).
        try s.writeData("recut.txt", BankFixtures.encode((BankFixtures.sberRows + [BankFixtures.sberTotals]).joined(separator: "\n") + "\n"))
        for f in ["r.txt", "renamed.txt", "recut.txt"] {
            let r = try s.ok(["import", "registry", f, "--bank", "sber-12"])
            #expect(r.stderr.contains("файл уже загружен, ничего не изменилось"), "\(f): \(r.stderr)")
        }
        #expect(try s.sql("SELECT group_concat(payment_id) FROM (SELECT payment_id FROM payments UNION ALL SELECT payment_id FROM unmatched_payments ORDER BY 1)") == before)
        #expect(try s.sql("SELECT count(*) || ' ' || (SELECT count(*) FROM bank_registries) FROM payments") == "2 1")
        // The ids come from the bank and the operation, not the file: a registry of another order repeating a row does not double it.
        try s.writeData("other.txt", BankFixtures.sber([BankFixtures.sberRows[0]], totals: "=1;1000,00;990,00;10,00;418;07.10.2026"))
        let o = try s.ok(["import", "registry", "other.txt", "--bank", "sber-12"])
        #expect(o.stderr.contains("1 строка прочитана, сохранено 0, без изменений 1"), "\(o.stderr)")
    }

    /// A registry larger than the payments table goes in as a bulk load (indexes rebuilt, rows
    /// written once outside the WAL); a refused one stores nothing, and the database comes
    /// back in WAL mode with its indexes either way.
    @Test func aBulkRegistryLoadsWholeOrNotAtAll() throws {
        let s = try Sandbox.withBankAccounts("reg-bulk")
        var rows: [String] = []
        var sum = 0
        for i in 0..<9_000 {
            let kop = 10_000 + i
            sum += kop
            let rub = "\(kop / 100),\(kop % 100 < 10 ? "0" : "")\(kop % 100)"
            rows.append("05.10.2026;10:00:00;8597;0001;\(300000000000 + i);\(i % 2 == 0 ? "7400000001" : "7400000002");Соколов А. П.;г. Челябинск, ул. Кирова, д. 12, кв. 34;092026;\(rub);\(rub);0,00")
        }
        let total = "\(sum / 100),\(sum % 100 < 10 ? "0" : "")\(sum % 100)"
        try s.writeData("wrong.txt", BankFixtures.sber(rows, totals: "=9000;\(total);\(total);0,01;501;06.10.2026"))
        let wrong = try s.run(["import", "registry", "wrong.txt", "--bank", "sber-12"])
        #expect(wrong.status == 65, "\(wrong.stderr)")
        #expect(try s.sql("SELECT count(*) FROM payments") == "0")
        try s.writeData("big.txt", BankFixtures.sber(rows, totals: "=9000;\(total);\(total);0,00;501;06.10.2026"))
        let r = try s.ok(["import", "registry", "big.txt", "--bank", "sber-12"])
        #expect(r.stderr.contains("сохранено 9000"), "\(r.stderr)")
        #expect(try s.sql("SELECT count(*) || ' ' || sum(amount) FROM payments") == "9000 \(sum)")
        #expect(try s.sql("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE tbl_name = 'payments' AND type = 'index' ORDER BY name)")
                == "payments_account,payments_month,sqlite_autoindex_payments_1")
        #expect(try s.sql("PRAGMA journal_mode") == "wal")
        #expect(try s.sql("PRAGMA integrity_check") == "ok")
        let again = try s.ok(["import", "registry", "big.txt", "--bank", "sber-12"])
        #expect(again.stderr.contains("файл уже загружен, ничего не изменилось"), "\(again.stderr)")
    }

    @Test func aPipeLayoutInCp866WithKopecksAndTotalsInTheHeader() throws {
        let s = try Sandbox.withBankAccounts("reg-pipe")
        // 123400 = 122166 + 1234 kopecks; 50000 = 50000 + 0. Totals: 2 rows, 1734,00, 1721,66, 12,34.
        let text = """
            #РЕЕСТР ПЛАТЕЖЕЙ
            #ИТОГО|2|000000173400|000000172166|000000001234|9001|07102026
            #ДАТА|ВРЕМЯ|ОПЕРАЦИЯ|ЛС|ФИО|ПЕРИОД|СУММА|К ПЕРЕЧИСЛЕНИЮ|КОМИССИЯ
            06102026|101500|55001|7400000001|СОКОЛОВ А П|09.2026|000000123400|000000122166|000000001234
            06102026|111500|55002|7400000002|МОРОЗОВА И В|10.2026|000000050000|000000050000|000000000000

            """
        try s.writeData("p.txt", BankFixtures.encode(text, cp866: true))
        let r = try s.ok(["import", "registry", "p.txt", "--bank", "pipe-kop"])
        #expect(r.stderr.contains("2 строки прочитаны, сохранено 2"), "\(r.stderr)")
        #expect(try s.sql("SELECT group_concat(account_id || ':' || amount || ':' || commission || ':' || period, ' ') FROM (SELECT * FROM payments ORDER BY account_id)")
                == "7400000001:123400:1234:2026-09 7400000002:50000:0:2026-10")
        #expect(try s.sql("SELECT transferred_sum || ' ' || order_no || ' ' || order_date FROM bank_registries") == "172166 9001 2026-10-07")
    }

    @Test func aSixFieldLayoutTakesTheOrderFromItsRows() throws {
        let s = try Sandbox.withBankAccounts("reg-six")
        try s.writeData("six.txt", BankFixtures.encode("A1;05.10.2026;7400000001;300,00;77;06.10.2026\r\nA2;05.10.2026;7400000002;200,00;77;06.10.2026\r\n"))
        try s.ok(["import", "registry", "six.txt", "--bank", "bank-6"])
        #expect(try s.sql("SELECT rows || ' ' || operation_sum || ' ' || transferred_sum || ' ' || order_no FROM bank_registries") == "2 50000 50000 77")
        try s.writeData("mixed.txt", BankFixtures.encode("B1;05.10.2026;7400000001;300,00;78;06.10.2026\r\nB2;05.10.2026;7400000002;200,00;79;06.10.2026\r\n"))
        let mixed = try s.run(["import", "registry", "mixed.txt", "--bank", "bank-6"])
        #expect(mixed.status == 65 && mixed.stderr.contains("одно поручение"), "\(mixed.stderr)")
    }

    @Test func anUnknownBankOrABadTemplateIsADataError() throws {
        let s = try Sandbox.withBankAccounts("reg-bad-template")
        try s.writeData("r.txt", BankFixtures.sber())
        let r = try s.run(["import", "registry", "r.txt", "--bank", "nope"])
        #expect(r.status == 65 && r.stderr.contains("sber-12"), "\(r.stderr)")
        let usage = try s.run(["import", "registry", "r.txt"])
        #expect(usage.status == 64, "\(usage.stderr)")
        let good = try String(contentsOfFile: Harness.packageRoot + "/tariffs/banks/sber-12.json", encoding: .utf8)
        try s.write("banks/sber-12.json", good.replacingOccurrences(of: "\"operation\": 10", with: "\"operation\": 13"))
        let bad = try s.run(["import", "tariffs", "banks"])
        #expect(bad.status == 65 && bad.stderr.contains("fields.operation"), "\(bad.stderr)")
        try s.write("banks/sber-12.json", good.replacingOccurrences(of: "\"identity\": [\"date\", \"branch\", \"cashier\", \"operation_id\"]", with: "\"identity\": [\"city\"]"))
        let bad2 = try s.run(["import", "tariffs", "banks/sber-12.json"])
        #expect(bad2.status == 65 && bad2.stderr.contains("identity[0]"), "\(bad2.stderr)")
    }
}
