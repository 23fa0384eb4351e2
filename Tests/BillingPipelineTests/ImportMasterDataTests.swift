import Testing
import BillingCore
import BillingInput
@testable import BillingStore
@testable import BillingPipeline

@Suite struct ImportMasterDataTests {
    @Test func accountsValidatedAndReimportIsUnchanged() throws {
        let f = try Fixture()
        #expect(try f.count("SELECT opening_balance FROM accounts WHERE account_id = '7400000001'") == 100050)
        #expect(try f.count("SELECT residents FROM accounts WHERE account_id = '7400000002'") == 1)
        f.write("acc2.csv", """
        account_id,holder,address,region,category,delivery,email,comment
        7400000001,Иванов И.И.,"ул. Ленина, 1",TST,urban_gas,,,x
        A/../../x,Hacker,Nowhere,TST,urban_gas,,,
        7400000010,=cmd|' /C calc'!A0,Street,TST,urban_gas,,,
        7400000011,Holder,Street,XXX,urban_gas,,,
        7400000012,Holder,Street,TST,rural,,,
        7400000013,Holder,Street,TST,urban_gas,email,,
        7400000014,,Street,TST,urban_gas,,,
        """ + "\n")
        let r = try runImport(kind: .accounts, path: f.dir + "/acc2.csv", database: f.db, options: f.options)
        #expect(r.warnings.contains { $0.contains("unknown column \"comment\" ignored") })
        #expect(r.unchanged == 0 && r.updated == 1, "the first row differs (residents default) so it is an update")
        #expect(r.stored == 2 && r.rejected == 5)
        let lines = f.rejectLines(r)
        #expect(lines[0].contains("not a plain identifier"))
        #expect(lines[1].hasSuffix("unknown region \"\"XXX\"\" (import its tariffs first)\",неизвестный регион «XXX» (сначала импортируйте его тарифы)"))
        #expect(lines[2].hasSuffix("unknown category \"\"rural\"\" for region TST\",неизвестная категория «rural» для региона TST"))
        #expect(lines[3].hasSuffix("delivery by email needs an email address,для доставки по электронной почте нужен её адрес"))
        #expect(lines[4].hasSuffix("holder is empty,владелец (ФИО или наименование) не указан"))
        // a holder starting with '=' is stored as is but written to CSV with a leading quote
        #expect(try f.db.scalarText("SELECT holder FROM accounts WHERE account_id = '7400000010'") == "=cmd|' /C calc'!A0")
        let again = try runImport(kind: .accounts, path: f.dir + "/acc2.csv", database: f.db, options: f.options)
        #expect(again.stored == 0 && again.unchanged == 2 && again.rejected == 5)
        // injection guard in the rejects file: a row starting with '=' gets a leading '
        f.write("acc3.csv", "account_id,holder,address,region,category\n=1+1,h,a,TST,urban_gas\n")
        let inj = try runImport(kind: .accounts, path: f.dir + "/acc3.csv", database: f.db, options: f.options)
        #expect(f.rejectLines(inj)[0].hasPrefix("2,\"'=1+1,h,a,TST,urban_gas\",account_id,"))
    }

    @Test func regionOfAnAccountCannotChange() throws {
        let f = try Fixture()
        var other = testRegion.replacingOccurrences(of: "\"region\": \"TST\"", with: "\"region\": \"OTH\"")
        other = other.replacingOccurrences(of: "Тестовая", with: "Другая")
        f.write("tariffs/OTH.json", other)
        try runImport(kind: .tariffs, path: f.dir + "/tariffs/OTH.json", database: f.db, options: f.options)
        f.write("move.csv", "account_id,holder,address,region,category\n7400000003,Петров П.П.,ул. Мира 3,OTH,urban_gas\n")
        let r = try runImport(kind: .accounts, path: f.dir + "/move.csv", database: f.db, options: f.options)
        #expect(r.rejected == 1 && f.rejectLines(r)[0].contains("cannot move to another region"))
    }

