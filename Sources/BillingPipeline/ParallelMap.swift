import Dispatch

/// `transform` of every element across all cores, in order: the items are cut into
/// one contiguous run per core (at least `grain` items each, so tiny inputs stay on
/// one thread) and every result lands at its own index, so the output never
/// depends on thread timing. The close computes and encodes its batches with it,
/// the documents writer renders with it.
func parallelMap<T: Sendable, U>(_ items: [T], grain: Int = 64, _ transform: @Sendable (T) -> U) -> [U] {
    let count = items.count
    let workers = max(1, min(System.coreCount, count / grain + 1))
    let per = (count + workers - 1) / workers
    return Array(unsafeUninitializedCapacity: count) { buffer, initializedCount in
        // Each worker initializes only its own slice of the result's storage: no
        // two threads touch one slot and no shared Array is mutated (copy-on-write
        // bookkeeping of a class-held Array is not safe from several threads).
        let slices = (0..<workers).map { w -> Slice<U> in
            let lo = min(count, w * per), hi = min(count, lo + per)
            return Slice(UnsafeMutableBufferPointer(rebasing: buffer[lo..<hi]), first: lo)
        }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let slice = slices[w]
            for k in slice.slots.indices { slice.slots.initializeElement(at: k, to: transform(items[slice.first + k])) }
        }
        initializedCount = count
    }
}

/// One worker's run of result slots and the index of its first item.
private struct Slice<U>: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<U>
    let first: Int
    init(_ slots: UnsafeMutableBufferPointer<U>, first: Int) { self.slots = slots; self.first = first }
}

/// `body` on every element of `items` in place, across all cores, one contiguous run
/// per core as in `parallelMap` (each slot is touched by one thread only).
func parallelUpdate<T>(_ items: inout [T], grain: Int = 64, _ body: @Sendable (inout T) -> Void) {
    let count = items.count
    let workers = max(1, min(System.coreCount, count / grain + 1))
    let per = (count + workers - 1) / workers
    items.withUnsafeMutableBufferPointer { buffer in
        let slices = (0..<workers).map { w -> Slice<T> in
            let lo = min(count, w * per), hi = min(count, lo + per)
            return Slice(UnsafeMutableBufferPointer(rebasing: buffer[lo..<hi]), first: lo)
        }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let slots = slices[w].slots
            for k in slots.indices { body(&slots[k]) }
        }
    }
}
