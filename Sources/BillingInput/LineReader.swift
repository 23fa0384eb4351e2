#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a text file one line at a time in 1 MiB chunks (memory does not grow with
/// the file), transcoding cp1251/cp866 to UTF-8 and hashing the raw bytes as they
/// stream by: the reader of bank registries, which are not RFC 4180 CSV.
public final class LineReader {
    public let file: String
    public let encoding: TextEncoding
    /// Physical line number (1-based) of `line`.
    public private(set) var lineNumber = 0
    /// The current line as UTF-8, without its CR/LF.
    public private(set) var line: [UInt8] = []
    public private(set) var bytesRead = 0
    /// Longer lines are not a registry: the reader refuses them instead of growing without bound.
    public static let maxLineBytes = 1 << 20

    private let fd: Int32
    private var chunk: [UInt8]
    private var pos = 0, count = 0
    private var eof = false
    private var rawLine: [UInt8] = []
    /// Where a line is transcoded, reused from line to line.
    private var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
    private var scratchCapacity = 4096
    private var hasher = SHA256()
    private var digest: String?

    private let hashing: Bool

    /// `hashing: false` when the caller hashes the file on another thread (BackgroundFileHash).
    public init(path: String, displayName: String? = nil, encoding: TextEncoding, hashing: Bool = true) throws {
        file = displayName ?? path
        self.encoding = encoding
        self.hashing = hashing
        fd = open(path, O_RDONLY)
        if fd < 0 { throw InputError(file: file, message: "не удаётся открыть: " + String(cString: strerror(errno))) }
        chunk = [UInt8](repeating: 0, count: 1 << 20)
    }

    deinit { close(fd); scratch.deallocate() }

    /// Advances to the next line (blank lines included); false at the end of the file.
    public func next() throws -> Bool {
        rawLine.removeAll(keepingCapacity: true)
        var sawAny = false
        while true {
            if pos >= count {
                if eof { break }
                try fill()
                if pos >= count { break }
            }
            sawAny = true
            let start = pos
            let nl: Int? = chunk.withUnsafeBufferPointer { b in
                guard let p = memchr(b.baseAddress! + start, 10, count - start) else { return nil }
                return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            let stop = nl ?? count
            rawLine.append(contentsOf: chunk[start..<stop])
            if rawLine.count > LineReader.maxLineBytes {
                throw InputError(file: file, line: lineNumber + 1, message: "строка длиннее \(LineReader.maxLineBytes) байт: это не реестр")
            }
            if let nl { pos = nl + 1; break }
            pos = count
        }
        guard sawAny else { return false }
        lineNumber += 1
        if rawLine.last == 13 { rawLine.removeLast() }
        if lineNumber == 1, encoding == .utf8, rawLine.starts(with: [0xEF, 0xBB, 0xBF]) { rawLine.removeFirst(3) }
        decode()
        return true
    }

    /// SHA-256 (hex) of the file's bytes; reads the rest of the file if needed.
    public func sha256() throws -> String {
        if let digest { return digest }
        while !eof { pos = count; try fill() }
        let d = hasher.finalizeHex()
        digest = d
        return d
    }

    private func decode() {
        if encoding == .utf8 { swap(&line, &rawLine); rawLine.removeAll(keepingCapacity: true); return }
        line.removeAll(keepingCapacity: true)
        if rawLine.isEmpty { return }
        let need = rawLine.count * 3
        if need > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = max(need, scratchCapacity * 2)
            scratch = .allocate(capacity: scratchCapacity)
        }
        let out = scratch
        let written = rawLine.withUnsafeBytes { input in
            encoding == .cp866 ? CP866.transcode(input, into: out) : CP1251.transcode(input, into: out)
        }
        line.append(contentsOf: UnsafeBufferPointer(start: out, count: written))
    }

    private func fill() throws {
        pos = 0; count = 0
        var n: Int
        repeat { n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } } while n < 0 && errno == EINTR
        if n < 0 { throw InputError(file: file, message: "ошибка чтения: " + String(cString: strerror(errno))) }
        if n == 0 { eof = true; return }
        count = n
        bytesRead += n
        if hashing { chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) } }
    }
}
