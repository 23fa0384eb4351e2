import Foundation
import Testing

/// VAT, the УПД and acts of legal entities through the built binary, figures worked by hand.
///
/// Region TST: due day 10 (legal entities: the 18th, ПП442 п.82); household `urban_gas` at 5.00 ₽/kWh (VAT included); `legal`
/// priced without VAT at 5.00 ₽/kWh (versions from 2020 and from 2026); key rate 9.50%,
/// legal penalty 1/130 from day 1. VAT 20% to 31.12.2025, 22% from 01.01.2026.
/// - 1000000001 household: 100 kWh in December 2025 = 500.00, no VAT.
/// - 2000000001 ООО «Альфа» (INN 7453000026, EDO id, contract Э-17/2024 of 15.01.2024):
///   2 000 kWh in December 2025 and in January 2026; pays 12 000.00 on 20.01.2026.
/// - 2000000002 ООО «Альфа», a second site of the same INN, no EDO id: 100 kWh in
///   December, 200 kWh in January; pays nothing.
@Suite(.serialized) struct LegalEntityVATEndToEndTests {
    static func region(legal2020: String) -> String {
        """
        {"region":"TST","title":"Test region","utc_offset":"+05:00",
         "supplier":{"name":"ООО «Тестэнергосбыт»","inn":"7453320202","kpp":"745301001","account":"40702810000000000001",
                     "bank":"Тестбанк","bic":"047501602","corr_account":"30101810000000000602",
                     "address":"454091, г. Тест, ул. Энергетиков, д. 1"},
         "reading_window":[{"from":"2020-01-01","first_day":23,"last_day":25}],
         "due_day":[{"from":"2020-01-01","day":10}],
         "estimation":{"average_periods":6,"average_min_periods":3,"average_max_periods":6,"norm_coefficient":"1","max_monthly_kwh":10000},
         "categories":{"urban_gas":{"title":"Город, газовые плиты","stove":"gas","rural":false},
                       "legal":{"title":"Прочие потребители","stove":"electric","rural":false,"vat":"excluded"}},
         "norms":{"gas":{"1":["100","100","100","100","100"],"2":["100","100","100","100","100"],
                         "3":["100","100","100","100","100"],"4":["100","100","100","100","100"]},
                  "electric":{"1":["100","100","100","100","100"],"2":["100","100","100","100","100"],
                              "3":["100","100","100","100","100"],"4":["100","100","100","100","100"]}},
         "tariffs":[{"category":"urban_gas","from":"2020-01-01",
                     "rates":[{"single":"5.00","day":"5.00","night":"5.00","peak":"5.00","semi":"5.00","night3":"5.00"}]},
                    {"category":"legal","from":"2020-01-01",
                     "rates":[{"single":"\(legal2020)","day":"\(legal2020)","night":"\(legal2020)","peak":"\(legal2020)","semi":"\(legal2020)","night3":"\(legal2020)"}]},
                    {"category":"legal","from":"2026-01-01",
                     "rates":[{"single":"5.00","day":"5.00","night":"5.00","peak":"5.00","semi":"5.00","night3":"5.00"}]}]}
        """
    }

