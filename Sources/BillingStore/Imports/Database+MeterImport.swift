import BillingCore

extension Database {
    /// The meters table as `import meters` reads and writes it, its statements prepared
    /// (and the result columns checked) once.
    public func meterTable() throws -> MeterTable { try MeterTable(self) }
}

/// Whole meters by MeterRecord's one column list: find, insert, replace.
public final class MeterTable {
    static let select = "SELECT " + MeterRecord.columnList + " FROM meters WHERE meter_id = ?"
    static let insert = "INSERT INTO meters(" + MeterRecord.columnList + ") VALUES ("
        + MeterRecord.columns.map { _ in "?" }.joined(separator: ",") + ")"
    /// Every column but the key, then the key.
    static let update = "UPDATE meters SET "
        + MeterRecord.columns.dropFirst().map { $0 + "=?" }.joined(separator: ", ") + " WHERE meter_id=?"

    private let find: Statement
    private let insertRow: Statement
    private let updateRow: Statement
    private let readings: Statement

    init(_ db: Database) throws {
        find = try db.prepare(Self.select)
        try find.expectColumns(MeterRecord.columns)
        insertRow = try db.prepare(Self.insert)
        updateRow = try db.prepare(Self.update)
        readings = try db.prepare("SELECT 1 FROM readings WHERE meter_id = ? LIMIT 1")
    }

    /// The stored meter, or nil.
    public func meter(id: String) throws -> Meter? {
        find.reset()
        defer { find.reset() }
        try find.bind([.text(id)])
        return try find.step() ? try MeterRecord.decode(find) : nil
    }

    public func insert(_ m: Meter) throws {
        try insertRow.bind(MeterRecord.values(m))
        try insertRow.run()
    }

    public func replace(_ m: Meter) throws {
        try updateRow.bind(Array(MeterRecord.values(m).dropFirst()) + [.text(m.id)])
        try updateRow.run()
    }

    public func hasReadings(_ id: String) throws -> Bool {
        readings.reset()
        defer { readings.reset() }
        try readings.bind([.text(id)])
        return try readings.step()
    }
}

extension MeterRecord {
    /// The columns (MeterRecord's names, in its order) in which `new` would store
    /// other values than `old`.
    public static func changedColumns(_ old: Meter, _ new: Meter) -> [String] {
        let a = values(old), b = values(new)
        return columns.indices.filter { a[$0] != b[$0] }.map { columns[$0] }
    }
}
