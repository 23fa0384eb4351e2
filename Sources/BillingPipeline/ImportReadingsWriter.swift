import BillingStore
import Dispatch
import Foundation

/// One validated reading row in a batch, with its text fields already in stored form.
struct BatchRow {
    /// Account id (a plain identifier: at most 32 bytes).
    var account: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var accountLen: Int32 = 0
    var meter: Int32 = 0
    /// taken_on "YYYY-MM-DD" then received_at "YYYY-MM-DD HH:MM:SS".
    var dates: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var values: (Int64, Int64, Int64) = (0, 0, 0)
    var line: Int64 = 0
    /// received_at in seconds (`ReadingImporter.key`), the order the rows are stored in.
    var moment: Int64 = 0
    var source: UInt8 = 0
    var zones: Int8 = 0
    var correction = false
    /// The row may equal a stored reading: ask SQLite before inserting.
    var probe = false
    /// An exact repeat of an earlier row of the same file: counted, not stored.
    var duplicate = false
}

/// Validated reading rows waiting for SQLite: a fixed block of rows filled by the
/// parsing thread and drained by the writing thread, with no per-row allocation.
final class ReadingBatch: ImportBatch, @unchecked Sendable {
    static let capacity = 65536
    private static let indexBits = 17
    let rows: UnsafeMutablePointer<BatchRow>
    var count = 0
    /// The rows in the order they are stored: by received_at, file order among equal
    /// ones. Ids then follow the time readings arrived, and the received_at index is
    /// built (or grows) from long sorted runs: SQLite's sort of 2.5 M keys takes a third
    /// of the time it takes in file order, which is usually by account. A copy, not a
    /// list of indices: the writer's thread is the import's bottleneck, and there every
    /// row read out of order would be a cache miss that nothing overlaps.
    let stored: UnsafeMutablePointer<BatchRow>
    /// Rejects to record in the `rejects` table (the rejects file is written by the parser).
    var rejects: [RejectSink.Pending] = []

    init() {
        rows = .allocate(capacity: ReadingBatch.capacity)
        rows.initialize(repeating: BatchRow(), count: ReadingBatch.capacity)
        stored = .allocate(capacity: ReadingBatch.capacity)
        stored.initialize(repeating: BatchRow(), count: ReadingBatch.capacity)
    }
    deinit { rows.deallocate(); stored.deallocate() }

    func clear() { count = 0; rejects.removeAll() }

    /// Fills `stored`; called once the batch is full, on the thread that filled it.
    func sortByMoment() {
        var lo = Int64.max
        for i in 0..<count { lo = min(lo, rows[i].moment) }
        var keys: [UInt64] = []
        keys.reserveCapacity(count)
        // A batch spans far less than 2^46 seconds, and the index below it keeps the
        // sort stable.
        for i in 0..<count { keys.append(UInt64(rows[i].moment &- lo) << UInt64(Self.indexBits) | UInt64(i)) }
        keys.sort()
        let mask = UInt64(1) << UInt64(Self.indexBits) - 1
        for (i, k) in keys.enumerated() { stored[i] = rows[Int(k & mask)] }
    }
}

/// The SQLite side of the readings import: one batch at a time, on the thread of the
/// import's `ImportBatchPipe` while the parser fills the next.
final class ReadingWriter: @unchecked Sendable {
    private let book: MeterBook
    private let inserter: ReadingInserter
    private let rejects: RejectInserter
    private(set) var stored = 0
    private(set) var unchanged = 0

    init(book: MeterBook, inserter: ReadingInserter, rejects: RejectInserter) {
        self.book = book; self.inserter = inserter; self.rejects = rejects
    }

    func write(_ b: ReadingBatch) throws {
        for r in b.rejects {
            try rejects.insert(line: r.line, field: r.field, reason: r.reason, row: r.row)
        }
        // Rows that cannot repeat a stored reading go in by groups; a partial group (at
        // a row that needs the probe, or at the batch's end) goes in row by row, so the
        // rows keep their order either way.
        var staged: [Int] = []
        staged.reserveCapacity(ReadingInserter.groupSize)
        for i in 0..<b.count {
            let row = b.stored + i
            if row.pointee.duplicate { unchanged += 1; continue }
            if !row.pointee.probe {
                stage(row, slot: staged.count)
                staged.append(i)
                if staged.count == ReadingInserter.groupSize {
                    try inserter.insertGroup()
                    stored += staged.count
                    staged.removeAll(keepingCapacity: true)
                }
                continue
            }
            for j in staged { try store(b.stored + j) }
            staged.removeAll(keepingCapacity: true)
            try store(row)
        }
        for j in staged { try store(b.stored + j) }
    }

    @inline(__always) private func fields(_ row: UnsafeMutablePointer<BatchRow>)
        -> (account: UnsafeBufferPointer<UInt8>, taken: UnsafeBufferPointer<UInt8>, received: UnsafeBufferPointer<UInt8>) {
        let raw = UnsafeMutableRawPointer(row).assumingMemoryBound(to: UInt8.self)
        let acc = raw + MemoryLayout<BatchRow>.offset(of: \BatchRow.account)!
        let dates = raw + MemoryLayout<BatchRow>.offset(of: \BatchRow.dates)!
        return (UnsafeBufferPointer(start: acc, count: Int(row.pointee.accountLen)),
                UnsafeBufferPointer(start: dates, count: 10), UnsafeBufferPointer(start: dates + 10, count: 19))
    }

    @inline(__always) private func stage(_ row: UnsafeMutablePointer<BatchRow>, slot: Int) {
        let f = fields(row)
        inserter.stage(slot: slot, account: f.account, meter: book.id(row.pointee.meter), takenOn: f.taken, receivedAt: f.received,
                       source: sourceBytes(Int(row.pointee.source)), registers: row.pointee.values, zones: Int(row.pointee.zones),
                       correction: row.pointee.correction, line: row.pointee.line)
    }

    private func store(_ row: UnsafeMutablePointer<BatchRow>) throws {
        let f = fields(row)
        let new = try inserter.store(account: f.account, meter: book.id(row.pointee.meter), takenOn: f.taken, receivedAt: f.received,
                                     source: sourceBytes(Int(row.pointee.source)), registers: row.pointee.values, zones: Int(row.pointee.zones),
                                     correction: row.pointee.correction, line: row.pointee.line, probeFirst: row.pointee.probe)
        if new { stored += 1 } else { unchanged += 1 }
    }
}