    static func setUp(_ name: String) throws -> Sandbox {
        let s = try Sandbox(name)
        try s.write("tariffs/TST.json", region(legal2020: "5.00"))
        try s.write("tariffs/key-rate.csv", "from,percent\n2020-01-01,9.50\n")
        try s.write("tariffs/vat.csv", "from,percent\n2019-01-01,20\n2026-01-01,22\n")
        try s.write("tariffs/penalty.json", AnalystCommandsTests.penalty)
        try s.write("corrected/TST.json", region(legal2020: "5.50"))
        try s.write("accounts.csv", """
        account_id,holder,address,region,category,kind,inn,kpp,residents,rooms,delivery,opened_on,contract,contract_date,edo_id
        1000000001,Иванов Иван,"г. Тест, ул. Первая, д. 1",TST,urban_gas,person,,,1,1,paper,2020-01-01,,,
        2000000001,ООО «Альфа»,"г. Тест, ул. Заводская, д. 5",TST,legal,legal,7453000026,745301001,,,paper,2020-01-01,Э-17/2024,2024-01-15,2BM-7453000026-745301001-0001
        2000000002,ООО «Альфа»,"г. Тест, ул. Складская, д. 9",TST,legal,legal,7453000026,745301001,,,paper,2020-01-01,Э-18/2024,2024-02-01,

        """)
        try s.write("meters.csv", """
        meter_id,account_id,zones,digits,installed_on,initial_t1
        M1,1000000001,1,6,2020-01-01,1000
        L1,2000000001,1,6,2020-01-01,0
        L2,2000000002,1,6,2020-01-01,0

        """)
        try s.write("readings.csv", """
        account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction
        1000000001,M1,2025-12-24,2025-12-24 12:00:00,lk,1100,,,0
        2000000001,L1,2025-12-24,2025-12-24 12:00:00,lk,2000,,,0
        2000000002,L2,2025-12-24,2025-12-24 12:00:00,lk,100,,,0
        1000000001,M1,2026-01-24,2026-01-24 12:00:00,lk,1200,,,0
        2000000001,L1,2026-01-24,2026-01-24 12:00:00,lk,4000,,,0
        2000000002,L2,2026-01-24,2026-01-24 12:00:00,lk,300,,,0

        """)
        try s.write("payments.csv", "payment_id,account_id,paid_on,amount,channel,period\nP1,2000000001,2026-01-20,12000.00,bank,\n")
        try s.ok(["import", "tariffs", s.path("tariffs")])
        for k in ["accounts", "meters", "readings", "payments"] { try s.ok(["import", k, s.path("\(k).csv")]) }
        return s
    }

    /// December 2025 at 20%, a price correction of December posted in January 2026
    /// (still 20%), January's own energy at 22%.
    static func closeBoth(_ name: String) throws -> Sandbox {
        let s = try setUp(name)
        try s.ok(["close", "--period", "2025-12", "--go-live"])
        try s.ok(["import", "tariffs", s.path("corrected/TST.json")])
        // December repriced at 5.50: 2 000 kWh = 11 000.00 + 20% = 13 200.00, Δ 1 200.00;
        // 100 kWh = 550.00 + 110.00 = 660.00, Δ 60.00.
        try s.ok(["recalc", "--period", "2025-12", "--post", "--ground", "Исправление цены декабря 2025"])
        try s.ok(["close", "--period", "2026-01"])
        return s
    }

    func row(_ s: Sandbox, _ period: String, _ account: String) throws -> [String] {
        let line = lines(try s.read("out/\(period)/registry.csv")).first { $0.hasPrefix(account + ",") } ?? ""
        return line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func registryLedgerAndDocumentsCarryVAT() throws {
        let s = try Self.closeBoth("vat-close")
        // December: 2 000 kWh × 5.00 = 10 000.00 + 20% 2 000.00 = 12 000.00; 100 kWh → 600.00.
        #expect(try row(s, "2025-12", "2000000001")[4] == "12000.00")
        #expect(try row(s, "2025-12", "2000000002")[4] == "600.00")
        #expect(try row(s, "2025-12", "1000000001")[4] == "500.00")
        // January, 2000000001: energy 10 000.00 + 22% 2 200.00 = 12 200.00; the posted December
        // recalculation 1 200.00 holds 20% (200.00); penalty on December's 12 000.00 due 18.01,
        // paid 20.01: 2 days × 1/130 × 9.5% = 17.5384… → 17.54, no VAT;
        // total 12 000.00 + 12 200.00 + 1 200.00 + 17.54 − 12 000.00 = 13 417.54, due 18.02.2026.
        #expect(try row(s, "2026-01", "2000000001")
                == ["2000000001", "2026-01", "actual", "2000", "12200.00", "1200.00", "0.00", "17.54", "12000.00",
                    "12000.00", "13417.54", "2026-02-18"])
        #expect(try row(s, "2026-01", "1000000001")[11] == "2026-02-10")
        // 2000000002: 200 kWh = 1 000.00 + 220.00 = 1 220.00; recalculation 60.00 (VAT 10.00);
        // December's 600.00 unpaid 19.01–31.01 = 13 days × 1/130 × 9.5% = 5.70.
        #expect(try row(s, "2026-01", "2000000002")[4...7] == ["1220.00", "60.00", "0.00", "5.70"])
        let json = try s.read("out/2026-01/documents/2000000001.json")
        #expect(json.contains("\"amount\": \"12200.00\",\n      \"net\": \"10000.00\",\n      \"vat_rate\": \"22\",\n      \"vat\": \"2200.00\""), "\(json)")
        #expect(json.contains("\"amount\": \"1200.00\",\n      \"net\": \"1000.00\",\n      \"vat_rate\": \"20\",\n      \"vat\": \"200.00\""), "\(json)")
        #expect(!(try s.read("out/2026-01/documents/1000000001.json")).contains("vat"))
        #expect(try s.read("out/2026-01/summary.json").contains("\"passed\": true"))
        let doc = try s.read("out/2026-01/documents/2000000001.html")
        #expect(doc.contains("в т.ч. НДС") && doc.contains("Договор") && !doc.contains("Проживает"))
    }

