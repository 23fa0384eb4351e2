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
