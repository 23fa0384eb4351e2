/// The one-line text form of `MeterState`, kept by the store in one TEXT column.
///
/// Format (version 1), fields separated by `|`, always seven:
///
///     v1|<lastActualPeriod YYYY-MM or ->|<lastActualTakenOn YYYY-MM-DD>|<registers a/b/c>
///       |h:<zone volumes a/b>;<a/b>...|s:<estimated>;<estimated>...|f:<failedStreak>
///
/// an estimated period is `YYYY-MM,method,v1/v2,billedKopecks,benefitKopecks,days,failed(0|1)`.
/// Example: `v1|2026-07|2026-07-24|1234/567|h:120/80;130/75|s:2026-08,average,125/78,55012,0,31,0|f:0`.
/// Integers are plain decimal (minus sign for negatives); history and streak are
/// oldest first; empty lists are `h:` and `s:`. Encoding is deterministic and
/// decoding accepts exactly what encoding produces (anything else → nil).
extension MeterState {
    public var encoded: String {
        var out: [UInt8] = []
        out.reserveCapacity(64 + 16 * history.count + 40 * streak.count)
        encode(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `encoded`'s bytes appended to `out` (the close's detail writes them in place).
    public func encode(into out: inout [UInt8]) {
        out.append(contentsOf: "v1|".utf8)
        if let p = lastActualPeriod { p.appendText(to: &out) } else { out.append(UInt8(ascii: "-")) }
        out.append(UInt8(ascii: "|")); lastActualTakenOn.appendISO(to: &out)
        out.append(UInt8(ascii: "|")); appendInts(lastActual.values, to: &out)
        out.append(contentsOf: "|h:".utf8)
        for (i, h) in history.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ";")) }
            appendInts(h, to: &out)
        }
        out.append(contentsOf: "|s:".utf8)
        for (i, e) in streak.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ";")) }
            e.period.appendText(to: &out); out.append(UInt8(ascii: ","))
            out.append(contentsOf: e.method.rawValue.utf8); out.append(UInt8(ascii: ","))
            appendInts(e.volumes, to: &out); out.append(UInt8(ascii: ","))
            appendInt(e.billed.value, to: &out); out.append(UInt8(ascii: ","))
            appendInt(e.benefit.value, to: &out); out.append(UInt8(ascii: ","))
            appendInt(Int64(e.days), to: &out); out.append(UInt8(ascii: ","))
            out.append(e.failed ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        }
        out.append(contentsOf: "|f:".utf8)
        appendInt(Int64(failedStreak), to: &out)
    }

    /// Decodes the encoded form's UTF-8 bytes in place (the close reads a million of these).
    public init?(encoded bytes: UnsafeBufferPointer<UInt8>) {
        var r = StateReader(bytes: bytes)
        guard let state = r.meterState() else { return nil }
        self = state
    }

    /// Decodes in one pass over the bytes.
    public init?(encoded text: String) {
        var text = text
        guard let state = text.withUTF8({ buffer -> MeterState? in
            var r = StateReader(bytes: buffer)
            return r.meterState()
        }) else { return nil }
        self = state
    }
}

/// A strict reader of the encoded form: canonical integers only (no "+", no
/// leading zeros), so it accepts exactly what `encoded` writes.
struct StateReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { i >= bytes.count }
    func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func take(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let p = literal.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { return false }
        i += n
        return true
    }

    mutating func take(_ c: UInt8) -> Bool {
        guard peek() == c else { return false }
        i += 1
        return true
    }

    mutating func int() -> Int64? { integer() }

    /// A canonical decimal integer of any signed width (the settlement's numerator is Int128).
    mutating func integer<T: FixedWidthInteger & SignedInteger>() -> T? {
        let negative = take(UInt8(ascii: "-"))
        let start = i
        var v: T = 0
        while let c = peek(), c >= 48, c <= 57 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(T(c - 48))
            guard !o1, !o2 else { return nil }
            v = a
            i += 1
        }
        let digits = i - start
        guard digits > 0, !(digits > 1 && bytes[start] == 48), !(negative && v == 0) else { return nil }
        return negative ? -v : v
    }

    mutating func ints() -> [Int64]? {
        var out: [Int64] = []
        repeat {
            guard let v = int() else { return nil }
            out.append(v)
        } while take(UInt8(ascii: "/"))
        return out
    }

    mutating func fixed(_ n: Int) -> UnsafeBufferPointer<UInt8>? {
        guard i + n <= bytes.count else { return nil }
        defer { i += n }
        return UnsafeBufferPointer(rebasing: bytes[i..<(i + n)])
    }

    mutating func period() -> Period? { fixed(7).flatMap(Period.parse) }

    mutating func estimated() -> EstimatedPeriod? {
        guard let p = period(), take(UInt8(ascii: ",")) else { return nil }
        let start = i
        while let c = peek(), c != UInt8(ascii: ",") { i += 1 }
        guard let m = VolumeMethod(rawValue: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)),
              take(UInt8(ascii: ",")), let v = ints(), take(UInt8(ascii: ",")),
              let billed = int(), take(UInt8(ascii: ",")), let benefit = int(), take(UInt8(ascii: ",")),
              let days = int(), take(UInt8(ascii: ",")), let flag = peek(),
              flag == UInt8(ascii: "0") || flag == UInt8(ascii: "1") else { return nil }
        i += 1
        return EstimatedPeriod(period: p, method: m, volumes: v, billed: Kopecks(billed), benefit: Kopecks(benefit),
                               days: Int(days), failed: flag == UInt8(ascii: "1"))
    }

    mutating func meterState() -> MeterState? {
        guard take("v1|") else { return nil }
        var last: Period? = nil
        if !take(UInt8(ascii: "-")) {
            guard let p = period() else { return nil }
            last = p
        }
        guard take(UInt8(ascii: "|")), let dateBytes = fixed(10), dateBytes[4] == UInt8(ascii: "-"),
              let taken = CivilDate.parse(dateBytes), take(UInt8(ascii: "|")),
              let regs = ints(), take("|h:") else { return nil }
        var history: [[Int64]] = []
        if peek() != UInt8(ascii: "|") {
            repeat {
                guard let v = ints() else { return nil }
                history.append(v)
            } while take(UInt8(ascii: ";"))
        }
        guard take("|s:") else { return nil }
        var streak: [EstimatedPeriod] = []
        if peek() != UInt8(ascii: "|") {
            repeat {
                guard let e = estimated() else { return nil }
                streak.append(e)
            } while take(UInt8(ascii: ";"))
        }
        guard take("|f:"), let failed = int(), failed >= 0, atEnd else { return nil }
        return MeterState(lastActualPeriod: last, lastActualTakenOn: taken, lastActual: Registers(regs),
                          history: history, streak: streak, failedStreak: Int(failed))
    }
}

func appendInt(_ v: Int64, to out: inout [UInt8]) {
    if v < 0 { out.append(UInt8(ascii: "-")) }
    var m = v.magnitude
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &digits) { d in
        repeat { d[n] = UInt8(48 + m % 10); m /= 10; n += 1 } while m > 0
        while n > 0 { n -= 1; out.append(d[n]) }
    }
}

func appendInts(_ v: [Int64], to out: inout [UInt8]) {
    for (i, x) in v.enumerated() {
        if i > 0 { out.append(UInt8(ascii: "/")) }
        appendInt(x, to: &out)
    }
}
