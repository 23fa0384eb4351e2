import BillingCore

/// A stored document line (one of `AccountPeriodDetail.lines`; before v9 a row of
/// `lines`, whose column list and decoder the migration still reads).
public struct StoredLine: Sendable, Hashable {
    public var kind: ChargeKind
    public var meterId: String
    public var zone: String
    public var tier: Int
    public var method: String
    public var volumeKwh: Int64
    public var price: PricePer10000
    public var amount: Kopecks
    public var ground: String
    public var refPeriod: String
    /// Lines of legal entities: net, rate and VAT; nil for households.
    public var vat: VATPart?

    static let columns = [
        "account_id", "kind", "meter_id", "zone", "tier", "method", "volume_kwh", "price", "amount", "ground", "ref_period",
        "net", "vat_rate", "vat",
    ]
    static let columnList = columns.joined(separator: ", ")

    static func decode(_ s: Statement) throws -> StoredLine {
        var vat: VATPart? = nil
        if let net = s.optInt(11), let rate = s.optInt(12), let tax = s.optInt(13) {
            vat = VATPart(net: Kopecks(net), ratePercentCenti: rate, vat: Kopecks(tax))
        }
        return StoredLine(kind: try s.storedCode(1, "lines", "л/с \(s.text(0))"), meterId: s.text(2),
                          zone: s.text(3), tier: Int(s.int(4)), method: s.text(5), volumeKwh: s.int(6),
                          price: PricePer10000(s.int(7)), amount: Kopecks(s.int(8)), ground: s.text(9),
                          refPeriod: s.text(10), vat: vat)
    }
}

extension Database {
    /// The lines of `period` grouped by account (ids ascending), each account's in
    /// stored order, as `row` makes them; `vatOnly`: only the lines with VAT (legal entities).
    public func lines<Row>(period: Period, vatOnly: Bool = false,
                           _ row: @escaping (StoredLine) -> Row) throws -> GroupedCursor<Row> {
        let s = try prepareUncached("SELECT account_id, detail FROM account_periods WHERE period = ? ORDER BY account_id")
        let p = period.description
        try s.bind([.text(p)])
        return try GroupedCursor(s) { s, out in
            for l in try s.periodDetail(1, period: p).lines where !vatOnly || l.vat != nil { out.append(row(l)) }
        }
    }
}
