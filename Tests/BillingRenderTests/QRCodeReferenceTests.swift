import Testing
@testable import BillingRender

// The straightforward encoder this module used before the bit-parallel fast
// path: byte matrices, per-module masking, and the ISO/IEC 18004 §7.8.3
// penalty rules evaluated line by line. Kept here, unchanged in behaviour, as
// the reference the fast path must reproduce exactly — every penalty of every
// mask, the chosen mask, and every module.
enum ReferenceQR {
    struct Symbol {
        let version: Int
        let size: Int
        let mask: Int
        /// Row-major, 1 = dark.
        let modules: [UInt8]
    }

    static func encode(_ bytes: [UInt8], forcedMask: Int? = nil) -> Symbol {
        let version = (1...40).first { QRCode.byteCapacity(version: $0) >= bytes.count }!
        let codewords = addErrorCorrection(dataCodewords(bytes, version: version), version: version)
        var grid = Grid(version: version)
        grid.drawFunctionPatterns()
        grid.place(codewords)
        let chosen = forcedMask ?? grid.lowestPenaltyMask()
        grid.applyMask(chosen)
        grid.drawFormatAndVersion(mask: chosen)
        return Symbol(version: version, size: grid.size, mask: chosen, modules: grid.modules)
    }

    /// The penalty of each of the eight masks on the unmasked symbol.
    static func penalties(_ bytes: [UInt8]) -> [Int] {
        let version = (1...40).first { QRCode.byteCapacity(version: $0) >= bytes.count }!
        let codewords = addErrorCorrection(dataCodewords(bytes, version: version), version: version)
        var grid = Grid(version: version)
        grid.drawFunctionPatterns()
        grid.place(codewords)
        return (0..<8).map { mask in
            var trial = grid
            trial.applyMask(mask)
            return penalty(trial.modules, size: grid.size)
        }
    }

    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let capacity = QRCode.dataCodewords(version: version)
        var out = [UInt8]()
        var acc: UInt32 = 0
        var accBits = 0
        func put(_ value: Int, _ bits: Int) {
            for i in stride(from: bits - 1, through: 0, by: -1) {
                acc = acc << 1 | UInt32((value >> i) & 1)
                accBits += 1
                if accBits == 8 { out.append(UInt8(acc)); acc = 0; accBits = 0 }
            }
        }
        put(0b0100, 4)
        put(bytes.count, QRCode.countBits(version: version))
        for b in bytes { put(Int(b), 8) }
        let used = out.count * 8 + accBits
        put(0, min(4, capacity * 8 - used))
        if accBits > 0 { put(0, 8 - accBits) }
        var pad: UInt8 = 0xEC
        while out.count < capacity {
            out.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return out
    }

