/// A QR code symbol (ISO/IEC 18004) built in byte mode at error-correction
/// level M, in the smallest version 1…40 that holds the data, with the mask of
/// lowest penalty. Written from the standard so the engine needs no package;
/// it encodes exactly one kind of symbol — the GOST R 56042 payment code on
/// every payment document — and renders it as inline SVG (`svg()`).
public struct QRCode: Sendable {
    /// Modules per side, quiet zone excluded (21 for version 1, 177 for 40).
    public let size: Int
    /// The chosen version, 1…40.
    public let version: Int
    /// The chosen data mask pattern, 0…7.
    public let mask: Int
    /// Row-major, 1 = dark.
    let modules: [UInt8]

    /// Why a symbol could not be built.
    public enum EncodingError: Error, Equatable, CustomStringConvertible {
        case dataTooLong(byteCount: Int, maximum: Int)
        public var description: String {
            switch self {
            case let .dataTooLong(n, max):
                return "QR payload of \(n) bytes exceeds \(max) bytes, the capacity of version 40 at level M"
            }
        }
    }

    /// Dark module at column x, row y; anything outside the symbol (the quiet
    /// zone) is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x] != 0
    }

    public init(text: String) throws {
        try self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) throws {
        try self.init(bytes: bytes, forcedMask: nil)
    }

    /// `forcedMask` exists for known-answer tests against reference encoders.
    init(bytes: [UInt8], forcedMask: Int?) throws {
        guard let version = (1...40).first(where: { QRCode.byteCapacity(version: $0) >= bytes.count }) else {
            throw EncodingError.dataTooLong(byteCount: bytes.count, maximum: QRCode.byteCapacity(version: 40))
        }
        let codewords = QRCode.addErrorCorrection(QRCode.dataCodewords(bytes, version: version), version: version)
        var grid = Grid(version: version)
        grid.drawFunctionPatterns()
        grid.place(codewords)
        let chosen = forcedMask ?? grid.lowestPenaltyMask()
        grid.applyMask(chosen)
        grid.drawFormatAndVersion(mask: chosen)
        self.size = grid.size
        self.version = version
        self.mask = chosen
        self.modules = grid.modules
    }

    /// Mode indicator, count, bytes, terminator, zero bits to a byte boundary,
    /// then the alternating pad codewords 0xEC 0x11 up to the version's capacity.
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let capacity = QRCode.dataCodewords(version: version)
        var out = [UInt8]()
        out.reserveCapacity(capacity)
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
        put(bytes.count, countBits(version: version))
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

    /// Splits data into blocks (the short ones first), appends each block's
    /// ECC, and interleaves column by column as the standard requires.
    static func addErrorCorrection(_ data: [UInt8], version: Int) -> [UInt8] {
        let blocks = blockCountM[version]
        let ecc = eccPerBlockM[version]
        let total = totalCodewords(version: version)
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
        out.reserveCapacity(total)
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
}

/// The symbol under construction: module values plus which modules belong to
/// function patterns (masking and data placement must skip those).
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

    @inline(__always)
    mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark ? 1 : 0
        isFunction[y * size + x] = true
    }

    /// Finders, separators, timing, alignment; format and version areas are
    /// reserved light so that mask evaluation sees them as the standard's
    /// unfilled symbol, and are written only after the mask is chosen.
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
                // The three corners already hold finder patterns.
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

    /// A finder with its light separator ring, clipped at the symbol edge.
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

    /// Two-module columns from the right, alternately upwards and downwards,
    /// stepping over the vertical timing column; leftover remainder bits stay light.
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
            for x in 0..<size where !isFunction[y * size + x] && QRCode.maskCondition(mask, x: x, y: y) {
                modules[y * size + x] ^= 1
            }
        }
    }

    /// Format information twice (BCH(15,5), XOR 0x5412), the dark module, and
    /// for versions ≥ 7 the two version blocks (BCH(18,6)).
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

extension QRCode {
    /// 15 format bits for level M (indicator 00) and the mask, as placed.
    public static func formatBits(mask: Int) -> Int {
        let data = (0b00 << 3) | mask
        var rem = data
        for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
        return ((data << 10) | rem) ^ 0x5412
    }

    /// 18 version bits: the version and its BCH(18,6) remainder.
    static func versionBits(version: Int) -> Int {
        var rem = version
        for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
        return version << 12 | rem
    }
}