    @Test func invoicesAreNumberedWrittenAndReproducible() throws {
        let s = try Self.closeBoth("vat-invoices")
        #expect(!s.exists("out/2026-01/invoices/1000000001.html"), "no invoice for a household")
        let dec = lines(try s.read("out/2025-12/invoices/index.csv"))
        #expect(dec.first == "account_id,number,date,html,xml,net,vat,total")
        #expect(dec.dropFirst().map { $0.split(separator: ",").map(String.init)[0..<3] }
                == [["2000000001", "1", "2025-12-31"], ["2000000002", "2", "2025-12-31"]])
        let jan = lines(try s.read("out/2026-01/invoices/index.csv")).dropFirst().map { $0.split(separator: ",").map(String.init) }
        // Numbers start again in 2026; totals: 10 000.00 + 1 000.00 net, 2 200.00 + 200.00 VAT, 13 400.00;
        // the second site 1 000.00 + 50.00 net, 220.00 + 10.00 VAT, 1 280.00.
        #expect(jan.map { [$0[0], $0[1], $0[5], $0[6], $0[7]] }
                == [["2000000001", "1", "11000.00", "2400.00", "13400.00"], ["2000000002", "2", "1050.00", "230.00", "1280.00"]])
        let xmlName = jan[0][4]
        #expect(xmlName.hasPrefix("ON_NSCHFDOPPR_2BM-7453000026-745301001-0001_7453320202_745301001_20260131_") && xmlName.hasSuffix("_0_0_0_0_0_00.xml"))
        #expect(jan[1][4].hasPrefix("ON_NSCHFDOPPR_7453000026_745301001_7453320202_745301001_20260131_"))
        // The invoice totals equal the ledger: January's charge + recalculation of 2000000001.
        let r = try row(s, "2026-01", "2000000001")
        #expect(r[4] == "12200.00" && r[5] == "1200.00" && jan[0][7] == "13400.00")
        let html = try s.read("out/2026-01/invoices/2000000001.html")
        for field in ["Счёт-фактура № 1 от 31.01.2026", "Статус", "ООО «Тестэнергосбыт»", "454091, г. Тест, ул. Энергетиков, д. 1",
                      "7453320202/745301001", "7453000026/745301001", "Российский рубль, 643", "Электрическая энергия",
                      "кВт·ч", "245", "без акциза", "22%", "20%", "10\u{00A0}000,00", "2\u{00A0}200,00", "13\u{00A0}400,00",
                      "Договор энергоснабжения № Э-17/2024 от 15.01.2024", "ООО «Альфа»"] {
            #expect(html.contains(field), "УПД lacks \(field)")
        }
        let xml = try s.bytes("out/2026-01/invoices/" + xmlName)
        #expect(xml.starts(with: Array("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n".utf8)))
        // "<Файл" in windows-1251 bytes, not UTF-8.
        #expect(xml.dropFirst(46).starts(with: [0x3C, 0xD4, 0xE0, 0xE9, 0xEB]))
        // Re-running the closed period writes the same invoice bytes and numbers.
        let before = try FileManager.default.contentsOfDirectory(atPath: s.path("out/2026-01/invoices")).sorted()
        let bytes = try before.map { try s.bytes("out/2026-01/invoices/" + $0) }
        try s.ok(["close", "--period", "2026-01"])
        let after = try FileManager.default.contentsOfDirectory(atPath: s.path("out/2026-01/invoices")).sorted()
        #expect(after == before)
        #expect(try after.map { try s.bytes("out/2026-01/invoices/" + $0) } == bytes)
    }

    /// ПП442 п.82: with January's close, 2000000001 gets the invoice for February's advances:
    /// January's 2 000 kWh at February's 5.00 = 10 000.00 + 22% = 12 200.00; 30% = 3 660.00 by
    /// 10.02.2026 (VAT within 660.00), 40% = 4 880.00 by 25.02.2026 (VAT 880.00); 8 540.00 in all,
    /// VAT 1 540.00; the final settlement of February by 18.03.2026.
    @Test func theAdvanceInvoiceOfTheNextMonth() throws {
        let s = try Self.closeBoth("vat-advance")
        let html = try s.read("out/2026-01/invoices/2000000001-advance.html")
        for text in ["Счёт на оплату № А-2000000001-2026-02 от 31.01.2026", "до 10.02.2026", "3\u{00A0}660,00", "660,00",
                     "до 25.02.2026", "4\u{00A0}880,00", "880,00", "8\u{00A0}540,00", "1\u{00A0}540,00",
                     "12\u{00A0}200,00", "18.03.2026", "<svg", "Договор".lowercased()] {
            #expect(html.contains(text), "advance invoice lacks \(text)")
        }
        #expect(!s.exists("out/2026-01/invoices/1000000001-advance.html"))
    }

    @Test func theXMLIsWellFormedAndReadsBack() throws {
        let s = try Self.closeBoth("vat-xml")
        let jan = lines(try s.read("out/2026-01/invoices/index.csv")).dropFirst().map { $0.split(separator: ",").map(String.init) }
        let path = s.path("out/2026-01/invoices/" + jan[0][4])
        if let xmllint = Sandbox.which("xmllint") {
            let r = try s.runProgram(xmllint, ["--noout", path])
            #expect(r.status == 0, "xmllint: \(r.stderr)")
        } else {
            Issue.record("xmllint is not installed (scripts/test installs libxml2-utils)")
        }
        guard let python = Sandbox.which("python3") else { Issue.record("python3 is not installed"); return }
        try s.write("read.py", """
        import sys, xml.etree.ElementTree as ET
        text = open(sys.argv[1], 'rb').read().decode('windows-1251')
        root = ET.fromstring(text.split('?>', 1)[1])
        doc = root.find('Документ'); inv = doc.find('СвСчФакт'); tab = doc.find('ТаблСчФакт'); tot = tab.find('ВсегоОпл')
        out = [root.tag, root.get('ИдФайл'), root.get('ВерсФорм'), root.find('СвУчДокОбор').get('ИдОтпр'),
               root.find('СвУчДокОбор').get('ИдПол'), doc.get('КНД'), doc.get('Функция'), inv.get('НомерДок'), inv.get('ДатаДок'),
               inv.find('СвПрод/ИдСв/СвЮЛУч').get('ИННЮЛ'), inv.find('СвПрод/Адрес/АдрИнф').get('КодСтр'),
               inv.find('СвПокуп/ИдСв/СвЮЛУч').get('НаимОрг'), inv.find('СвПокуп/ИдСв/СвЮЛУч').get('КПП'),
               inv.find('ДенИзм').get('КодОКВ')]
        for t in tab.findall('СведТов'):
            out += [t.get('НомСтр'), t.get('НаимТов'), t.get('ОКЕИ_Тов'), t.get('КолТов') or '-', t.get('ЦенаТов') or '-',
                    t.get('СтТовБезНДС'), t.get('НалСт'), t.get('СтТовУчНал'), t.find('Акциз/БезАкциз').text, t.find('СумНал/СумНал').text]
        out += [tot.get('СтТовБезНДСВсего'), tot.get('СтТовУчНалВсего'), tot.find('СумНалВсего/СумНал').text]
        osn = doc.find('СвПродПер/СвПер/ОснПер')
        out += [osn.get('РеквНомерДок'), osn.get('РеквДатаДок'), doc.find('Подписант') is not None and 'Подписант']
        print('|'.join(out))
        """)
        let r = try s.runProgram(python, [s.path("read.py"), path])
        #expect(r.status == 0, "\(r.stderr)")
        let fields = r.stdout.trimmingCharacters(in: .newlines).split(separator: "|").map(String.init)
        #expect(fields == ["Файл", String(jan[0][4].dropLast(4)), "5.03", "7453320202_745301001", "2BM-7453000026-745301001-0001",
                           "1115131", "СЧФДОП", "1", "31.01.2026", "7453320202", "643", "ООО «Альфа»", "745301001", "643",
                           "1", "Электрическая энергия (ПУ № L1)", "245", "2000", "5.0000", "10000.00", "22%", "12200.00",
                           "без акциза", "2200.00",
                           "2", "Электрическая энергия: перерасчёт за декабрь 2025", "245", "-", "-", "1000.00", "20%", "1200.00",
                           "без акциза", "200.00",
                           "11000.00", "13400.00", "2400.00", "Э-17/2024", "15.01.2024", "Подписант"], "\(fields)")
    }

    @Test func actsOfALegalEntityStateTheVAT() throws {
        let s = try Self.closeBoth("vat-act")
        try s.ok(["act", "--inn", "7453000026", "--from", "2026-01-01", "--to", "2026-01-31"])
        let html = try s.read("out/acts/7453000026_2026-01-01_2026-01-31.html")
        // Both sites: 12 200.00 + 1 200.00 + 1 220.00 + 60.00 = 14 680.00, VAT 2 200 + 200 + 220 + 10 = 2 630.00.
        #expect(html.contains("2000000001, 2000000002"))
        #expect(html.contains("14\u{00A0}680,00&nbsp;руб., в т.ч. НДС 2\u{00A0}630,00&nbsp;руб."), "\(html)")
        try s.ok(["act", "--account", "1000000001", "--from", "2026-01-01", "--to", "2026-01-31"])
        #expect(!(try s.read("out/acts/1000000001_2026-01-01_2026-01-31.html")).contains("НДС"))
    }

    /// A VAT-excluded category in use with no VAT rates stored: the close refuses (exit 65),
    /// names what to import and stores nothing.
    @Test func aCloseWithoutVATRatesIsRefused() throws {
        let s = try Sandbox("vat-missing")
        try s.write("tariffs/TST.json", Self.region(legal2020: "5.00"))
        try s.write("tariffs/key-rate.csv", "from,percent\n2020-01-01,9.50\n")
        try s.write("tariffs/penalty.json", AnalystCommandsTests.penalty)
        try s.write("accounts.csv", """
        account_id,holder,address,region,category,kind,inn,kpp,opened_on
        2000000001,ООО «Альфа»,"г. Тест, ул. Заводская, д. 5",TST,legal,legal,7453000026,745301001,2020-01-01

        """)
        try s.ok(["import", "tariffs", s.path("tariffs")])
        try s.ok(["import", "accounts", s.path("accounts.csv")])
        let r = try s.run(["close", "--period", "2026-01", "--go-live"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("НДС") && r.stderr.contains("vat.csv"), "\(r.stderr)")
        #expect(!s.exists("out/2026-01/registry.csv"))
    }

    @Test func aBadVATRowStopsTheImport() throws {
        let s = try Sandbox("vat-bad")
        try s.write("vat.csv", "from,percent\n2019-01-01,20\n2026-01-01,2x\n")
        let r = try s.run(["import", "tariffs", s.path("vat.csv")])
        #expect(r.status == 65)
        #expect(r.stderr.contains("vat.csv") && r.stderr.contains("3") && r.stderr.contains("percent"), "\(r.stderr)")
    }
}
