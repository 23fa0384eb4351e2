import BillingInput
#if canImport(Glibc)
import Glibc
#endif

/// The lines of a bank registry as the file's own bytes (cp1251, cp866 or UTF-8), read
/// in large blocks: a line is handed out in place, not copied, and only the few fields
/// a row needs are ever turned into UTF-8 (`RegistryRowFields`). Lines are cut as
/// `LineReader` cuts them: at LF, one trailing CR dropped, a UTF-8 BOM dropped from the
/// first line, a last line without LF kept, anything over `LineReader.maxLineBytes` refused.
final class RegistryLines {
    let file: String
    let encoding: TextEncoding
    private(set) var lineNumber = 0
    private(set) var bytesRead = 0
    /// The current line: valid until the next call of `next()`.
    private(set) var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Where `line` starts in the file: a line is read back from there, not kept.
    private(set) var lineOffset = 0
    private let fd: Int32
    private var buf: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 20
    private var start = 0, end = 0
    private var eof = false
    /// The file's SHA-256, fed as the blocks are read: on this thread, which has time to
    /// spare while the writer is behind, instead of a third thread reading the file again.
    private var hasher = SHA256()
    private var digest: String?

    init(path: String, encoding: TextEncoding) throws {
        file = path
        self.encoding = encoding
        fd = open(path, O_RDONLY)
        if fd < 0 { throw InputError(file: file, message: "не удаётся открыть: " + String(cString: strerror(errno))) }
        buf = .allocate(capacity: capacity)
    }

    deinit { close(fd); buf.deallocate() }

    /// Advances to the next line (blank lines included); false at the end of the file.
    func next() throws -> Bool {
        while true {
            if let p = memchr(buf + start, 10, end - start) {
                let nl = buf.distance(to: p.assumingMemoryBound(to: UInt8.self))
                try take(start, nl)
                start = nl + 1
                return true
            }
            if eof {
                guard start < end else { return false }
                try take(start, end)
                start = end
                return true
            }
            if end - start > LineReader.maxLineBytes { throw tooLong() }
            if start > 0 {
                memmove(buf, buf + start, end - start)
                end -= start; start = 0
            }
            if end == capacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: buf, count: end)
                buf.deallocate()
                buf = bigger; capacity *= 2
            }
            var n: Int
            repeat { n = read(fd, buf + end, capacity - end) } while n < 0 && errno == EINTR
            if n < 0 { throw InputError(file: file, message: "ошибка чтения: " + String(cString: strerror(errno))) }
            if n == 0 { eof = true } else {
                hasher.update(UnsafeRawBufferPointer(start: buf + end, count: n))
                end += n; bytesRead += n
            }
        }
    }

    /// SHA-256 (hex) of the file's bytes; reads what is left of the file first.
    func sha256() throws -> String {
        if let digest { return digest }
        while !eof {
            start = end
            _ = try next()
        }
        let d = hasher.finalizeHex()
        digest = d
        return d
    }

    private func tooLong() -> InputError {
        InputError(file: file, line: lineNumber + 1, message: "строка длиннее \(LineReader.maxLineBytes) байт: это не реестр")
    }

    private func take(_ from: Int, _ to: Int) throws {
        if to - from > LineReader.maxLineBytes { throw tooLong() }
        lineNumber += 1
        var a = from, e = to
        if e > a && buf[e - 1] == 13 { e -= 1 }
        if lineNumber == 1, encoding == .utf8, e - a >= 3, buf[a] == 0xEF, buf[a + 1] == 0xBB, buf[a + 2] == 0xBF { a += 3 }
        line = UnsafeBufferPointer(start: buf + a, count: e - a)
        lineOffset = bytesRead - end + a
    }
}

/// One registry line cut at the template's delimiter, its fields as offsets into the
/// line. A field is given as UTF-8: the line's own bytes when they are ASCII (the same
/// in every code page), else transcoded once into a scratch area that lives until the
/// next line.
struct RegistryRowFields {
    let delimiter: UInt8
    let encoding: TextEncoding
    /// Positions kept for the template's fields; a longer line is only counted.
    let kept: Int
    private let starts: UnsafeMutablePointer<Int>
    private let ends: UnsafeMutablePointer<Int>
    /// Per kept field: where its UTF-8 form sits in `scratch` (-1: not yet made).
    private let decodedAt: UnsafeMutablePointer<Int>
    private let decodedLen: UnsafeMutablePointer<Int>
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 4096
    private var scratchUsed = 0
    private(set) var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Fields on the line (delimiters + 1), however many the template keeps.
    private(set) var count = 0

