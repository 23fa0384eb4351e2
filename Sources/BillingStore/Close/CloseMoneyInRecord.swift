import BillingCore

/// The `close_money_in` table: money in as it stood at the latest close of a period,
/// so a re-run writes the same summary. One column list for the row written and read.
public struct CloseMoneyInRecord: Sendable, Equatable {
    public static let columns = [
        "period", "received", "on_accounts", "booked_in_period", "unmatched", "unmatched_count", "registries", "commission",
        "registries_without_transfer",
    ]
    public static let columnList = columns.joined(separator: ", ")

    public var period: Period
    /// Every payment received by the period's end, assigned to an account or not (counted once).
    public var received: Kopecks
    public var onAccounts: Kopecks
    public var bookedInPeriod: Kopecks
    public var unmatched: Kopecks
    public var unmatchedCount: Int
    public var registries: Int
    public var commission: Kopecks
    public var registriesWithoutTransfer: Int

    static func decode(_ s: Statement, period: Period) -> CloseMoneyInRecord {
        CloseMoneyInRecord(period: period, received: Kopecks(s.int(1)), onAccounts: Kopecks(s.int(2)),
                           bookedInPeriod: Kopecks(s.int(3)), unmatched: Kopecks(s.int(4)), unmatchedCount: Int(s.int(5)),
                           registries: Int(s.int(6)), commission: Kopecks(s.int(7)), registriesWithoutTransfer: Int(s.int(8)))
    }

    var values: [SQLValue] {
        [.text(period.description), .int(received.value), .int(onAccounts.value), .int(bookedInPeriod.value), .int(unmatched.value),
         .int(Int64(unmatchedCount)), .int(Int64(registries)), .int(commission.value), .int(Int64(registriesWithoutTransfer))]
    }
}

extension Database {
    /// Whether a bank registry, bank statement or unmatched payment was ever imported.
    public func hasBankData() throws -> Bool {
        try scalarInt("""
            SELECT EXISTS(SELECT 1 FROM bank_registries) OR EXISTS(SELECT 1 FROM bank_statements) OR EXISTS(SELECT 1 FROM unmatched_payments)
            """) ?? 0 != 0
    }

    /// Money in as of the end of `period`, from what is stored now.
    public func moneyInFigures(period: Period) throws -> CloseMoneyInRecord {
        let end = SQLValue.text(period.lastDay.iso)
        // Assigned payments are in both tables with the same id and amount: the union counts them once.
        let received = try scalarInt("""
            SELECT coalesce(sum(amount), 0) FROM (SELECT payment_id, amount FROM payments WHERE paid_on <= ?1
                                                  UNION SELECT payment_id, amount FROM unmatched_payments WHERE paid_on <= ?1)
            """, [end]) ?? 0
        let onAccounts = try scalarInt("SELECT coalesce(sum(amount), 0) FROM payments WHERE paid_on <= ?", [end]) ?? 0
        let booked = try scalarInt("SELECT coalesce(sum(payments), 0) FROM account_periods WHERE period = ?",
                                   [.text(period.description)]) ?? 0
        let u = try prepareUncached("SELECT count(*), coalesce(sum(amount), 0) FROM unmatched_payments WHERE assigned_account IS NULL AND paid_on <= ?")
        try u.bind([end]); _ = try u.step()
        let (uCount, uSum) = (u.int(0), u.int(1))
        u.reset()
        let r = try prepareUncached("""
            SELECT count(*), coalesce(sum(commission), 0),
                   coalesce(sum(transfer_document IS NULL OR transfer_amount <> transferred_sum), 0)
            FROM bank_registries WHERE registry_date <= ?
            """)
        try r.bind([end]); _ = try r.step()
        let figures = CloseMoneyInRecord(period: period, received: Kopecks(received), onAccounts: Kopecks(onAccounts),
                                         bookedInPeriod: Kopecks(booked), unmatched: Kopecks(uSum), unmatchedCount: Int(uCount),
                                         registries: Int(r.int(0)), commission: Kopecks(r.int(1)),
                                         registriesWithoutTransfer: Int(r.int(2)))
        r.reset()
        return figures
    }

    /// Stores (or replaces) the period's money in.
    public func saveMoneyIn(_ m: CloseMoneyInRecord) throws {
        try run("INSERT OR REPLACE INTO close_money_in(\(CloseMoneyInRecord.columnList)) VALUES (?,?,?,?,?,?,?,?,?)", m.values)
    }

    /// The money in stored with the period's latest close; nil when none was.
    public func moneyIn(period: Period) throws -> CloseMoneyInRecord? {
        let s = try prepareUncached("SELECT \(CloseMoneyInRecord.columnList) FROM close_money_in WHERE period = ?")
        try s.expectColumns(CloseMoneyInRecord.columns)
        try s.bind([.text(period.description)])
        guard try s.step() else { return nil }
        return CloseMoneyInRecord.decode(s, period: period)
    }
}
