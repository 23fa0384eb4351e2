import BillingCore

/// The tariff data as imported: the region files and key rates in their stored form
/// (the penalty policy: penaltyPolicySource).
extension Database {
    /// Every region's stored source file and its hash, by code.
    public func regionFiles() throws -> [(code: String, json: String, sha256: String)] {
        let s = try prepareUncached("SELECT code, source_json, sha256 FROM regions ORDER BY code")
        var out: [(code: String, json: String, sha256: String)] = []
        while try s.step() { out.append((s.text(0), s.text(1), s.text(2))) }
        return out
    }

    /// The key rate changes, oldest first; a stored date that does not read is an error naming the row.
    public func keyRateChanges() throws -> [Effective<Int64>] {
        let s = try prepareUncached("SELECT from_date, percent_centi FROM key_rates ORDER BY from_date")
        var out: [Effective<Int64>] = []
        while try s.step() { out.append(Effective(from: try s.storedDate(0, "key_rates", "ставка \(s.int(1))"), value: s.int(1))) }
        return out
    }
}
