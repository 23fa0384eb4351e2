/// An insert-only hash table from short byte strings (account and meter ids) to dense
/// indices 0, 1, 2…, so the readings import can look ids up straight from CSV field
/// bytes without building Strings.
struct ByteKeyTable {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var slots: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = Array(repeating: -1, count: n)
        mask = n - 1
    }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for b in p { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        h ^= h >> 32; h = h &* 0xd6e8feb86659fd93; h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }

    /// The index of `key`, or -1.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        var i = ByteKeyTable.hash(key) & mask
        return slots.withUnsafeBufferPointer { s in
            arena.withUnsafeBufferPointer { a in
                starts.withUnsafeBufferPointer { st in
                    while true {
                        let k = s[i]
                        if k < 0 { return -1 }
                        let from = st[Int(k)], to = st[Int(k) + 1]
                        if to - from == key.count {
                            var same = true
                            var j = 0
                            while j < key.count { if a[from + j] != key[j] { same = false; break }; j += 1 }
                            if same { return k }
                        }
                        i = (i + 1) & mask
                    }
                }
            }
        }
    }

    /// True when entry `k` is exactly `key` (no hashing: one sequential compare).
    @inline(__always)
    func entry(_ k: Int32, equals key: UnsafeBufferPointer<UInt8>) -> Bool {
        starts.withUnsafeBufferPointer { st in
            let from = st[Int(k)], to = st[Int(k) + 1]
            guard to - from == key.count else { return false }
            return arena.withUnsafeBufferPointer { a in
                var j = 0
                while j < key.count { if a[from + j] != key[j] { return false }; j += 1 }
                return true
            }
        }
    }

    func find(_ key: String) -> Int32 {
        var b = Array(key.utf8)
        return b.withUnsafeMutableBufferPointer { find(UnsafeBufferPointer($0)) }
    }

    /// Adds `key` (if new) and returns its index.
    @discardableResult
    mutating func insert(_ key: String) -> Int32 {
        let existing = find(key)
        if existing >= 0 { return existing }
        if (count + 1) * 2 > slots.count { grow() }
        let k = Int32(count)
        arena.append(contentsOf: key.utf8)
        starts.append(arena.count)
        count += 1
        place(k)
        return k
    }

    private mutating func place(_ k: Int32) {
        let h = arena.withUnsafeBufferPointer { a in
            ByteKeyTable.hash(UnsafeBufferPointer(rebasing: a[starts[Int(k)]..<starts[Int(k) + 1]]))
        }
        var i = h & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = k
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for k in 0..<count { place(Int32(k)) }
    }
}
