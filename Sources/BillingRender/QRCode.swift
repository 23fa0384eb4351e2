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
    /// Bit rows, `words` UInt64 words per row: module x of row y is bit
    /// x & 63 of rows[y * words + x >> 6]; 1 = dark.
    let rows: [UInt64]
    let words: Int

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
        return (rows[y * words + x >> 6] >> UInt64(x & 63)) & 1 != 0
    }

    public init(text: String) throws {
        try self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) throws {
        try self.init(bytes: bytes, forcedMask: nil)
    }

    /// `forcedMask` exists for known-answer tests against reference encoders.
    init(bytes: [UInt8], forcedMask: Int?) throws {
        let version = try QRCode.version(forByteCount: bytes.count)
        let template = qrTemplates[version]
        let (baseRows, baseCols) = QRCode.unmaskedSymbol(bytes, template: template)
        let chosen: Int
        if let forcedMask {
            precondition((0..<8).contains(forcedMask), "QR mask patterns are 0…7")
            chosen = forcedMask
        } else {
            var scorer = MaskScorer(template: template)
            chosen = scorer.lowestPenaltyMask(baseRows: baseRows, baseCols: baseCols)
        }
        var rows = baseRows
        let words = template.words
        template.dataRows.withUnsafeBufferPointer { data in
            qrMaskRowPatterns.withUnsafeBufferPointer { patterns in
                rows.withUnsafeMutableBufferPointer { rows in
                    var phase = 0
                    for y in 0..<template.size {
                        for w in 0..<words {
                            rows[y * words + w] ^= patterns[(chosen * 12 + phase) * 3 + w] & data[y * words + w]
                        }
                        phase = phase == 11 ? 0 : phase + 1
                    }
                }
            }
        }
        QRCode.drawFormatAndVersion(&rows, words: words, version: version, mask: chosen)
        self.size = template.size
        self.version = version
        self.mask = chosen
        self.rows = rows
        self.words = words
    }

    /// The penalty of each of the eight masks (tests compare them with the
    /// straightforward evaluation).
    static func maskPenalties(bytes: [UInt8]) throws -> [Int] {
        let template = qrTemplates[try version(forByteCount: bytes.count)]
        let (baseRows, baseCols) = unmaskedSymbol(bytes, template: template)
        var scorer = MaskScorer(template: template)
        return (0..<8).map { scorer.penalty(mask: $0, baseRows: baseRows, baseCols: baseCols) }
    }

    /// Byte capacity at level M, index = version (0 for index 0).
    static let byteCapacities: [Int] = (0...40).map { $0 == 0 ? 0 : byteCapacity(version: $0) }

    /// The smallest version that holds `count` bytes.
    static func version(forByteCount count: Int) throws -> Int {
        var version = 1
        while version <= 40 {
            if byteCapacities[version] >= count { return version }
            version += 1
        }
        throw EncodingError.dataTooLong(byteCount: count, maximum: byteCapacities[40])
    }

    /// Function patterns plus the placed codewords, unmasked, as bit rows and
    /// bit columns (`template.words` words per line).
    static func unmaskedSymbol(_ bytes: [UInt8], template: QRTemplate) -> (rows: [UInt64], cols: [UInt64]) {
        let version = template.version
        let total = totalCodewords(version: version)
        let dataCount = dataCodewords(version: version)
        let scratch = dataCount + blockCountM[version] * eccPerBlockM[version]
        var codewords = [UInt8](repeating: 0, count: total)
        codewords.withUnsafeMutableBufferPointer { out in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scratch) { buffer in
                let data = buffer.baseAddress!
                bytes.withUnsafeBufferPointer { writeDataCodewords($0, version: version, count: dataCount, into: data) }
                interleaveWithErrorCorrection(data, version: version, into: out.baseAddress!, ecc: data + dataCount)
            }
        }
        var rows = template.functionRows, cols = template.functionCols
        place(codewords, template: template, rows: &rows, cols: &cols)
        return (rows, cols)
    }

    /// Mode indicator, count, bytes, terminator, zero bits to a byte boundary,
    /// then the alternating pad codewords 0xEC 0x11 up to the version's
    /// capacity. The 4-bit mode and 8- or 16-bit count put every data byte
    /// across a nibble boundary, and leave room for the whole terminator.
    static func writeDataCodewords(_ bytes: UnsafeBufferPointer<UInt8>, version: Int, count capacity: Int,
                                   into out: UnsafeMutablePointer<UInt8>) {
        let n = bytes.count
        var k: Int
        if countBits(version: version) == 8 {
            out[0] = 0x40 | UInt8(truncatingIfNeeded: n >> 4)
            k = 1
        } else {
            out[0] = 0x40 | UInt8(truncatingIfNeeded: n >> 12)
            out[1] = UInt8(truncatingIfNeeded: n >> 4)
            k = 2
        }
        var carry = UInt8(truncatingIfNeeded: n & 0xF)
        for b in bytes {
            out[k] = carry << 4 | b >> 4
            carry = b & 0xF
            k += 1
        }
        out[k] = carry << 4  // the last nibble, then the 4-bit terminator
        k += 1
        var pad: UInt8 = 0xEC
        while k < capacity {
            out[k] = pad
            pad ^= 0xEC ^ 0x11
            k += 1
        }
    }

    /// Splits data into blocks (the short ones first), computes each block's
    /// ECC, and interleaves column by column as the standard requires.
    static func interleaveWithErrorCorrection(_ data: UnsafePointer<UInt8>, version: Int,
                                              into out: UnsafeMutablePointer<UInt8>,
                                              ecc: UnsafeMutablePointer<UInt8>) {
        let blocks = blockCountM[version]
        let degree = eccPerBlockM[version]
        let total = totalCodewords(version: version)
        let shortBlocks = blocks - total % blocks
        let shortLength = total / blocks - degree
        ReedSolomon.productTables[degree].withUnsafeBufferPointer { table in
            for b in 0..<blocks {
                let start = b * shortLength + max(0, b - shortBlocks)
                let length = shortLength + (b < shortBlocks ? 0 : 1)
                ReedSolomon.remainder(data + start, count: length, table: table.baseAddress!,
                                      degree: degree, into: ecc + b * degree)
            }
        }
        var k = 0
        for i in 0..<shortLength {
            for b in 0..<blocks {
                out[k] = data[b * shortLength + max(0, b - shortBlocks) + i]
                k += 1
            }
        }
        for b in shortBlocks..<blocks {
            out[k] = data[b * shortLength + (b - shortBlocks) + shortLength]
            k += 1
        }
        for i in 0..<degree {
            for b in 0..<blocks {
                out[k] = ecc[b * degree + i]
                k += 1
            }
        }
    }

    /// Two-module columns from the right, alternately upwards and downwards,
    /// stepping over the vertical timing column; leftover remainder bits stay
    /// light. Writes each bit into both the row and the column layer; a
    /// column word is gathered in registers, 64 rows at a time. Branch-free:
    /// a function module takes no bit and the stream is padded with a zero
    /// byte for the remainder modules.
    static func place(_ codewords: [UInt8], template: QRTemplate, rows: inout [UInt64], cols: inout [UInt64]) {
        let n = template.size, words = template.words
        // Read ahead through a 64-bit window, most significant bit next; the
        // zero bytes appended cover the remainder modules and the read-ahead.
        var stream = codewords
        stream.append(contentsOf: repeatElement(0, count: 8))
        stream.withUnsafeBufferPointer { cw in
            template.dataCols.withUnsafeBufferPointer { data in
                rows.withUnsafeMutableBufferPointer { rows in
                    cols.withUnsafeMutableBufferPointer { cols in
                        var window: UInt64 = 0
                        var buffered: UInt64 = 0
                        var next = 0
                        var right = n - 1
                        while right >= 1 {
                            if right == 6 { right = 5 }
                            let left = right - 1
                            let upward = (right + 1) & 2 == 0
                            let rightWord = right >> 6, rightShift = UInt64(right & 63)
                            let leftWord = left >> 6, leftShift = UInt64(left & 63)
                            for k in 0..<words {
                                let segment = upward ? words - 1 - k : k
                                let low = segment << 6, high = min(n, low + 64)
                                let dataRight = data[right * words + segment], dataLeft = data[left * words + segment]
                                var accRight: UInt64 = 0, accLeft: UInt64 = 0
                                var step = 0
                                while step < high &- low {
                                    if buffered < 2 {
                                        while buffered <= 56 {
                                            window |= UInt64(truncatingIfNeeded: cw[next]) &<< (56 &- buffered)
                                            next &+= 1
                                            buffered &+= 8
                                        }
                                    }
                                    let y = upward ? high &- 1 &- step : low &+ step
                                    let s = UInt64(truncatingIfNeeded: y &- low)
                                    let takeRight = (dataRight &>> s) & 1
                                    let valueRight = (window &>> 63) & takeRight
                                    window = window &<< takeRight
                                    let takeLeft = (dataLeft &>> s) & 1
                                    let valueLeft = (window &>> 63) & takeLeft
                                    window = window &<< takeLeft
                                    buffered &-= takeRight &+ takeLeft
                                    accRight |= valueRight &<< s
                                    accLeft |= valueLeft &<< s
                                    let row = y &* words
                                    rows[row &+ rightWord] |= valueRight &<< rightShift
                                    rows[row &+ leftWord] |= valueLeft &<< leftShift
                                    step &+= 1
                                }
                                cols[right * words + segment] |= accRight
                                cols[left * words + segment] |= accLeft
                            }
                            right -= 2
                        }
                    }
                }
            }
        }
    }

    /// Format information twice (BCH(15,5), XOR 0x5412), the dark module, and
    /// for versions ≥ 7 the two version blocks (BCH(18,6)). Those areas are
    /// still light, so only dark modules are written.
    static func drawFormatAndVersion(_ rows: inout [UInt64], words: Int, version: Int, mask: Int) {
        let size = sideLength(version: version)
        func set(_ x: Int, _ y: Int, _ dark: Bool) {
            if dark { rows[y * words + x >> 6] |= 1 << UInt64(x & 63) }
        }
        let bits = formatBits(mask: mask)
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 != 0 }
        for i in 0...5 { set(8, i, bit(i)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for i in 9..<15 { set(14 - i, 8, bit(i)) }
        for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        set(8, size - 8, true)
        if version >= 7 {
            let v = versionBits(version: version)
            for i in 0..<18 {
                let dark = (v >> i) & 1 != 0
                set(size - 11 + i % 3, i / 3, dark)
                set(i / 3, size - 11 + i % 3, dark)
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
