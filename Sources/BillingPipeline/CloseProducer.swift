import Foundation
import BillingCore
import BillingStore

/// One computed batch: the inputs and their results, in account order.
struct ComputedBatch {
    var inputs: [AccountCloseInput]
    var results: [AccountCloseResult]
    var texts: [AccountTexts]
}

/// A bounded FIFO between two threads; `close()` wakes everyone and ends it.
final class HandOff<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// false when the hand-off was closed (the other side stopped).
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        if closed { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item; nil once closed and drained.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        if items.isEmpty { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    func close() {
        condition.lock(); closed = true; condition.broadcast(); condition.unlock()
    }

    /// Everything put so far, without waiting (the recycling bin).
    func drain() -> [Item] {
        condition.lock()
        defer { condition.unlock() }
        let all = items
        items = []
        condition.broadcast()
        return all
    }
}

/// Reads and computes the close in a pipeline beside the main thread: a reader
/// thread streams the inputs through a read-only connection whose snapshot is the
/// state after P−1; a compute thread turns each batch into results across all
/// cores; the main thread stores them through the writing connection. Batches are
/// handed over in order through bounded queues, so memory stays flat and the
/// stored result is the same as a single-threaded run.
final class CloseProducer: @unchecked Sendable {
    private let loaded = HandOff<[AccountCloseInput]>(capacity: 2)
    private let computed = HandOff<ComputedBatch>(capacity: 2)
    /// Stored batches handed back so each part is freed where it was allocated: the
    /// inputs on the reader thread, the results and texts across the cores by the compute
    /// thread that made them. glibc frees across threads take the allocating arena's lock,
    /// and freeing a batch was a quarter of the reader's time, which bounds the pipeline.
    private let recycledInputs = HandOff<[AccountCloseInput]>(capacity: Int.max)
    private let recycledResults = HandOff<ComputedBatch>(capacity: Int.max)
    private let failureLock = NSLock()
    private var failure: Error?
    private(set) var loadNanos: UInt64 = 0
    private(set) var computeNanos: UInt64 = 0
    /// Opening the sorted scans (SQLite sorts the candidate readings before the first row).
    private(set) var openNanos: UInt64 = 0
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
        // A region without stored rules gets no window; its first account stops the read
        // with an input error (the coverage check before the close names it first).
        for code in regions {
            guard let r = rules.regions[code] else { continue }
            w[code] = (r.deadline(for: period.previous), r.deadline(for: period))
        }
        windows = w
    }

    func start() {
        let reader = Thread { [self] in
            do { try read() } catch { fail(error) }
            loaded.close()
        }
        reader.stackSize = 8 << 20
        reader.start()
        let computer = Thread { [self] in
            compute()
            computed.close()
        }
        computer.stackSize = 8 << 20
        computer.start()
    }

    /// The next batch in order; nil when all accounts were handed over.
    func next() throws -> ComputedBatch? {
        let b = computed.take()
        if let failure = currentFailure() { throw failure }
        return b
    }

    /// Gives a stored batch back to be freed by the threads that allocated it.
    func recycle(_ b: consuming ComputedBatch) {
        var b = b
        _ = recycledInputs.put(b.inputs)
        b.inputs = []
        _ = recycledResults.put(b)
    }

    /// Stops the pipeline early (the consumer failed or finished).
    func cancel() {
        loaded.close()
        computed.close()
    }

    private func fail(_ e: Error) {
        failureLock.lock(); if failure == nil { failure = e }; failureLock.unlock()
        cancel()
    }

    private func currentFailure() -> Error? {
        failureLock.lock(); defer { failureLock.unlock() }
        return failure
    }

    private func compute() {
        let scales = PenaltyScales(policy: rules.penalty)
        while let inputs = loaded.take() {
            let t0 = monotonicNanos()
            for var stored in recycledResults.drain() { Self.release(&stored) }
            let results: [AccountCloseResult]
            do { results = try computeBatch(inputs, period: period, rules: rules, scales: scales) } catch { fail(error); return }
            let texts = parallelMap(results) { AccountTexts($0) }
            computeNanos += monotonicNanos() - t0
            if !computed.put(ComputedBatch(inputs: inputs, results: results, texts: texts)) { return }
        }
    }

    /// Frees what a stored batch's results and texts hold, across the cores: the heap
    /// parts of each account are dropped in place, the emptied arrays after.
    private static func release(_ b: inout ComputedBatch) {
        parallelUpdate(&b.results) { r in
            r.lines = []; r.meterPeriods = []; r.rejected = []; r.superseded = []; r.duplicates = []
            r.ledger = []; r.bookedPaymentIds = []; r.settlement = Settlement()
        }
        parallelUpdate(&b.texts) { t in t.settlement = []; t.detail = [] }
    }

    private func read() throws {
        let db = try Database(path: dbPath, readOnly: true)
        // The snapshot is the committed state after P−1 for the whole scan.
        try db.read {
            guard let after = windows.values.map(\.after).min(), let by = windows.values.map(\.by).max() else {
                if let code = regions.sorted().first { throw missingRegionRules(code) }
                return
            }
            let tOpen = monotonicNanos()
            let loader = try CloseLoader(database: db, period: period, regions: regions.sorted(), receivedAfter: after,
                                         receivedBy: by)
            var batch: [AccountCloseInput] = []
            batch.reserveCapacity(closeBatchSize)
            var tLoad = monotonicNanos()
            openNanos = tLoad - tOpen
            func flush() -> Bool {
                guard !batch.isEmpty else { return true }
                loadNanos += monotonicNanos() - tLoad
                let ok = loaded.put(batch)
                _ = recycledInputs.drain()
                batch = []
                batch.reserveCapacity(closeBatchSize)
                tLoad = monotonicNanos()
                return ok
            }
            while let account = try loader.nextAccount() {
                guard regions.contains(account.region) else { continue }
                if let opened = account.openedOn, opened > period.lastDay { continue }
                guard let window = windows[account.region] else { throw missingRegionRules(account.region) }
                let input = try loader.input(for: account, window: window)
                if let closed = account.closedOn, closed < period.firstDay, input.isSettled { continue }
                batch.append(input)
                if batch.count == closeBatchSize, !flush() { return }
            }
            _ = flush()
            replayed = loader.replayed
        }
    }
}
