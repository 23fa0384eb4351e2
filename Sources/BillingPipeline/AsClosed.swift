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
        accounts = try db.accountVersions(standingAt: period)
        for (code, json) in try db.regionSources(standingAt: period) {
            rules.regions[code] = try loadRegionRules(json: Array(json.utf8), file: "stored tariffs of \(code) as closed")
        }
    }

    /// The account as it stood at the close: its kept version, or the current row.
    func account(_ current: Account) -> Account { accounts[current.id] ?? current }
}
