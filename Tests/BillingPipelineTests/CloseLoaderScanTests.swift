import Foundation
import Testing
import BillingCore
@testable import BillingStore
@testable import BillingPipeline

/// The close reads readings and payments in month-bounded scans (schema v8); every
/// account must get exactly the rows, in the same order, that the plain scans give:
/// readings of the window by account and id, payments dated in P or imported since
/// P−1's close by account, paid_on and payment_id (two scans replace the one here).
@Suite(.serialized) struct CloseLoaderScanTests {
    static let oneReadingScan = """
        SELECT account_id, id FROM readings WHERE received_at > ?1 AND received_at <= ?2 ORDER BY account_id, id
        """
    static let onePaymentScan = """
        SELECT account_id, payment_id, rowid FROM payments
        WHERE paid_on <= ?1 AND (paid_on > ?2 OR rowid > ?3) ORDER BY account_id, paid_on, payment_id
        """

    static func grouped(_ db: Database, _ sql: String, _ values: [SQLValue]) throws -> [String: [String]] {
        let s = try db.prepareUncached(sql)
        try s.bind(values)
        var out: [String: [String]] = [:]
        while try s.step() { out[s.text(0), default: []].append(s.text(1) + (values.count > 2 ? "@\(s.int(2))" : "")) }
        return out
    }

