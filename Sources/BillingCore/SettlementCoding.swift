/// The one-line text form of `Settlement`, kept in `account_periods.settlement`.
///
/// Format (version 2), fields separated by `|`, always five:
///
///     s2|<advance>|<penaltyOwed>|<settledNumerator>|<obligation>;<obligation>...
///
/// an obligation is `<period YYYY-MM or - for the opening balance>,<unpaid kopecks>,<arises YYYY-MM-DD>,<due YYYY-MM-DD>`.
/// Example: `s2|0|1250|81234567000|2026-08,150000,2026-08-31,2026-09-10`.
/// The numerator is an exact Int128 in decimal. Decoding accepts exactly what
/// encoding produces (anything else → nil), like `MeterState`'s form.
extension Settlement {
    public var encoded: String {
        var out: [UInt8] = []
        out.reserveCapacity(32 + 40 * open.count)
        encode(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `encoded`'s bytes appended to `out`.
    public func encode(into out: inout [UInt8]) {
        out.append(contentsOf: "s2|".utf8)
        appendInt(advance.value, to: &out); out.append(UInt8(ascii: "|"))
        appendInt(penaltyOwed.value, to: &out); out.append(UInt8(ascii: "|"))
        appendInt128(settledNumerator, to: &out); out.append(UInt8(ascii: "|"))
        for (i, o) in open.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ";")) }
            if let p = o.period { p.appendText(to: &out) } else { out.append(UInt8(ascii: "-")) }
            out.append(UInt8(ascii: ",")); appendInt(o.amount.value, to: &out)
            out.append(UInt8(ascii: ",")); o.arisesOn.appendISO(to: &out)
            out.append(UInt8(ascii: ",")); o.dueDate.appendISO(to: &out)
        }
    }

    /// Version 1 numerators were rated by the old reading of the relief acts (the cap by
    /// the payment day, the 2022 moratorium on every debt): such a settlement is not
    /// continued but replaced by a replay of the account's history at its next close.
    public static func isSuperseded(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == UInt8(ascii: "s") && bytes[1] == UInt8(ascii: "1") && bytes[2] == UInt8(ascii: "|")
    }

    public init?(encoded bytes: UnsafeBufferPointer<UInt8>) {
        var r = StateReader(bytes: bytes)
        guard let s = r.settlement() else { return nil }
        self = s
    }

    public init?(encoded text: String) {
        var text = text
        guard let s = text.withUTF8({ Settlement(encoded: $0) }) else { return nil }
        self = s
    }
}

extension StateReader {
    mutating func date() -> CivilDate? {
        guard let b = fixed(10), b[4] == UInt8(ascii: "-") else { return nil }
        return CivilDate.parse(b)
    }

    mutating func settlement() -> Settlement? {
        guard take("s2|"), let advance = int(), take(UInt8(ascii: "|")), let owed = int(), take(UInt8(ascii: "|")),
              let numerator: Int128 = integer(), take(UInt8(ascii: "|")) else { return nil }
        var open: [Obligation] = []
        if !atEnd {
            repeat {
                var period: Period? = nil
                if !take(UInt8(ascii: "-")) {
                    guard let p = self.period() else { return nil }
                    period = p
                }
                guard take(UInt8(ascii: ",")), let amount = int(), take(UInt8(ascii: ",")), let arises = date(),
                      take(UInt8(ascii: ",")), let due = date() else { return nil }
                open.append(Obligation(period: period, amount: Kopecks(amount), arisesOn: arises, dueDate: due))
            } while take(UInt8(ascii: ";"))
        }
        guard atEnd else { return nil }
        return Settlement(open: open, advance: Kopecks(advance), penaltyOwed: Kopecks(owed), settledNumerator: numerator)
    }
}

func appendInt128(_ v: Int128, to out: inout [UInt8]) {
    if let small = Int64(exactly: v) { appendInt(small, to: &out); return }
    if v < 0 { out.append(UInt8(ascii: "-")) }
    var m = v.magnitude
    var digits: [UInt8] = []
    repeat { digits.append(UInt8(48 + Int(m % 10))); m /= 10 } while m > 0
    out.append(contentsOf: digits.reversed())
}
