import BillingCore

/// The account ids of the accounts files, as a Bloom filter of fixed size: the
/// split must tell "an account of some shard" from "no account at all" (such a row
/// goes to every shard, where the import rejects it, instead of silently to one)
/// without a table that grows with 8 million accounts. At most 32 MiB; with 8 M
/// accounts a false "known" comes once in about 10^5 unknown ids, and then the
/// row still lands on one shard and is rejected there — never lost either way.
struct KnownAccounts {
    private var bits: [UInt64]
    private let mask: UInt64
    private static let probes = 7

    /// Sized from the accounts file: a bit for every 4 bytes of it (30+ bits an account).
    init(expectedBytes: Int) {
        var words = 1 << 10
        while words < 1 << 22 && words * 64 < expectedBytes / 4 { words <<= 1 }
        bits = Array(repeating: 0, count: words)
        mask = UInt64(words * 64 - 1)
    }

    mutating func insert(_ id: [UInt8]) {
        var (h, step) = Self.hashes(id)
        for _ in 0..<Self.probes {
            let b = h & mask
            bits[Int(b >> 6)] |= 1 << (b & 63)
            h &+= step
        }
    }

    func contains(_ id: [UInt8]) -> Bool {
        var (h, step) = Self.hashes(id)
        for _ in 0..<Self.probes {
            let b = h & mask
            if bits[Int(b >> 6)] & (1 << (b & 63)) == 0 { return false }
            h &+= step
        }
        return true
    }

    /// Double hashing (Kirsch–Mitzenmacher) from FNV-1a and a mix of it; odd step.
    private static func hashes(_ id: [UInt8]) -> (UInt64, UInt64) {
        let h = ShardHash.fnv1a64(id)
        var z = h &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return (h, (z ^ (z >> 31)) | 1)
    }
}
