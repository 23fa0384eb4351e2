// Data masks and the penalty rules of ISO/IEC 18004 §7.8.3 that choose one.
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

    /// Sum of the four penalty scores (N1 = 3, N2 = 3, N3 = 40, N4 = 10).
    static func penalty(_ m: [UInt8], size n: Int) -> Int {
        var line = [UInt8](repeating: 0, count: n)
        return m.withUnsafeBufferPointer { p in
            line.withUnsafeMutableBufferPointer { l in
                var score = 0
                var dark = 0
                for y in 0..<n {
                    for x in 0..<n { l[x] = p[y * n + x]; dark &+= Int(l[x]) }
                    score += linePenalty(UnsafeBufferPointer(l))
                    for x in 0..<n { l[x] = p[x * n + y] }
                    score += linePenalty(UnsafeBufferPointer(l))
                }
                // Rule 2: every 2×2 block of one colour, overlapping blocks counted.
                for y in 0..<(n - 1) {
                    for x in 0..<(n - 1) {
                        let c = p[y * n + x]
                        if c == p[y * n + x + 1] && c == p[(y + 1) * n + x] && c == p[(y + 1) * n + x + 1] {
                            score += 3
                        }
                    }
                }
                // Rule 4: 10 points per full 5 % step away from half dark.
                let total = n * n
                score += 10 * (abs(dark * 20 - total * 10) / total)
                return score
            }
        }
    }

    /// Rules 1 and 3 along one row or column.
    static func linePenalty(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        let n = line.count
        var score = 0
        // Rule 1: a run of 5 + i modules of one colour costs 3 + i.
        var run = 1
        for i in 1..<n {
            if line[i] == line[i - 1] {
                run += 1
            } else {
                if run >= 5 { score += run - 2 }
                run = 1
            }
        }
        if run >= 5 { score += run - 2 }
        // Rule 3: dark-light-dark×3-light-dark with four light modules on
        // either side; beyond the symbol edge counts as light (quiet zone).
        if n >= 7 {
            for i in 0...(n - 7) {
                guard line[i] == 1, line[i + 1] == 0, line[i + 2] == 1, line[i + 3] == 1,
                      line[i + 4] == 1, line[i + 5] == 0, line[i + 6] == 1 else { continue }
                var lightBefore = true
                for k in max(0, i - 4)..<i where line[k] != 0 { lightBefore = false; break }
                var lightAfter = true
                for k in (i + 7)..<min(n, i + 11) where line[k] != 0 { lightAfter = false; break }
                if lightBefore || lightAfter { score += 40 }
            }
        }
        return score
    }
}

extension Grid {
    /// Tries all eight masks on the unmasked grid (format areas still light)
    /// and returns the first with the lowest total penalty.
    func lowestPenaltyMask() -> Int {
        var best = 0
        var bestScore = Int.max
        for mask in 0..<8 {
            var trial = self
            trial.applyMask(mask)
            let score = QRCode.penalty(trial.modules, size: size)
            if score < bestScore { bestScore = score; best = mask }
        }
        return best
    }
}
