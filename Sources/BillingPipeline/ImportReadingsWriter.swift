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
    private let insert: Statement
    private let probe: Statement
    private let rejectInsert: Statement
    private let importId: Int64
    private(set) var stored = 0
    private(set) var unchanged = 0

    init(book: MeterBook, insert: Statement, probe: Statement, rejectInsert: Statement, importId: Int64) {
        self.book = book; self.insert = insert; self.probe = probe; self.rejectInsert = rejectInsert; self.importId = importId
    }

    func write(_ b: ReadingBatch) throws {
        for r in b.rejects {
            rejectInsert.bindInt(importId, at: 1); rejectInsert.bindInt(r.line, at: 2)
            rejectInsert.bindText(r.field, at: 3); rejectInsert.bindText(r.reason, at: 4); rejectInsert.bindText(r.row, at: 5)
            try rejectInsert.runOnce()
        }
        for i in 0..<b.count {
            let row = b.rows + i
            if row.pointee.duplicate { unchanged += 1; continue }
            if row.pointee.probe {
                bind(probe, row)
                let found = try probe.step()
                probe.reset()
                if found { unchanged += 1; continue }
            }
            bind(insert, row)
            insert.bindInt(row.pointee.line, at: 11)
            try insert.runOnce()
            stored += 1
        }
    }

    @inline(__always)
    private func bind(_ st: Statement, _ row: UnsafeMutablePointer<BatchRow>) {
        let raw = UnsafeMutableRawPointer(row)
        let acc = raw.assumingMemoryBound(to: UInt8.self) + MemoryLayout<BatchRow>.offset(of: \BatchRow.account)!
        let dates = raw.assumingMemoryBound(to: UInt8.self) + MemoryLayout<BatchRow>.offset(of: \BatchRow.dates)!
        st.bindTextNoCopy(UnsafeBufferPointer(start: acc, count: Int(row.pointee.accountLen)), at: 1)
        st.bindTextNoCopy(book.id(row.pointee.meter), at: 2)
        st.bindTextNoCopy(UnsafeBufferPointer(start: dates, count: 10), at: 3)
        st.bindTextNoCopy(UnsafeBufferPointer(start: dates + 10, count: 19), at: 4)
        st.bindTextNoCopy(sourceBytes(Int(row.pointee.source)), at: 5)
        let v = row.pointee.values, z = row.pointee.zones
        st.bindInt(v.0, at: 6)
        if z >= 2 { st.bindInt(v.1, at: 7) } else { st.bindNull(at: 7) }
        if z >= 3 { st.bindInt(v.2, at: 8) } else { st.bindNull(at: 8) }
        st.bindInt(row.pointee.correction ? 1 : 0, at: 9)
    }
}
