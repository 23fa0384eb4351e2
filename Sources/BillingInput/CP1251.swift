/// Windows-1251 → UTF-8, the code page of files exported by Russian Windows tools
/// (1C, bank clients, Excel "CSV (разделители — точка с запятой)").
public enum CP1251 {
    /// Unicode scalars of bytes 0x80...0xFF (0x98 is unassigned → U+FFFD).
    public static let high: [UInt16] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
        0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
        0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
        0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
        0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
    ]

    /// Appends the UTF-8 form of `input` (cp1251) to `out` starting at `out[at]`;
    /// `out` must have room for 3 × input.count bytes. Returns the bytes written.
    @inline(__always)
    public static func transcode(_ input: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) -> Int {
        SingleByteCodePage.transcode(input, high: high, into: out)
    }

    /// Convenience for tests and small inputs.
    public static func decode(_ bytes: [UInt8]) -> String { SingleByteCodePage.decode(bytes, high: high) }

    /// UTF-8 → cp1251 for test fixtures and files written for Windows tools (characters outside the code page become '?').
    /// UTF-8 → cp1251: characters outside the code page become '?', or what
    /// `unmappable` gives (an XML file writes them as character references).
    public static func encode(_ text: String, unmappable: (Unicode.Scalar) -> [UInt8] = { _ in [UInt8(ascii: "?")] }) -> [UInt8] {
        SingleByteCodePage.encode(text, reverse: reverse, unmappable: unmappable)
    }

    private static let reverse = SingleByteCodePage.reverse(high)
}

/// The shared engine of the single-byte Cyrillic code pages (cp1251, cp866):
/// ASCII below 0x80, a table of 128 scalars above.
enum SingleByteCodePage {
    @inline(__always)
    static func transcode(_ input: UnsafeRawBufferPointer, high: [UInt16], into out: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        high.withUnsafeBufferPointer { table in
            for byte in input {
                if byte < 0x80 { out[o] = byte; o += 1; continue }
                let u = table[Int(byte) - 0x80]
                if u < 0x800 {
                    out[o] = UInt8(0xC0 | (u >> 6)); out[o + 1] = UInt8(0x80 | (u & 0x3F)); o += 2
                } else {
                    out[o] = UInt8(0xE0 | (u >> 12)); out[o + 1] = UInt8(0x80 | ((u >> 6) & 0x3F))
                    out[o + 2] = UInt8(0x80 | (u & 0x3F)); o += 3
                }
            }
        }
        return o
    }

    static func decode(_ bytes: [UInt8], high: [UInt16]) -> String {
        var out = [UInt8](repeating: 0, count: bytes.count * 3 + 1)
        let n = bytes.withUnsafeBytes { inp in out.withUnsafeMutableBufferPointer { transcode(inp, high: high, into: $0.baseAddress!) } }
        return String(decoding: out[0..<n], as: UTF8.self)
    }

    /// Scalar → byte for the encoders (built once per code page).
    static func reverse(_ high: [UInt16]) -> [UInt16: UInt8] {
        var r: [UInt16: UInt8] = [:]
        for (i, u) in high.enumerated() where u != 0xFFFD && r[u] == nil { r[u] = UInt8(0x80 + i) }
        return r
    }

    static func encode(_ text: String, reverse: [UInt16: UInt8],
                       unmappable: (Unicode.Scalar) -> [UInt8] = { _ in [UInt8(ascii: "?")] }) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 { out.append(UInt8(scalar.value)); continue }
            if scalar.value <= 0xFFFF, let b = reverse[UInt16(scalar.value)] { out.append(b) } else { out += unmappable(scalar) }
        }
        return out
    }
}
