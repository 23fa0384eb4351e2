import Dispatch

/// `transform` of every element across all cores, in order: the items are cut into
/// one contiguous run per core (at least `grain` items each, so tiny inputs stay on
/// one thread) and every result lands at its own index, so the output never
/// depends on thread timing. The close computes and encodes its batches with it,
/// the documents writer renders with it.
func parallelMap<T: Sendable, U>(_ items: [T], grain: Int = 64, _ transform: @Sendable (T) -> U) -> [U] {
    let box = UnsafeResults<U>(count: items.count)
    let workers = max(1, min(System.coreCount, items.count / grain + 1))
    let per = (items.count + workers - 1) / workers
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        let lo = w * per, hi = min(items.count, lo + per)
        guard lo < hi else { return }
        for i in lo..<hi { box.items[i] = transform(items[i]) }
    }
    return box.items.map { $0! }
}

/// Slots written by worker threads at distinct indices.
private final class UnsafeResults<U>: @unchecked Sendable {
    var items: [U?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
}
