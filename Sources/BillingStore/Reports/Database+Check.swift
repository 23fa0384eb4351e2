import BillingCore

/// A single output file as recorded when it was last written.
public struct RecordedOutput: Sendable {
    public var period: String
    public var file: String
    public var sha256: String
}

/// The reads of `check`: the recorded output files and the per-account invariants of a stored period.
extension Database {
    /// The single files (names with an extension) recorded in `outputs`, by period and name;
    /// folders are recorded as one digest and not listed.
    public func recordedOutputFiles() throws -> [RecordedOutput] {
        let s = try prepareUncached("SELECT period, file, sha256 FROM outputs WHERE file LIKE '%.%' ORDER BY period, file")
        var out: [RecordedOutput] = []
        while try s.step() { out.append(RecordedOutput(period: s.text(0), file: s.text(1), sha256: s.text(2))) }
        return out
    }

    /// Up to 20 accounts of `period` whose row does not add up
    /// (balance_in + charge + recalculation + benefit + penalty − payments ≠ total_due).
    public func unbalancedAccountPeriods(period: Period) throws -> [String] {
        try accountIds("""
            SELECT account_id FROM account_periods WHERE period = ?1
              AND balance_in + charge + recalculation + benefit + penalty - payments <> total_due ORDER BY account_id LIMIT 20
            """, [.text(period.description)])
    }

    /// Up to 20 accounts of `period` whose opening is not the previous period's closing
    /// (or the account's opening balance in its first period).
    public func brokenBalanceChains(period: Period) throws -> [String] {
        try accountIds("""
            SELECT ap.account_id FROM account_periods ap
            LEFT JOIN account_periods prev ON prev.account_id = ap.account_id
                 AND prev.period = ?2
            JOIN accounts a ON a.account_id = ap.account_id
            WHERE ap.period = ?1 AND ap.balance_in <> coalesce(prev.total_due, a.opening_balance) ORDER BY ap.account_id LIMIT 20
            """, [.text(period.description), .text(period.previous.description)])
    }

    /// Up to 20 accounts of `period` whose ledger entries do not add up to the change of
    /// balance, or whose stored detail (lines, meters, payments) does not decode.
    public func ledgerMismatches(period: Period) throws -> [String] {
        let s = try prepareUncached("""
            SELECT account_id, total_due - balance_in, detail FROM account_periods WHERE period = ?1 ORDER BY account_id
            """)
        try s.bind([.text(period.description)])
        var out: [String] = []
        while out.count < 20, try s.step() {
            let sums = AccountPeriodDetail.sums(bytes: s.blobBytes(2))
            if sums?.ledgerTotal != s.int(1) { out.append(s.text(0)) }
        }
        return out
    }

    private func accountIds(_ sql: String, _ args: [SQLValue]) throws -> [String] {
        let s = try prepareUncached(sql)
        try s.bind(args)
        var out: [String] = []
        while try s.step() { out.append(s.text(0)) }
        return out
    }
}
