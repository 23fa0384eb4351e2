import BillingStore
#if canImport(Glibc)
import Glibc
#endif
import BillingInput

/// The records of a CSV file as raw bytes, exactly as written (quotes, line ends,
/// any encoding), for the shard split: a shard's file must import exactly as the
/// original rows would, so the split copies bytes and never re-serialises a row.
/// CSVReader unquotes and transcodes in place, which is right for an import and
/// wrong here; this scanner only finds record boundaries and one field.
final class ShardRecords {
    let path: String
    private let fd: Int32
    private var buf: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0, end = 0
    private var eof = false
    private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    private(set) var bytesRead = 0
    private static let chunk = 1 << 20

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BillingError(.badInput, "\(path): cannot open: \(String(cString: strerror(errno)))") }
        capacity = Self.chunk * 2
        buf = .allocate(capacity: capacity)
    }

    deinit { close(fd); buf.deallocate() }

    /// The next record with its line end; blank lines are skipped. Nil at the end.
    func next() throws -> UnsafeBufferPointer<UInt8>? {
        while true {
            var i = start, inQuote = false
            while i < end {
                let c = buf[i]
                if c == 34 { inQuote.toggle() } else if c == 10 && !inQuote { break }
                i += 1
            }
            if i < end || (eof && end > start) {
                let stop = i < end ? i + 1 : end
                let record = UnsafeBufferPointer(start: buf + start, count: stop - start)
                start = stop
                if record.allSatisfy({ $0 == 10 || $0 == 13 }) { continue }
                return record
            }
            if eof { return nil }
            try fill()
        }
    }

    /// Reads the header and guesses the delimiter as the importer does (`;` when the
    /// header holds more of them than of `,`). Returns the raw header record.
    func header() throws -> UnsafeBufferPointer<UInt8>? {
        guard let h = try next() else { return nil }
        var commas = 0, semis = 0, inQuote = false
        for c in h {
            if c == 34 { inQuote.toggle() } else if !inQuote { if c == 44 { commas += 1 } else if c == 59 { semis += 1 } }
        }
        delimiter = semis > commas ? 59 : 44
        return h
    }

    /// Field `index` of a record: unquoted, trimmed of spaces, tabs and the line end.
    func field(_ record: UnsafeBufferPointer<UInt8>, _ index: Int) -> [UInt8] {
        // The usual case: no quote before or in the field — one slice, trimmed.
        var k = 0, a = 0
        let n = record.count
        while a < n && k < index {
            let c = record[a]
            if c == 34 { return quotedField(record, index) }
            if c == delimiter { k += 1 }
            a += 1
        }
        var e = a
        while e < n, record[e] != delimiter, record[e] != 10, record[e] != 13 {
            if record[e] == 34 { return quotedField(record, index) }
            e += 1
        }
        while a < e && (record[a] == 32 || record[a] == 9) { a += 1 }
        while e > a && (record[e - 1] == 32 || record[e - 1] == 9) { e -= 1 }
        return Array(record[a..<e])
    }

    private func quotedField(_ record: UnsafeBufferPointer<UInt8>, _ index: Int) -> [UInt8] {
        var out: [UInt8] = []
        var k = 0, i = 0, inQuote = false
        let n = record.count
        while i < n {
            let c = record[i]
            if inQuote {
                if c == 34 {
                    if i + 1 < n && record[i + 1] == 34 { if k == index { out.append(34) }; i += 2; continue }
                    inQuote = false
                } else if k == index { out.append(c) }
            } else if c == 34 {
                inQuote = true
            } else if c == delimiter {
                if k == index { break }
                k += 1
            } else if c == 10 || c == 13 {
                if !inQuote { break }
            } else if k == index { out.append(c) }
            i += 1
        }
        while let f = out.first, f == 32 || f == 9 { out.removeFirst() }
        while let l = out.last, l == 32 || l == 9 { out.removeLast() }
        return out
    }

    /// Number of fields of a record (delimiters outside quotes + 1).
    func fieldCount(_ record: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 1, inQuote = false
        for c in record {
            if c == 34 { inQuote.toggle() } else if c == delimiter && !inQuote { n += 1 }
        }
        return n
    }

    private func fill() throws {
        if start > 0 {
            let live = end - start
            if live > 0 { memmove(buf, buf + start, live) }
            start = 0; end = live
        }
        if capacity - end < Self.chunk {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buf, count: end)
            buf.deallocate()
            buf = grown; capacity *= 2
        }
        let got = read(fd, buf + end, Self.chunk)
        guard got >= 0 else { throw BillingError(.failed, "\(path): read failed: \(String(cString: strerror(errno)))") }
        if got == 0 { eof = true } else { end += got; bytesRead += got }
    }
}

/// N output files written through one buffer each, renamed into place at the end,
/// so a split killed halfway leaves no shard file that looks complete.
final class ShardFileSet {
    private var fds: [Int32] = []
    private var buffers: [[UInt8]]
    private let paths: [String]
    private static let flushAt = 1 << 18
    private(set) var rows: [Int]

    init(paths: [String]) throws {
        self.paths = paths
        buffers = Array(repeating: [], count: paths.count)
        rows = Array(repeating: 0, count: paths.count)
        for p in paths {
            let fd = open(p + ".tmp", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
            guard fd >= 0 else {
                for f in fds { close(f) }
                throw BillingError(.failed, "не удалось записать \(p): \(errnoText(errno))")
            }
            fds.append(fd)
        }
    }

    deinit { for f in fds where f >= 0 { close(f) } }

    func append(_ bytes: UnsafeBufferPointer<UInt8>, to shard: Int, isRow: Bool = true) throws {
        buffers[shard].append(contentsOf: bytes)
        if isRow { rows[shard] += 1 }
        if buffers[shard].count >= Self.flushAt { try flush(shard) }
    }

    func appendToAll(_ bytes: UnsafeBufferPointer<UInt8>, isRow: Bool = true) throws {
        for k in 0..<paths.count { try append(bytes, to: k, isRow: isRow) }
    }

    private func flush(_ k: Int) throws {
        let ok = buffers[k].withUnsafeBytes { b -> Bool in
            guard let base = b.baseAddress else { return true }
            var off = 0
            while off < b.count {
                let n = write(fds[k], base + off, b.count - off)
                if n <= 0 { return false }
                off += n
            }
            return true
        }
        guard ok else { throw BillingError(.failed, "не удалось записать \(paths[k]): \(errnoText(errno))") }
        buffers[k].removeAll(keepingCapacity: true)
    }

    /// Flushes and renames every file into place.
    func finish() throws {
        for k in 0..<paths.count {
            try flush(k)
            close(fds[k]); fds[k] = -1
            guard rename(paths[k] + ".tmp", paths[k]) == 0 else {
                throw BillingError(.failed, "не удалось записать \(paths[k]): \(errnoText(errno))")
            }
        }
    }
}
