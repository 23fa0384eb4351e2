import Dispatch

/// One serial thread that owns `state` while work is handed to it, with at most
/// `inFlight` pieces of work waiting: `hand` blocks beyond that (bounding memory) and
/// rethrows a failure of earlier work; `finish` waits for the last piece. The state is
/// touched by one thread at a time, handed over by the semaphore. The documents' writer
/// and an archive's SHA-256 each run on one, beside the threads that render.
final class SerialStage<State>: @unchecked Sendable {
    private(set) var state: State
    private var failure: Error?
    private let inFlight: Int
    private let queue: DispatchQueue
    private let slots = DispatchSemaphore(value: 0)

    init(_ state: State, label: String, inFlight: Int) {
        self.state = state; self.inFlight = inFlight
        queue = DispatchQueue(label: label)
        // Counted up from zero: libdispatch traps when a semaphore is freed below its
        // starting value (as ImportBatchPipe notes).
        for _ in 0..<inFlight { slots.signal() }
    }

    func hand(_ work: @escaping @Sendable (inout State) throws -> Void) throws {
        slots.wait()
        if let failure { slots.signal(); throw failure }
        queue.async { [self] in
            defer { slots.signal() }
            do { try work(&state) } catch { failure = error }
        }
    }

    /// Waits until everything handed over has run, without rethrowing.
    func waitForAll() {
        for _ in 0..<inFlight { slots.wait() }
        for _ in 0..<inFlight { slots.signal() }
    }

    func finish() throws {
        waitForAll()
        if let failure { throw failure }
    }
}
