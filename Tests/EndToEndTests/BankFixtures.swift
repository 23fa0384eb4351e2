import Foundation
import Testing

/// Fixtures of money from banks: registries and 1C statements in the code pages banks
/// use, written by hand so every figure in the tests can be checked on paper.
enum BankFixtures {
    /// UTF-8 → cp1251 / cp866 for the Cyrillic letters, Ё/ё and №; other non-ASCII becomes '?'.
    static func encode(_ text: String, cp866: Bool = false) -> Data {
        var out: [UInt8] = []
        for s in text.unicodeScalars {
            let v = s.value
            switch v {
            case 0..<0x80: out.append(UInt8(v))
            case 0x410...0x44F:
                let i = Int(v - 0x410)
                if !cp866 { out.append(UInt8(0xC0 + i)) } else { out.append(UInt8(i < 48 ? 0x80 + i : 0xE0 + (i - 48))) }
            case 0x401: out.append(cp866 ? 0xF0 : 0xA8)
            case 0x451: out.append(cp866 ? 0xF1 : 0xB8)
            case 0x2116: out.append(cp866 ? 0xFC : 0xB9)
            case 0xAB, 0xBB: out.append(cp866 ? UInt8(ascii: "\"") : (v == 0xAB ? 0xAB : 0xBB))
            default: out.append(UInt8(ascii: "?"))
            }
        }
        return Data(out)
    }

    static let accountsCSV = """
        account_id,holder,address,region,category,kind,inn,kpp
        7400000001,Соколов Андрей Петрович,"г. Челябинск, ул. Кирова, д. 12, кв. 34",CHE,urban_gas,person,,
        7400000002,Морозова Ирина Викторовна,"г. Челябинск, пр. Победы, д. 101, кв. 7",CHE,urban_electric,person,,
        7400000017,ООО «Уралтехсервис»,"г. Челябинск, ул. Труда, д. 166",CHE,legal,legal,7453000026,745301001
        7410000114,ООО «АвтоМастер»,"г. Челябинск, ул. Набережная, д. 38",CHE,legal,legal,7417379271,745301001

        """

    /// sber-12: 1000,00 = 990,00 + 10,00; 500,50 = 500,50 + 0; 250,00 = 247,50 + 2,50 (unknown account).
    /// Totals: 3 rows, 1750,50, 1738,00, 12,50, order 417 of 06.10.2026.
    static let sberRows = [
        "05.10.2026;10:15:01;8597;0001;100200300401;7400000001;Соколов А. П.;г. Челябинск, ул. Кирова, 12-34;092026;1000,00;990,00;10,00",
        "05.10.2026;11:20:00;8597;0002;100200300402;7400000002;Морозова И. В.;г. Челябинск;092026;500,50;500,50;0,00",
        "05.10.2026;12:00:00;8597;0002;100200300403;7499999999;Сидоров С. С.;г. Челябинск;;250,00;247,50;2,50",
    ]
    static let sberTotals = "=3;1750,50;1738,00;12,50;417;06.10.2026"

    static func sber(_ rows: [String] = sberRows, totals: String = sberTotals) -> Data {
        encode((rows + [totals]).joined(separator: "\r\n") + "\r\n")
    }

    static let supplierAccount = "40702810672000012345"

    static func document(_ no: String, _ date: String, _ amount: String, payer: String, inn: String, purpose: String,
                         payerAccount: String = "40702810900000000001", to: String = supplierAccount) -> String {
        """
        СекцияДокумент=Платежное поручение
        Номер=\(no)
        Дата=\(date)
        Сумма=\(amount)
        ПлательщикСчет=\(payerAccount)
        Плательщик=ИНН \(inn) \(payer)
        ПлательщикИНН=\(inn)
        Плательщик1=\(payer)
        ПолучательСчет=\(to)
        ДатаПоступило=\(date)
        Получатель1=ООО Уралэнергосбыт
        НазначениеПлатежа=\(purpose)
        КонецДокумента

        """
    }

    /// A statement: opening + received − written off = closing must hold unless `closing` is given.
    static func statement(_ docs: [String], received: String, opening: String = "1000.00", closing: String? = nil,
                          dos: Bool = false, end: Bool = true) -> Data {
        let close = closing ?? { () -> String in
            let r = Int(received.replacingOccurrences(of: ".", with: ""))! + Int(opening.replacingOccurrences(of: ".", with: ""))!
            return String(r / 100) + "." + (r % 100 < 10 ? "0" : "") + String(r % 100)
        }()
        var text = """
            1CClientBankExchange
            ВерсияФормата=1.03
            Кодировка=\(dos ? "DOS" : "Windows")
            ДатаНачала=06.10.2026
            ДатаКонца=08.10.2026
            СекцияРасчСчет
            РасчСчет=\(supplierAccount)
            НачальныйОстаток=\(opening)
            ВсегоПоступило=\(received)
            ВсегоСписано=0.00
            КонечныйОстаток=\(close)
            КонецРасчСчет

            """ + docs.joined()
        if end { text += "КонецФайла\n" }
        return encode(text.replacingOccurrences(of: "\n", with: "\r\n"), cp866: dos)
    }
}

extension Sandbox {
    func writeData(_ rel: String, _ data: Data) throws {
        let p = path(rel)
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: p))
    }

    /// One value of a query through the sqlite3 shell.
    func sql(_ query: String) throws -> String {
        try runProgram(Sandbox.which("sqlite3") ?? "/usr/bin/sqlite3", [db, query]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Tariffs and the four accounts of BankFixtures.
    static func withBankAccounts(_ name: String) throws -> Sandbox {
        let s = try Sandbox(name)
        try s.ok(["import", "tariffs", Harness.packageRoot + "/tariffs"])
        try s.write("accounts.csv", BankFixtures.accountsCSV)
        try s.ok(["import", "accounts", "accounts.csv"])
        return s
    }
}
