import Foundation
import Testing

/// A region file naming a bank longer than GOST R 56042's 45 characters: the close says
/// once that the QR code carries it shortened. The shipped tariffs stay within the limits.
@Suite struct SupplierRequisitesWarningTests {
    @Test func aCloseWarnsOncePerRegionAboutALongBankName() throws {
        let s = try Sandbox("supplier-warning")
        let root = Harness.packageRoot
        try FileManager.default.copyItem(atPath: root + "/tariffs", toPath: s.path("tariffs"))
        let shipped = try s.ok(["import", "tariffs", s.path("tariffs")])
        try s.ok(["import", "accounts", root + "/sample-data/accounts.csv"])
        let quiet = try s.run(["close", "--period", "2025-10", "--go-live", "--allow-empty", "--dry-run"])
        #expect(quiet.status == 0 && !quiet.stderr.contains("предупреждение: реквизиты поставщика"), "\(shipped.stderr)\(quiet.stderr)")

        let che = try s.read("tariffs/CHE.json").replacingOccurrences(of: "\"Челябинское отделение № 8597 ПАО Сбербанк\"",
                                                                      with: "\"Челябинское отделение № 8597 ПАО Сбербанк, г. Челябинск\"")
        try s.write("tariffs/CHE.json", che)
        try s.ok(["import", "tariffs", s.path("tariffs/CHE.json")])
        let r = try s.run(["close", "--period", "2025-10", "--go-live", "--allow-empty", "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        let warnings = lines(r.stderr).filter { $0.hasPrefix("предупреждение: реквизиты поставщика региона") }
        #expect(warnings.count == 1 && warnings.first?.contains("региона CHE") == true, "\(r.stderr)")
        #expect(warnings.first?.contains("наименование банка (BankName) длиннее 45 знаков") == true)
    }
}
