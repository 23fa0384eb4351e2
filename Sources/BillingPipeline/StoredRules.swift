import BillingCore
import BillingInput
import BillingStore

/// The tariff data as imported: every region's rules, the key rates and the
/// penalty policy, parsed once per command from the stored source files.
public struct StoredRules: Sendable {
    public var regions: [String: RegionRules]
    public var regionHashes: [String: String]
    public var keyRates: KeyRates
    public var penalty: PenaltyPolicy
    /// Also set on every region (`RegionRules.vatRates`), where the close reads them.
    public var vatRates = VATRates(changes: [])
}

public func loadStoredRules(_ db: Database) throws -> StoredRules {
    var regions: [String: RegionRules] = [:]
    var hashes: [String: String] = [:]
    for (code, json, sha256) in try db.regionFiles() {
        regions[code] = try loadRegionRules(json: Array(json.utf8), file: "stored tariffs of \(code)")
        hashes[code] = sha256
    }
    let changes = try db.keyRateChanges()
    guard let penaltyJSON = try db.penaltyPolicySource() else {
        throw BillingError(.badInput, "правила пени не загружены: выполните 'energobill import tariffs tariffs/' (читает penalty.json)")
    }
    if changes.isEmpty {
        throw BillingError(.badInput, "ключевые ставки не загружены: выполните 'energobill import tariffs tariffs/' (читает key-rate.csv)")
    }
    let penalty = try loadPenaltyPolicy(json: Array(penaltyJSON.utf8), file: "stored penalty.json")
    let vat = try loadStoredVATRates(db)
    for code in regions.keys { regions[code]?.vatRates = vat }
    return StoredRules(regions: regions, regionHashes: hashes, keyRates: KeyRates(changes: changes), penalty: penalty,
                       vatRates: vat)
}
