/// An insert-only hash table from short byte strings (account and meter ids) to dense
/// indices 0, 1, 2…, so the readings import can look ids up straight from CSV field
/// bytes without building Strings. Keys of up to 16 bytes live inside the slot, so a
/// lookup touches one cache line; longer keys are confirmed against an arena.
final class ByteKeyTable {
    struct Slot { var k0: UInt64 = 0, k1: UInt64 = 0; var len: Int32 = 0; var index: Int32 = -1 }
    private var slots: UnsafeMutablePointer<Slot>
    private var capacity: Int
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private(set) var count = 0

    init(capacity: Int = 16) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        self.capacity = n
        slots = .allocate(capacity: n)
        slots.initialize(repeating: Slot(), count: n)
    }

    deinit { slots.deallocate() }

    /// The first 16 bytes of a key, zero-padded, as two words.
    @inline(__always)
    static func words(_ p: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var a: UInt64 = 0, b: UInt64 = 0
        let n = min(p.count, 16)
        var i = 0
        while i < n {
            if i < 8 { a |= UInt64(p[i]) << (UInt64(i) * 8) } else { b |= UInt64(p[i]) << (UInt64(i - 8) * 8) }
            i += 1
        }
        return (a, b)
    }

    @inline(__always)
    static func hash(_ w: (UInt64, UInt64), _ len: Int) -> Int {
        var h = (w.0 ^ UInt64(len) &* 0x9E3779B97F4A7C15) &* 0xBF58476D1CE4E5B9
        h = (h ^ w.1 ^ (h >> 31)) &* 0x94D049BB133111EB
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    /// The index of `key`, or -1.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let w = ByteKeyTable.words(key)
        let mask = capacity - 1
        var i = ByteKeyTable.hash(w, key.count) & mask
        while true {
            let s = slots[i]
            if s.index < 0 { return -1 }
            if s.k0 == w.0 && s.k1 == w.1 && Int(s.len) == key.count && (key.count <= 16 || tailEquals(s.index, key)) {
                return s.index
            }
            i = (i + 1) & mask
        }
    }

    private func tailEquals(_ k: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let from = starts[Int(k)]
        for j in 16..<key.count where arena[from + j] != key[j] { return false }
        return true
    }

    /// True when entry `k` is exactly `key`.
    func entry(_ k: Int32, equals key: UnsafeBufferPointer<UInt8>) -> Bool {
        let from = starts[Int(k)], to = starts[Int(k) + 1]
        guard to - from == key.count else { return false }
        for j in 0..<key.count where arena[from + j] != key[j] { return false }
        return true
    }

    func key(_ k: Int32) -> String { String(decoding: arena[starts[Int(k)]..<starts[Int(k) + 1]], as: UTF8.self) }

    func find(_ key: String) -> Int32 {
        var key = key
        return key.withUTF8 { find($0) }
    }

    /// Adds `key` (if new) and returns its index.
    @discardableResult
    func insert(_ key: String) -> Int32 {
        var key = key
        return key.withUTF8 { insert($0) }
    }

    @discardableResult
    func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let w = ByteKeyTable.words(key)
        let mask = capacity - 1
        var i = ByteKeyTable.hash(w, key.count) & mask
        while slots[i].index >= 0 {
            let s = slots[i]
            if s.k0 == w.0 && s.k1 == w.1 && Int(s.len) == key.count && (key.count <= 16 || tailEquals(s.index, key)) { return s.index }
            i = (i + 1) & mask
        }
        let k = Int32(count)
        arena.append(contentsOf: key)
        starts.append(arena.count)
        count += 1
        slots[i] = Slot(k0: w.0, k1: w.1, len: Int32(key.count), index: k)
        if count * 2 > capacity { grow() }
        return k
    }

    private func place(_ k: Int32) {
        let from = starts[Int(k)], to = starts[Int(k) + 1]
        let w = arena.withUnsafeBufferPointer { ByteKeyTable.words(UnsafeBufferPointer(rebasing: $0[from..<to])) }
        let mask = capacity - 1
        var i = ByteKeyTable.hash(w, to - from) & mask
        while slots[i].index >= 0 { i = (i + 1) & mask }
        slots[i] = Slot(k0: w.0, k1: w.1, len: Int32(to - from), index: k)
    }

    private func grow() {
        slots.deallocate()
        capacity *= 2
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(), count: capacity)
        for k in 0..<count { place(Int32(k)) }
    }
}
