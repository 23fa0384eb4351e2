import BillingCore

// The sorted scans the close merge-joins, one account at a time (CloseLoader): each is
// sorted by account id (column 0) and decoded here, so the pipeline only steps cursors.

extension Database {
    /// Every meter by account, in installation order (`MeterRecord` after the account id).
    public func closeMeters() throws -> GroupedCursor<Meter> {
        let s = try prepareUncached("SELECT account_id, " + MeterRecord.columnList
                                    + " FROM meters ORDER BY account_id, installed_on, meter_id")
        try s.expectColumns(MeterRecord.columns, at: 1)
        return try GroupedCursor(s) { s in try MeterRecord.decode(s, at: 1) }
    }

    /// The readings received in (after, by] by account then id. The window's ids come
    /// from a range of readings_received, so the month's rows cost the month, and the
    /// rows are then read in id order (`Schema.v10`), not at random.
    public func closeReadings(receivedAfter after: LocalTimestamp, by: LocalTimestamp) throws -> GroupedCursor<Reading> {
        let r = try prepareUncached("""
            SELECT account_id, id, meter_id, taken_on, received_at, source, t1, t2, t3, correction
            FROM readings WHERE id IN (\(Self.readingIds("received_at > ?1 AND received_at <= ?2"))) ORDER BY account_id, id
            """)
        try r.bind([.text(after.description), .text(by.description)])
        return try GroupedCursor(r) { s in
            var regs = [s.int(6)]
            if !s.isNull(7) { regs.append(s.int(7)) }
            if !s.isNull(8) { regs.append(s.int(8)) }
            return Reading(id: s.int(1), accountId: s.text(0), meterId: s.text(2), takenOn: try s.storedDate(3, "readings", "показание \(s.int(1))"),
                           receivedAt: try s.storedTimestamp(4, "readings", "показание \(s.int(1))"), source: ReadingSource(rawValue: s.text(5)) ?? .lk,
                           registers: Registers(regs), isCorrection: s.int(9) != 0)
        }
    }

    /// Each account's row of `period` as the next close continues from it, with the
    /// meter states that close left (from the detail's meter periods, which come first).
    public func closeCarriedRows(period: Period) throws -> GroupedCursor<CarriedAccountPeriod> {
        let prev = try prepareUncached("""
            SELECT account_id, total_due, penalty_total, settlement, detail FROM account_periods WHERE period = ?1 ORDER BY account_id
            """)
        let p = period.description
        try prev.bind([.text(p)])
        return try GroupedCursor(prev) { s in
            guard let meters = AccountPeriodDetail.carriedStates(bytes: s.blobBytes(4)) else { throw s.unreadableDetail(period: p) }
            var row = CarriedAccountPeriod(totalDue: Kopecks(s.int(1)), penaltyTotal: Kopecks(s.int(2)), meters: meters)
            if !s.isNull(3) && !Settlement.isSuperseded(s.textBytes(3)) {
                row.settlement = Settlement(encoded: s.textBytes(3))
                if row.settlement == nil { row.invalid = s.text(3) }
            }
            return row
        }
    }

    /// The posted recalculations not yet booked (`bookedIn` nil: the close), or those
    /// the close of `bookedIn` booked (a recalc of that closed period), by account then id.
    public func closePostedRecalcs(bookedIn: Period?) throws -> GroupedCursor<PostedRecalc> {
        let pr = try prepareUncached("""
            SELECT account_id, ref_period, amount, ground FROM posted_recalcs
            WHERE \(bookedIn == nil ? "booked_period IS NULL" : "booked_period = ?1") ORDER BY account_id, id
            """)
        if let b = bookedIn { try pr.bind([.text(b.description)]) }
        return try GroupedCursor(pr) { s in
            PostedRecalc(refPeriod: try s.storedPeriod(1, "posted_recalcs", "л/с \(s.text(0))"), amount: Kopecks(s.int(2)), ground: s.text(3))
        }
    }

    /// Per region: payments with rowid ≤ this were seen by the close of `period`
    /// (closes.payments_watermark).
    public func paymentWatermarks(period: Period) throws -> [String: Int64] {
        var w: [String: Int64] = [:]
        let wm = try prepareUncached("SELECT region, payments_watermark FROM closes WHERE period = ?")
        try wm.bind([.text(period.description)])
        while try wm.step() { w[wm.text(0)] = wm.int(1) }
        return w
    }

    /// Whether any reading of the region's accounts was received by `by`.
    public func hasReadings(region: String, receivedBy by: LocalTimestamp) throws -> Bool {
        try scalarInt("""
            SELECT 1 FROM readings r JOIN accounts a ON a.account_id = r.account_id
            WHERE a.region = ?1 AND r.received_at <= ?2 LIMIT 1
            """, [.text(region), .text(by.description)]) != nil
    }

    /// Every reading received by `by`, by account, then as taken (taken_on, received_at,
    /// id): one sorted scan read along in account order (the go-live's starting states).
    public func closeEarlierReadings(receivedBy by: LocalTimestamp) throws -> GroupedCursor<EarlierReading> {
        let s = try prepareUncached("""
            SELECT account_id, meter_id, taken_on, t1, t2, t3, received_at FROM readings
            WHERE id IN (\(Self.readingIds("received_at <= ?1"))) ORDER BY account_id, taken_on, received_at, id
            """)
        try s.bind([.text(by.description)])
        return try GroupedCursor(s) { s in
            var regs = [s.int(3)]
            if !s.isNull(4) { regs.append(s.int(4)) }
            if !s.isNull(5) { regs.append(s.int(5)) }
            return EarlierReading(meterId: s.text(1), takenOn: s.date(2), receivedAt: s.text(6), registers: regs)
        }
    }
}

/// An account's row of the previous period as the next close continues from it.
public struct CarriedAccountPeriod: Sendable {
    public var totalDue: Kopecks
    public var penaltyTotal: Kopecks
    /// The state each meter was left in, in the order the close stored them.
    public var meters: [CarriedMeterState]
    /// The same as stored texts (tests and messages).
    public var meterStates: [(meterId: String, state: String)] { meters.map { ($0.meterId, $0.text) } }
    /// nil: a row closed before schema v2, or text that does not decode (then `invalid`).
    public var settlement: Settlement?
    public var invalid: String?
}

/// A reading received before a region's go-live, as the starting meter state reads it.
public struct EarlierReading: Sendable {
    public var meterId: String
    /// nil when the stored date does not parse (the reading is then skipped).
    public var takenOn: CivilDate?
    public var receivedAt: String
    public var registers: [Int64]
}
