import BillingCore

/// Named reads and writes of the `closes` table (one row per region and closed period).
extension Database {
    public func isClosed(region: String, period: Period) throws -> Bool {
        try scalarInt("SELECT 1 FROM closes WHERE region = ? AND period = ?", [.text(region), .text(period.description)]) != nil
    }

    /// Whether the region was ever closed.
    public func hasCloses(region: String) throws -> Bool {
        try scalarInt("SELECT 1 FROM closes WHERE region = ? LIMIT 1", [.text(region)]) != nil
    }

    /// The region's last closed period; nil when it never was (or the stored value does not parse).
    public func lastClosedPeriod(region: String) throws -> Period? {
        try scalarText("SELECT max(period) FROM closes WHERE region = ?", [.text(region)]).flatMap(Period.init)
    }

    /// The region's first closed period (its go-live); nil when it never was.
    public func firstClosedPeriod(region: String) throws -> Period? {
        try scalarText("SELECT min(period) FROM closes WHERE region = ?", [.text(region)]).flatMap(Period.init)
    }

    /// Per region, its first closed period (a stored value that does not parse is left out).
    public func firstClosedPeriods() throws -> [String: Period] {
        var out: [String: Period] = [:]
        let s = try prepareUncached("SELECT region, min(period) FROM closes GROUP BY region")
        while try s.step() { if let p = Period(s.text(1)) { out[s.text(0)] = p } }
        return out
    }

    /// Per region, its last closed period up to `through` (nil: any).
    public func lastClosedPeriods(through: Period? = nil) throws -> [String: Period] {
        var out: [String: Period] = [:]
        let s = try prepareUncached("SELECT region, max(period) FROM closes WHERE period <= ?1 GROUP BY region ORDER BY region")
        try s.bind([.text(through?.description ?? "9999-12")])
        while try s.step() { if let p = Period(s.text(1)) { out[s.text(0)] = p } }
        return out
    }

    /// How many regions are closed for `period`.
    public func closedRegionCount(period: Period) throws -> Int64 {
        try scalarInt("SELECT count(*) FROM closes WHERE period = ?", [.text(period.description)]) ?? 0
    }

    /// The regions closed for `period`, by code.
    public func closedRegions(period: Period) throws -> [ClosedRegion] {
        let r = try prepareUncached("SELECT region, accounts, input_sha256 FROM closes WHERE period = ? ORDER BY region")
        try r.bind([.text(period.description)])
        var out: [ClosedRegion] = []
        while try r.step() { out.append(ClosedRegion(code: r.text(0), accounts: Int(r.int(1)), inputHash: r.text(2))) }
        return out
    }

    /// The payments watermark the close of the region for `period` left; 0 when it was not closed.
    public func paymentsWatermark(region: String, period: Period) throws -> Int64 {
        try scalarInt("SELECT payments_watermark FROM closes WHERE region = ? AND period = ?",
                      [.text(region), .text(period.description)]) ?? 0
    }

    /// The highest payment rowid so far (0: none): the watermark a close records.
    public func lastPaymentRowid() throws -> Int64 {
        try scalarInt("SELECT coalesce(max(rowid), 0) FROM payments") ?? 0
    }

    /// Records the close of the region for `period` (inside the close's transaction).
    public func insertClose(region: String, period: Period, runId: Int64, accounts: Int, inputHash: String,
                            paymentsWatermark: Int64) throws {
        try run("INSERT INTO closes(region, period, run_id, accounts, input_sha256, payments_watermark) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(region), .text(period.description), .int(runId), .int(Int64(accounts)), .text(inputHash), .int(paymentsWatermark)])
    }
}

/// A region's close of a period as summary.json names it.
public struct ClosedRegion: Sendable {
    public var code: String
    public var accounts: Int
    public var inputHash: String
}
