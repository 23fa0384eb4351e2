import BillingCore

/// A stored document line (`lines`, every column but the key's period and seq): one
/// column list and its decoder, for every scan that reads whole lines.
/// (The account id is the grouping key, not decoded per line.)
public struct StoredLine: Sendable {
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
    /// The columns the close writes, in its binding order: the key (account, period, seq)
    /// then the same list — so the writer and the readers cannot drift apart.
    static let insertColumns = ["account_id", "period", "seq"] + columns.dropFirst()
    static let insertSQL = "INSERT INTO lines(" + insertColumns.joined(separator: ", ") + ") VALUES ("
        + (1...insertColumns.count).map { "?\($0)" }.joined(separator: ", ") + ")"

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
        let s = try prepareUncached("""
            SELECT \(StoredLine.columnList)
            FROM lines WHERE period = ?\(vatOnly ? " AND vat IS NOT NULL" : "") ORDER BY account_id, seq
            """)
        try s.expectColumns(StoredLine.columns)
        try s.bind([.text(period.description)])
        return try GroupedCursor(s) { row(try StoredLine.decode($0)) }
    }
}
