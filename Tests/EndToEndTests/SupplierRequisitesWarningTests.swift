import Foundation
import Testing

/// The shipped CHE tariffs name a bank longer than GOST R 56042's 45 characters: the
/// close says once that the QR code carries it shortened.
@Suite struct SupplierRequisitesWarningTests {
    @Test func aCloseWarnsOncePerRegionAboutALongBankName() throws {
        let s = try Sandbox("supplier-warning")
        let root = Harness.packageRoot
        try s.ok(["import", "tariffs", root + "/tariffs"])
        try s.ok(["import", "accounts", root + "/sample-data/accounts.csv"])
        let r = try s.run(["close", "--period", "2025-10", "--go-live", "--allow-empty", "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        let warnings = lines(r.stderr).filter { $0.hasPrefix("предупреждение: реквизиты поставщика региона") }
        #expect(warnings.count == 1 && warnings.first?.contains("региона CHE") == true, "\(r.stderr)")
        #expect(warnings.first?.contains("наименование банка (BankName) длиннее 45 знаков") == true)
    }
}
