import Foundation
import BillingCore
import BillingInput
@testable import BillingStore
@testable import BillingPipeline

let testRegion = #"""
{
  "region": "TST", "title": "Тестовая область", "utc_offset": "+05:00",
  "supplier": { "name": "ООО «Тест»", "inn": "7453320202", "kpp": "745301001",
    "account": "40702810000000000001", "bank": "ПАО Банк", "bic": "047501602", "corr_account": "30101810000000000602" },
  "reading_window": [ { "from": "2020-01-01", "first_day": 23, "last_day": 25 } ],
  "due_day": [ { "from": "2020-01-01", "day": 10 } ],
  "estimation": { "average_periods": 6, "average_min_periods": 3, "average_max_periods": 6, "norm_coefficient": "1", "max_monthly_kwh": 10000 },
  "categories": { "urban_gas": { "title": "Город, газ", "stove": "gas", "rural": false },
                  "legal": { "title": "Юрлица", "stove": "electric", "rural": false } },
  "norms": {
    "gas": { "1": ["1","1","1","1","1"], "2": ["1","1","1","1","1"], "3": ["1","1","1","1","1"], "4": ["1","1","1","1","1"] },
    "electric": { "1": ["1","1","1","1","1"], "2": ["1","1","1","1","1"], "3": ["1","1","1","1","1"], "4": ["1","1","1","1","1"] }
  },
  "tariffs": [
    { "category": "urban_gas", "from": "2025-07-01", "rates": [ { "single": "5.27", "day": "5.80", "night": "3.16", "peak": "6.32", "semi": "5.27", "night3": "3.16" } ] },
    { "category": "legal", "from": "2025-07-01", "rates": [ { "single": "9", "day": "9", "night": "9", "peak": "9", "semi": "9", "night3": "9" } ] }
  ]
}
"""#

/// A temp directory with a migrated database, the TST region, accounts and meters.
final class Fixture {
    let dir: String
    let db: Database
    var options: ImportOptions

    init(accounts: Bool = true) throws {
        dir = NSTemporaryDirectory() + "eb-import-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/tariffs", withIntermediateDirectories: true)
        db = try Database(path: dir + "/db.sqlite")
        try db.migrate()
        options = ImportOptions(outDir: dir + "/out")
        write("tariffs/TST.json", testRegion)
        write("tariffs/key-rate.csv", "from,percent\n2024-10-28,21.00\n2025-06-09,20\n")
        write("tariffs/penalty.json", #"{"household":{"steps":[{"from_day":31,"fraction":"1/300"}]},"legal":{"steps":[{"from_day":1,"fraction":"1/130"}]}}"#)
        try runImport(kind: .tariffs, path: dir + "/tariffs", database: db, options: options)
        if accounts {
            write("accounts.csv", """
            account_id,holder,address,region,category,kind,residents,opening_balance,phone
            7400000001,Иванов И.И.,"ул. Ленина, 1",TST,urban_gas,person,2,"1 000,50",+79000000001
            7400000002,ООО Ромашка,ул. Мира 2,TST,legal,legal,,0,8 (900) 000-00-02
            7400000003,Петров П.П.,ул. Мира 3,TST,urban_gas,,1,,
            """ + "\n")
            try runImport(kind: .accounts, path: dir + "/accounts.csv", database: db, options: options)
            write("meters.csv", """
            meter_id,account_id,zones,digits,installed_on,initial_t1,initial_t2,initial_t3,removed_on
            M1,7400000001,1,5,2020-01-01,100,,,
            M2,7400000002,2,6,2020-01-01,100,50,,
            M3,7400000003,3,5,2020-01-01,1,2,3,2026-06-30
            M3B,7400000003,1,5,2026-07-01,0,,,
            """ + "\n")
            try runImport(kind: .meters, path: dir + "/meters.csv", database: db, options: options)
        }
    }

    func write(_ name: String, _ text: String) {
        FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(text.utf8))
    }
    func write(_ name: String, bytes: [UInt8]) {
        FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes))
    }
    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    func count(_ sql: String) throws -> Int64 { try db.scalarInt(sql) ?? -1 }

    /// Rejects file rows after the header, split into (line, reason).
    func rejectLines(_ report: ImportReport) -> [String] {
        guard let f = report.rejectsFile else { return [] }
        return read(f).split(separator: "\n").dropFirst().map(String.init)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }
}
