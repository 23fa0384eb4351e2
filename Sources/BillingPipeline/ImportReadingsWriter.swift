import BillingStore
import Dispatch
import Foundation

/// Validated reading rows waiting for SQLite, in flat arrays so a batch is filled by the
/// parsing thread and drained by the writing thread without per-row allocation.
final class ReadingBatch: @unchecked Sendable {
    static let capacity = 4096
    var count = 0
    var accountBytes: [UInt8] = []
    var accountEnd: [Int] = []
    var meter: [Int32] = []
    /// 29 bytes per row: taken_on (10) and received_at (19), already in the stored form.
    var dates: [UInt8] = []
    var source: [UInt8] = []
    var values: [(Int64, Int64, Int64)] = []
    var zones: [Int8] = []
    var correction: [Bool] = []
    var line: [Int64] = []
    /// The row may equal a stored reading: ask SQLite before inserting.
    var probe: [Bool] = []
    /// Rejects to record in the `rejects` table (the rejects file is written by the parser).
    var rejects: [RejectSink.Pending] = []

    init() {
        let n = ReadingBatch.capacity
        accountBytes.reserveCapacity(n * 16); accountEnd.reserveCapacity(n); meter.reserveCapacity(n)
        dates.reserveCapacity(n * 29); source.reserveCapacity(n); values.reserveCapacity(n); zones.reserveCapacity(n)
        correction.reserveCapacity(n); line.reserveCapacity(n); probe.reserveCapacity(n)
    }

    func clear() {
        count = 0
        accountBytes.removeAll(keepingCapacity: true); accountEnd.removeAll(keepingCapacity: true)
        meter.removeAll(keepingCapacity: true); dates.removeAll(keepingCapacity: true); source.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true); zones.removeAll(keepingCapacity: true); correction.removeAll(keepingCapacity: true)
        line.removeAll(keepingCapacity: true); probe.removeAll(keepingCapacity: true); rejects.removeAll()
    }
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
    private let done = DispatchGroup()
    private var failure: Error?
    private var ended = false
    private(set) var stored = 0
    private(set) var unchanged = 0

    init(book: MeterBook, insert: Statement, probe: Statement, rejectInsert: Statement, importId: Int64, batches: Int = 3) {
        self.book = book; self.insert = insert; self.probe = probe; self.rejectInsert = rejectInsert; self.importId = importId
        free = (0..<batches).map { _ in ReadingBatch() }
        freeCount = DispatchSemaphore(value: batches)
        done.enter()
        Thread.detachNewThread { [self] in
            defer { done.leave() }
            loop()
        }
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
        lock.lock(); ended = true; lock.unlock()
        readyCount.signal()
        done.wait()
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
        try b.accountBytes.withUnsafeBufferPointer { acc in
            try b.dates.withUnsafeBufferPointer { dates in
                var accStart = 0
                for i in 0..<b.count {
                    let account = UnsafeBufferPointer(rebasing: acc[accStart..<b.accountEnd[i]])
                    accStart = b.accountEnd[i]
                    let d = UnsafeBufferPointer(rebasing: dates[(i * 29)..<(i * 29 + 29)])
                    if b.probe[i] {
                        bind(probe, b, i, account, d)
                        let found = try probe.step()
                        probe.reset()
                        if found { unchanged += 1; continue }
                    }
                    bind(insert, b, i, account, d)
                    insert.bindInt(b.line[i], at: 11)
                    try insert.runOnce()
                    stored += 1
                }
            }
        }
    }

    @inline(__always)
    private func bind(_ st: Statement, _ b: ReadingBatch, _ i: Int, _ account: UnsafeBufferPointer<UInt8>, _ d: UnsafeBufferPointer<UInt8>) {
        st.bindTextNoCopy(account, at: 1)
        st.bindTextNoCopy(book.id(b.meter[i]), at: 2)
        st.bindTextNoCopy(UnsafeBufferPointer(rebasing: d[0..<10]), at: 3)
        st.bindTextNoCopy(UnsafeBufferPointer(rebasing: d[10..<29]), at: 4)
        st.bindTextNoCopy(sourceBytes(Int(b.source[i])), at: 5)
        let v = b.values[i], z = b.zones[i]
        st.bindInt(v.0, at: 6)
        if z >= 2 { st.bindInt(v.1, at: 7) } else { st.bindNull(at: 7) }
        if z >= 3 { st.bindInt(v.2, at: 8) } else { st.bindNull(at: 8) }
        st.bindInt(b.correction[i] ? 1 : 0, at: 9)
    }
}
