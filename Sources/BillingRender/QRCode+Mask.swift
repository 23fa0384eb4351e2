// Data masks and the penalty rules of ISO/IEC 18004 §7.8.3 that choose one,
// evaluated bit-parallel: 64 lines at a time.
//
// A "line set" is a symbol's bit rows (or bit columns) with four all-light
// lines before and after, `words` words per line: stepping from one line to
// the next moves every column (or row) of the symbol one module along at
// once, so runs (rule 1) and finder-like patterns (rule 3) along columns are
// found on bit rows with plain AND/OR/XOR and popcount, and along rows on bit
// columns. The four padding lines are the light quiet zone that rule 3 may
// count beyond the edge.
extension QRCode {
    /// The standard's eight mask conditions; x = column j, y = row i.
    @inline(__always)
    static func maskCondition(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: return (x + y) % 2 == 0
        case 1: return y % 2 == 0
        case 2: return x % 3 == 0
        case 3: return (x + y) % 3 == 0
        case 4: return (x / 3 + y / 2) % 2 == 0
        case 5: return x * y % 2 + x * y % 3 == 0
        case 6: return (x * y % 2 + x * y % 3) % 2 == 0
        default: return ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }
}

/// Scores the eight masks on one unmasked symbol, reusing two line-set buffers.
struct MaskScorer {
    let template: QRTemplate
    let n: Int
    let words: Int
    /// Bits below n in the last word of a line.
    let lastValid: UInt64
    /// Bits below n − 1 in the last word: where a 2×2 block may start.
    let lastValidBlock: UInt64
    var rowLines: [UInt64]
    var colLines: [UInt64]

    init(template: QRTemplate) {
        self.template = template
        n = template.size
        words = template.words
        let tail = n - 64 * (words - 1)  // 1…64, never 64 since n is odd
        lastValid = tail == 64 ? ~0 : (1 << UInt64(tail)) &- 1
        lastValidBlock = (1 << UInt64(tail - 1)) &- 1
        rowLines = [UInt64](repeating: 0, count: (n + 8) * words)
        colLines = rowLines
    }

    /// The mask of lowest penalty, the first on ties. A mask's evaluation
    /// stops once its partial sum can no longer beat the best so far (every
    /// rule adds a non-negative amount), which never changes the choice.
    mutating func lowestPenaltyMask(baseRows: [UInt64], baseCols: [UInt64]) -> Int {
        var best = 0
        var bestScore = Int.max
        for mask in 0..<8 {
            let score = penalty(mask: mask, baseRows: baseRows, baseCols: baseCols, bound: bestScore)
            if score < bestScore { bestScore = score; best = mask }
        }
        return best
    }

