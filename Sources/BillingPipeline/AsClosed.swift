import BillingCore
import BillingInput
import BillingStore

/// A closed period's documents and acts are rendered from the data as it stood at its
/// close (SPEC): an account row or a region file replaced after P's close reads back
/// from its history the version that stood then — the earliest version kept with
/// `valid_through` ≥ P. Changes are rare, so the versions are a small map.
struct AsClosed {
    private(set) var accounts: [String: Account] = [:]
    private(set) var rules: StoredRules

    init(_ db: Database, rules current: StoredRules, period: Period) throws {
        rules = current
        let a = try db.prepareUncached("""
            SELECT \(accountColumns) FROM account_history WHERE valid_through >= ?1 ORDER BY account_id, seq
            """)
        try a.bind([.text(period.description)])
        while try a.step() {
            let account = decodeAccount(a)
            if accounts[account.id] == nil { accounts[account.id] = account }
        }
        let r = try db.prepareUncached("""
            SELECT code, source_json FROM region_history WHERE valid_through >= ?1 ORDER BY code, seq
            """)
        try r.bind([.text(period.description)])
        var seen: Set<String> = []
        while try r.step() {
            let code = r.text(0)
            guard seen.insert(code).inserted else { continue }
            rules.regions[code] = try loadRegionRules(json: Array(r.text(1).utf8), file: "stored tariffs of \(code) as closed")
        }
    }

    /// The account as it stood at the close: its kept version, or the current row.
    func account(_ current: Account) -> Account { accounts[current.id] ?? current }
}
