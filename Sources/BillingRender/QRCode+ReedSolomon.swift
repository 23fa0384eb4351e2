// Reed–Solomon error correction over GF(2^8) with the QR field polynomial
// x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator roots α^0 … α^(n−1).
enum ReedSolomon {
    /// exp[i] = α^i, doubled in length so a product's log sum needs no modulo.
    static let exp: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 512)
        var x = 1
        for i in 0..<255 {
            t[i] = UInt8(x)
            x <<= 1
            if x & 0x100 != 0 { x ^= 0x11D }
        }
        for i in 255..<512 { t[i] = t[i - 255] }
        return t
    }()

    static let log: [Int] = {
        var t = [Int](repeating: 0, count: 256)
        for i in 0..<255 { t[Int(exp[i])] = i }
        return t
    }()

    @inline(__always)
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exp[log[Int(a)] + log[Int(b)]]
    }

    /// Coefficients of ∏(x − α^i), i < degree, highest power first with the
    /// leading 1 dropped (it never takes part in the division).
    static func generator(degree: Int) -> [UInt8] {
        var poly: [UInt8] = [1]
        for i in 0..<degree {
            var next = [UInt8](repeating: 0, count: poly.count + 1)
            for (j, c) in poly.enumerated() {
                next[j] ^= c
                next[j + 1] ^= multiply(c, exp[i])
            }
            poly = next
        }
        return Array(poly.dropFirst())
    }

    /// The remainder of data·x^n divided by the generator: the ECC codewords.
    static func remainder(_ data: ArraySlice<UInt8>, generator gen: [UInt8]) -> [UInt8] {
        var rem = [UInt8](repeating: 0, count: gen.count)
        for byte in data {
            let factor = byte ^ rem[0]
            rem.removeFirst()
            rem.append(0)
            if factor != 0 {
                let lf = log[Int(factor)]
                for j in 0..<gen.count where gen[j] != 0 {
                    rem[j] ^= exp[lf + log[Int(gen[j])]]
                }
            }
        }
        return rem
    }
}

// The fast path the encoder uses: the remainder register of up to 30 bytes
// lives in four UInt64 words (byte j at bits 8(j mod 8) of word j / 8), and
// each data byte costs one shift across the words and one XOR of a
// precomputed product factor·generator.
extension ReedSolomon {
    /// Index = ECC degree: 256 entries × 4 words, entry f = f·generator
    /// packed as the register is; empty for degrees level M never uses.
    static let productTables: [[UInt64]] = {
        let degrees = Set(QRCode.eccPerBlockM.dropFirst())
        return (0...32).map { degree in
            guard degrees.contains(degree) else { return [] }
            let gen = generator(degree: degree)
            var table = [UInt64](repeating: 0, count: 256 * 4)
            for f in 0..<256 {
                for j in 0..<degree {
                    table[f * 4 + j >> 3] |= UInt64(multiply(UInt8(f), gen[j])) << UInt64((j & 7) * 8)
                }
            }
            return table
        }
    }()

    /// The same remainder as `remainder(_:generator:)` for
    /// `generator(degree: degree)`, written to `out[0..<degree]`.
    @inline(__always)
    static func remainder(_ data: UnsafePointer<UInt8>, count: Int, table: UnsafePointer<UInt64>,
                          degree: Int, into out: UnsafeMutablePointer<UInt8>) {
        var r0: UInt64 = 0, r1: UInt64 = 0, r2: UInt64 = 0, r3: UInt64 = 0
        for i in 0..<count {
            let f = Int(UInt8(truncatingIfNeeded: r0) ^ data[i])
            r0 = r0 >> 8 | r1 << 56
            r1 = r1 >> 8 | r2 << 56
            r2 = r2 >> 8 | r3 << 56
            r3 >>= 8
            let p = table + f * 4
            r0 ^= p[0]; r1 ^= p[1]; r2 ^= p[2]; r3 ^= p[3]
        }
        for j in 0..<degree {
            let word = j < 8 ? r0 : j < 16 ? r1 : j < 24 ? r2 : r3
            out[j] = UInt8(truncatingIfNeeded: word >> UInt64((j & 7) * 8))
        }
    }
}