    static func addErrorCorrection(_ data: [UInt8], version: Int) -> [UInt8] {
        let blocks = QRCode.blockCountM[version]
        let ecc = QRCode.eccPerBlockM[version]
        let total = QRCode.totalCodewords(version: version)
        let shortBlocks = blocks - total % blocks
        let shortLength = total / blocks - ecc
        let gen = ReedSolomon.generator(degree: ecc)
        var dataBlocks = [ArraySlice<UInt8>]()
        var eccBlocks = [[UInt8]]()
        var offset = 0
        for b in 0..<blocks {
            let length = shortLength + (b < shortBlocks ? 0 : 1)
            let slice = data[offset..<(offset + length)]
            offset += length
            dataBlocks.append(slice)
            eccBlocks.append(ReedSolomon.remainder(slice, generator: gen))
        }
        var out = [UInt8]()
        for i in 0...shortLength {
            for (b, block) in dataBlocks.enumerated() where i < shortLength || b >= shortBlocks {
                out.append(block[block.startIndex + i])
            }
        }
        for i in 0..<ecc {
            for block in eccBlocks { out.append(block[i]) }
        }
        return out
    }

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
        var score = 0
        var dark = 0
        var line = [UInt8](repeating: 0, count: n)
        for y in 0..<n {
            for x in 0..<n { line[x] = m[y * n + x]; dark += Int(line[x]) }
            score += linePenalty(line)
            for x in 0..<n { line[x] = m[x * n + y] }
            score += linePenalty(line)
        }
        // Rule 2: every 2×2 block of one colour, overlapping blocks counted.
        for y in 0..<(n - 1) {
            for x in 0..<(n - 1) {
                let c = m[y * n + x]
                if c == m[y * n + x + 1] && c == m[(y + 1) * n + x] && c == m[(y + 1) * n + x + 1] {
                    score += 3
                }
            }
        }
        // Rule 4: 10 points per full 5 % step away from half dark.
        let total = n * n
        score += 10 * (abs(dark * 20 - total * 10) / total)
        return score
    }

    /// Rules 1 and 3 along one row or column.
    static func linePenalty(_ line: [UInt8]) -> Int {
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

    /// The SVG as the byte-matrix renderer wrote it.
    static func svg(_ s: Symbol, moduleSize: Int, quietZone: Int) -> String {
        let unit = max(1, moduleSize)
        let quiet = max(0, quietZone)
        let side = s.size + 2 * quiet
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(side * unit)\" height=\"\(side * unit)\" "
        out += "viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\"><rect width=\"\(side)\" height=\"\(side)\" "
        out += "fill=\"#fff\"/><path fill=\"#000\" d=\""
        for y in 0..<s.size {
            var x = 0
            while x < s.size {
                if s.modules[y * s.size + x] == 0 { x += 1; continue }
                let start = x
                while x < s.size && s.modules[y * s.size + x] != 0 { x += 1 }
                out += "M\(start + quiet) \(y + quiet)h\(x - start)v1h-\(x - start)z"
            }
        }
        return out + "\"/></svg>"
    }

    struct Grid {
        let version: Int
        let size: Int
        var modules: [UInt8]
        var isFunction: [Bool]

        init(version: Int) {
            self.version = version
            self.size = QRCode.sideLength(version: version)
            self.modules = [UInt8](repeating: 0, count: size * size)
            self.isFunction = [Bool](repeating: false, count: size * size)
        }

        mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
            modules[y * size + x] = dark ? 1 : 0
            isFunction[y * size + x] = true
        }

        mutating func drawFunctionPatterns() {
            for i in 0..<size {
                setFunction(6, i, i % 2 == 0)
                setFunction(i, 6, i % 2 == 0)
            }
            drawFinder(3, 3)
            drawFinder(size - 4, 3)
            drawFinder(3, size - 4)
            let centres = QRCode.alignmentCentres(version: version)
            let last = centres.count - 1
            for (i, cx) in centres.enumerated() {
                for (j, cy) in centres.enumerated() {
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    for dy in -2...2 {
                        for dx in -2...2 {
                            setFunction(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1)
                        }
                    }
                }
            }
            for i in 0...8 where i != 6 {
                setFunction(8, i, false)
                setFunction(i, 8, false)
            }
            for i in 0..<8 {
                setFunction(size - 1 - i, 8, false)
                setFunction(8, size - 1 - i, false)
            }
            if version >= 7 {
                for i in 0..<18 {
                    setFunction(size - 11 + i % 3, i / 3, false)
                    setFunction(i / 3, size - 11 + i % 3, false)
                }
            }
        }

        mutating func drawFinder(_ cx: Int, _ cy: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = cx + dx, y = cy + dy
                    guard x >= 0, y >= 0, x < size, y < size else { continue }
                    let d = max(abs(dx), abs(dy))
                    setFunction(x, y, d != 2 && d != 4)
                }
            }
        }

        mutating func place(_ codewords: [UInt8]) {
            let totalBits = codewords.count * 8
            var bit = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                let upward = (right + 1) & 2 == 0
                for vert in 0..<size {
                    let y = upward ? size - 1 - vert : vert
                    for j in 0..<2 {
                        let idx = y * size + right - j
                        if !isFunction[idx] && bit < totalBits {
                            modules[idx] = (codewords[bit >> 3] >> (7 - UInt8(bit & 7))) & 1
                            bit += 1
                        }
                    }
                }
                right -= 2
            }
        }

        mutating func applyMask(_ mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !isFunction[y * size + x] && ReferenceQR.maskCondition(mask, x: x, y: y) {
                    modules[y * size + x] ^= 1
                }
            }
        }

        func lowestPenaltyMask() -> Int {
            var best = 0
            var bestScore = Int.max
            for mask in 0..<8 {
                var trial = self
                trial.applyMask(mask)
                let score = ReferenceQR.penalty(trial.modules, size: size)
                if score < bestScore { bestScore = score; best = mask }
            }
            return best
        }

        mutating func drawFormatAndVersion(mask: Int) {
            let bits = QRCode.formatBits(mask: mask)
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 != 0 }
            for i in 0...5 { setFunction(8, i, bit(i)) }
            setFunction(8, 7, bit(6))
            setFunction(8, 8, bit(7))
            setFunction(7, 8, bit(8))
            for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }
            for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
            for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
            setFunction(8, size - 8, true)
            if version >= 7 {
                let v = QRCode.versionBits(version: version)
                for i in 0..<18 {
                    let dark = (v >> i) & 1 != 0
                    setFunction(size - 11 + i % 3, i / 3, dark)
                    setFunction(i / 3, size - 11 + i % 3, dark)
                }
            }
        }
    }
}

