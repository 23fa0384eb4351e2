import Foundation
import Testing
import BillingCore
@testable import BillingStore
@testable import BillingPipeline

/// An account naming a region with no stored tariff data (the regions table edited
/// behind energobill's back: accounts.region is a foreign key) makes the close refuse
/// as the operator's data, naming the region and the import, before anything is
/// computed or stored, instead of trapping.
@Suite(.serialized) struct CloseMissingRegionTests {
    @Test func aRegionWithoutStoredTariffsIsRefusedNamingIt() throws {
        let f = try Fixture()
        try f.db.execute("PRAGMA foreign_keys = OFF")
        try f.db.run("UPDATE accounts SET region = 'NEW' WHERE account_id = '7400000003'")
        let ws = try InProcessCloseTests.workspace(f)
        var options = CloseOptions(period: try #require(Period("2025-10")), html: false, json: false)
        options.goLive = true
        options.allowEmpty = true
        do {
            try runClose(ws, options)
            Issue.record("the close of a region without tariffs went through")
        } catch let e as BillingError {
            #expect(e.kind == .badInput)
            #expect(e.message.hasPrefix("для региона NEW нет сохранённых правил") && e.message.contains("import tariffs"), "\(e.message)")
        }
        #expect(try f.count("SELECT count(*) FROM closes") == 0)
        #expect(try f.count("SELECT count(*) FROM account_periods") == 0)
    }
}
