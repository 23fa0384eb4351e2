/// A calendar date with no time zone, the unit of every billing rule
/// (due dates, penalty days, tariff effective dates). Pure integers, no Foundation.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the triple is not a real date (31 April, 29 February 2025).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(year: year, month: month) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's days_from_civil.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }
    public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }
    public var period: Period { Period(unchecked: year, month) }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// ISO 8601, "2026-10-25".
    public var description: String { iso }
    public var iso: String {
        // Written into ten bytes at once: this runs for every stored row of a close.
        let y = year, m = month, d = day
        return String(unsafeUninitializedCapacity: 10) { b in
            b[0] = UInt8(48 + y / 1000 % 10); b[1] = UInt8(48 + y / 100 % 10)
            b[2] = UInt8(48 + y / 10 % 10); b[3] = UInt8(48 + y % 10); b[4] = 45
            b[5] = UInt8(48 + m / 10); b[6] = UInt8(48 + m % 10); b[7] = 45
            b[8] = UInt8(48 + d / 10); b[9] = UInt8(48 + d % 10)
            return 10
        }
    }
    /// `iso`'s ten bytes appended to `out`.
    public func appendISO(to out: inout [UInt8]) {
        let y = year, m = month, d = day
        out.append(UInt8(48 + y / 1000 % 10)); out.append(UInt8(48 + y / 100 % 10))
        out.append(UInt8(48 + y / 10 % 10)); out.append(UInt8(48 + y % 10)); out.append(45)
        out.append(UInt8(48 + m / 10)); out.append(UInt8(48 + m % 10)); out.append(45)
        out.append(UInt8(48 + d / 10)); out.append(UInt8(48 + d % 10))
    }
    /// "25.10.2026", as printed on Russian documents.
    public var russian: String { pad2(day) + "." + pad2(month) + "." + pad4(year) }

    /// Parses "YYYY-MM-DD" or "DD.MM.YYYY".
    public init?(_ text: String) {
        var utf8 = Array(text.utf8)
        guard let d = utf8.withUnsafeMutableBufferPointer({ CivilDate.parse(UnsafeBufferPointer($0)) }) else { return nil }
        self = d
    }

    /// Byte-level parser shared by every importer: "YYYY-MM-DD" or "DD.MM.YYYY".
    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard b.count == 10 else { return nil }
        func num(_ from: Int, _ len: Int) -> Int? {
            var v = 0
            for i in from..<(from + len) {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        if b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-") {
            guard let y = num(0, 4), let m = num(5, 2), let d = num(8, 2) else { return nil }
            return CivilDate(year: y, month: m, day: d)
        }
        if b[2] == UInt8(ascii: ".") && b[5] == UInt8(ascii: ".") {
            guard let d = num(0, 2), let m = num(3, 2), let y = num(6, 4) else { return nil }
            return CivilDate(year: y, month: m, day: d)
        }
        return nil
    }
}

@inlinable func pad2(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
@inlinable func pad4(_ v: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
