import BillingCore

/// Payments as `import payments` and `payments unmatched/assign` read and write them.
extension Database {
    static let paymentInsert = "INSERT INTO payments(" + PaymentRecord.columnList + ") VALUES (" + PaymentRecord.placeholders + ")"

    /// The stored payment of that id (its account, date, amount, channel and period).
    public func storedPayment(id: String) throws -> Payment? {
        let s = try prepare("SELECT payment_id, account_id, paid_on, amount, channel, period FROM payments WHERE payment_id = ?")
        defer { s.reset() }
        try s.bind([.text(id)])
        guard try s.step() else { return nil }
        return Payment(id: s.text(0), accountId: s.text(1), paidOn: try s.storedDate(2, "payments", "платёж \(id)"),
                       amount: Kopecks(s.int(3)), channel: s.text(4),
                       period: s.isNull(5) ? nil : try s.storedPeriod(5, "payments", "платёж \(id)"))
    }

    public func paymentExists(id: String) throws -> Bool {
        try scalarInt("SELECT count(*) FROM payments WHERE payment_id = ?", [.text(id)]) ?? 0 > 0
    }

    public func insertPayment(_ p: Payment, importId: Int64, line: Int64, commission: Kopecks = Kopecks(0),
                              registryId: Int64? = nil) throws {
        let s = try prepare(Self.paymentInsert)
        try s.bind(PaymentRecord.values(p, importId: importId, line: line, commission: commission, registryId: registryId))
        try s.run()
    }

    /// What no payment may be dated long after: the last closed period (any region) and
    /// the latest reading received (each nil when there is none or it does not read).
    public func latestDataDates() throws -> (closedThrough: Period?, readingsUpTo: CivilDate?) {
        let p = try scalarText("SELECT max(period) FROM closes").flatMap(Period.init)
        let r = try scalarText("SELECT max(received_at) FROM readings").flatMap(LocalTimestamp.init)?.date
        return (p, r)
    }

    // MARK: unmatched payments

    static let unmatchedSelect = "SELECT " + UnmatchedPaymentRecord.columnList + " FROM unmatched_payments"

    /// The payments still unassigned, by date and id.
    public func openUnmatchedPayments() throws -> RowCursor<UnmatchedPayment> {
        let s = try prepareUncached(Self.unmatchedSelect + " WHERE assigned_account IS NULL ORDER BY paid_on, payment_id")
        try s.expectColumns(UnmatchedPaymentRecord.columns)
        return RowCursor(s) { try UnmatchedPaymentRecord.decode($0) }
    }

    public func assignedUnmatchedCount() throws -> Int {
        Int(try scalarInt("SELECT count(*) FROM unmatched_payments WHERE assigned_account IS NOT NULL") ?? 0)
    }

    public func unmatchedPayment(id: String) throws -> UnmatchedPayment? {
        let s = try prepareUncached(Self.unmatchedSelect + " WHERE payment_id = ?")
        try s.expectColumns(UnmatchedPaymentRecord.columns)
        try s.bind([.text(id)])
        return try s.step() ? try UnmatchedPaymentRecord.decode(s) : nil
    }

    /// Records that a clerk's run assigned the held payment to `account`.
    public func markUnmatchedAssigned(id: String, account: String, runId: Int64) throws {
        try run("UPDATE unmatched_payments SET assigned_account = ?, assigned_run = ? WHERE payment_id = ?",
                [.text(account), .int(runId), .text(id)])
    }
}
