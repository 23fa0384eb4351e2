import BillingCore

/// The history tables: the version of an account row or a region file that stood at
/// the close of a period is the earliest one kept with `valid_through` ≥ that period.
extension Database {
    /// Per account replaced after the close of `period`, its version as it stood then.
    public func accountVersions(standingAt period: Period) throws -> [String: Account] {
        let s = try prepareUncached("""
            SELECT \(AccountRecord.columnList) FROM account_history WHERE valid_through >= ?1 ORDER BY account_id, seq
            """)
        try s.expectColumns(AccountRecord.columns)
        try s.bind([.text(period.description)])
        var out: [String: Account] = [:]
        while try s.step() {
            let account = AccountRecord.decode(s)
            if out[account.id] == nil { out[account.id] = account }
        }
        return out
    }

    /// Per region file replaced after the close of `period`, in code order, the source
    /// JSON that stood then.
    public func regionSources(standingAt period: Period) throws -> [(code: String, json: String)] {
        let s = try prepareUncached("""
            SELECT code, source_json FROM region_history WHERE valid_through >= ?1 ORDER BY code, seq
            """)
        try s.bind([.text(period.description)])
        var out: [(code: String, json: String)] = []
        while try s.step() {
            let code = s.text(0)
            if out.last?.code != code { out.append((code, s.text(1))) }
        }
        return out
    }
}
