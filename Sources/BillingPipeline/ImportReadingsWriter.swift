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
    static let capacity = 4096
    let rows: UnsafeMutablePointer<BatchRow>
    var count = 0
    /// Rejects to record in the `rejects` table (the rejects file is written by the parser).
    var rejects: [RejectSink.Pending] = []

    init() {
        rows = .allocate(capacity: ReadingBatch.capacity)
        rows.initialize(repeating: BatchRow(), count: ReadingBatch.capacity)
    }
    deinit { rows.deallocate() }

    func clear() { count = 0; rejects.removeAll() }
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
        for i in 0..<b.count {
            let row = b.rows + i
            if row.pointee.duplicate { unchanged += 1; continue }
            let raw = UnsafeMutableRawPointer(row).assumingMemoryBound(to: UInt8.self)
            let acc = raw + MemoryLayout<BatchRow>.offset(of: \BatchRow.account)!
            let dates = raw + MemoryLayout<BatchRow>.offset(of: \BatchRow.dates)!
            let new = try inserter.store(account: UnsafeBufferPointer(start: acc, count: Int(row.pointee.accountLen)),
                                         meter: book.id(row.pointee.meter),
                                         takenOn: UnsafeBufferPointer(start: dates, count: 10),
                                         receivedAt: UnsafeBufferPointer(start: dates + 10, count: 19),
                                         source: sourceBytes(Int(row.pointee.source)),
                                         registers: row.pointee.values, zones: Int(row.pointee.zones),
                                         correction: row.pointee.correction, line: row.pointee.line, probeFirst: row.pointee.probe)
            if new { stored += 1 } else { unchanged += 1 }
        }
    }
}
