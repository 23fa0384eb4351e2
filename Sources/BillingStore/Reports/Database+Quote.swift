import BillingCore

/// The reads of `quote` (besides account(id:) and lastClosedPeriod): an account's meters,
/// the stored meter state and the balance a reading would continue from.
extension Database {
    /// The meters of `account`, in installation order.
    public func meters(account: String) throws -> [Meter] {
        let s = try prepareUncached("SELECT \(MeterRecord.columnList) FROM meters WHERE account_id = ? ORDER BY installed_on, meter_id")
        try s.expectColumns(MeterRecord.columns)
        try s.bind([.text(account)])
        var out: [Meter] = []
        while try s.step() { out.append(try MeterRecord.decode(s)) }
        return out
    }

    /// The encoded state a meter's last stored period before `period` left it in.
    public func meterState(meter: String, before period: Period) throws -> String? {
        try scalarText("SELECT state FROM meter_periods WHERE meter_id = ? AND period < ? ORDER BY period DESC LIMIT 1",
                       [.text(meter), .text(period.description)])
    }

    /// The total due of the account's last closed period, and that period as stored.
    public func lastClosedTotalDue(account: String) throws -> (period: String, totalDue: Kopecks)? {
        let s = try prepareUncached("SELECT period, total_due FROM account_periods WHERE period IN (SELECT DISTINCT period FROM closes) AND account_id = ?1 ORDER BY period DESC LIMIT 1")
        try s.bind([.text(account)])
        defer { s.reset() }
        return try s.step() ? (s.text(0), Kopecks(s.int(1))) : nil
    }
}
