import BillingCore

/// The readings import's inserts, their statements prepared once and reused for every
/// row, values bound from the importer's own bytes without a copy. Made on the thread
/// that opened the import, then used by its writer thread alone until the writer is
/// joined (ImportBatchPipe); never used by two threads at once.
public final class ReadingInserter {
    static let insertSQL = "INSERT INTO readings(account_id, meter_id, taken_on, received_at, source, t1, t2, t3, correction, import_id, line) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    static let probeSQL = "SELECT 1 FROM readings WHERE received_at = ?4 AND meter_id = ?2 AND taken_on = ?3 AND source = ?5 AND t1 = ?6 AND t2 IS ?7 AND t3 IS ?8 AND correction = ?9 AND account_id = ?1 LIMIT 1"
    /// Rows per `insertGroup`: one statement of that many VALUES rows costs one step,
    /// one reset and one pass of the statement's prologue for all of them.
    public static let groupSize = 32
    static let groupSQL = "INSERT INTO readings(account_id, meter_id, taken_on, received_at, source, t1, t2, t3, correction, import_id, line) VALUES "
        + Array(repeating: "(?,?,?,?,?,?,?,?,?,?,?)", count: groupSize).joined(separator: ",")
    private let insert: Statement
    private let group: Statement
    private let probe: Statement

    init(_ db: Database, importId: Int64) throws {
        insert = try db.prepare(Self.insertSQL)
        group = try db.prepare(Self.groupSQL)
        probe = try db.prepare(Self.probeSQL)
        // Bound once: a row's step resets the statement but keeps its bindings.
        insert.bindInt(importId, at: 10)
        for slot in 0..<Int32(Self.groupSize) { group.bindInt(importId, at: slot * 11 + 10) }
    }

    /// Binds one row as row `slot` (0..<groupSize) of the next `insertGroup`; the bytes
    /// must stay put until that returns. No stored reading is probed for: the caller
    /// knows the row cannot repeat one.
    @inline(__always)
    public func stage(slot: Int, account: UnsafeBufferPointer<UInt8>, meter: UnsafeBufferPointer<UInt8>, takenOn: UnsafeBufferPointer<UInt8>,
                      receivedAt: UnsafeBufferPointer<UInt8>, source: UnsafeBufferPointer<UInt8>, registers v: (Int64, Int64, Int64),
                      zones z: Int, correction: Bool, line: Int64) {
        let base = Int32(slot) * 11
        bind(group, account, meter, takenOn, receivedAt, source, v, z, correction, at: base)
        group.bindInt(line, at: base + 11)
    }

    /// Stores the `groupSize` rows staged, in slot order.
    public func insertGroup() throws { try group.runOnce() }

    /// Stores the reading unless `probeFirst` finds an equal stored one (same account,
    /// meter, taken_on, received_at, source, registers and correction); false then.
    /// `takenOn` is "YYYY-MM-DD", `receivedAt` "YYYY-MM-DD HH:MM:SS"; registers past
    /// `zones` are stored as NULL. The bytes must stay put until this returns.
    @inline(__always)
    public func store(account: UnsafeBufferPointer<UInt8>, meter: UnsafeBufferPointer<UInt8>, takenOn: UnsafeBufferPointer<UInt8>,
                      receivedAt: UnsafeBufferPointer<UInt8>, source: UnsafeBufferPointer<UInt8>, registers v: (Int64, Int64, Int64),
                      zones z: Int, correction: Bool, line: Int64, probeFirst: Bool) throws -> Bool {
        if probeFirst {
            bind(probe, account, meter, takenOn, receivedAt, source, v, z, correction)
            let found = try probe.step()
            probe.reset()
            if found { return false }
        }
        bind(insert, account, meter, takenOn, receivedAt, source, v, z, correction)
        insert.bindInt(line, at: 11)
        try insert.runOnce()
        return true
    }

    /// Binds parameters base+1 … base+9 (the probe's numbered parameters, and one row
    /// of an insert).
    @inline(__always)
    private func bind(_ st: Statement, _ account: UnsafeBufferPointer<UInt8>, _ meter: UnsafeBufferPointer<UInt8>,
                      _ taken: UnsafeBufferPointer<UInt8>, _ received: UnsafeBufferPointer<UInt8>, _ source: UnsafeBufferPointer<UInt8>,
                      _ v: (Int64, Int64, Int64), _ z: Int, _ correction: Bool, at base: Int32 = 0) {
        st.bindTextNoCopy(account, at: base + 1)
        st.bindTextNoCopy(meter, at: base + 2)
        st.bindTextNoCopy(taken, at: base + 3)
        st.bindTextNoCopy(received, at: base + 4)
        st.bindTextNoCopy(source, at: base + 5)
        st.bindInt(v.0, at: base + 6)
        if z >= 2 { st.bindInt(v.1, at: base + 7) } else { st.bindNull(at: base + 7) }
        if z >= 3 { st.bindInt(v.2, at: base + 8) } else { st.bindNull(at: base + 8) }
        st.bindInt(correction ? 1 : 0, at: base + 9)
    }
}

/// One stored meter as the readings import validates against it: SQLite's bytes,
/// valid only during the call that hands it out.
public struct MeterScanRow {
    public var meterId: UnsafeBufferPointer<UInt8>
    public var accountId: UnsafeBufferPointer<UInt8>
    public var zones: Int64
    public var digits: Int64
    /// nil: the stored date does not read.
    public var installedOn: CivilDate?
    /// nil: not removed (or the stored date does not read).
    public var removedOn: CivilDate?
}

/// What the readings and SMS imports read before the rows.
extension Database {
    public func readingInserter(importId: Int64) throws -> ReadingInserter { try ReadingInserter(self, importId: importId) }

    public func meterCount() throws -> Int {
        Int(try scalarInt("SELECT count(*) FROM meters") ?? 0)
    }

    /// Every meter, in stored order (a scan of the table, not of an index: a million
    /// meters by account cost a random lookup each).
    public func forEachMeter(_ body: (MeterScanRow) throws -> Void) throws {
        let m = try prepareUncached("SELECT meter_id, account_id, zones, digits, installed_on, removed_on FROM meters")
        while try m.step() {
            try body(MeterScanRow(meterId: m.textBytes(0), accountId: m.textBytes(1), zones: m.int(2), digits: m.int(3),
                                  installedOn: CivilDate.parse(m.textBytes(4)),
                                  removedOn: m.isNull(5) ? nil : CivilDate.parse(m.textBytes(5))))
        }
        m.reset()
    }

    /// The earliest and latest received_at stored (nil: no readings, or one does not read).
    public func readingsReceivedRange() throws -> (LocalTimestamp, LocalTimestamp)? {
        let s = try prepareUncached("SELECT min(received_at), max(received_at) FROM readings")
        defer { s.reset() }
        guard try s.step(), let a = s.optText(0), let b = s.optText(1), let ta = LocalTimestamp(a), let tb = LocalTimestamp(b) else { return nil }
        return (ta, tb)
    }

    /// The phones on file (non-empty ones), as stored.
    public func accountPhones() throws -> [String] {
        var out: [String] = []
        let s = try prepareUncached("SELECT phone FROM accounts WHERE phone <> ''")
        while try s.step() { out.append(s.text(0)) }
        return out
    }
}
