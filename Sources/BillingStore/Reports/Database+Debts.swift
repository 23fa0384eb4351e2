import BillingCore

/// The scans debtors, notices and claims are merge-joined from (RULES.md "Debtors").
extension Database {
    /// Every account (or only `id`) in id order.
    public func allAccounts(only id: String?) throws -> RowCursor<Account> {
        guard let id else { return try allAccounts() }
        return try accountCursor(filter: "account_id = ?", [.text(id)])
    }

    /// Each account's obligations of `periods` (charge + recalculation + benefit, due date,
    /// the penalty booked), merged by account in period order; `account` restricts the scans.
    public func pastPeriods(_ periods: [Period], account: String?) throws -> PeriodMergeCursor<PastPeriod> {
        try PeriodMergeCursor(self, periods: periods, sql: """
            SELECT account_id, period, charge + recalculation + benefit, due_date, penalty
            FROM account_periods WHERE period = ?1\(account == nil ? "" : " AND account_id = ?2") ORDER BY account_id
            """, extra: account.map { [.text($0)] } ?? []) { s in
            PastPeriod(period: try s.storedPeriod(1, "account_periods", "л/с \(s.text(0))"), amount: Kopecks(s.int(2)),
                       dueDate: try s.storedDate(3, "account_periods", "л/с \(s.text(0)), период \(s.text(1))"),
                       penalty: Kopecks(s.int(4)))
        }
    }

    /// The payments by account in id order, each account's by date and id: those paid
    /// on or before `paidBy` (nil: all), of `account` only when given.
    public func paymentsByAccount(paidBy: CivilDate?, account: String?) throws -> GroupedCursor<Payment> {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let paidBy { conditions.append("paid_on <= ?"); binds.append(.text(paidBy.iso)) }
        if let account { conditions.append("account_id = ?"); binds.append(.text(account)) }
        let s = try prepareUncached("""
            SELECT account_id, payment_id, paid_on, amount, channel, period FROM payments
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY account_id, paid_on, payment_id
            """)
        try s.bind(binds)
        return try GroupedCursor(s) { s in
            Payment(id: s.text(1), accountId: s.text(0), paidOn: try s.storedDate(2, "payments", "платёж \(s.text(1))"),
                    amount: Kopecks(s.int(3)), channel: s.text(4), period: s.optText(5).flatMap(Period.init))
        }
    }
}
