import BillingCore

// What a close checks before it computes anything: the regions and categories in use,
// a region's data before its go-live, and whether a period has anything to book.

extension Database {
    /// The regions of the stored accounts, by code.
    public func accountRegions() throws -> [String] {
        var out: [String] = []
        let s = try prepareUncached("SELECT DISTINCT region FROM accounts ORDER BY region")
        while try s.step() { out.append(s.text(0)) }
        return out
    }

    /// The categories of each region's accounts, by code. One pass over the table: a
    /// region's accounts found through accounts_region cost a random row read each, and
    /// the distinct pairs are few, so a sequential scan deduplicating them is cheaper.
    public func accountCategoriesByRegion() throws -> [String: [String]] {
        let s = try prepareUncached("SELECT DISTINCT region, category FROM accounts NOT INDEXED")
        var out: [String: [String]] = [:]
        while try s.step() { out[s.text(0), default: []].append(s.text(1)) }
        return out.mapValues { $0.sorted() }
    }

    /// What a region's first close finds before P: accounts opened before P's first
    /// day (or with no opening date), readings received by `windowStart` (P's window
    /// opens after it), payments dated before P's first day.
    public func dataBeforeGoLive(region: String, period: Period, windowStart: LocalTimestamp) throws
        -> (accounts: Int64, readings: Int64, payments: Int64) {
        let accounts = try scalarInt("""
            SELECT count(*) FROM accounts WHERE region = ?1 AND (opened_on IS NULL OR opened_on < ?2)
            """, [.text(region), .text(period.firstDay.iso)]) ?? 0
        let readings = try scalarInt("""
            SELECT count(*) FROM readings r JOIN accounts a ON a.account_id = r.account_id
            WHERE a.region = ?1 AND r.id IN (\(Self.readingIds("received_at <= ?2")))
            """, [.text(region), .text(windowStart.description)]) ?? 0
        let payments = try scalarInt("""
            SELECT count(*) FROM payments p JOIN accounts a ON a.account_id = p.account_id
            WHERE a.region = ?1 AND p.paid_on < ?2
            """, [.text(region), .text(period.firstDay.iso)]) ?? 0
        return (accounts, readings, payments)
    }

    /// Anything that P's close of the region would book or change: a reading received in
    /// (after, by], a payment dated in P or imported since the region's close of P−1, a
    /// posted recalculation not yet booked, an account opened or closed in P.
    public func hasActivity(region: String, period: Period, after: LocalTimestamp, by: LocalTimestamp) throws -> Bool {
        let watermark = try paymentsWatermark(region: region, period: period.previous)
        let probes: [(String, [SQLValue])] = [
            ("""
             SELECT 1 FROM readings r JOIN accounts a ON a.account_id = r.account_id
             WHERE a.region = ?1 AND r.received_at > ?2 AND r.received_at <= ?3 LIMIT 1
             """, [.text(region), .text(after.description), .text(by.description)]),
            ("""
             SELECT 1 FROM payments p JOIN accounts a ON a.account_id = p.account_id
             WHERE a.region = ?1 AND p.paid_on <= ?2 AND (p.paid_on >= ?3 OR p.rowid > ?4) LIMIT 1
             """, [.text(region), .text(period.lastDay.iso), .text(period.firstDay.iso), .int(watermark)]),
            ("""
             SELECT 1 FROM posted_recalcs pr JOIN accounts a ON a.account_id = pr.account_id
             WHERE a.region = ?1 AND pr.booked_period IS NULL LIMIT 1
             """, [.text(region)]),
            ("""
             SELECT 1 FROM accounts WHERE region = ?1 AND ((opened_on >= ?2 AND opened_on <= ?3) OR (closed_on >= ?2 AND closed_on <= ?3)) LIMIT 1
             """, [.text(region), .text(period.firstDay.iso), .text(period.lastDay.iso)]),
        ]
        for (sql, args) in probes where try scalarInt(sql, args) != nil { return true }
        return false
    }
}
