import BillingCore

extension Database {
    /// The payments the close of `period` may book, with their rowids, by account then
    /// paid_on and payment_id: those paid by P's end and dated in P or imported after
    /// `watermark` (the lowest of the regions' P−1 watermarks; 0: every payment up to
    /// P's end). With a watermark that is two bounded scans, not one of the whole
    /// history: those dated before P but imported since (a rowid range, sorted), and
    /// those dated in P (payments_month: by account without a sort). They are disjoint
    /// and, within an account, all of the first precede the second by paid_on.
    public func closePayments(period: Period, watermark: Int64) throws -> SplitScanCursor<(Payment, Int64)> {
        let columns = "SELECT account_id, payment_id, paid_on, amount, '', period, rowid FROM payments"
        let order = "ORDER BY account_id, paid_on, payment_id"
        let end = SQLValue.text(period.lastDay.iso), boundary = SQLValue.text(period.previous.lastDay.iso)
        let scans: [(String, [SQLValue])] = watermark == 0
            ? [("\(columns) WHERE paid_on <= ?1 AND (paid_on > ?2 OR rowid > ?3) \(order)", [end, boundary, .int(0)])]
            : [("\(columns) NOT INDEXED WHERE rowid > ?1 AND paid_on <= ?2 \(order)", [.int(watermark), boundary]),
               ("\(columns) INDEXED BY payments_month WHERE substr(paid_on, 1, 7) = ?1 AND paid_on > ?2 AND paid_on <= ?3 \(order)",
                [.text(period.description), boundary, end])]
        return SplitScanCursor(try scans.map { sql, values in
            let p = try prepareUncached(sql)
            try p.bind(values)
            return try GroupedCursor(p) { s in
                (Payment(id: s.text(1), accountId: s.text(0), paidOn: try s.storedDate(2, "payments", "платёж \(s.text(1))"), amount: Kopecks(s.int(3)),
                         period: s.period(5)), s.int(6))
            }
        })
    }

    /// Point reads of one account's history, for an account the close replays from it.
    /// `closed`: the closed periods before P (none: every account has an empty history).
    public func closeHistoryReader(closed: [Period], paidBy: CivilDate) throws -> AccountHistoryReader {
        // Period values come from `closes` through Period's own YYYY-MM form, so the list is safe to inline.
        let history = closed.isEmpty ? nil : try prepareUncached("""
            SELECT period, charge + recalculation + benefit, due_date, penalty, total_due, penalty_total
            FROM account_periods WHERE period IN (\(closed.map { "'\($0)'" }.joined(separator: ","))) AND account_id = ?1
            ORDER BY period
            """)
        let payments = try prepareUncached("""
            SELECT payment_id, paid_on, amount, period, rowid FROM payments
            WHERE account_id = ?1 AND paid_on <= ?2 ORDER BY paid_on, payment_id
            """)
        return AccountHistoryReader(history: history, payments: payments, paidBy: paidBy.iso)
    }
}

/// One account's closed periods and payments, read by two prepared point queries
/// reused for every account replayed.
public final class AccountHistoryReader {
    private let history: Statement?
    private let payments: Statement
    private let paidBy: String

    init(history: Statement?, payments: Statement, paidBy: String) {
        self.history = history
        self.payments = payments
        self.paidBy = paidBy
    }

    /// The account's closed periods in order, and the total due and penalty total
    /// the last of them left (nil: none).
    public func periods(of id: String) throws
        -> (periods: [PastPeriod], last: (totalDue: Kopecks, penaltyTotal: Kopecks)?) {
        var past: [PastPeriod] = []
        var last: (totalDue: Kopecks, penaltyTotal: Kopecks)?
        guard let h = history else { return (past, last) }
        h.reset()
        h.bindText(id, at: 1)
        while try h.step() {
            past.append(PastPeriod(period: try h.storedPeriod(0, "account_periods", "л/с \(id)"), amount: Kopecks(h.int(1)),
                                   dueDate: try h.storedDate(2, "account_periods", "л/с \(id), период \(h.text(0))"),
                                   penalty: Kopecks(h.int(3))))
            last = (Kopecks(h.int(4)), Kopecks(h.int(5)))
        }
        return (past, last)
    }

    /// Every payment of the account paid by P's end, with its rowid, by paid_on and payment_id.
    public func payments(of id: String) throws -> [(Payment, Int64)] {
        var every: [(Payment, Int64)] = []
        let p = payments
        p.reset()
        p.bindText(id, at: 1); p.bindText(paidBy, at: 2)
        while try p.step() {
            every.append((Payment(id: p.text(0), accountId: id, paidOn: try p.storedDate(1, "payments", "платёж \(p.text(0))"),
                                  amount: Kopecks(p.int(2)), period: p.period(3)), p.int(4)))
        }
        return every
    }
}

/// One scan sorted by account, run as a few scans that each hold a disjoint part of
/// its rows (a rowid range, a month): an account's rows are the parts' rows in the
/// order of `parts`, which must be the one scan's order within an account.
public final class SplitScanCursor<Row> {
    private let parts: [GroupedCursor<Row>]

    init(_ parts: [GroupedCursor<Row>]) { self.parts = parts }

    public func rows(for account: String) throws -> [Row] {
        var out: [Row] = []
        for part in parts { try part.appendRows(for: account, to: &out) }
        return out
    }
}