    static func deadline(_ p: String) throws -> LocalTimestamp {
        LocalTimestamp.endOf(try #require(Period(p)).date(day: 25))
    }

    /// Compares the loader's rows of every account with the single scans'.
    static func expectSameRows(_ f: Fixture, period: String, after: LocalTimestamp, by: LocalTimestamp) throws {
        let p = try #require(Period(period))
        let loader = try CloseLoader(database: f.db, period: p, regions: ["TST"], receivedAfter: after, receivedBy: by)
        let readings = try grouped(f.db, oneReadingScan, [.text(after.description), .text(by.description)])
        let watermark = try f.db.scalarInt("SELECT payments_watermark FROM closes WHERE period = ?", [.text(p.previous.description)]) ?? 0
        let payments = try grouped(f.db, onePaymentScan, [.text(p.lastDay.iso), .text(p.previous.lastDay.iso), .int(watermark)])
        var accounts = 0, readingRows = 0, paymentRows = 0
        while let account = try loader.nextAccount() {
            accounts += 1
            let r = try loader.readings.rows(for: account.id).map { "\($0.id)" }
            let pay = try loader.payments.rows(for: account.id).map { "\($0.0.id)@\($0.1)" }
            #expect(r == readings[account.id] ?? [], "readings of \(account.id) for \(period)")
            #expect(pay == payments[account.id] ?? [], "payments of \(account.id) for \(period)")
            readingRows += r.count; paymentRows += pay.count
        }
        #expect(accounts == 3)
        #expect(readingRows == readings.values.map(\.count).reduce(0, +))
        #expect(paymentRows == payments.values.map(\.count).reduce(0, +))
    }

    @Test func monthBoundedScansGiveTheRowsOfTheWholeTableScans() throws {
        let f = try Fixture()
        // Readings on the window's edges and on both sides of a month's end.
        f.write("r1.csv", """
        account_id,meter_id,taken_on,received_at,source,t1,t2,t3
        7400000001,M1,2025-10-24,2025-10-24 10:00,lk,200,,
        7400000002,M2,2025-10-24,2025-10-24 11:00,lk,200,60,
        7400000001,M1,2025-11-24,2025-11-24 10:00,lk,300,,
        7400000003,M3,2025-11-25,2025-11-25 23:59:59,lk,5,6,7

        """)
        try runImport(kind: .readings, path: f.dir + "/r1.csv", database: f.db, options: f.options)
        f.write("p1.csv", """
        payment_id,account_id,paid_on,amount
        EARLY-DEC,7400000001,2025-12-05,10.00
        NOV-BOOKED,7400000001,2025-11-15,20.00
        OCT-2,7400000002,2025-10-02,30.00

        """)
        try runImport(kind: .payments, path: f.dir + "/p1.csv", database: f.db, options: f.options)
        let ws = try InProcessCloseTests.workspace(f)
        try Self.expectSameRows(f, period: "2025-10", after: try Self.deadline("2025-09"), by: try Self.deadline("2025-10"))
        var golive = CloseOptions(period: try #require(Period("2025-10")), html: false, json: false)
        golive.goLive = true
        try runClose(ws, golive)
        try runClose(ws, CloseOptions(period: try #require(Period("2025-11")), html: false, json: false))

        // Arriving after November's close: December's window, in December's month and in
        // November's (ids in the opposite order of the months), past the window, and
        // payments dated in December, in closed periods, and after December.
        f.write("r2.csv", """
        account_id,meter_id,taken_on,received_at,source,t1,t2,t3
        7400000001,M1,2025-12-24,2025-12-24 10:00,lk,350,,
        7400000002,M2,2025-12-25,2025-12-25 23:59:59,lk,260,80,
        7400000003,M3,2026-01-10,2026-01-10 09:00,lk,9,9,9

        """)
        try runImport(kind: .readings, path: f.dir + "/r2.csv", database: f.db, options: f.options)
        f.write("r3.csv", """
        account_id,meter_id,taken_on,received_at,source,t1,t2,t3
        7400000001,M1,2025-11-26,2025-11-26 00:00,lk,310,,
        7400000002,M2,2025-12-26,2025-12-26 00:00,lk,270,90,
        7400000003,M3,2025-11-30,2025-11-30 12:00,lk,7,8,8

        """)
        try runImport(kind: .readings, path: f.dir + "/r3.csv", database: f.db, options: f.options)
        f.write("p2.csv", """
        payment_id,account_id,paid_on,amount
        DEC-31,7400000001,2025-12-31,1.00
        LATE-NOV,7400000001,2025-11-20,2.00
        LATE-OCT,7400000001,2025-10-03,3.00
        JAN,7400000001,2026-01-01,4.00
        B-DEC,7400000002,2025-12-01,5.00
        A-DEC,7400000002,2025-12-01,6.00
        LATE-SEP,7400000003,2025-09-30,7.00
        DEC-1,7400000003,2025-12-01,8.00

        """)
        try runImport(kind: .payments, path: f.dir + "/p2.csv", database: f.db, options: f.options)

        let december = (after: try Self.deadline("2025-11"), by: try Self.deadline("2025-12"))
        try Self.expectSameRows(f, period: "2025-12", after: december.after, by: december.by)
        do {  // the loader's open statements hold a read snapshot until it goes
            let loader = try CloseLoader(database: f.db, period: try #require(Period("2025-12")), regions: ["TST"],
                                         receivedAfter: december.after, receivedBy: december.by)
            // Account 1's readings in id order, not received_at order.
            let first = try loader.readings.rows(for: "7400000001").map(\.receivedAt.description)
            #expect(first == ["2025-12-24 10:00:00", "2025-11-26 00:00:00"])
        }
        // A recalc's window stays open to the end of time: every month stored since.
        try Self.expectSameRows(f, period: "2025-12", after: december.after,
                                by: LocalTimestamp.endOf(try #require(CivilDate(year: 9999, month: 12, day: 31))))
        try Self.expectSameRows(f, period: "2025-11", after: try Self.deadline("2025-10"), by: try Self.deadline("2025-11"))

        try runClose(ws, CloseOptions(period: try #require(Period("2025-12")), html: false, json: false))
        let cursor = try f.db.bookedPayments(period: try #require(Period("2025-12"))) { $0.paymentId }
        let booked = try f.db.closeAccounts().all().flatMap { try cursor.rows(for: $0.id) }
        #expect(booked.sorted() == ["A-DEC", "B-DEC", "DEC-1", "DEC-31", "EARLY-DEC", "LATE-NOV", "LATE-OCT"], "\(booked)")
    }

    @Test func theCloseScansUseTheCoveringIndexes() throws {
        let f = try Fixture()
        func plan(_ sql: String) throws -> String {
            let s = try f.db.prepareUncached("EXPLAIN QUERY PLAN " + sql)
            var out: [String] = []
            while try s.step() { out.append(s.text(3)) }
            return out.joined(separator: "; ")
        }
        // The window's ids from a range of the index, then the rows by id (in id order).
        let readings = try plan("""
            SELECT account_id, id, meter_id, taken_on, received_at, source, t1, t2, t3, correction
            FROM readings WHERE id IN (\(Database.readingIds("received_at > '2025-11-25 23:59:59' AND received_at <= '2025-12-25 23:59:59'")))
            ORDER BY account_id, id
            """)
        #expect(readings.contains("INTEGER PRIMARY KEY (rowid=?)") && readings.contains("LIST SUBQUERY")
                && readings.contains("COVERING INDEX readings_received (received_at>? AND received_at<?)")
                && !readings.contains("SCAN readings"), "\(readings)")
        let payments = try plan("""
            SELECT account_id, payment_id, paid_on, amount, '', period, rowid FROM payments INDEXED BY payments_month
            WHERE substr(paid_on, 1, 7) = '2025-12' AND paid_on > '2025-11-30' AND paid_on <= '2025-12-31'
            ORDER BY account_id, paid_on, payment_id
            """)
        #expect(payments.contains("COVERING INDEX payments_month") && !payments.contains("TEMP B-TREE"), "\(payments)")
        let since = try plan("""
            SELECT account_id, payment_id, paid_on, amount, '', period, rowid FROM payments NOT INDEXED
            WHERE rowid > 5 AND paid_on <= '2025-11-30' ORDER BY account_id, paid_on, payment_id
            """)
        #expect(since.contains("INTEGER PRIMARY KEY (rowid>?)"), "\(since)")
    }
}
