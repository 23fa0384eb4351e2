import Foundation
import Testing
import BillingCore
@testable import BillingStore

/// The close's named operations on a freshly migrated database: every statement
/// prepares against the schema (the record and projection columns checked by name),
/// an empty store reads as empty, and what the inserter writes reads back.
@Suite struct CloseStoreTests {
    func database(_ name: String) throws -> Database {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("energobill-close-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try Database(path: dir.appendingPathComponent("db.sqlite").path)
        try db.migrate()
        return db
    }

    @Test func everyCloseReadPreparesAndAnEmptyStoreReadsEmpty() throws {
        let db = try database("empty")
        let p = Period(year: 2025, month: 3)!
        let t = LocalTimestamp.endOf(p.lastDay)
        #expect(try db.closeAccounts().next() == nil)
        #expect(try db.closeMeters().rows(for: "1").isEmpty)
        #expect(try db.closeReadings(receivedAfter: t, by: t).rows(for: "1").isEmpty)
        #expect(try db.closeCarriedRows(period: p).rows(for: "1").isEmpty)
        #expect(try db.closePostedRecalcs(bookedIn: nil).rows(for: "1").isEmpty)
        #expect(try db.closePostedRecalcs(bookedIn: p).rows(for: "1").isEmpty)
        #expect(try db.closePayments(period: p, watermark: 0).rows(for: "1").isEmpty)
        #expect(try db.closePayments(period: p, watermark: 5).rows(for: "1").isEmpty)
        #expect(try db.closeEarlierReadings(receivedBy: t).rows(for: "1").isEmpty)
        let history = try db.closeHistoryReader(closed: [p.previous], paidBy: p.lastDay)
        #expect(try history.periods(of: "1").periods.isEmpty)
        #expect(try history.payments(of: "1").isEmpty)
        #expect(try db.closeHistoryReader(closed: [], paidBy: p.lastDay).periods(of: "1").last == nil)
        #expect(try db.paymentWatermarks(period: p).isEmpty)
        #expect(try !db.hasReadings(region: "R", receivedBy: t))
        #expect(try !db.isClosed(region: "R", period: p))
        #expect(try !db.hasCloses(region: "R"))
        #expect(try db.lastClosedPeriod(region: "R") == nil)
        #expect(try db.firstClosedPeriod(region: "R") == nil)
        #expect(try db.firstClosedPeriods().isEmpty)
        #expect(try db.lastClosedPeriods().isEmpty)
        #expect(try db.closedRegionCount(period: p) == 0)
        #expect(try db.closedRegions(period: p).isEmpty)
        #expect(try db.paymentsWatermark(region: "R", period: p) == 0)
        #expect(try db.lastPaymentRowid() == 0)
        #expect(try db.accountRegions().isEmpty)
        #expect(try db.accountCategoriesByRegion().isEmpty)
        let before = try db.dataBeforeGoLive(region: "R", period: p, windowStart: t)
        #expect(before.accounts == 0 && before.readings == 0 && before.payments == 0)
        #expect(try !db.hasActivity(region: "R", period: p, after: t, by: t))
        #expect(try !db.hasBankData())
        #expect(try db.moneyIn(period: p) == nil)
        let facts = try db.closedPeriodFacts(period: p)
        #expect(facts.methods.isEmpty && facts.rejects.isEmpty && facts.rejectsByReason.isEmpty && facts.topDebtors.isEmpty)
        let sums = try db.storedPeriodSums(period: p)
        #expect(sums.registry == (0, 0, 0, 0, 0) && sums.ledger.isEmpty && sums.lines.isEmpty)
        var rows = 0
        try db.forEachImportHash { _, _ in rows += 1 }
        try db.forEachPostedRecalcFingerprint { _ in rows += 1 }
        try db.forEachStoredKeyRate { _, _ in rows += 1 }
        try db.forEachStoredVATRate { _, _ in rows += 1 }
        #expect(rows == 0)
        _ = try CloseRowsInserter(database: db, period: p)
    }

    @Test func whatTheInserterWritesReadsBack() throws {
        let db = try database("insert")
        let p = Period(year: 2025, month: 3)!
        try db.setForeignKeys(false)
        let rows = try CloseRowsInserter(database: db, period: p)
        let registry = RegistryRow(accountId: "A1", period: p, method: "actual", volumeKwh: KilowattHours(120), charge: Kopecks(60_000),
                                   recalculation: .zero, benefit: .zero, penalty: Kopecks(100), payments: Kopecks(10_000),
                                   balanceIn: Kopecks(5_000), totalDue: Kopecks(55_100), dueDate: p.next.date(day: 10),
                                   penaltyTotal: Kopecks(100))
        let lines = [ChargeLine(kind: .energy, meterId: "M1", method: .actual, volumeKwh: KilowattHours(120), amount: Kopecks(60_000)),
                     ChargeLine(kind: .penalty, amount: Kopecks(100), ground: "пени")]
        let paid = Payment(id: "PAY", accountId: "A1", paidOn: p.date(day: 5), amount: Kopecks(10_000))
        let meter = MeterPeriodResult(meterId: "M1", method: .actual, previous: Registers([100]), current: Registers([220]),
                                      readingId: 9, source: .lk, volumes: [120], billed: Kopecks(60_000),
                                      state: MeterState.initial(for: Meter(id: "M1", accountId: "A1", zones: 1, digits: 6,
                                                                                     installedOn: p.date(day: 1), initial: Registers([100]))))
        let result = AccountCloseResult(accountId: "A1", period: p, lines: lines, meterPeriods: [meter], rejected: [], superseded: [],
                                        duplicates: [], row: registry,
                                        ledger: buildLedger(lines: lines, payments: [paid], period: p, charge: Kopecks(60_000)),
                                        bookedPaymentIds: ["PAY"], settlement: Settlement())
        try rows.insertAccountPeriod(result, region: "R", settlement: Array(Settlement().encoded.utf8), detail: AccountPeriodDetail.encode(result))
        try rows.insertReject(RejectedReading(readingId: 7, reason: "rollback"))
        let carried = try db.closeCarriedRows(period: p).rows(for: "A1")
        #expect(carried.count == 1 && carried[0].totalDue == Kopecks(55_100) && carried[0].penaltyTotal == Kopecks(100))
        #expect(carried[0].settlement != nil && carried[0].invalid == nil)
        let sums = try db.storedPeriodSums(period: p)
        #expect(sums.registry == (60_000, 0, 0, 100, 10_000))
        #expect(sums.lines.sorted { $0.0 < $1.0 }.map(\.1) == [60_000, 0, 0, 100])
        #expect(Dictionary(uniqueKeysWithValues: sums.ledger.map { ($0.0.rawValue, $0.1) })
                == ["charge": 60_000, "recalculation": 0, "benefit": 0, "penalty": 100, "payment": -10_000])
        #expect(try db.lines(period: p) { $0.amount.value }.rows(for: "A1") == [60_000, 100])
        #expect(try db.bookedPayments(period: p) { $0.paymentId + " " + $0.paidOn.iso }.rows(for: "A1") == ["PAY 2025-03-05"])
        #expect(try db.meterVolumes(period: p).rows(for: "A1").map(\.volumes) == ["120"])
        // The meter has since moved to another account: the closed document still shows it.
        try db.execute("INSERT INTO meters(meter_id, account_id, zones, digits, installed_on, initial_t1) VALUES ('M1', 'B2', 1, 6, '2025-03-01', 100)")
        let shown = try db.documentMeterPeriods(period: p) { $0.meterId + " " + $0.volumes }.rows(for: "A1")
        #expect(shown == ["M1 120"])
        #expect(try db.closeCarriedRows(period: p).rows(for: "A1").flatMap(\.meterStates).map(\.state) == [meter.state.encoded])
        #expect(try db.ledgerMismatches(period: p).isEmpty)
        let facts = try db.closedPeriodFacts(period: p)
        #expect(facts.methods.count == 1 && facts.methods[0].method == "actual" && facts.methods[0].volumeKwh == 120)
        #expect(facts.rejectsByReason.count == 1 && facts.rejectsByReason[0].reason == "rollback")
        #expect(facts.registrySums == (60_000, 0, 0, 100, 10_000))
        try db.execute("INSERT INTO accounts(account_id, holder, address, region, category, kind) VALUES ('A1', 'Иванов', 'ул. Мира, 1', 'R', 'urban', 'person')")
        #expect(try db.closedPeriodFacts(period: p).topDebtors.map { "\($0.accountId) \($0.holder) \($0.totalDue.value)" } == ["A1 Иванов 55100"])
        for (id, region, category) in [("A2", "R", "rural"), ("A3", "Q", "urban"), ("A4", "R", "urban")] {
            try db.execute("INSERT INTO accounts(account_id, holder, address, region, category, kind) VALUES ('\(id)', '', '', '\(region)', '\(category)', 'person')")
        }
        #expect(try db.accountCategoriesByRegion() == ["R": ["rural", "urban"], "Q": ["urban"]])

        let money = CloseMoneyInRecord(period: p, received: Kopecks(10_000), onAccounts: Kopecks(9_000), bookedInPeriod: Kopecks(8_000),
                                       unmatched: Kopecks(1_000), unmatchedCount: 1, registries: 2, commission: Kopecks(50),
                                       registriesWithoutTransfer: 1)
        try db.saveMoneyIn(money)
        #expect(try db.moneyIn(period: p) == money)
        try db.insertClose(region: "R", period: p, runId: 1, accounts: 1, inputHash: "h", paymentsWatermark: 3)
        #expect(try db.isClosed(region: "R", period: p) && db.lastClosedPeriod(region: "R") == p)
        #expect(try db.paymentWatermarks(period: p) == ["R": 3])
        #expect(try db.closedRegions(period: p).map(\.code) == ["R"])
    }

