import BillingCore

/// The ledger scans of the reconciliation acts. The ledger is keyed by period first,
/// so every closed period is one range scan (one seek per period for one account).
extension Database {
    /// Per account in id order, its entries of `periods` dated before `date`, one sum per period;
    /// `account` restricts the scans to that account. Every entry of a period is dated by its
    /// last day, so a period that ended before `date` contributes its whole movement (the close
    /// proves, and `check` verifies, that the entries add up to it) without decoding its details.
    public func ledgerSums(before date: CivilDate, periods: [Period], account: String?) throws -> PeriodMergeCursor<Kopecks> {
        let filter = account == nil ? "" : " AND account_id = ?3"
        let extra: [SQLValue] = account.map { [.date(date), .text($0)] } ?? [.date(date)]
        return try PeriodMergeCursor(self, periods: periods, sql: { p in
            p.lastDay < date
                ? "SELECT account_id, total_due - balance_in FROM account_periods WHERE period = ?1 AND ?2 = ?2\(filter) ORDER BY account_id"
                : "SELECT account_id, detail FROM account_periods WHERE period = ?1 AND ?2 = ?2\(filter) ORDER BY account_id"
        }, extra: extra) { p in
            if p.lastDay < date { return { s, out in out.append(Kopecks(s.int(1))) } }
            let text = p.description
            return { s, out in
                var sum = Kopecks.zero
                for e in try s.periodDetail(1, period: text).ledger(period: p) where e.date < date {
                    sum += e.amount
                }
                out.append(sum)
            }
        }
    }

    /// Per account in id order, the entries of `periods` dated `from`…`to`, each period's
    /// in booking order, as `row` makes them. A period that ended before `from` has none.
    public func ledgerEntries<Row>(from: CivilDate, to: CivilDate, periods: [Period], account: String?,
                                   _ row: @escaping (LedgerRow) -> Row) throws -> PeriodMergeCursor<Row> {
        let filter = account == nil ? "" : " AND account_id = ?2"
        let extra: [SQLValue] = account.map { [.text($0)] } ?? []
        return try PeriodMergeCursor(self, periods: periods, sql: { p in
            p.lastDay < from ? nil
                : "SELECT account_id, detail FROM account_periods WHERE period = ?1\(filter) ORDER BY account_id"
        }, extra: extra) { p in
            let text = p.description
            return { s, out in
                let id = s.text(0)
                for e in try s.periodDetail(1, period: text).ledger(period: p)
                where e.date >= from && e.date <= to {
                    out.append(row(LedgerRow(accountId: id, date: e.date, kind: e.kind, document: e.document, amount: e.amount)))
                }
            }
        }
    }

    /// The VAT within the stored lines of `accounts` for the periods `first`…`last`.
    public func vatOfLines(accounts: [String], from first: Period, through last: Period) throws -> Kopecks {
        let periods = try closedPeriods(self, before: last.next, from: first)
        let s = try prepareUncached("SELECT account_id, detail FROM account_periods WHERE period = ?1 AND account_id = ?2")
        var total = Kopecks.zero
        for a in accounts {
            for p in periods {
                try s.bind([.text(p.description), .text(a)])
                if try s.step() { total += Kopecks(try s.periodDetailSums(1, period: p.description).vat) }
                s.reset()
            }
        }
        return total
    }
}
