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

    /// The encoded state a meter of `account` was left in by the last period before `period`
    /// whose close stored it (one primary-key seek per closed period, newest first).
    public func meterState(meter: String, account: String, before period: Period) throws -> String? {
        let s = try prepareUncached("SELECT account_id, detail FROM account_periods WHERE period = ?1 AND account_id = ?2")
        for p in try closedPeriods(self, before: period).reversed() {
            try s.bind([.text(p.description), .text(account)])
            defer { s.reset() }
            if try s.step(), let m = try s.periodDetailMeters(1, period: p.description).first(where: { $0.meterId == meter }) {
                return m.state
            }
        }
        return nil
    }

    /// The total due of the account's last closed period, and that period as stored.
    public func lastClosedTotalDue(account: String) throws -> (period: String, totalDue: Kopecks)? {
        let s = try prepareUncached("SELECT period, total_due FROM account_periods WHERE period IN (SELECT DISTINCT period FROM closes) AND account_id = ?1 ORDER BY period DESC LIMIT 1")
        try s.bind([.text(account)])
        defer { s.reset() }
        return try s.step() ? (s.text(0), Kopecks(s.int(1))) : nil
    }
}