    /// The encoder writes registers and states in place behind a one-byte length, widened
    /// when the text runs to 128 bytes or more: both lengths read back as `string()` wrote them.
    @Test func statesOfAnyLengthReadBackFromTheDetail() throws {
        let p = Period(year: 2026, month: 9)!
        let meter = Meter(id: "M1", accountId: "A1", zones: 3, digits: 8, installedOn: p.date(day: 1), initial: Registers([1, 2, 3]))
        var long = MeterState.initial(for: meter)
        long.history = (0..<12).map { (k: Int) -> [Int64] in
            let x = Int64(k)
            return [1_000 + x, 2_000 + x, 300 + x]
        }
        long.streak = [EstimatedPeriod(period: p, method: .average, volumes: [120, 80, 40], billed: Kopecks(123_456),
                                       benefit: Kopecks(-1_000), days: 30)]
        #expect(long.encoded.utf8.count >= 128)
        for state in [MeterState.initial(for: meter), long] {
            let m = MeterPeriodResult(meterId: "M1", method: .average, previous: Registers([100, 200, 300]), current: nil,
                                      readingId: nil, source: nil, volumes: [120, 80, 40], billed: Kopecks(123_456), state: state)
            let row = RegistryRow(accountId: "A1", period: p, method: "average", volumeKwh: KilowattHours(240), charge: Kopecks(123_456),
                                  recalculation: .zero, benefit: .zero, penalty: .zero, payments: .zero, balanceIn: .zero,
                                  totalDue: Kopecks(123_456), dueDate: p.next.date(day: 10), penaltyTotal: .zero)
            let r = AccountCloseResult(accountId: "A1", period: p, lines: [], meterPeriods: [m], rejected: [], superseded: [],
                                       duplicates: [], row: row, ledger: [], bookedPaymentIds: [], settlement: Settlement())
            let bytes = AccountPeriodDetail.encode(r)
            let stored = try #require(bytes.withUnsafeBufferPointer { AccountPeriodDetail.meters(bytes: $0) })
            #expect(stored.map(\.state) == [state.encoded] && stored.map(\.previousRegisters) == ["100/200/300"])
            #expect(stored.map(\.volumes) == ["120/80/40"] && stored.map(\.currentRegisters) == [nil])
            let carried = try #require(bytes.withUnsafeBufferPointer { AccountPeriodDetail.carriedStates(bytes: $0) })
            #expect(carried.map(\.meterId) == ["M1"] && carried.map(\.state) == [state] && carried.map(\.unreadable) == [nil])
        }
    }

