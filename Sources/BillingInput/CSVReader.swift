#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text encoding of an input file: UTF-8 (BOM optional), Windows-1251 or IBM 866 (DOS).
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8, cp1251, cp866
}

/// A problem with an input file that stops its import: it cannot be read, or a
/// required column is missing. Names the file and, when known, line and field.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var field: String?
    public var message: String
    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file; self.line = line; self.field = field; self.message = message
    }
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let field { s += ": \(field)" }
        return s + ": " + message
    }
}

/// Where a column of the header is: found by name (case-insensitive, trimmed), in any order.
public struct CSVColumns: Sendable {
    /// Index of each known column in the record, or -1 when the file has no such column.
    public let index: [String: Int]
    /// "unknown column "x" ignored" and the like, for the import report.
    public let warnings: [String]
    public subscript(name: String) -> Int { index[name] ?? -1 }
}

/// A streaming RFC 4180 reader over bytes. Reads the file in 1 MiB chunks, so memory
/// does not depend on the file's size; fields are slices of the internal buffer,
/// valid until the next call to `next()`. Detects `,` or `;` from the header line,
/// skips a UTF-8 BOM, accepts CRLF or LF, transcodes cp1251 while reading, and
/// hashes the raw bytes (SHA-256) as they stream by.
public final class CSVReader {
    public let file: String
    public let encoding: TextEncoding
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// Header names as written (trimmed).
    public private(set) var header: [String] = []
    /// Physical line (1-based) where the current record starts.
    public private(set) var line = 0
    public private(set) var fieldCount = 0
    /// Why the current record cannot be trusted as a whole (more fields than the header,
    /// e.g. an unquoted decimal comma in a ','-separated file; a quote never closed), or nil.
    public private(set) var problem: String?
    private var unterminated = false
    /// Raw bytes read from the file so far.
    public private(set) var bytesRead = 0

    private let fd: Int32
    private var buf: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0, end = 0
    private var eof = false
    private var nextLine = 1
    private var raw: UnsafeMutableRawPointer
    private static let chunk = 1 << 20
    private var fStart: UnsafeMutablePointer<Int>
    private var fLen: UnsafeMutablePointer<Int>
    private var fQuoted: UnsafeMutablePointer<Bool>
    private var fCap = 64
    private var hasher = SHA256()
    private let hashing: Bool
    private var digest: String?

    /// Opens the file and reads its header line.
    /// `hashing: false` skips the SHA-256 (when the caller hashes the file on another thread).
    public init(path: String, displayName: String? = nil, encoding: TextEncoding = .utf8, hashing: Bool = true) throws {
        file = displayName ?? path
        self.encoding = encoding
        self.hashing = hashing
        fd = open(path, O_RDONLY)
        if fd < 0 {
            throw InputError(file: displayName ?? path, message: "cannot open: " + String(cString: strerror(errno)))
        }
        capacity = CSVReader.chunk * 4
        buf = .allocate(capacity: capacity)
        raw = .allocate(byteCount: CSVReader.chunk, alignment: 16)
        fStart = .allocate(capacity: fCap); fLen = .allocate(capacity: fCap); fQuoted = .allocate(capacity: fCap)
        try fill()
        if encoding == .utf8, end - start >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { start = 3 }
        detectDelimiter()
        guard try next() else { throw InputError(file: file, line: 1, message: "the file is empty (no header row)") }
        header = (0..<fieldCount).map { String(decoding: trimmed(field($0)), as: UTF8.self) }
    }

    deinit {
        close(fd)
        buf.deallocate(); raw.deallocate()
        fStart.deallocate(); fLen.deallocate(); fQuoted.deallocate()
    }

    /// SHA-256 (hex) of the file's bytes; reads the rest of the file if needed.
    public func sha256() throws -> String {
        precondition(hashing, "CSVReader opened with hashing: false")
        if let digest { return digest }
        while !eof { start = end; try fill() }
        let d = hasher.finalizeHex()
        digest = d
        return d
    }

    /// Maps the header to column indices. A missing required column is an error
    /// naming the file and the column; an unknown column is a warning.
    public func columns(required: [String], optional: [String]) throws -> CSVColumns {
        var index: [String: Int] = [:]
        var warnings: [String] = []
        let known = Set(required + optional)
        for (i, name) in header.enumerated() {
            let key = name.lowercased()
            if !known.contains(key) {
                warnings.append("\(file): unknown column \"\(name)\" ignored")
            } else if index[key] != nil {
                warnings.append("\(file): column \"\(name)\" appears twice, the first one is used")
            } else {
                index[key] = i
            }
        }
        // Every missing column in one message: the clerk fixes the header once, not once per column.
        let missing = required.filter { index[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "\"\($0)\"" }.joined(separator: ", ")
            let what = missing.count == 1 ? "missing required column \(names)" : "missing required columns \(names)"
            throw InputError(file: file, line: 1, field: missing.joined(separator: ", "),
                             message: "\(what) (header: \(header.joined(separator: String(UnicodeScalar(delimiter))))); see energobill help import and docs/IMPORT.md")
        }
        return CSVColumns(index: index, warnings: warnings)
    }

