import Foundation
import BillingCore
import BillingStore

/// One computed batch: the inputs and their results, in account order.
struct ComputedBatch {
    var inputs: [AccountCloseInput]
    var results: [AccountCloseResult]
}

/// Reads and computes the close on a thread of its own, through a read-only
/// connection whose snapshot is the state after P−1, while the main thread
/// stores the previous batch through the writing connection. Batches are handed
/// over in order through a bounded queue, so memory stays flat and the stored
/// result is the same as a single-threaded run.
final class CloseProducer: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [ComputedBatch] = []
    /// Stored batches handed back so they are freed on the thread that allocated
    /// them (glibc frees across threads take the allocating arena's lock).
    private var recycled: [ComputedBatch] = []
    private var finished = false
    private var failure: Error?
    private let capacity = 2
    private(set) var loadNanos: UInt64 = 0
    private(set) var computeNanos: UInt64 = 0
    /// Accounts replayed from their whole history instead of continuing from P−1's settlement.
    private(set) var replayed = 0

    private let dbPath: String
    private let period: Period
    private let rules: StoredRules
    private let regions: Set<String>
    private let windows: [String: (after: LocalTimestamp, by: LocalTimestamp)]

    init(dbPath: String, period: Period, rules: StoredRules, regions: [String]) {
        self.dbPath = dbPath
        self.period = period
        self.rules = rules
        self.regions = Set(regions)
        var w: [String: (after: LocalTimestamp, by: LocalTimestamp)] = [:]
        for code in regions {
            let r = rules.regions[code]!
            w[code] = (r.deadline(for: period.previous), r.deadline(for: period))
        }
        windows = w
    }

    func start() {
        let thread = Thread { [self] in
            do { try produce() } catch { fail(error) }
            finish()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch in order; nil when all accounts were handed over.
    func next() throws -> ComputedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished && failure == nil { condition.wait() }
        if let failure { throw failure }
        if queue.isEmpty { return nil }
        let b = queue.removeFirst()
        condition.broadcast()
        return b
    }

    /// Gives a stored batch back to be freed on the producer's thread.
    func recycle(_ b: consuming ComputedBatch) {
        condition.lock()
        recycled.append(b)
        condition.unlock()
    }

    private func dropRecycled() {
        condition.lock()
        let old = recycled
        recycled = []
        condition.unlock()
        _ = old
    }

    /// Stops the producer early (the consumer failed).
    func cancel() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func push(_ b: ComputedBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !finished { condition.wait() }
        if finished { return false }
        queue.append(b)
        condition.broadcast()
        return true
    }

    private func fail(_ e: Error) {
        condition.lock(); failure = e; condition.broadcast(); condition.unlock()
    }

    private func finish() {
        condition.lock(); finished = true; condition.broadcast(); condition.unlock()
    }

    private func produce() throws {
        let db = try Database(path: dbPath, readOnly: true)
        try db.execute("BEGIN")
        defer { try? db.execute("COMMIT") }
        let after = windows.values.map(\.after).min()!, by = windows.values.map(\.by).max()!
        let loader = try CloseLoader(database: db, period: period, regions: regions.sorted(), receivedAfter: after,
                                     receivedBy: by)
        let scales: [AccountKind: PenaltyScale] = [
            .person: PenaltyScale(kind: .person, policy: rules.penalty),
            .legal: PenaltyScale(kind: .legal, policy: rules.penalty),
        ]
        var batch: [AccountCloseInput] = []
        batch.reserveCapacity(closeBatchSize)
        var tLoad = monotonicNanos()
        func flush() -> Bool {
            guard !batch.isEmpty else { return true }
            let t0 = monotonicNanos()
            loadNanos += t0 - tLoad
            let results = computeBatch(batch, period: period, rules: rules, scales: scales)
            computeNanos += monotonicNanos() - t0
            let ok = push(ComputedBatch(inputs: batch, results: results))
            dropRecycled()
            batch = []
            batch.reserveCapacity(closeBatchSize)
            tLoad = monotonicNanos()
            return ok
        }
        while let account = try loader.nextAccount() {
            guard regions.contains(account.region) else { continue }
            if let opened = account.openedOn, opened > period.lastDay { continue }
            let input = try loader.input(for: account, window: windows[account.region]!)
            if let closed = account.closedOn, closed < period.firstDay, isSettled(input) { continue }
            batch.append(input)
            if batch.count == closeBatchSize, !flush() { return }
        }
        _ = flush()
        replayed = loader.replayed
    }
}
