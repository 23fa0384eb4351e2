/// A volume of electricity in whole kilowatt-hours. Readings drop their
/// fractional part (seed 001), so volumes are integers throughout.
public struct KilowattHours: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Int64
    @inlinable public init(_ value: Int64) { self.value = value }
    public static let zero = KilowattHours(0)
    @inlinable public static func + (a: KilowattHours, b: KilowattHours) -> KilowattHours { KilowattHours(a.value + b.value) }
    @inlinable public static func - (a: KilowattHours, b: KilowattHours) -> KilowattHours { KilowattHours(a.value - b.value) }
    @inlinable public static func += (a: inout KilowattHours, b: KilowattHours) { a.value += b.value }
    @inlinable public static func < (a: KilowattHours, b: KilowattHours) -> Bool { a.value < b.value }
    public var description: String { String(value) }
}

/// A price in ten-thousandths of a ruble per kWh (4.8500 ₽ = 48500).
/// Tariffs publish up to four decimals, so this scale is exact.
public struct PricePer10000: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Int64
    @inlinable public init(_ value: Int64) { self.value = value }
    @inlinable public static func < (a: PricePer10000, b: PricePer10000) -> Bool { a.value < b.value }

    /// volume × price, rounded half away from zero to kopecks (DOMAIN: every line
    /// amount is rounded on its own; totals are sums of rounded lines).
    @inlinable public func amount(for volume: KilowattHours) -> Kopecks {
        let (product, overflow) = value.multipliedReportingOverflow(by: volume.value)
        precondition(!overflow, "price × volume overflows")
        return Kopecks(divideRoundingHalfAwayFromZero(product, 100))
    }

    /// "4.8500" — rubles per kWh with four decimals, for data files and JSON.
    public var description: String {
        let negative = value < 0
        let m = value.magnitude
        let frac = String(m % 10000)
        return (negative ? "-" : "") + String(m / 10000) + "." + String(repeating: "0", count: 4 - frac.count) + frac
    }

    /// "4,85" / "1,246" — trailing zeros dropped past two decimals, for printed documents.
    public var printed: String {
        var s = description
        while s.hasSuffix("0"), let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) > 3 { s.removeLast() }
        return s.replacingOccurrences(of: ".", with: ",")
    }
}

private extension String {
    func replacingOccurrences(of a: Character, with b: Character) -> String {
        String(self.map { $0 == a ? b : $0 })
    }
}