    @Test func metersValidatedAndFrozenOnceTheyHaveReadings() throws {
        let f = try Fixture()
        f.write("m2.csv", """
        meter_id,account_id,zones,digits,installed_on,initial_t1,initial_t2
        M9,7400000099,1,5,2020-01-01,0,
        M10,7400000001,4,5,2020-01-01,0,
        M11,7400000001,1,0,2020-01-01,0,
        M12,7400000001,2,5,2020-01-01,0,
        M13,7400000001,1,5,2020-01-01,0,5
        M14,7400000001,1,5,2020-01-01,999999,
        """ + "\n")
        let r = try runImport(kind: .meters, path: f.dir + "/m2.csv", database: f.db, options: f.options)
        #expect(r.stored == 0 && r.rejected == 6)
        let reasons = f.rejectLines(r)
        #expect(reasons[0].hasSuffix("unknown account 7400000099,неизвестный лицевой счёт 7400000099"))
        #expect(reasons[1].contains("bad zones"))
        #expect(reasons[2].contains("bad digits"))
        #expect(reasons[3].contains("needs initial_t2"))
        #expect(reasons[4].contains("has no initial_t2"))
        #expect(reasons[5].hasSuffix("exceeds digit capacity (5 digits),больше разрядности счётчика (5 разрядов)"))
        // correcting a meter without readings is an update; with readings only lifecycle fields may change
        f.write("fix.csv", "meter_id,account_id,zones,digits,installed_on,initial_t1\nM1,7400000001,1,6,2020-01-01,100\n")
        #expect(try runImport(kind: .meters, path: f.dir + "/fix.csv", database: f.db, options: f.options).updated == 1)
        f.write("rd.csv", "account_id,meter_id,taken_on,received_at,source,t1\n7400000001,M1,2026-10-24,2026-10-24 10:00,lk,200\n")
        try runImport(kind: .readings, path: f.dir + "/rd.csv", database: f.db, options: f.options)
        f.write("fix2.csv", "meter_id,account_id,zones,digits,installed_on,initial_t1,removed_on\nM1,7400000001,1,6,2020-01-01,150,\nM1,7400000001,1,6,2020-01-01,100,2026-12-01\n")
        let r2 = try runImport(kind: .meters, path: f.dir + "/fix2.csv", database: f.db, options: f.options)
        #expect(r2.rejected == 1 && f.rejectLines(r2)[0].hasSuffix("meter M1 already has readings; initial_t1 cannot change (register a new meter)\","
                                                              + "\"по счётчику M1 уже есть показания; initial_t1 изменить нельзя (зарегистрируйте новый счётчик)\""))
        #expect(r2.updated == 1)
        #expect(try f.db.scalarText("SELECT removed_on FROM meters WHERE meter_id = 'M1'") == "2026-12-01")
    }

    @Test func tariffsReimportUnchangedChangedRegionReplaced() throws {
        let f = try Fixture(accounts: false)
        #expect(try f.count("SELECT count(*) FROM key_rates") == 2)
        #expect(try f.count("SELECT count(*) FROM policies") == 1)
        let again = try runImport(kind: .tariffs, path: f.dir + "/tariffs", database: f.db, options: f.options)
        #expect(again.stored == 0 && again.unchanged == 4)
        f.write("tariffs/TST.json", testRegion.replacingOccurrences(of: "\"5.27\"", with: "\"5.50\""))
        let changed = try runImport(kind: .tariffs, path: f.dir + "/tariffs", database: f.db, options: f.options)
        #expect(changed.updated == 1 && changed.warnings.contains { $0.contains("region TST replaced") })
        f.write("tariffs/TST.json", testRegion.replacingOccurrences(of: "\"night\": \"3.16\"", with: "\"night\": \"3,1,6\""))
        do {
            _ = try runImport(kind: .tariffs, path: f.dir + "/tariffs", database: f.db, options: f.options)
            Issue.record("no error")
        } catch let e as ImportError {
            #expect(e.description == f.dir + "/tariffs/TST.json: tariffs[0].rates[0].night: not a price: \"3,1,6\"")
        }
    }

    @Test func paymentsConflictAndCp1251SemicolonBankExport() throws {
        let f = try Fixture()
        // as a bank client / 1C exports it: cp1251, ';', decimal comma, DD.MM.YYYY, quoted text
        let export = "payment_id;account_id;paid_on;amount;channel;period;Плательщик\r\n"
            + "П-0001;7400000001;05.10.2026;1 234,56;Сбербанк Онлайн;10.2026;\"Иванов; И.И.\"\r\n"
            + "П-0002;7400000002;06.10.2026;-10,00;касса;;ООО\r\n"
            + "П-0003;7400000002;06.10.2026;0;касса;;ООО\r\n"
            + "П-0004;7400000005;06.10.2026;10;касса;;\r\n"
            + "П-0005;7400000002;06.10.2026;10,005;касса;;\r\n"
        f.write("bank.csv", bytes: CP1251.encode(export))
        var o = f.options; o.encoding = .cp1251
        let r = try runImport(kind: .payments, path: f.dir + "/bank.csv", database: f.db, options: o)
        #expect(r.stored == 1 && r.rejected == 4)
        #expect(r.warnings.contains { $0.contains("unknown column \"Плательщик\"") })
        let lines = f.rejectLines(r)
        #expect(lines[0].hasSuffix("amount,negative amount,отрицательная сумма"))
        #expect(lines[1].hasSuffix("amount must be more than zero,сумма должна быть больше нуля"))
        #expect(lines[2].hasSuffix("unknown account 7400000005,неизвестный лицевой счёт 7400000005"))
        #expect(lines[3].contains("at most 2 decimals"))
        #expect(try f.db.scalarText("SELECT paid_on || ' ' || amount || ' ' || channel || ' ' || period FROM payments") == "2026-10-05 123456 sberbank 2026-10")
        let again = try runImport(kind: .payments, path: f.dir + "/bank.csv", database: f.db, options: o)
        #expect(again.stored == 0 && again.unchanged == 1)
        f.write("comma.csv", "payment_id,account_id,paid_on,amount\nП-0009,7400000001,2026-10-05,1234,56\n")
        let comma = try runImport(kind: .payments, path: f.dir + "/comma.csv", database: f.db, options: f.options)
        #expect(comma.stored == 0 && f.rejectLines(comma)[0].contains("the row has 5 fields, the header has 4"))
        f.write("conflict.csv", "payment_id,account_id,paid_on,amount\nП-0001,7400000001,2026-10-05,1234.57\n")
        let c = try runImport(kind: .payments, path: f.dir + "/conflict.csv", database: f.db, options: f.options)
        #expect(c.rejected == 1 && f.rejectLines(c)[0].hasSuffix("payment_id,payment id already imported with different content,платёж с этим номером уже загружен с другими данными"))
        #expect(try f.count("SELECT amount FROM payments") == 123456)
    }
}
