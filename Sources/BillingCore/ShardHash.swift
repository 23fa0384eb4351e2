/// Which shard an account belongs to (SPEC "Several machines"): FNV-1a 64 of the
/// account id's UTF-8 bytes, mod the number of shards. A pure function of the id,
/// so the split, the shard closes and the merge agree without sharing a table,
/// and the same id lands on the same shard on every machine and every run.
public enum ShardHash {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a, 64 bits (Fowler–Noll–Vo; the variant that xors before it multiplies).
    @inline(__always)
    public static func fnv1a64<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h = offsetBasis
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    public static func fnv1a64(_ s: String) -> UInt64 { fnv1a64(s.utf8) }

    /// The shard (0 ..< shards) of an account id given as its bytes.
    @inline(__always)
    public static func shard<C: Collection>(ofAccount id: C, shards: Int) -> Int where C.Element == UInt8 {
        precondition(shards > 0, "shard count is checked by the caller")
        return Int(fnv1a64(id) % UInt64(shards))
    }

    public static func shard(ofAccount id: String, shards: Int) -> Int { shard(ofAccount: Array(id.utf8), shards: shards) }
}
