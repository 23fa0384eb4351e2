extension QRCode {
    /// The symbol as a self-contained `<svg>` element for inline HTML: a white
    /// background and one `<path>` of horizontal dark runs, one rectangle per
    /// run. Coordinates are whole modules (the viewBox does the scaling), which
    /// keeps the markup small and byte-for-byte deterministic.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4) -> String {
        let unit = max(1, moduleSize)
        let quiet = max(0, quietZone)
        let side = size + 2 * quiet
        var out = [UInt8]()
        out.reserveCapacity(256 + size * size)
        out += Array(#"<svg xmlns="http://www.w3.org/2000/svg" width=""#.utf8)
        appendDecimal(&out, side * unit)
        out += Array(#"" height=""#.utf8)
        appendDecimal(&out, side * unit)
        out += Array(#"" viewBox="0 0 "#.utf8)
        appendDecimal(&out, side)
        out.append(0x20)
        appendDecimal(&out, side)
        out += Array(#"" shape-rendering="crispEdges"><rect width=""#.utf8)
        appendDecimal(&out, side)
        out += Array(#"" height=""#.utf8)
        appendDecimal(&out, side)
        out += Array(##"" fill="#fff"/><path fill="#000" d=""##.utf8)
        modules.withUnsafeBufferPointer { m in
            for y in 0..<size {
                var x = 0
                let row = y * size
                while x < size {
                    if m[row + x] == 0 { x += 1; continue }
                    let start = x
                    while x < size && m[row + x] != 0 { x += 1 }
                    out.append(UInt8(ascii: "M"))
                    appendDecimal(&out, start + quiet)
                    out.append(0x20)
                    appendDecimal(&out, y + quiet)
                    out.append(UInt8(ascii: "h"))
                    appendDecimal(&out, x - start)
                    out += [UInt8(ascii: "v"), UInt8(ascii: "1"), UInt8(ascii: "h"), UInt8(ascii: "-")]
                    appendDecimal(&out, x - start)
                    out.append(UInt8(ascii: "z"))
                }
            }
        }
        out += Array(#""/></svg>"#.utf8)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Non-negative integers only; avoids String(Int) allocations in the hot loop.
@inline(__always)
func appendDecimal(_ out: inout [UInt8], _ value: Int) {
    if value < 10 { out.append(UInt8(48 + value)); return }
    if value < 100 { out.append(UInt8(48 + value / 10)); out.append(UInt8(48 + value % 10)); return }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var v = value
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buf in
        repeat { buf[count] = UInt8(48 + v % 10); v /= 10; count += 1 } while v > 0
        for i in stride(from: count - 1, through: 0, by: -1) { out.append(buf[i]) }
    }
}
