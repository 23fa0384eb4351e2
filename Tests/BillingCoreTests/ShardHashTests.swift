import Testing
@testable import BillingCore

/// FNV-1a 64 against the published test vectors (Fowler–Noll–Vo reference
/// test suite), so a shard split on any machine puts an account where the spec says.
@Suite struct ShardHashTests {
    @Test func knownVectors() {
        let vectors: [(String, UInt64)] = [
            ("", 0xcbf2_9ce4_8422_2325),
            ("a", 0xaf63_dc4c_8601_ec8c),
            ("b", 0xaf63_df4c_8601_f1a5),
            ("foobar", 0x8594_4171_f739_67e8),
            ("chongo was here!\n", 0x4681_0940_eff5_f915),
        ]
        for (text, expected) in vectors {
            #expect(ShardHash.fnv1a64(text) == expected, "fnv1a64(\(text.debugDescription))")
        }
    }

    @Test func shardIsTheHashModN() {
        let id = "7400000001"
        let h = ShardHash.fnv1a64(id)
        for n in [1, 3, 4, 7, 1000] {
            #expect(ShardHash.shard(ofAccount: id, shards: n) == Int(h % UInt64(n)))
        }
        #expect(ShardHash.shard(ofAccount: id, shards: 1) == 0)
    }

    /// Sample-size sanity: 10,000 ids spread over 7 shards within a few percent of even.
    @Test func spreadsAccountsEvenly() {
        var counts = [Int](repeating: 0, count: 7)
        for i in 0..<10_000 { counts[ShardHash.shard(ofAccount: String(7_400_000_000 + i), shards: 7)] += 1 }
        for c in counts { #expect(c > 1_300 && c < 1_560, "\(counts)") }
    }
}
