import BillingStore
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation

/// A batch an import's parser fills and its writer drains, then reuses.
protocol ImportBatch: AnyObject {
    func clear()
}

/// Hands an import's batches from the parser to the SQLite side. Threaded, they are
/// written in order on a thread of their own while the parser fills the next one, and
/// only that thread touches the connection until `finish()` returns; otherwise each
/// batch is written when it is handed over.
///
/// The thread is joined by `finish()` and drops its reference before it ends, so the
/// writer and its statements are never freed on it. (Freed there, their finalize raced
/// the main thread's COMMIT on the same NOMUTEX connection — a crash seen in
/// sqlite3WalCheckpoint.) Never finished (an import that failed before its first
/// batch), the thread keeps the pipe and waits until the process ends.
final class ImportBatchPipe<Batch: ImportBatch>: @unchecked Sendable {
    private let write: (Batch) throws -> Void
    private let threaded: Bool
    private let lock = NSLock()
    private var ready: [Batch] = []
    private var free: [Batch]
    private let readyCount = DispatchSemaphore(value: 0)
    private let freeCount = DispatchSemaphore(value: 0)
    private var thread = pthread_t()
    private var failure: Error?
    private var ended = false
    private var joined = false

    /// `what` names the import in the one error this can raise (no thread to start).
    init(batches: [Batch], threaded: Bool, what: String, write: @escaping (Batch) throws -> Void) throws {
        self.write = write; self.threaded = threaded; free = batches
        // Counted up from zero: libdispatch traps when a semaphore is freed below its
        // starting value (a batch still taken when an error ends the import).
        for _ in batches { freeCount.signal() }
        guard threaded else { return }
        var t = pthread_t()
        let body = Unmanaged.passRetained(ThreadBody { [self] in loop() })
        let rc = pthread_create(&t, nil, { context in
            guard let context else { return nil }
            Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, body.toOpaque())
        guard rc == 0 else {
            body.release()
            throw BillingError(.failed, "не удалось запустить поток записи \(what) (pthread_create: \(rc)); ничего не сохранено")
        }
        thread = t
    }

    /// A batch to fill (blocks while every batch is queued for writing).
    func take() -> Batch {
        if threaded { freeCount.wait() }
        lock.lock(); defer { lock.unlock() }
        return free.removeLast()
    }

    /// Hands a filled batch over; rethrows a failure of the writer.
    func submit(_ batch: Batch) throws {
        guard threaded else {
            defer { batch.clear(); free.append(batch) }
            try write(batch)
            return
        }
        lock.lock()
        ready.append(batch)
        let f = failure
        lock.unlock()
        readyCount.signal()
        if let f { throw f }
    }

    /// Waits until everything handed over is written (once; again it only rethrows).
    func finish() throws {
        if threaded && !joined {
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
}

/// What a pthread runs: a non-generic box, since a C thread entry cannot name a generic type.
private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
