import BillingCore

/// An account's stored close figures that a recalculation compares with.
public struct AccountPeriodTotals: Sendable {
    public var charge, recalculation, benefit, penalty, payments, totalDue: Kopecks
    public init(charge: Kopecks, recalculation: Kopecks, benefit: Kopecks, penalty: Kopecks, payments: Kopecks, totalDue: Kopecks) {
        self.charge = charge; self.recalculation = recalculation; self.benefit = benefit
        self.penalty = penalty; self.payments = payments; self.totalDue = totalDue
    }
}

/// A stored line's name parts and amount, as the recalculation's diff names lines.
public struct LineAmount: Sendable {
    public var kind: ChargeKind
    public var meterId: String
    public var zone: String
    public var tier: Int
    public var refPeriod: String
    public var amount: Kopecks
}

/// A meter's stored method and zone volumes ("12/3") of a period.
public struct MeterVolumes: Sendable {
    public var meterId: String
    public var method: String
    public var volumes: String
    public init(meterId: String, method: String, volumes: String) {
        self.meterId = meterId; self.method = method; self.volumes = volumes
    }
}

/// The reads and the one write of `recalc`: the stored close of P by account, and
/// the differences `--post` books into `posted_recalcs`.
extension Database {
    /// The codes of the regions closed for `period`, in order.
    public func closedRegionCodes(period: Period) throws -> [String] {
        let s = try prepareUncached("SELECT region FROM closes WHERE period = ? ORDER BY region")
        try s.bind([.text(period.description)])
        var out: [String] = []
        while try s.step() { out.append(s.text(0)) }
        return out
    }

    /// The region of an account; nil when there is no such account.
    public func accountRegion(id: String) throws -> String? {
        try scalarText("SELECT region FROM accounts WHERE account_id = ?", [.text(id)])
    }

    /// The stored figures of each account closed in `period`, by account.
    public func accountPeriodTotals(period: Period) throws -> GroupedCursor<AccountPeriodTotals> {
        let s = try prepareUncached("""
            SELECT account_id, charge, recalculation, benefit, penalty, payments, total_due
            FROM account_periods WHERE period = ? ORDER BY account_id
            """)
        try s.bind([.text(period.description)])
        return try GroupedCursor(s) { s in
            AccountPeriodTotals(charge: Kopecks(s.int(1)), recalculation: Kopecks(s.int(2)), benefit: Kopecks(s.int(3)),
                                penalty: Kopecks(s.int(4)), payments: Kopecks(s.int(5)), totalDue: Kopecks(s.int(6)))
        }
    }

    /// The stored lines of `period` by account, in stored order, as `row` makes them.
    public func lineAmounts<Row>(period: Period, _ row: @escaping (LineAmount) -> Row) throws -> GroupedCursor<Row> {
        try lines(period: period) { l in
            row(LineAmount(kind: l.kind, meterId: l.meterId, zone: l.zone, tier: l.tier, refPeriod: l.refPeriod, amount: l.amount))
        }
    }

    /// The stored meter periods of `period` by account, each account's by meter id.
    public func meterVolumes(period: Period) throws -> GroupedCursor<MeterVolumes> {
        let s = try prepareUncached("SELECT account_id, detail FROM account_periods WHERE period = ? ORDER BY account_id")
        let p = period.description
        try s.bind([.text(p)])
        return try GroupedCursor(s) { s, out in
            for m in try s.periodDetailMeters(1, period: p).sorted(by: { $0.meterId.utf8.lexicographicallyPrecedes($1.meterId.utf8) }) {
                out.append(MeterVolumes(meterId: m.meterId, method: m.method, volumes: m.volumes))
            }
        }
    }

    /// Per account, the sum of the differences already posted for `refPeriod`.
    public func postedRecalcSums(refPeriod: Period) throws -> GroupedCursor<Kopecks> {
        let s = try prepareUncached("""
            SELECT account_id, sum(amount) FROM posted_recalcs WHERE ref_period = ? GROUP BY account_id ORDER BY account_id
            """)
        try s.bind([.text(refPeriod.description)])
        return try GroupedCursor(s) { s in Kopecks(s.int(1)) }
    }

    public func postedRecalcInserter() throws -> PostedRecalcInserter { try PostedRecalcInserter(self) }
}

/// Books posted differences, its statement prepared once.
public final class PostedRecalcInserter {
    private let db: Database
    private let insert: Statement

    init(_ db: Database) throws {
        self.db = db
        insert = try db.prepareUncached("""
            INSERT OR IGNORE INTO posted_recalcs(account_id, ref_period, line, amount, ground, fingerprint)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """)
    }

    /// Stores one difference; false when a row with the same fingerprint was already there.
    public func insert(account: String, refPeriod: Period, line: String, amount: Kopecks, ground: String,
                       fingerprint: String) throws -> Bool {
        insert.bindText(account, at: 1); insert.bindText(refPeriod.description, at: 2)
        insert.bindText(line, at: 3); insert.bindInt(amount.value, at: 4)
        insert.bindText(ground, at: 5); insert.bindText(fingerprint, at: 6)
        try insert.runOnce()
        return db.changes != 0
    }
}
