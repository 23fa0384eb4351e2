// Per-version layouts and mask patterns, computed once and shared.
//
// The encoder works on bit lines: a symbol row (or column) of n modules is
// `words` UInt64 words, module x at bit x & 63 of word x >> 6; bits at and
// beyond n are always 0.

/// The fixed part of one version: the function patterns' colours (format and
/// version areas reserved light, as the mask evaluation must see them) and
/// which modules carry data (the mask applies to exactly those), as bit rows
/// and, transposed, bit columns.
struct QRTemplate: Sendable {
    let version: Int
    let size: Int
    /// UInt64 words per bit line.
    let words: Int
    /// size × words: dark function modules, row y at y * words.
    let functionRows: [UInt64]
    /// size × words: 1 where a module belongs to the data area.
    let dataRows: [UInt64]
    /// The same two layers by column: column x at x * words, module y at bit y.
    let functionCols: [UInt64]
    let dataCols: [UInt64]

    init(version: Int) {
        var layout = FunctionLayout(version: version)
        layout.draw()
        let n = layout.size
        let words = (n + 63) >> 6
        var functionRows = [UInt64](repeating: 0, count: n * words)
        var dataRows = functionRows, functionCols = functionRows, dataCols = functionRows
        for y in 0..<n {
            for x in 0..<n {
                let i = y * n + x
                if layout.isFunction[i] {
                    if layout.dark[i] {
                        functionRows[y * words + x >> 6] |= 1 << UInt64(x & 63)
                        functionCols[x * words + y >> 6] |= 1 << UInt64(y & 63)
                    }
                } else {
                    dataRows[y * words + x >> 6] |= 1 << UInt64(x & 63)
                    dataCols[x * words + y >> 6] |= 1 << UInt64(y & 63)
                }
            }
        }
        self.version = version
        self.size = n
        self.words = words
        self.functionRows = functionRows
        self.dataRows = dataRows
        self.functionCols = functionCols
        self.dataCols = dataCols
    }
}

/// Index = version (index 0 repeats version 1 and is never used). A `let`
/// global is initialised once, lazily and thread-safely.
let qrTemplates: [QRTemplate] = (0...40).map { QRTemplate(version: max(1, $0)) }

/// The mask patterns repeat every 12 rows and 12 columns (every condition
/// depends on x and y through x mod 6 or x / 3 mod 2, and y mod 6 or
/// y / 2 mod 2). Row table: index (mask * 12 + y % 12) * 3 + word, bit x set
/// where the mask condition holds, for x < 192. Column table: index
/// (mask * 12 + x % 12) * 3 + word, bit y.
let qrMaskRowPatterns: [UInt64] = qrMaskPatternTable(transposed: false)
let qrMaskColPatterns: [UInt64] = qrMaskPatternTable(transposed: true)

private func qrMaskPatternTable(transposed: Bool) -> [UInt64] {
    var table = [UInt64](repeating: 0, count: 8 * 12 * 3)
    for mask in 0..<8 {
        for line in 0..<12 {
            for k in 0..<192 {
                let hit = transposed ? QRCode.maskCondition(mask, x: line, y: k)
                                     : QRCode.maskCondition(mask, x: k, y: line)
                if hit { table[(mask * 12 + line) * 3 + k >> 6] |= 1 << UInt64(k & 63) }
            }
        }
    }
    return table
}

/// Draws a version's function patterns on byte matrices (run once per version
/// to build its template).
private struct FunctionLayout {
    let version: Int
    let size: Int
    var dark: [Bool]
    var isFunction: [Bool]

    init(version: Int) {
        self.version = version
        self.size = QRCode.sideLength(version: version)
        self.dark = [Bool](repeating: false, count: size * size)
        self.isFunction = [Bool](repeating: false, count: size * size)
    }

    mutating func set(_ x: Int, _ y: Int, _ isDark: Bool) {
        dark[y * size + x] = isDark
        isFunction[y * size + x] = true
    }

    /// Finders, separators, timing, alignment; format and version areas are
    /// reserved light so that mask evaluation sees them as the standard's
    /// unfilled symbol, and are written only after the mask is chosen.
    mutating func draw() {
        for i in 0..<size {
            set(6, i, i % 2 == 0)
            set(i, 6, i % 2 == 0)
        }
        drawFinder(3, 3)
        drawFinder(size - 4, 3)
        drawFinder(3, size - 4)
        let centres = QRCode.alignmentCentres(version: version)
        let last = centres.count - 1
        for (i, cx) in centres.enumerated() {
            for (j, cy) in centres.enumerated() {
                // The three corners already hold finder patterns.
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dy in -2...2 {
                    for dx in -2...2 {
                        set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1)
                    }
                }
            }
        }
        for i in 0...8 where i != 6 {
            set(8, i, false)
            set(i, 8, false)
        }
        for i in 0..<8 {
            set(size - 1 - i, 8, false)
            set(8, size - 1 - i, false)
        }
        if version >= 7 {
            for i in 0..<18 {
                set(size - 11 + i % 3, i / 3, false)
                set(i / 3, size - 11 + i % 3, false)
            }
        }
    }

    /// A finder with its light separator ring, clipped at the symbol edge.
    mutating func drawFinder(_ cx: Int, _ cy: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = cx + dx, y = cy + dy
                guard x >= 0, y >= 0, x < size, y < size else { continue }
                let d = max(abs(dx), abs(dy))
                set(x, y, d != 2 && d != 4)
            }
        }
    }
}
