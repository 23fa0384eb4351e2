extension QRCode {
    /// The symbol as a self-contained `<svg>` element for inline HTML: a white
    /// background and one `<path>` of horizontal dark runs, one rectangle per
    /// run. Coordinates are whole modules (the viewBox does the scaling), which
    /// keeps the markup small and byte-for-byte deterministic.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4) -> String {
        let unit = max(1, moduleSize)
        let quiet = max(0, quietZone)
        let side = size + 2 * quiet
        let words = self.words, size = self.size
        // Exact run count: a run starts at every dark module whose left
        // neighbour is light.
        var runs = 0
        for y in 0..<size {
            var carry: UInt64 = 0
            for w in 0..<words {
                let v = rows[y * words + w]
                runs += (v & ~(v << 1 | carry)).nonzeroBitCount
                carry = v >> 63
            }
        }
        let head1: StaticString = #"<svg xmlns="http://www.w3.org/2000/svg" width=""#
        let head2: StaticString = #"" height=""#
        let head3: StaticString = #"" viewBox="0 0 "#
        let head4: StaticString = #"" shape-rendering="crispEdges"><rect width=""#
        let head5: StaticString = ##"" fill="#fff"/><path fill="#000" d=""##
        let tail: StaticString = #""/></svg>"#
        let coordinate = decimalLength(size - 1 + quiet)
        let length = decimalLength(size)
        let capacity = head1.utf8CodeUnitCount + head2.utf8CodeUnitCount * 2 + head3.utf8CodeUnitCount + head4.utf8CodeUnitCount
            + head5.utf8CodeUnitCount + tail.utf8CodeUnitCount + 2 * decimalLength(side * unit) + 4 * decimalLength(side) + 1
            + runs * (2 * coordinate + 2 * length + 8)
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var p = buffer.baseAddress!
            putText(&p, head1); putDecimal(&p, side * unit)
            putText(&p, head2); putDecimal(&p, side * unit)
            putText(&p, head3); putDecimal(&p, side)
            p.pointee = 0x20; p += 1
            putDecimal(&p, side)
            putText(&p, head4); putDecimal(&p, side)
            putText(&p, head2); putDecimal(&p, side)
            putText(&p, head5)
            rows.withUnsafeBufferPointer { rows in
                for y in 0..<size {
                    let row = rows.baseAddress! + y * words
                    var x = 0
                    while true {
                        // Next dark module at or after x.
                        var w = x >> 6
                        var bits = w < words ? row[w] & (~0 &<< UInt64(x & 63)) : 0
                        while bits == 0 && w + 1 < words { w += 1; bits = row[w] }
                        if bits == 0 { break }
                        let start = w << 6 + bits.trailingZeroBitCount
                        // Next light module after start (bits beyond size are light).
                        w = start >> 6
                        bits = ~row[w] & (~0 &<< UInt64(start & 63))
                        while bits == 0 { w += 1; bits = w < words ? ~row[w] : ~0 }
                        x = w << 6 + bits.trailingZeroBitCount
                        p.pointee = UInt8(ascii: "M"); p += 1
                        putDecimal(&p, start + quiet)
                        p.pointee = 0x20; p += 1
                        putDecimal(&p, y + quiet)
                        p.pointee = UInt8(ascii: "h"); p += 1
                        putDecimal(&p, x - start)
                        p[0] = UInt8(ascii: "v"); p[1] = UInt8(ascii: "1"); p[2] = UInt8(ascii: "h"); p[3] = UInt8(ascii: "-")
                        p += 4
                        putDecimal(&p, x - start)
                        p.pointee = UInt8(ascii: "z"); p += 1
                        if x >= size { break }
                    }
                }
            }
            putText(&p, tail)
            return p - buffer.baseAddress!
        }
    }
}

@inline(__always)
private func putText(_ p: inout UnsafeMutablePointer<UInt8>, _ text: StaticString) {
    p.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
    p += text.utf8CodeUnitCount
}

/// Digits of a non-negative integer.
@inline(__always)
private func decimalLength(_ value: Int) -> Int {
    var v = value, n = 1
    while v >= 10 { v /= 10; n += 1 }
    return n
}

/// Writes a non-negative integer and advances the pointer.
@inline(__always)
private func putDecimal(_ p: inout UnsafeMutablePointer<UInt8>, _ value: Int) {
    if value < 10 { p.pointee = UInt8(48 + value); p += 1; return }
    if value < 100 { p[0] = UInt8(48 + value / 10); p[1] = UInt8(48 + value % 10); p += 2; return }
    let n = decimalLength(value)
    var v = value
    for i in stride(from: n - 1, through: 0, by: -1) { p[i] = UInt8(48 + v % 10); v /= 10 }
    p += n
}
