import Foundation
import Testing
import BillingCore
@testable import BillingStore
@testable import BillingPipeline

/// The close through the same code the binary runs (`runClose`), in-process on a
/// temporary database: go-live, dry run, the carried settlement, a back-dated payment.
/// TST: 5.27 ₽/kWh, window 23–25, due day 10; 7400000001 has M1 from 100 and an
/// opening balance of 1000.50.
@Suite(.serialized) struct InProcessCloseTests {
    static func workspace(_ f: Fixture) throws -> Workspace {
        try Workspace(dbPath: f.dir + "/db.sqlite", outDir: f.dir + "/out", console: Console(quiet: true))
    }

    static func row(_ f: Fixture, _ period: String) throws -> [Int64] {
        let s = try f.db.prepareUncached("""
            SELECT volume_kwh, charge, penalty, payments, balance_in, total_due FROM account_periods
            WHERE account_id = '7400000001' AND period = ?
            """)
        try s.bind([.text(period)])
        guard try s.step() else { return [] }
        return (0..<6).map { s.int(Int32($0)) }
    }

    @Test func goLiveDryRunCarryAndABackDatedPayment() throws {
        let f = try Fixture()
        f.write("r.csv", """
        account_id,meter_id,taken_on,received_at,source,t1
        7400000001,M1,2025-10-24,2025-10-24 10:00,lk,200
        7400000001,M1,2025-11-24,2025-11-24 10:00,lk,300
        7400000001,M1,2025-12-24,2025-12-24 10:00,lk,350

        """)
        try runImport(kind: .readings, path: f.dir + "/r.csv", database: f.db, options: f.options)
        let ws = try Self.workspace(f)
        let october = try #require(Period("2025-10")), november = try #require(Period("2025-11"))

        #expect(throws: BillingError.self) { try runClose(ws, CloseOptions(period: october, html: false, json: false)) }
        #expect(try f.count("SELECT count(*) FROM closes") == 0, "a refused go-live stores nothing")

        var options = CloseOptions(period: october, html: false, json: false)
        options.goLive = true
        try runClose(ws, options)
        // 200 − 100 = 100 kWh × 5.27; the opening balance stands as given.
        #expect(try Self.row(f, "2025-10") == [100, 52_700, 0, 0, 100_050, 152_750])

        try runClose(ws, CloseOptions(period: november, dryRun: true, html: false, json: false))
        #expect(try f.count("SELECT count(*) FROM account_periods WHERE period = '2025-11'") == 0, "a dry run stores nothing")

        try runClose(ws, CloseOptions(period: november, html: false, json: false))
        let nov = try Self.row(f, "2025-11")
        #expect(nov.prefix(2) == [100, 52_700])
        #expect(nov[4] == 152_750, "balance_in is October's total_due")
        #expect(nov[5] == nov[4] + nov[1] + nov[2] - nov[3])
        #expect(try f.count("SELECT count(*) FROM account_periods WHERE period = '2025-11' AND settlement IS NOT NULL") == 3,
                "every account carries its settlement to the next close")

        // A payment dated inside closed October arrives late: December's close books it.
        f.write("p.csv", "payment_id,account_id,paid_on,amount\nLATE,7400000001,2025-10-20,1000.50\n")
        try runImport(kind: .payments, path: f.dir + "/p.csv", database: f.db, options: f.options)
        try runClose(ws, CloseOptions(period: try #require(Period("2025-12")), html: false, json: false))
        let dec = try Self.row(f, "2025-12")
        #expect(dec[0] == 50 && dec[1] == 26_350)
        #expect(dec[3] == 100_050, "the back-dated payment is booked once, by the first close after its import")
        #expect(dec[4] == nov[5] && dec[5] == dec[4] + dec[1] + dec[2] - dec[3])
        #expect(try Self.bookings(f, "LATE") == 1)
        // Closing December again books nothing and changes nothing.
        try runClose(ws, CloseOptions(period: try #require(Period("2025-12")), html: false, json: false))
        #expect(try Self.row(f, "2025-12") == dec)
        #expect(try Self.bookings(f, "LATE") == 1)
    }

    /// How many closes booked the payment (every closed period's detail read).
    static func bookings(_ f: Fixture, _ id: String) throws -> Int {
        var n = 0
        for p in try closedPeriods(f.db) {
            let cursor = try f.db.bookedPayments(period: p) { $0.paymentId }
            for a in try f.db.closeAccounts().all() { n += try cursor.rows(for: a.id).filter { $0 == id }.count }
        }
        return n
    }
}
