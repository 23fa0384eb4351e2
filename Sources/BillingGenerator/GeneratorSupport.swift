// Building blocks of the synthetic data generator: a seeded integer PRNG and a
// buffered byte writer with hand-written number formatting. No floats, no
// Foundation, no String interpolation in the hot path.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

import BillingCore

public enum GeneratorError: Error, CustomStringConvertible, Equatable {
    case badOptions(String)
    case cannotCreate(String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .badOptions(let m): return "generate: " + m
        case .cannotCreate(let p): return "generate: cannot create " + p
        case .cannotWrite(let p): return "generate: cannot write " + p
        }
    }
}

/// xoshiro256** seeded through SplitMix64. Every draw is an integer.
struct GeneratorRandom {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    @inline(__always) static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    init(seed: UInt64) {
        var x = seed
        s0 = Self.splitMix(&x); s1 = Self.splitMix(&x); s2 = Self.splitMix(&x); s3 = Self.splitMix(&x)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// An independent stream for one account: the same (seed, stream) always gives the same draws.
    init(seed: UInt64, stream: UInt64) {
        var x = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        _ = Self.splitMix(&x)
        self.init(seed: Self.splitMix(&x) ^ stream)
    }

    @inline(__always) mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in 0..<n (n > 0), by the multiply-high method.
    @inline(__always) mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }
    /// Uniform in a...b inclusive.
    @inline(__always) mutating func range(_ a: Int, _ b: Int) -> Int { a + below(b - a + 1) }
    /// True with probability perMille / 1000.
    @inline(__always) mutating func chance(_ perMille: Int) -> Bool { below(1000) < perMille }
    /// An index chosen by integer weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var total = 0
        for w in weights { total += w }
        var r = below(total)
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }
}

/// A file written through a 1 MiB buffer. Rows are appended byte by byte with
/// hand-written formatting; the buffer is flushed when a row starts past 1 MiB.
final class GeneratorSink {
    let path: String
    private let file: UnsafeMutablePointer<FILE>
    private static let flushAt = 1 << 20
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private(set) var failed = false
    private(set) var bytesWritten: Int64 = 0
    /// Data rows (the header is not counted).
    var rows = 0

    init(path: String) throws {
        guard let f = fopen(path, "wb") else { throw GeneratorError.cannotCreate(path) }
        self.path = path
        self.file = f
        self.buffer = .allocate(capacity: GeneratorSink.flushAt + (1 << 17))
    }

    deinit {
        buffer.deallocate()
    }

    /// Call at the start of every row (a row is < 128 KiB).
    @inline(__always) func beginRow() {
        if count >= GeneratorSink.flushAt { flush() }
    }

    func flush() {
        if count > 0 {
            let n = fwrite(buffer, 1, count, file)
            if n != count { failed = true }
            bytesWritten += Int64(count)
            count = 0
        }
    }

    func close() throws {
        flush()
        if fclose(file) != 0 { failed = true }
        if failed { throw GeneratorError.cannotWrite(path) }
    }

    @inline(__always) func byte(_ b: UInt8) {
        buffer[count] = b
        count += 1
    }

    @inline(__always) func comma() { byte(44) }
    @inline(__always) func newline() { byte(10) }

    @inline(__always) func ascii(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        (buffer + count).update(from: s.utf8Start, count: n)
        count += n
    }

    @inline(__always) func bytes(_ a: [UInt8]) {
        a.withUnsafeBufferPointer { p in
            if let base = p.baseAddress { (buffer + count).update(from: base, count: p.count) }
        }
        count += a.count
    }

    /// Any String (not for the hot path); long texts flush as they go.
    func text(_ s: String) {
        for b in s.utf8 {
            if count >= GeneratorSink.flushAt { flush() }
            byte(b)
        }
    }

    /// A CSV field always in quotes, quotes doubled; a leading = + - @ gets a '.
    func quoted(_ a: [UInt8]) {
        byte(34)
        if let f = a.first, f == 61 || f == 43 || f == 45 || f == 64 { byte(39) }
        for b in a {
            if b == 34 { byte(34) }
            byte(b)
        }
        byte(34)
    }

    @inline(__always) func int(_ v: Int) {
        if v < 0 { byte(45); uint(UInt64(-v)) } else { uint(UInt64(v)) }
    }

    @inline(__always) func uint(_ v: UInt64) {
        if v < 10 { byte(48 &+ UInt8(v)); return }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var x = v
        withUnsafeMutableBytes(of: &tmp) { t in
            while x > 0 {
                t[n] = 48 &+ UInt8(x % 10)
                x /= 10
                n += 1
            }
            for i in 0..<n { buffer[count + i] = t[n - 1 - i] }
        }
        count += n
    }

    /// Zero-padded to `width` digits (v ≥ 0).
    @inline(__always) func padded(_ v: Int, _ width: Int) {
        var div = 1
        for _ in 1..<width { div *= 10 }
        var x = v
        while div > 0 {
            byte(48 &+ UInt8(truncatingIfNeeded: (x / div) % 10))
            x %= div
            div /= 10
        }
    }

    /// "YYYY-MM-DD".
    @inline(__always) func date(_ d: CivilDate) {
        padded(d.year, 4); byte(45); padded(d.month, 2); byte(45); padded(d.day, 2)
    }

    @inline(__always) func date(dayNumber: Int) { date(CivilDate(dayNumber: dayNumber)) }

    /// "DD.MM.YYYY".
    @inline(__always) func russianDate(_ d: CivilDate) {
        padded(d.day, 2); byte(46); padded(d.month, 2); byte(46); padded(d.year, 4)
    }

    /// "YYYY-MM".
    @inline(__always) func period(_ p: Period) {
        padded(p.year, 4); byte(45); padded(p.month, 2)
    }

    /// "YYYY-MM-DD HH:MM:SS".
    @inline(__always) func timestamp(dayNumber: Int, second: Int) {
        date(dayNumber: dayNumber)
        byte(32)
        padded(second / 3600, 2); byte(58); padded(second / 60 % 60, 2); byte(58); padded(second % 60, 2)
    }

    /// Rubles with two decimals and the given separator, "1234.56".
    @inline(__always) func rubles(_ kopecks: Int64, separator: UInt8 = 46) {
        var m = kopecks
        if m < 0 { byte(45); m = -m }
        uint(UInt64(m / 100))
        byte(separator)
        padded(Int(m % 100), 2)
    }
}

/// Creates a directory (and its parents); an existing directory is fine.
func generatorMakeDirectory(_ path: String) throws {
    var prefix = ""
    for (i, part) in path.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
        if i > 0 { prefix += "/" }
        prefix += part
        if prefix.isEmpty || prefix == "." || prefix == ".." { continue }
        if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
            throw GeneratorError.cannotCreate(prefix)
        }
    }
}

@inline(__always) func utf8Bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