/// Deterministic payloads of varied length and content: mostly ASCII and
/// two-byte Cyrillic like GOST text, plus raw bytes, long runs, and sizes at
/// and around version boundaries.
private func referencePayloads() -> [[UInt8]] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
    let lengths = [0, 1, 2, 13, 14, 15, 25, 26, 27, 50, 84, 85, 100, 121, 122, 123, 150, 200, 213, 214,
                   250, 280, 300, 300, 300, 310, 320, 350, 400, 450, 500, 550, 600, 666, 667, 700,
                   800, 900, 1000, 1100, 1273, 1400, 1600, 1800, 2000, 2331]
    let cyrillic = Array("Оплата электроэнергии лицевой счёт".utf8)
    var out = [[UInt8]]()
    for (i, length) in lengths.enumerated() {
        var p = [UInt8]()
        p.reserveCapacity(length)
        while p.count < length {
            switch (i + p.count / 17) % 4 {
            case 0: p.append(UInt8(truncatingIfNeeded: next()))
            case 1: p.append(UInt8(0x20 + next() % 95))
            case 2: p.append(cyrillic[Int(next() % UInt64(cyrillic.count))])
            default: p.append(i % 2 == 0 ? 0x41 : 0x00)
            }
        }
        out.append(p)
    }
    out.append([UInt8](repeating: 0xFF, count: 300))
    out.append([UInt8](repeating: 0x00, count: 300))
    out.append(Array(String(repeating: "ST00012|Name=ООО «Энергосбыт»|", count: 10).utf8))
    return out
}

@Test func fastPenaltiesEqualTheReferenceForAllMasks() throws {
    for bytes in referencePayloads() {
        let fast = try QRCode.maskPenalties(bytes: bytes)
        let reference = ReferenceQR.penalties(bytes)
        #expect(fast == reference, "\(bytes.count) bytes")
    }
}

@Test func symbolsEqualTheReferenceModuleForModule() throws {
    for bytes in referencePayloads() {
        let q = try QRCode(bytes: bytes)
        let r = ReferenceQR.encode(bytes)
        #expect(q.version == r.version && q.size == r.size && q.mask == r.mask, "\(bytes.count) bytes")
        var same = true
        for y in 0..<r.size {
            for x in 0..<r.size where q.isDark(x: x, y: y) != (r.modules[y * r.size + x] != 0) { same = false }
        }
        #expect(same, "\(bytes.count) bytes, version \(r.version)")
        #expect(q.svg() == ReferenceQR.svg(r, moduleSize: 4, quietZone: 4), "\(bytes.count) bytes")
        #expect(q.svg(moduleSize: 3, quietZone: 0) == ReferenceQR.svg(r, moduleSize: 3, quietZone: 0))
        #expect(q.svg(moduleSize: 1000, quietZone: 123) == ReferenceQR.svg(r, moduleSize: 1000, quietZone: 123))
    }
}

@Test func forcedMasksEqualTheReference() throws {
    for bytes in [[UInt8](), Array("HELLO WORLD".utf8), [UInt8](repeating: 0xD0, count: 150),
                  Array(String(repeating: "Энергосбыт|", count: 30).utf8)] {
        for mask in 0..<8 {
            let q = try QRCode(bytes: bytes, forcedMask: mask)
            let r = ReferenceQR.encode(bytes, forcedMask: mask)
            #expect(q.mask == mask)
            let rows = (0..<r.size).map { y in (0..<r.size).map { x in q.isDark(x: x, y: y) ? UInt8(1) : 0 } }
            #expect(Array(rows.joined()) == r.modules, "\(bytes.count) bytes, mask \(mask)")
        }
    }
}
