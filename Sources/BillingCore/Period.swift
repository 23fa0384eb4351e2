/// A billing period: one calendar month, "2026-10".
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year; self.month = month
    }
    init(unchecked year: Int, _ month: Int) { self.year = year; self.month = month }

    /// Parses "YYYY-MM".
    public init?(_ text: String) {
        var text = text
        guard let p = text.withUTF8({ Period.parse($0) }) else { return nil }
        self = p
    }

    /// Parses "YYYY-MM" from bytes (the loaders read SQLite's column bytes directly).
    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Period? {
        guard b.count == 7, b[4] == UInt8(ascii: "-") else { return nil }
        var y = 0, m = 0
        for i in 0..<4 { guard b[i] >= 48 && b[i] <= 57 else { return nil }; y = y * 10 + Int(b[i] - 48) }
        for i in 5..<7 { guard b[i] >= 48 && b[i] <= 57 else { return nil }; m = m * 10 + Int(b[i] - 48) }
        return Period(year: y, month: m)
    }

    /// Months since year 0, so periods can be counted and compared as integers.
    public var index: Int { year * 12 + (month - 1) }
    public init(index: Int) { self.init(unchecked: index / 12, index % 12 + 1) }

    public var next: Period { Period(index: index + 1) }
    public var previous: Period { Period(index: index - 1) }
    public func adding(months: Int) -> Period { Period(index: index + months) }
    public func months(until other: Period) -> Int { other.index - index }

    public var firstDay: CivilDate { CivilDate(unchecked: year, month, 1) }
    public var lastDay: CivilDate { CivilDate(unchecked: year, month, dayCount) }
    public var dayCount: Int { CivilDate.daysIn(year: year, month: month) }
    /// The date in this month with that day, clamped to the month's length.
    public func date(day: Int) -> CivilDate { CivilDate(unchecked: year, month, min(max(day, 1), dayCount)) }

    public static func < (a: Period, b: Period) -> Bool { a.index < b.index }
    /// `description`'s seven bytes appended to `out` (the encoders write these by the million).
    public func appendText(to out: inout [UInt8]) {
        let y = year, m = month
        out.append(UInt8(48 + y / 1000 % 10)); out.append(UInt8(48 + y / 100 % 10))
        out.append(UInt8(48 + y / 10 % 10)); out.append(UInt8(48 + y % 10)); out.append(45)
        out.append(UInt8(48 + m / 10)); out.append(UInt8(48 + m % 10))
    }
    public var description: String {
        let y = year, m = month
        return String(unsafeUninitializedCapacity: 7) { b in
            b[0] = UInt8(48 + y / 1000 % 10); b[1] = UInt8(48 + y / 100 % 10)
            b[2] = UInt8(48 + y / 10 % 10); b[3] = UInt8(48 + y % 10); b[4] = 45
            b[5] = UInt8(48 + m / 10); b[6] = UInt8(48 + m % 10)
            return 7
        }
    }
    /// "102026": PaymPeriod of GOST R 56042 (MMYYYY).
    public var mmyyyy: String { pad2(month) + pad4(year) }
}

/// A wall-clock moment in a region's local time, to the second. Readings are
/// stamped in local time (SPEC), so deadlines compare in the same frame.
public struct LocalTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: CivilDate
    public let secondOfDay: Int

    public init?(date: CivilDate, hour: Int, minute: Int, second: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.date = date
        self.secondOfDay = hour * 3600 + minute * 60 + second
    }

    /// The last second of a day: the deadline "end of the window's last day".
    public static func endOf(_ date: CivilDate) -> LocalTimestamp {
        LocalTimestamp(date: date, hour: 23, minute: 59, second: 59)!
    }

    public static func < (a: LocalTimestamp, b: LocalTimestamp) -> Bool {
        a.date != b.date ? a.date < b.date : a.secondOfDay < b.secondOfDay
    }

    /// "2026-10-25 18:04:00", the stored form; sorts as text in time order.
    public var description: String {
        let h = secondOfDay / 3600, m = secondOfDay / 60 % 60, s = secondOfDay % 60
        return date.iso + " " + pad2(h) + ":" + pad2(m) + ":" + pad2(s)
    }

    /// Parses "YYYY-MM-DD HH:MM[:SS]" or "DD.MM.YYYY HH:MM[:SS]" ('T' also accepted).
    public init?(_ text: String) {
        var bytes = Array(text.utf8)
        guard let t = bytes.withUnsafeMutableBufferPointer({ LocalTimestamp.parse(UnsafeBufferPointer($0)) }) else { return nil }
        self = t
    }

    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> LocalTimestamp? {
        guard b.count == 16 || b.count == 19, b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"),
              let date = CivilDate.parse(UnsafeBufferPointer(rebasing: b[0..<10])) else { return nil }
        func num(_ i: Int) -> Int? {
            let a = b[i], c = b[i + 1]
            guard a >= 48, a <= 57, c >= 48, c <= 57 else { return nil }
            return Int(a - 48) * 10 + Int(c - 48)
        }
        guard b[13] == UInt8(ascii: ":"), let h = num(11), let m = num(14) else { return nil }
        var s = 0
        if b.count == 19 {
            guard b[16] == UInt8(ascii: ":"), let sec = num(17) else { return nil }
            s = sec
        }
        return LocalTimestamp(date: date, hour: h, minute: m, second: s)
    }
}