    /// The ledger's texts are put together when read, and read as they always were.
    @Test func ledgerTextsNameThePaymentThePeriodAndTheGround() {
        let p = Period(year: 2026, month: 10)!
        let lines = [ChargeLine(kind: .energy, meterId: "M1", method: .actual, volumeKwh: KilowattHours(10), amount: Kopecks(5_000)),
                     ChargeLine(kind: .recalculation, amount: Kopecks(-700), ground: "Перерасчёт за 08.2026", refPeriod: Period(year: 2026, month: 8)),
                     ChargeLine(kind: .penalty, amount: Kopecks(31), ground: "пени")]
        let paid = Payment(id: "P-1", accountId: "A1", paidOn: CivilDate(year: 2026, month: 10, day: 5)!, amount: Kopecks(2_000))
        let ledger = buildLedger(lines: lines, payments: [paid], period: p, charge: Kopecks(5_000))
        #expect(ledger.map(\.document) == ["Оплата № P-1 от 05.10.2026", "Начисление за 10.2026", "Перерасчёт за 08.2026", "Пени за 10.2026"])
        #expect(ledger[0] == LedgerEntry(date: paid.paidOn, kind: .payment, document: "Оплата № P-1 от 05.10.2026",
                                         amount: Kopecks(-2_000), paymentId: "P-1"))
    }
}
