import BillingCore

// Byte-level writers shared by every renderer. Documents are rendered by the
// hundred thousand, so the hot path appends UTF-8 bytes to one [UInt8] and never
// builds intermediate Strings for numbers, dates or money. Every formatter here
// is locale-free and agrees byte for byte with its BillingCore counterpart
// (Kopecks.groupedRubles, Kopecks.rublesString, PricePer10000.printed/description,
// CivilDate.russian/iso) — the tests check that.

extension Array where Element == UInt8 {
    /// A literal piece of markup.
    @inline(__always) mutating func lit(_ s: StaticString) {
        s.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Trusted text (our own constants, digits): appended as is.
    @inline(__always) mutating func raw(_ s: String) {
        append(contentsOf: s.utf8)
    }

    /// Untrusted text for HTML: escaped with htmlEscape when it holds a character
    /// that means something in markup; the common clean case is copied directly.
    mutating func text(_ s: String) {
        for b in s.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 {
            append(contentsOf: htmlEscape(s).utf8)
            return
        }
        append(contentsOf: s.utf8)
    }

    mutating func int(_ v: Int64) {
        if v < 0 { append(0x2D) }
        uint(v.magnitude)
    }

    @inline(__always) mutating func int(_ v: Int) { int(Int64(v)) }

    mutating func uint(_ v: UInt64) {
        var digits = 1
        var n = v
        while n >= 10 { n /= 10; digits += 1 }
        let start = count
        append(contentsOf: repeatElement(0x30, count: digits))
        var x = v
        var i = start + digits - 1
        repeat {
            self[i] = UInt8(truncatingIfNeeded: 0x30 &+ x % 10)
            x /= 10
            i -= 1
        } while x > 0
    }

    /// Two digits with a leading zero (0...99).
    @inline(__always) mutating func pad2(_ v: Int) {
        append(UInt8(truncatingIfNeeded: 0x30 + v / 10 % 10))
        append(UInt8(truncatingIfNeeded: 0x30 + v % 10))
    }

    /// "25.10.2026" (CivilDate.russian).
    mutating func dateRu(_ d: CivilDate) {
        pad2(d.day); append(0x2E); pad2(d.month); append(0x2E); year4(d.year)
    }

    /// "2026-10-25" (CivilDate.iso).
    mutating func dateISO(_ d: CivilDate) {
        year4(d.year); append(0x2D); pad2(d.month); append(0x2D); pad2(d.day)
    }

    /// "2026-10" (Period.description).
    mutating func periodISO(_ p: Period) {
        year4(p.year); append(0x2D); pad2(p.month)
    }

    mutating func year4(_ y: Int) {
        if y < 1000 { append(0x30) }
        if y < 100 { append(0x30) }
        if y < 10 { append(0x30) }
        uint(UInt64(y))
    }

    /// "−1 234,56" with no-break spaces between thousands (Kopecks.groupedRubles).
    mutating func rublesPrinted(_ k: Kopecks) {
        let m = k.value.magnitude
        if k.value < 0 { lit("−") }
        groupedUInt(m / 100)
        append(0x2C)
        pad2(Int(m % 100))
    }

    /// An integer grouped by thousands with no-break spaces: "12 345".
    mutating func groupedUInt(_ v: UInt64) {
        if v < 1000 { uint(v); return }
        groupedUInt(v / 1000)
        lit("\u{00A0}")
        let r = Int(v % 1000)
        append(UInt8(truncatingIfNeeded: 0x30 + r / 100))
        pad2(r % 100)
    }

    mutating func groupedInt(_ v: Int64) {
        if v < 0 { lit("−") }
        groupedUInt(v.magnitude)
    }

    /// "-1234.56" (Kopecks.rublesString): CSV and JSON.
    mutating func rublesPlain(_ k: Kopecks) {
        let m = k.value.magnitude
        if k.value < 0 { append(0x2D) }
        uint(m / 100)
        append(0x2E)
        pad2(Int(m % 100))
    }

    /// "4.8500" (PricePer10000.description): JSON.
    mutating func price4(_ p: PricePer10000) {
        let m = p.value.magnitude
        if p.value < 0 { append(0x2D) }
        uint(m / 10000)
        append(0x2E)
        let f = Int(m % 10000)
        pad2(f / 100); pad2(f % 100)
    }

    /// "4,85" / "1,246" (PricePer10000.printed): at least two decimals, trailing zeros dropped.
    mutating func pricePrinted(_ p: PricePer10000) {
        let m = p.value.magnitude
        if p.value < 0 { append(0x2D) }
        uint(m / 10000)
        append(0x2C)
        var f = Int(m % 10000)
        pad2(f / 100)
        f %= 100
        if f == 0 { return }
        append(UInt8(truncatingIfNeeded: 0x30 + f / 10))
        if f % 10 != 0 { append(UInt8(truncatingIfNeeded: 0x30 + f % 10)) }
    }
}
