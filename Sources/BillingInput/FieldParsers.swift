import BillingCore

/// Parsers of single CSV fields, over bytes and integers only (no floating point).
/// Each returns nil or a `FieldProblem` with a reason a clerk understands.
public enum FieldParse {
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// A whole number with an optional leading minus ("42", "-7"); nil if not one.
    public static func integer(_ f: UnsafeBufferPointer<UInt8>) -> Int64? {
        let b = Bytes.trim(f)
        guard b.count > 0, b.count <= 18 else { return nil }
        var i = 0, neg = false
        if b[0] == 45 || b[0] == 43 { neg = b[0] == 45; i = 1 }
        guard i < b.count else { return nil }
        var v: Int64 = 0
        while i < b.count {
            let c = b[i]
            guard isDigit(c) else { return nil }
            v = v * 10 + Int64(c - 48); i += 1
        }
        return neg ? -v : v
    }

    /// A decimal number scaled to `scale` decimals ("1.5", scale 4 → 15000). Accepts `.` or
    /// `,`, spaces/NBSP as thousand separators and a leading sign. More decimals than
    /// `scale` are refused unless they are zeros. nil when it is not such a number.
    public static func decimal(_ f: UnsafeBufferPointer<UInt8>, scale: Int) -> Int64? {
        let b = Bytes.trim(f)
        guard b.count > 0 else { return nil }
        var i = 0, neg = false
        if b[0] == 45 || b[0] == 43 || (b.count >= 3 && b[0] == 0xE2 && b[1] == 0x88 && b[2] == 0x92) {
            if b[0] == 0xE2 { neg = true; i = 3 } else { neg = b[0] == 45; i = 1 }
        }
        var intPart: Int64 = 0, intDigits = 0, frac: Int64 = 0, fracDigits = 0
        var seenSep = false, lastWasGroupSpace = false
        while i < b.count {
            let c = b[i]
            if isDigit(c) {
                if seenSep {
                    if fracDigits < scale { frac = frac * 10 + Int64(c - 48); fracDigits += 1 }
                    else if c != 48 { return nil }
                } else {
                    guard intDigits < 15 else { return nil }
                    intPart = intPart * 10 + Int64(c - 48); intDigits += 1
                }
                lastWasGroupSpace = false; i += 1
            } else if (c == 46 || c == 44) && !seenSep {
                guard !lastWasGroupSpace else { return nil }
                seenSep = true; i += 1
            } else if !seenSep && intDigits > 0 && c == 32 {
                lastWasGroupSpace = true; i += 1
            } else if !seenSep && intDigits > 0 && c == 0xC2 && i + 1 < b.count && b[i + 1] == 0xA0 {
                lastWasGroupSpace = true; i += 2
            } else if !seenSep && intDigits > 0 && c == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xAF || b[i + 2] == 0x89) {
                lastWasGroupSpace = true; i += 3  // narrow no-break space, thin space
            } else { return nil }
        }
        guard intDigits > 0 || fracDigits > 0, !lastWasGroupSpace else { return nil }
        var scaled = intPart
        for _ in 0..<scale { scaled *= 10 }
        var f2 = frac
        for _ in fracDigits..<scale { f2 *= 10 }
        scaled += f2
        return neg ? -scaled : scaled
    }

    /// Rubles → kopecks exactly: "1234,56", "1 234.5", "-10". More than 2 decimals is refused.
    public static func money(_ f: UnsafeBufferPointer<UInt8>) -> Kopecks? {
        decimal(f, scale: 2).map(Kopecks.init)
    }

    /// A price in rubles per kWh with up to 4 decimals → PricePer10000.
    public static func price(_ f: UnsafeBufferPointer<UInt8>) -> PricePer10000? {
        guard let v = decimal(f, scale: 4), v >= 0 else { return nil }
        return PricePer10000(v)
    }

    public static func date(_ f: UnsafeBufferPointer<UInt8>) -> CivilDate? { CivilDate.parse(Bytes.trim(f)) }
    public static func timestamp(_ f: UnsafeBufferPointer<UInt8>) -> LocalTimestamp? { LocalTimestamp.parse(Bytes.trim(f)) }

    /// Why a register value was refused.
    public enum RegisterProblem: Error, Sendable, Equatable {
        case notNumeric, negative, tooManyDigits
    }

    /// A meter register: whole kWh; a fractional part ("12345.67", "12345,67") is
    /// dropped (seed 001). `digits` is the meter's integer capacity: the value must be
    /// below 10^digits (leading zeros, as on the display, are fine).
    public static func register(_ f: UnsafeBufferPointer<UInt8>, digits: Int) -> Result<Int64, RegisterProblem> {
        let b = Bytes.trim(f)
        guard b.count > 0 else { return .failure(.notNumeric) }
        var i = 0
        if b[0] == 45 { return b.count > 1 && isDigit(b[1]) ? .failure(.negative) : .failure(.notNumeric) }
        if b[0] == 43 { i = 1 }
        var v: Int64 = 0, significant = 0, n = 0
        while i < b.count && isDigit(b[i]) {
            let d = Int64(b[i] - 48)
            if significant > 0 || d != 0 { significant += 1 }
            if significant > 15 { return .failure(.tooManyDigits) }
            v = v * 10 + d; n += 1; i += 1
        }
        guard n > 0 else { return .failure(.notNumeric) }
        if i < b.count {
            guard b[i] == 46 || b[i] == 44 else { return .failure(.notNumeric) }
            i += 1
            while i < b.count {
                guard isDigit(b[i]) else { return .failure(.notNumeric) }
                i += 1
            }
        }
        if significant > digits { return .failure(.tooManyDigits) }
        return .success(v)
    }
}