    init(delimiter: UInt8, encoding: TextEncoding, fields: Int) {
        self.delimiter = delimiter; self.encoding = encoding; kept = max(fields, 1)
        starts = .allocate(capacity: kept); ends = .allocate(capacity: kept)
        decodedAt = .allocate(capacity: kept); decodedLen = .allocate(capacity: kept)
        scratch = .allocate(capacity: scratchCapacity)
    }

    func deallocate() {
        starts.deallocate(); ends.deallocate(); decodedAt.deallocate(); decodedLen.deallocate(); scratch.deallocate()
    }

    mutating func cut(_ l: UnsafeBufferPointer<UInt8>) {
        line = l
        scratchUsed = 0
        // Room for every field of the line transcoded once (3 UTF-8 bytes a byte at most):
        // the area never moves while the line's fields are in use.
        if 3 * l.count > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = 3 * l.count
            scratch = .allocate(capacity: scratchCapacity)
        }
        guard let base = l.baseAddress, l.count > 0 else {
            count = 1; starts[0] = 0; ends[0] = 0; decodedAt[0] = -1
            return
        }
        var n = 0, from = 0, i = 0
        let len = l.count, d = delimiter
        while i < len {
            if base[i] == d {
                if n < kept { starts[n] = from; ends[n] = i; decodedAt[n] = -1 }
                n += 1; from = i + 1
            }
            i += 1
        }
        if n < kept { starts[n] = from; ends[n] = len; decodedAt[n] = -1 }
        count = n + 1
    }

    /// Field `i` (0-based) trimmed of spaces and tabs, as UTF-8; empty when the line has no such field.
    @inline(__always) mutating func utf8(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i >= 0, i < kept, i < count, let base = line.baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
        var a = starts[i], e = ends[i]
        while a < e && (base[a] == 32 || base[a] == 9) { a += 1 }
        while e > a && (base[e - 1] == 32 || base[e - 1] == 9) { e -= 1 }
        if encoding == .utf8 { return UnsafeBufferPointer(start: base + a, count: e - a) }
        var ascii = true
        var k = a
        while k < e { if base[k] >= 0x80 { ascii = false; break }; k += 1 }
        if ascii { return UnsafeBufferPointer(start: base + a, count: e - a) }
        if decodedAt[i] < 0 {
            let raw = UnsafeRawBufferPointer(start: base + a, count: e - a)
            let n = encoding == .cp866 ? CP866.transcode(raw, into: scratch + scratchUsed) : CP1251.transcode(raw, into: scratch + scratchUsed)
            decodedAt[i] = scratchUsed; decodedLen[i] = n
            scratchUsed += n
        }
        return UnsafeBufferPointer(start: scratch + decodedAt[i], count: decodedLen[i])
    }

    /// The whole line as UTF-8 text (rejects, the totals line).
    func text() -> String { registryLineText(line, encoding) }
}

/// A line of the file's encoding as UTF-8 bytes.
func registryLineUTF8(_ l: UnsafeBufferPointer<UInt8>, _ encoding: TextEncoding) -> [UInt8] {
    guard encoding != .utf8, l.count > 0 else { return Array(l) }
    return [UInt8](unsafeUninitializedCapacity: 3 * l.count) { out, n in
        guard let p = out.baseAddress else { n = 0; return }
        let raw = UnsafeRawBufferPointer(l)
        n = encoding == .cp866 ? CP866.transcode(raw, into: p) : CP1251.transcode(raw, into: p)
    }
}

func registryLineText(_ l: UnsafeBufferPointer<UInt8>, _ encoding: TextEncoding) -> String {
    String(decoding: registryLineUTF8(l, encoding), as: UTF8.self)
}

/// Reads a line back from the file (`RegistryLines.lineOffset`), for the rare reject
/// the writer finds: the rows themselves do not carry their lines.
final class RegistryLineReader {
    private let fd: Int32
    init(path: String) { fd = open(path, O_RDONLY) }
    deinit { if fd >= 0 { close(fd) } }

    func text(at offset: Int, count: Int, _ encoding: TextEncoding) -> String {
        var bytes = [UInt8](repeating: 0, count: count)
        var got = 0
        if fd >= 0 {
            bytes.withUnsafeMutableBytes { b in
                while got < count {
                    let n = pread(fd, b.baseAddress.map { $0 + got }, count - got, off_t(offset + got))
                    if n > 0 { got += n } else if n < 0 && errno == EINTR { continue } else { break }
                }
            }
        }
        return bytes.withUnsafeBufferPointer { registryLineText(UnsafeBufferPointer(rebasing: $0[0..<got]), encoding) }
    }
}
