import BillingCore

/// The reads of `remind` (besides isClosed): readings already received, meters in
/// service, and the accounts that take SMS.
extension Database {
    /// The accounts of `region` with a reading received after `after` and by `by`.
    public func accountsWithReadings(region: String, receivedAfter after: LocalTimestamp, by: LocalTimestamp) throws -> Set<String> {
        let s = try prepareUncached("""
            SELECT DISTINCT r.account_id FROM readings r JOIN accounts a ON a.account_id = r.account_id
            WHERE a.region = ?1 AND r.id IN (\(Self.readingIds("received_at > ?2 AND received_at <= ?3")))
            """)
        try s.bind([.text(region), .text(after.description), .text(by.description)])
        var ids = Set<String>()
        while try s.step() { ids.insert(s.text(0)) }
        return ids
    }

    /// The accounts with a meter in service on some day of `first`…`last`.
    public func accountsWithMeters(from first: CivilDate, through last: CivilDate) throws -> Set<String> {
        let s = try prepareUncached("SELECT DISTINCT account_id FROM meters WHERE installed_on <= ? AND (removed_on IS NULL OR removed_on >= ?)")
        try s.bind([.text(last.iso), .text(first.iso)])
        var ids = Set<String>()
        while try s.step() { ids.insert(s.text(0)) }
        return ids
    }

    /// The accounts that consent to SMS and have a phone, in id order.
    public func smsAccounts() throws -> RowCursor<Account> {
        try accountCursor(filter: "sms = 1 AND phone <> ''")
    }
}
