/// `total` split in proportion to `weights` (non-negative) so that the parts add up to
/// `total` exactly: each part is its exact share rounded down, and what is left goes
/// one unit each to the largest remainders (the earlier on a tie). The close report's
/// method shares use it so they add up to 100,0 %, not 100,1 %.
public func largestRemainderParts(_ weights: [Int64], total: Int64) -> [Int64] {
    let sum = weights.reduce(Int64(0)) { $0 + max(0, $1) }
    guard sum > 0, total > 0 else { return weights.map { _ in 0 } }
    let exact = weights.map { Int128(max(0, $0)) * Int128(total) }
    var parts = exact.map { Int64($0 / Int128(sum)) }
    var left = total - parts.reduce(0, +)
    let order = exact.indices.sorted { (exact[$0] % Int128(sum), $1) > (exact[$1] % Int128(sum), $0) }
    for i in order where left > 0 {
        parts[i] += 1
        left -= 1
    }
    return parts
}
