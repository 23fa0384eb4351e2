// Symbol capacity tables of ISO/IEC 18004 for error-correction level M only:
// the engine prints one kind of code, so the other levels are not carried.
extension QRCode {
    /// Error-correction codewords in each block, level M, index = version.
    static let eccPerBlockM: [Int] = [
        -1,
        10, 16, 26, 18, 24, 16, 18, 22, 22, 26,
        30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ]

    /// Number of Reed–Solomon blocks, level M, index = version.
    static let blockCountM: [Int] = [
        -1,
        1, 1, 1, 2, 2, 4, 4, 4, 5, 5,
        5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29,
        31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ]

    static func sideLength(version: Int) -> Int { version * 4 + 17 }

    /// Modules left for codewords once every function pattern is drawn; the
    /// closed form counts finders, timing, alignment, format and version areas.
    static func rawDataModules(version v: Int) -> Int {
        var result = (16 * v + 128) * v + 64
        if v >= 2 {
            let align = v / 7 + 2
            result -= (25 * align - 10) * align - 55
            if v >= 7 { result -= 36 }
        }
        return result
    }

    static func totalCodewords(version: Int) -> Int { rawDataModules(version: version) / 8 }

    static func dataCodewords(version: Int) -> Int {
        totalCodewords(version: version) - eccPerBlockM[version] * blockCountM[version]
    }

    /// Centre coordinates of alignment patterns (both axes use the same list).
    /// The standard's table follows this rule: first at 6, last at size−7, the
    /// rest evenly spaced by an even step; version 32 is the one irregular step.
    static func alignmentCentres(version v: Int) -> [Int] {
        if v == 1 { return [] }
        let count = v / 7 + 2
        let step = v == 32 ? 26 : (v * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var centres = [Int](repeating: 6, count: count)
        var pos = sideLength(version: v) - 7
        var i = count - 1
        while i >= 1 {
            centres[i] = pos
            pos -= step
            i -= 1
        }
        return centres
    }

    /// Bits of the byte-mode character count indicator.
    static func countBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// Largest byte payload that fits the version at level M.
    static func byteCapacity(version: Int) -> Int {
        (dataCodewords(version: version) * 8 - 4 - countBits(version: version)) / 8
    }
}
