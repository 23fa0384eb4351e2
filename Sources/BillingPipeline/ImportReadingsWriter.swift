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
final class ReadingBatch: @unchecked Sendable {
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

/// The SQLite side of the readings import, on its own thread: while it inserts one
/// batch the parser fills the next. Only this thread touches the connection until
/// `finish()` returns.
final class ReadingWriter: @unchecked Sendable {
    private let book: MeterBook
    private let insert: Statement
    private let probe: Statement
    private let rejectInsert: Statement
    private let importId: Int64
    private let lock = NSLock()
    private var ready: [ReadingBatch] = []
    private var free: [ReadingBatch] = []
    private let readyCount = DispatchSemaphore(value: 0)
    private let freeCount: DispatchSemaphore
    private var thread = pthread_t()
    private var joined = false
    private var failure: Error?
    private var ended = false
    private(set) var stored = 0
    private(set) var unchanged = 0

    init(book: MeterBook, insert: Statement, probe: Statement, rejectInsert: Statement, importId: Int64, batches: Int = 3) throws {
        self.book = book; self.insert = insert; self.probe = probe; self.rejectInsert = rejectInsert; self.importId = importId
        free = (0..<batches).map { _ in ReadingBatch() }
        // Counted up from zero: libdispatch traps when a semaphore is freed below its
        // starting value (a batch still taken when an error ends the import).
        freeCount = DispatchSemaphore(value: 0)
        for _ in 0..<batches { freeCount.signal() }
        // A joinable thread that drops its reference before it ends: `finish()` joins it,
        // so the writer and its statements are never freed on that thread. (Freed there,
        // their finalize raced the main thread's COMMIT on the same NOMUTEX connection —
        // a crash seen in sqlite3WalCheckpoint.) Never finished (an import that failed
        // before its first batch): the thread keeps the writer and waits until exit.
        var t = pthread_t()
        let rc = pthread_create(&t, nil, { context in
            guard let context else { return nil }
            let writer = Unmanaged<ReadingWriter>.fromOpaque(context).takeRetainedValue()
            writer.loop()
            return nil
        }, Unmanaged.passRetained(self).toOpaque())
        guard rc == 0 else {
            Unmanaged.passUnretained(self).release()
            throw BillingError(.failed, "не удалось запустить поток записи показаний (pthread_create: \(rc)); ничего не сохранено")
        }
        thread = t
    }

    /// A batch to fill (blocks while all batches are queued for writing).
    func take() -> ReadingBatch {
        freeCount.wait()
        lock.lock(); defer { lock.unlock() }
        return free.removeLast()
    }

    /// Queues a filled batch; rethrows a failure of the writing thread.
    func submit(_ batch: ReadingBatch) throws {
        lock.lock()
        ready.append(batch)
        let f = failure
        lock.unlock()
        readyCount.signal()
        if let f { throw f }
    }

    /// Waits until everything queued is written.
    func finish() throws {
        if !joined {
            lock.lock(); ended = true; lock.unlock()
            readyCount.signal()
            pthread_join(thread, nil)
            joined = true
        }
        if let failure { throw failure }
    }

    private func loop() {
        while true {
            readyCount.wait()
            lock.lock()
            if ready.isEmpty { let end = ended; lock.unlock(); if end { return } else { continue } }
            let batch = ready.removeFirst()
            let skip = failure != nil
            lock.unlock()
            if !skip {
                do { try write(batch) } catch { lock.lock(); failure = error; lock.unlock() }
            }
            batch.clear()
            lock.lock(); free.append(batch); lock.unlock()
            freeCount.signal()
        }
    }

    private func write(_ b: ReadingBatch) throws {
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