    /// Field `i` of the current record without surrounding spaces; empty when absent.
    @inline(__always)
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i >= 0 && i < fieldCount else { return UnsafeBufferPointer(start: buf, count: 0) }
        return UnsafeBufferPointer(start: buf + fStart[i], count: fLen[i])
    }

    /// Field as a trimmed String.
    public func string(_ i: Int) -> String { String(decoding: trimmed(field(i)), as: UTF8.self) }

    /// The record as read, fields re-joined with the file's delimiter (quoted where needed).
    public var recordText: String {
        var out: [UInt8] = []
        for i in 0..<fieldCount {
            if i > 0 { out.append(delimiter) }
            let f = field(i)
            if f.contains(where: { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }) {
                out.append(34)
                for c in f { if c == 34 { out.append(34) }; out.append(c) }
                out.append(34)
            } else { out.append(contentsOf: f) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Advances to the next non-blank record; false at the end of the file.
    public func next() throws -> Bool {
        while true {
            guard let complete = try scanRecord() else { return false }
            if !complete { continue }
            if fieldCount == 1 && fLen[0] == 0 && !fQuoted[0] { continue }  // blank line
            for i in 0..<fieldCount where fQuoted[i] { unquote(i) }
            problem = nil
            if unterminated {
                problem = "a quote opened on this line is never closed"
            } else if !header.isEmpty && fieldCount > header.count {
                problem = "the row has \(fieldCount) fields, the header has \(header.count) (an unquoted delimiter or decimal comma?)"
            } else if encoding == .utf8, let bad = firstFieldNotUTF8() {
                // Stored as is, such bytes would print as mojibake on every document.
                problem = "field \(bad + 1) is not valid UTF-8 (a Windows-1251 export? import it with --encoding cp1251)"
            }
            return true
        }
    }

    // MARK: - internals

    /// Index of the first field that is not well-formed UTF-8, nil when all are (ASCII rows cost one byte scan).
    private func firstFieldNotUTF8() -> Int? {
        for i in 0..<fieldCount {
            let f = field(i)
            if f.contains(where: { $0 >= 0x80 }) && !Bytes.isValidUTF8(f) { return i }
        }
        return nil
    }

    private func trimmed(_ f: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> { Bytes.trim(f) }

    private func detectDelimiter() {
        var commas = 0, semis = 0, inQ = false
        var i = start
        while i < end {
            let c = buf[i]
            if c == 34 { inQ.toggle() } else if !inQ {
                if c == 10 { break }
                if c == 44 { commas += 1 } else if c == 59 { semis += 1 }
            }
            i += 1
        }
        delimiter = semis > commas ? 59 : 44
    }

    /// Reads one more chunk, keeping [start, end) at the front of the buffer.
    private func fill() throws {
        if start > 0 {
            let n = end - start
            if n > 0 { (buf).update(from: buf + start, count: n) }
            end = n; start = 0
        }
        let need = end + (encoding != .utf8 ? 3 * CSVReader.chunk : CSVReader.chunk)
        if need > capacity {
            var newCap = capacity
            while newCap < need { newCap *= 2 }
            let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: newCap)
            nb.update(from: buf, count: end)
            buf.deallocate()
            buf = nb; capacity = newCap
        }
        let target: UnsafeMutableRawPointer = encoding == .utf8 ? UnsafeMutableRawPointer(buf + end) : raw
        var n: Int
        repeat { n = read(fd, target, CSVReader.chunk) } while n < 0 && errno == EINTR
        if n < 0 { throw InputError(file: file, message: "read error: " + String(cString: strerror(errno))) }
        if n == 0 { eof = true; return }
        bytesRead += n
        if hashing { hasher.update(UnsafeRawBufferPointer(start: target, count: n)) }
        if encoding == .utf8 { end += n } else {
            let input = UnsafeRawBufferPointer(start: raw, count: n)
            end += encoding == .cp866 ? CP866.transcode(input, into: buf + end) : CP1251.transcode(input, into: buf + end)
        }
    }

    @inline(__always) private func addField(_ s: Int, _ e: Int, _ quoted: Bool) {
        if fieldCount == fCap { growFields() }
        var a = s, b = e
        if !quoted {
            while a < b && (buf[a] == 32 || buf[a] == 9) { a += 1 }
            while b > a && (buf[b - 1] == 32 || buf[b - 1] == 9) { b -= 1 }
        }
        fStart[fieldCount] = a; fLen[fieldCount] = b - a; fQuoted[fieldCount] = quoted
        fieldCount += 1
    }

    private func growFields() {
        let n = fCap * 2
        let s = UnsafeMutablePointer<Int>.allocate(capacity: n); s.update(from: fStart, count: fCap); fStart.deallocate(); fStart = s
        let l = UnsafeMutablePointer<Int>.allocate(capacity: n); l.update(from: fLen, count: fCap); fLen.deallocate(); fLen = l
        let q = UnsafeMutablePointer<Bool>.allocate(capacity: n); q.update(from: fQuoted, count: fCap); fQuoted.deallocate(); fQuoted = q
        fCap = n
    }

    /// Splits one record starting at `start`. nil = end of file; false = needed more
    /// data (buffer refilled, call again); true = a record is ready.
    private func scanRecord() throws -> Bool? {
        if start >= end {
            if eof { return nil }
            try fill()
            if start >= end { return nil }
        }
        fieldCount = 0
        unterminated = false
        let d = delimiter
        var i = start, fs = start, quoted = false, inQ = false, newlines = 0
        while true {
            if i >= end {
                if !eof {
                    try fill()  // moves the record to the front; scan it again
                    return false
                }
                // last record without a final newline
                unterminated = inQ
                addField(fs, i > fs && buf[i - 1] == 13 ? i - 1 : i, quoted)
                line = nextLine; nextLine += newlines
                start = end
                return true
            }
            let c = buf[i]
            if inQ {
                if c == 34 {
                    if i + 1 >= end && !eof { try fill(); return false }
                    if i + 1 < end && buf[i + 1] == 34 { i += 2; continue }
                    inQ = false
                } else if c == 10 { newlines += 1 }
                i += 1
                continue
            }
            if c == d {
                addField(fs, i, quoted); quoted = false; i += 1; fs = i
            } else if c == 10 {
                var e = i
                if e > fs && buf[e - 1] == 13 { e -= 1 }
                addField(fs, e, quoted)
                line = nextLine; nextLine += newlines + 1
                start = i + 1
                return true
            } else {
                if c == 34 { inQ = true; quoted = true }
                i += 1
            }
        }
    }

    /// Removes the quotes of a quoted field in place ("a""b" → a"b).
    private func unquote(_ k: Int) {
        let s = fStart[k], n = fLen[k]
        var inQ = false, o = s, i = s
        // drop spaces before an opening quote
        while i < s + n && (buf[i] == 32 || buf[i] == 9) { i += 1 }
        if i >= s + n || buf[i] != 34 { i = s }
        let stop = s + n
        var lastQuoteEnd = s
        while i < stop {
            let c = buf[i]
            if c == 34 {
                if inQ && i + 1 < stop && buf[i + 1] == 34 { buf[o] = 34; o += 1; i += 2; continue }
                inQ.toggle(); i += 1
                if !inQ { lastQuoteEnd = o }
                continue
            }
            buf[o] = c; o += 1; i += 1
        }
        // spaces after the closing quote are not part of the value
        while o > lastQuoteEnd && (buf[o - 1] == 32 || buf[o - 1] == 9) { o -= 1 }
        fLen[k] = o - s
    }
}

/// Small helpers over byte slices shared by the parsers.
public enum Bytes {
    /// Well-formed UTF-8 (RFC 3629): no overlong forms, surrogates or code points past U+10FFFF.
    public static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len: Int, lo: UInt8, hi: UInt8
            switch c {
            case 0xC2...0xDF: len = 2; lo = 0x80; hi = 0xBF
            case 0xE0: len = 3; lo = 0xA0; hi = 0xBF
            case 0xE1...0xEC, 0xEE...0xEF: len = 3; lo = 0x80; hi = 0xBF
            case 0xED: len = 3; lo = 0x80; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90; hi = 0xBF
            case 0xF1...0xF3: len = 4; lo = 0x80; hi = 0xBF
            case 0xF4: len = 4; lo = 0x80; hi = 0x8F
            default: return false
            }
            if i + len > n { return false }
            if b[i + 1] < lo || b[i + 1] > hi { return false }
            var k = 2
            while k < len {
                if b[i + k] & 0xC0 != 0x80 { return false }
                k += 1
            }
            i += len
        }
        return true
    }

    @inline(__always)
    public static func trim(_ f: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = f.baseAddress else { return f }
        var a = 0, b = f.count
        while a < b && (f[a] == 32 || f[a] == 9) { a += 1 }
        while b > a && (f[b - 1] == 32 || f[b - 1] == 9) { b -= 1 }
        return UnsafeBufferPointer(start: base + a, count: b - a)
    }

    /// Case-insensitive ASCII comparison with a lowercase literal.
    @inline(__always)
    public static func equalsLower(_ f: UnsafeBufferPointer<UInt8>, _ lower: StaticString) -> Bool {
        guard f.count == lower.utf8CodeUnitCount else { return false }
        let p = lower.utf8Start
        for i in 0..<f.count {
            var c = f[i]
            if c >= 65 && c <= 90 { c += 32 }
            if c != p[i] { return false }
        }
        return true
    }

    public static func string(_ f: UnsafeBufferPointer<UInt8>) -> String { String(decoding: f, as: UTF8.self) }
}

