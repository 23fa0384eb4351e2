import BillingCore

/// One account's debt for a bank's debt registry.
public struct BankDebt: Sendable {
    public var accountId: String
    public var holder: String
    public var address: String
    public var region: String
    /// The last closed period of the account up to the date (nil: stored period does not read).
    public var period: Period?
    /// That period's total due less every later payment up to the date that its close did not book.
    public var debt: Kopecks
}

/// One row of a period's registry.csv, as stored in `account_periods`.
public struct RegistryCSVRow {
    public var accountId: String
    public var method: String
    public var volumeKwh: Int64
    /// charge, recalculation, benefit, penalty, payments, balance_in, total_due.
    public var charge, recalculation, benefit, penalty, payments, balanceIn, totalDue: Kopecks
    public var dueDate: String
}

/// What `export debts` and the registry.csv writer read.
extension Database {
    /// Every account's debt as of `asOf`, by account id.
    public func bankDebts(asOf: CivilDate) throws -> RowCursor<BankDebt> {
        let s = try prepareUncached("""
            WITH last AS (SELECT account_id, max(period) AS period FROM account_periods WHERE period <= ?1 GROUP BY account_id),
            due AS (
                SELECT l.account_id, l.period, ap.region, ap.total_due, c.payments_watermark AS wm,
                       date(l.period || '-01', '+1 month', '-1 day') AS pend
                FROM last l JOIN account_periods ap ON ap.period = l.period AND ap.account_id = l.account_id
                JOIN closes c ON c.region = ap.region AND c.period = l.period)
            SELECT a.account_id, a.holder, a.address, d.region, d.period,
                   d.total_due - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.account_id = d.account_id AND p.paid_on <= ?2
                                           AND (p.paid_on > d.pend OR p.rowid > d.wm)), 0)
            FROM due d JOIN accounts a USING (account_id)
            ORDER BY a.account_id
            """)
        try s.bind([.text(asOf.period.description), .text(asOf.iso)])
        return RowCursor(s) { s in
            BankDebt(accountId: s.text(0), holder: s.text(1), address: s.text(2), region: s.text(3), period: Period(s.text(4)),
                     debt: Kopecks(s.int(5)))
        }
    }

    /// The period's stored rows, by account id, handed to `body` one by one (a close's
    /// million rows: no generic cursor in between).
    public func forEachRegistryRow(period: Period, _ body: (RegistryCSVRow) throws -> Void) throws {
        let s = try prepareUncached("""
            SELECT account_id, method, volume_kwh, charge, recalculation, benefit, penalty, payments,
                   balance_in, total_due, due_date
            FROM account_periods WHERE period = ? ORDER BY account_id
            """)
        try s.bind([.text(period.description)])
        while try s.step() {
            let k = { (c: Int32) in Kopecks(s.int(c)) }
            try body(RegistryCSVRow(accountId: s.text(0), method: s.text(1), volumeKwh: s.int(2), charge: k(3), recalculation: k(4),
                                    benefit: k(5), penalty: k(6), payments: k(7), balanceIn: k(8), totalDue: k(9), dueDate: s.text(10)))
        }
    }
}
