import Foundation
import Testing
import BillingCore
@testable import BillingStore

/// The reports' named operations on a freshly migrated database: every statement
/// prepares against the schema, the record decoders' columns are checked by name, and
/// an empty store reads as empty.
@Suite struct ReportsStoreTests {
    func database(_ name: String) throws -> Database {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("energobill-reports-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try Database(path: dir.appendingPathComponent("db.sqlite").path)
        try db.migrate()
        return db
    }

    @Test func everyReadPreparesAndAnEmptyStoreReadsEmpty() throws {
        let db = try database("empty")
        let p = Period(year: 2025, month: 3)!
        let d = p.firstDay
        #expect(try db.ledgerSums(before: d, periods: [p], account: nil).rows(for: "1").isEmpty)
        #expect(try db.ledgerEntries(from: d, to: p.lastDay, periods: [p], account: "1") { $0 }.rows(for: "1").isEmpty)
        #expect(try db.vatOfLines(accounts: ["1"], from: p, through: p) == .zero)
        #expect(try db.allAccounts().next() == nil)
        #expect(try db.allAccounts(only: "1").next() == nil)
        #expect(try db.accountVersions(standingAt: p).isEmpty)
        #expect(try db.regionSources(standingAt: p).isEmpty)
        #expect(try db.documentAccountPeriods(period: p).next() == nil)
        #expect(try db.lines(period: p) { $0 }.rows(for: "1").isEmpty)
        #expect(try db.lines(period: p, vatOnly: true) { $0 }.rows(for: "1").isEmpty)
        #expect(try db.documentMeterPeriods(period: p) { $0 }.rows(for: "1").isEmpty)
        #expect(try db.bookedPayments(period: p) { $0 }.rows(for: "1").isEmpty)
        #expect(try db.volumeHistory(periods: [p]) { $0 }.rows(for: "1").isEmpty)
        #expect(try db.invoiceNumbers(period: p).isEmpty)
        #expect(try db.invoicedAccounts(period: p).next() == nil)
        #expect(try db.invoiceNumberStore().lastNumber(supplierINN: "7700000000", year: 2025) == 0)
        #expect(try db.meters(account: "1").isEmpty)
        #expect(try db.lastClosedPeriod(region: "R") == nil)
        #expect(try db.meterState(meter: "M", account: "1", before: p) == nil)
        #expect(try db.lastClosedTotalDue(account: "1") == nil)
        #expect(try db.closedRegionCodes(period: p).isEmpty)
        #expect(try db.accountRegion(id: "1") == nil)
        #expect(try db.accountPeriodTotals(period: p).rows(for: "1").isEmpty)
        #expect(try db.lineAmounts(period: p) { $0 }.rows(for: "1").isEmpty)
        #expect(try db.meterVolumes(period: p).rows(for: "1").isEmpty)
        #expect(try db.postedRecalcSums(refPeriod: p).rows(for: "1").isEmpty)
        _ = try db.postedRecalcInserter()
        #expect(try db.pastPeriods([p], account: nil).rows(for: "1").isEmpty)
        #expect(try db.paymentsByAccount(paidBy: d, account: "1").rows(for: "1").isEmpty)
        #expect(try db.paymentsByAccount(paidBy: nil, account: nil).rows(for: "1").isEmpty)
        #expect(try db.isClosed(region: "R", period: p) == false)
        #expect(try db.accountsWithReadings(region: "R", receivedAfter: LocalTimestamp.endOf(d), by: LocalTimestamp.endOf(p.lastDay)).isEmpty)
        #expect(try db.accountsWithMeters(from: d, through: p.lastDay).isEmpty)
        #expect(try db.smsAccounts().next() == nil)
        #expect(try db.recordedOutputFiles().isEmpty)
        #expect(try db.unbalancedAccountPeriods(period: p).isEmpty)
        #expect(try db.brokenBalanceChains(period: p).isEmpty)
        #expect(try db.ledgerMismatches(period: p).isEmpty)
        for table in CountedTable.allCases { #expect(try db.count(table) == 0) }
        #expect(try db.closesByPeriod().isEmpty)
        #expect(try db.lastRuns(limit: 10).isEmpty)
        #expect(try db.bankRegistryCount() == 0)
        #expect(try db.lastBankRegistries(limit: 10).isEmpty)
        #expect(try db.bankRegistriesWithoutMatchingTransfer() == 0)
        #expect(try db.unassignedUnmatchedPayments().count == 0)
        #expect(try db.regionFiles().isEmpty)
        #expect(try db.keyRateChanges().isEmpty)
        #expect(try db.penaltyPolicySource() == nil)
    }

    @Test func runsAreNumberedAndReadBackNewestFirst() throws {
        let db = try database("runs")
        let first = try db.insertRun(command: "close", period: "2025-03", region: "R", outcome: "closed", detail: "")
        let second = try db.insertRun(command: "import accounts", period: nil, region: nil, outcome: "imported", detail: "3 rows")
        #expect(second == first + 1)
        let runs = try db.lastRuns(limit: 10)
        #expect(runs.map(\.id) == [second, first])
        #expect(runs[0].period == "" && runs[0].region == "" && runs[0].detail == "3 rows")
        #expect(runs[1].command == "close" && runs[1].period == "2025-03" && runs[1].region == "R")
        #expect(try db.count(.readingRejects) == 0)
    }
}
