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
    let s = try db.prepareUncached("SELECT code, source_json, sha256 FROM regions ORDER BY code")
    while try s.step() {
        let code = s.text(0)
        regions[code] = try loadRegionRules(json: Array(s.text(1).utf8), file: "stored tariffs of \(code)")
        hashes[code] = s.text(2)
    }
    var changes: [Effective<Int64>] = []
    let k = try db.prepareUncached("SELECT from_date, percent_centi FROM key_rates ORDER BY from_date")
    while try k.step() { changes.append(Effective(from: try k.storedDate(0, "key_rates", "ставка \(k.int(1))"), value: k.int(1))) }
    guard let penaltyJSON = try db.scalarText("SELECT source_json FROM policies WHERE name = 'penalty'") else {
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
