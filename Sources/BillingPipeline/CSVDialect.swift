/// How CSV outputs are written (SPEC `--csv ru`): for machines `,`, a decimal dot and
/// UTF-8 without BOM; for Russian Excel `;`, a decimal comma and UTF-8 with BOM, so
/// a registry opens in columns with amounts as numbers.
public enum CSVDialect: String, Sendable {
    case machine, ru

    /// Chosen once by the CLI before any work starts; every CSV writer reads it.
    nonisolated(unsafe) public static var current: CSVDialect = .machine

    /// `machine` CSV (one or more whole records) in this dialect.
    func render(_ machine: [UInt8]) -> [UInt8] {
        guard self == .ru else { return machine }
        var out: [UInt8] = []
        out.reserveCapacity(machine.count + 16)
        var field: [UInt8] = []
        var i = 0
        let n = machine.count
        func flush(_ end: UInt8?) {
            let decimal = isDecimal(field)
            let needsQuotes = field.contains(59) || field.contains(34) || field.contains(10) || field.contains(13)
            if needsQuotes { out.append(34) }
            for b in field {
                if decimal && b == 46 { out.append(44); continue }
                if b == 34 { out.append(34) }
                out.append(b)
            }
            if needsQuotes { out.append(34) }
            if let end { out.append(end) }
            field.removeAll(keepingCapacity: true)
        }
        var atFieldStart = true
        while i < n {
            let b = machine[i]
            if atFieldStart && b == 34 {
                i += 1
                while i < n {
                    if machine[i] == 34 {
                        if i + 1 < n && machine[i + 1] == 34 { field.append(34); i += 2; continue }
                        i += 1; break
                    }
                    field.append(machine[i]); i += 1
                }
                atFieldStart = false
                continue
            }
            if b == 44 { flush(59); atFieldStart = true }
            else if b == 10 { flush(10); atFieldStart = true }
            else { field.append(b); atFieldStart = false }
            i += 1
        }
        if !field.isEmpty || !atFieldStart { flush(nil) }
        return out
    }

    /// The bytes a file in this dialect starts with.
    var preamble: [UInt8] { self == .ru ? [0xEF, 0xBB, 0xBF] : [] }
}

/// "-1234.50", "0.00": an amount, written with a decimal comma for Russian Excel.
private func isDecimal(_ f: [UInt8]) -> Bool {
    var i = f.first == 45 ? 1 : 0
    var digits = 0, dot = false, after = 0
    while i < f.count {
        let b = f[i]
        if b >= 48 && b <= 57 { if dot { after += 1 } else { digits += 1 } }
        else if b == 46 && !dot { dot = true }
        else { return false }
        i += 1
    }
    return dot && digits > 0 && after > 0
}
