import BillingCore

/// The ledger scans of the reconciliation acts. The ledger is keyed by period first,
/// so every closed period is one range scan (one seek per period for one account).
extension Database {
    /// Per account in id order, its entries of `periods` dated before `date`, one sum per period;
    /// `account` restricts the scans to that account.
    public func ledgerSums(before date: CivilDate, periods: [Period], account: String?) throws -> PeriodMergeCursor<Kopecks> {
        let filter = account == nil ? "" : " AND account_id = ?3"
        let extra: [SQLValue] = account.map { [.date(date), .text($0)] } ?? [.date(date)]
        return try PeriodMergeCursor(self, periods: periods, sql: """
            SELECT account_id, sum(amount) FROM ledger WHERE period = ?1 AND date < ?2\(filter)
            GROUP BY account_id ORDER BY account_id
            """, extra: extra) { Kopecks($0.int(1)) }
    }

    /// Per account in id order, the entries of `periods` dated `from`…`to`, each period's
    /// in booking order, as `row` makes them.
    public func ledgerEntries<Row>(from: CivilDate, to: CivilDate, periods: [Period], account: String?,
                                   _ row: @escaping (LedgerRow) -> Row) throws -> PeriodMergeCursor<Row> {
        let filter = account == nil ? "" : " AND account_id = ?4"
        let extra: [SQLValue] = [.date(from), .date(to)] + (account.map { [.text($0)] } ?? [])
        return try PeriodMergeCursor(self, periods: periods, sql: """
            SELECT account_id, date, kind, document, amount FROM ledger
            WHERE period = ?1 AND date >= ?2 AND date <= ?3\(filter) ORDER BY account_id, seq
            """, extra: extra) { s in
            row(LedgerRow(accountId: s.text(0), date: try s.storedDate(1, "ledger", "л/с \(s.text(0)), документ \(s.text(3))"),
                            kind: try s.storedCode(2, "ledger", "л/с \(s.text(0))"), document: s.text(3), amount: Kopecks(s.int(4))))
        }
    }

    /// The VAT within the stored lines of `accounts` for the periods `first`…`last`.
    public func vatOfLines(accounts: [String], from first: Period, through last: Period) throws -> Kopecks {
        let s = try prepareUncached("""
            SELECT coalesce(sum(vat), 0) FROM lines WHERE account_id = ?1 AND period >= ?2 AND period <= ?3 AND vat IS NOT NULL
            """)
        var total = Kopecks.zero
        for a in accounts {
            s.reset()
            try s.bind([.text(a), .text(first.description), .text(last.description)])
            if try s.step() { total += Kopecks(s.int(0)) }
        }
        return total
    }
}