    /// Sum of the four penalty scores (N1 = 3, N2 = 3, N3 = 40, N4 = 10) with
    /// `mask` applied; once the partial sum reaches `bound` it is returned
    /// as is (≥ bound).
    mutating func penalty(mask: Int, baseRows: [UInt64], baseCols: [UInt64], bound: Int = .max) -> Int {
        let n = self.n, words = self.words
        let lastValid = self.lastValid, lastValidBlock = self.lastValidBlock
        return template.dataRows.withUnsafeBufferPointer { dataRows in
            template.dataCols.withUnsafeBufferPointer { dataCols in
                qrMaskRowPatterns.withUnsafeBufferPointer { rowPatterns in
                    qrMaskColPatterns.withUnsafeBufferPointer { colPatterns in
                        baseRows.withUnsafeBufferPointer { baseRows in
                            baseCols.withUnsafeBufferPointer { baseCols in
                                rowLines.withUnsafeMutableBufferPointer { rowLines in
                                    colLines.withUnsafeMutableBufferPointer { colLines in
                                        let r = rowLines.baseAddress!, c = colLines.baseAddress!
                                        MaskScorer.applyMask(mask, base: baseRows.baseAddress!, data: dataRows.baseAddress!,
                                                             patterns: rowPatterns.baseAddress!, into: r, n: n, words: words)
                                        var score = MaskScorer.blocksAndBalance(r, n: n, words: words, lastValidBlock: lastValidBlock)
                                        score += MaskScorer.runsAndFinders(r, n: n, words: words, lastValid: lastValid)
                                        if score >= bound { return score }
                                        MaskScorer.applyMask(mask, base: baseCols.baseAddress!, data: dataCols.baseAddress!,
                                                             patterns: colPatterns.baseAddress!, into: c, n: n, words: words)
                                        score += MaskScorer.runsAndFinders(c, n: n, words: words, lastValid: lastValid)
                                        return score
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Line i of the symbol = base ^ (pattern & data). The line set is
    /// stored word-plane by word-plane: word w of line i (i = −4…n + 3) at
    /// w * (n + 8) + 4 + i, so a scan along lines walks consecutive words.
    /// The padding stays zero.
    @inline(__always)
    static func applyMask(_ mask: Int, base: UnsafePointer<UInt64>, data: UnsafePointer<UInt64>,
                          patterns: UnsafePointer<UInt64>, into lines: UnsafeMutablePointer<UInt64>,
                          n: Int, words: Int) {
        let stride = n + 8
        var phase = 0
        for i in 0..<n {
            let p = patterns + (mask * 12 + phase) * 3
            for w in 0..<words {
                lines[w * stride + 4 + i] = base[i * words + w] ^ (p[w] & data[i * words + w])
            }
            phase = phase == 11 ? 0 : phase + 1
        }
    }

    /// Rules 1 and 3 along the perpendicular lines of a line set.
    ///
    /// Rule 1: a run of 5 + k modules costs 3 + k. With W5 the number of
    /// one-colour windows of 5 and W6 of 6, a run of r ≥ 5 holds r − 4 of
    /// the first and r − 5 of the second, so the rule's total is
    /// 3·W5 − 2·W6 (each run: 3(r − 4) − 2(r − 5) = r − 2).
    ///
    /// Rule 3: dark-light-dark×3-light-dark with four light modules before
    /// or after it, beyond the edge counting as light; 40 per occurrence.
    /// Beyond the last line the padding is light, so a pattern can never
    /// start at n − 6 or n − 5 and the scan may share rule 1's range.
    @inline(__always)
    static func runsAndFinders(_ lines: UnsafeMutablePointer<UInt64>, n: Int, words: Int, lastValid: UInt64) -> Int {
        var w5 = 0, w6 = 0, finders = 0
        for w in 0..<words {
            let valid: UInt64 = w == words - 1 ? lastValid : ~0
            // l[i] is word w of symbol line i; i = −4…n + 3 are valid.
            let l = UnsafePointer(lines + w * (n + 8) + 4)
            // e(i): line i equals line i + 1, per bit.
            var e0 = ~(l[0] ^ l[1]), e1 = ~(l[1] ^ l[2]), e2 = ~(l[2] ^ l[3])
            var previous: UInt64 = 0  // windows of 5 starting one line earlier
            var i = 0
            while i <= n - 5 {
                let a = l + i
                let e3 = ~(a[3] ^ a[4])
                let five = e0 & e1 & e2 & e3 & valid
                w5 &+= five.nonzeroBitCount
                w6 &+= (previous & e3).nonzeroBitCount
                previous = five
                e0 = e1; e1 = e2; e2 = e3
                let pattern = a[0] & ~a[1] & a[2] & a[3] & a[4] & ~a[5] & a[6]
                let before = a[-1] | a[-2] | a[-3] | a[-4]
                let after = a[7] | a[8] | a[9] | a[10]
                let found = pattern & ~(before & after)
                if found != 0 { finders &+= found.nonzeroBitCount }
                i += 1
            }
        }
        return 3 * w5 - 2 * w6 + 40 * finders
    }

    /// Rule 2 (3 per one-colour 2×2 block, overlapping blocks counted) and
    /// rule 4 (10 per full 5 % step away from half dark), on bit rows.
    @inline(__always)
    static func blocksAndBalance(_ lines: UnsafeMutablePointer<UInt64>, n: Int, words: Int, lastValidBlock: UInt64) -> Int {
        let stride = n + 8
        var blocks = 0
        var dark = 0
        for w in 0..<words {
            let valid: UInt64 = w == words - 1 ? lastValidBlock : ~0
            let rows = UnsafePointer(lines + w * stride + 4)
            // The next plane supplies bit 63's right neighbour; past the last
            // plane, the (always zero) padding line −1 stands in.
            let next = w + 1 < words ? UnsafePointer(lines + (w + 1) * stride + 4) : UnsafePointer(lines + 3)
            let nextStep = w + 1 < words ? 1 : 0
            // h(y): module x of row y equals module x + 1.
            var v = rows[0]
            var hy = ~(v ^ (v >> 1 | next[0] << 63))
            dark &+= v.nonzeroBitCount
            for y in 0..<(n - 1) {
                let b = rows[y + 1]
                let hNext = ~(b ^ (b >> 1 | next[(y + 1) * nextStep] << 63))
                dark &+= b.nonzeroBitCount
                blocks &+= (~(v ^ b) & hy & hNext & valid).nonzeroBitCount
                hy = hNext
                v = b
            }
        }
        let total = n * n
        return 3 * blocks + 10 * (abs(dark * 20 - total * 10) / total)
    }
}
