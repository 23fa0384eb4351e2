/// An amount of money in kopecks (1/100 of a ruble). Every money value in the
/// engine is one of these: integer, signed (+ = the customer owes), never a float.
public struct Kopecks: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Int64

    @inlinable public init(_ value: Int64) { self.value = value }
    public static let zero = Kopecks(0)

    @inlinable public static func + (a: Kopecks, b: Kopecks) -> Kopecks { Kopecks(a.value + b.value) }
    @inlinable public static func - (a: Kopecks, b: Kopecks) -> Kopecks { Kopecks(a.value - b.value) }
    @inlinable public static prefix func - (a: Kopecks) -> Kopecks { Kopecks(-a.value) }
    @inlinable public static func += (a: inout Kopecks, b: Kopecks) { a.value += b.value }
    @inlinable public static func -= (a: inout Kopecks, b: Kopecks) { a.value -= b.value }
    @inlinable public static func < (a: Kopecks, b: Kopecks) -> Bool { a.value < b.value }

    /// Rubles with a dot and two decimals, "-1234.56": the registry and CSV format.
    /// Locale-free by construction.
    public var description: String { rublesString() }

    public func rublesString(separator: Character = ".") -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        let rubles = magnitude / 100
        let kop = magnitude % 100
        var s = negative ? "-" : ""
        s += String(rubles)
        s.append(separator)
        if kop < 10 { s += "0" }
        s += String(kop)
        return s
    }

    /// "1 234,56" — rubles grouped by thousands with a no-break space (U+00A0), for
    /// printed documents and messages people read; a minus sign (U+2212) when negative.
    public func groupedRubles() -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        let digits = Array(String(magnitude / 100))
        var grouped = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped += "\u{00A0}" }
            grouped.append(ch)
        }
        let kop = magnitude % 100
        return (negative ? "−" : "") + grouped + "," + (kop < 10 ? "0" : "") + String(kop)
    }
}

/// Integer division rounded half away from zero: the one rounding rule of the engine.
@inlinable
public func divideRoundingHalfAwayFromZero(_ numerator: Int64, _ denominator: Int64) -> Int64 {
    precondition(denominator > 0, "denominator must be positive")
    let q = numerator / denominator
    let r = numerator % denominator
    if r.magnitude * 2 >= UInt64(denominator) { return numerator < 0 ? q - 1 : q + 1 }
    return q
}

/// The same rule over 128-bit numerators, for penalty sums whose intermediate
/// products (kopecks × rate × day weights) can pass Int64.
@inlinable
public func divideRoundingHalfAwayFromZero(_ numerator: Int128, _ denominator: Int128) -> Int128 {
    precondition(denominator > 0, "denominator must be positive")
    let q = numerator / denominator
    let r = numerator % denominator
    if r.magnitude * 2 >= denominator.magnitude { return numerator < 0 ? q - 1 : q + 1 }
    return q
}
