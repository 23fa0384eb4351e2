/// SHA-256 (FIPS 180-4), streaming. Used for the import fingerprints (a file seen
/// before is recognised by the hash of its bytes) and for output hashes.
public struct SHA256: Sendable {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    private var block = [UInt8](repeating: 0, count: 64)
    private var blockCount = 0
    private var totalBytes: UInt64 = 0

    public init() {}

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    private mutating func compress(_ p: UnsafeRawPointer) {
        SHA256.k.withUnsafeBufferPointer { k in compress(p, blocks: 1, k) }
    }

    /// One round with the working variables named in place: the eight rounds of a group
    /// call it with the names rotated, so no value is moved between variables
    /// (the usual unrolled form of FIPS 180-4 §6.2.2 step 3).
    @inline(__always) private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                                                _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let ch = g ^ (e & (f ^ g))
        let t1 = h &+ s1 &+ ch &+ kw
        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let maj = (a & b) | (c & (a | b))
        d &+= t1
        h = t1 &+ s0 &+ maj
    }

    /// Processes `blocks` consecutive 64-byte blocks. The 64-word schedule (already
    /// added to the round constants) is expanded first, then the rounds run unrolled by eight.
    private mutating func compress(_ p: UnsafeRawPointer, blocks: Int, _ k: UnsafeBufferPointer<UInt32>) {
        var (h0, h1, h2, h3, h4, h5, h6, h7) = h
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { wb in
            guard let w = wb.baseAddress else { return }
            for blk in 0..<blocks {
                let base = p + blk * 64
                for i in 0..<16 { w[i] = UInt32(bigEndian: base.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
                for i in 16..<64 {
                    let w15 = w[i - 15], w2 = w[i - 2]
                    let s0 = SHA256.rotr(w15, 7) ^ SHA256.rotr(w15, 18) ^ (w15 >> 3)
                    let s1 = SHA256.rotr(w2, 17) ^ SHA256.rotr(w2, 19) ^ (w2 >> 10)
                    w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                }
                for i in 0..<64 { w[i] &+= k[i] }
                var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, hh = h7
                var i = 0
                while i < 64 {
                    SHA256.round(a, b, c, &d, e, f, g, &hh, w[i])
                    SHA256.round(hh, a, b, &c, d, e, f, &g, w[i + 1])
                    SHA256.round(g, hh, a, &b, c, d, e, &f, w[i + 2])
                    SHA256.round(f, g, hh, &a, b, c, d, &e, w[i + 3])
                    SHA256.round(e, f, g, &hh, a, b, c, &d, w[i + 4])
                    SHA256.round(d, e, f, &g, hh, a, b, &c, w[i + 5])
                    SHA256.round(c, d, e, &f, g, hh, a, &b, w[i + 6])
                    SHA256.round(b, c, d, &e, f, g, hh, &a, w[i + 7])
                    i += 8
                }
                h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= hh
            }
        }
        h = (h0, h1, h2, h3, h4, h5, h6, h7)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress else { return }
        var n = bytes.count
        totalBytes &+= UInt64(n)
        if blockCount > 0 {
            let take = min(64 - blockCount, n)
            for i in 0..<take { block[blockCount + i] = p.load(fromByteOffset: i, as: UInt8.self) }
            blockCount += take; p += take; n -= take
            if blockCount == 64 {
                let copy = block
                copy.withUnsafeBytes { if let b = $0.baseAddress { compress(b) } }
                blockCount = 0
            }
        }
        if n >= 64 {
            let blocks = n / 64
            SHA256.k.withUnsafeBufferPointer { k in compress(p, blocks: blocks, k) }
            p += blocks * 64; n -= blocks * 64
        }
        for i in 0..<n { block[i] = p.load(fromByteOffset: i, as: UInt8.self) }
        blockCount = n
    }

    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        let a = Array(bytes)
        a.withUnsafeBytes { update($0) }
    }

    /// The digest; the hasher is consumed.
    public mutating func finalize() -> [UInt8] {
        let bitLength = totalBytes &* 8
        var tail: [UInt8] = [0x80]
        let padding = (56 - (blockCount + 1) % 64 + 64) % 64
        tail += [UInt8](repeating: 0, count: padding)
        for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        let saved = totalBytes
        tail.withUnsafeBytes { update($0) }
        totalBytes = saved
        precondition(blockCount == 0, "SHA-256 padding must end on a block boundary")
        var out: [UInt8] = []
        for v in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7] {
            out += [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
        }
        return out
    }

    public mutating func finalizeHex() -> String { SHA256.hex(finalize()) }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](); out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func hash<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var s = SHA256(); s.update(bytes); return s.finalizeHex()
    }
}

import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SHA-256 of a file computed on another thread while the caller streams the same file;
/// `wait()` returns the hex digest (or throws if the file could not be read).
public final class BackgroundFileHash: @unchecked Sendable {
    private let group = DispatchGroup()
    private var digest: String?
    private var failure: InputError?

    public init(path: String) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { group.leave() }
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { failure = InputError(file: path, message: "cannot open: " + String(cString: strerror(errno))); return }
            defer { close(fd) }
            var hasher = SHA256()
            let size = 1 << 20
            let buf = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
            defer { buf.deallocate() }
            while true {
                let n = read(fd, buf, size)
                if n < 0 { if errno == EINTR { continue }; failure = InputError(file: path, message: "read error"); return }
                if n == 0 { break }
                hasher.update(UnsafeRawBufferPointer(start: buf, count: n))
            }
            digest = hasher.finalizeHex()
        }
    }

    public func wait() throws -> String {
        group.wait()
        if let failure { throw failure }
        guard let digest else { throw InputError(file: "", message: "SHA-256 not computed") }
        return digest
    }
}
