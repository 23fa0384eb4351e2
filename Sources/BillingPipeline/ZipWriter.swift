#if canImport(Glibc)
import Glibc
#endif
import BillingInput

/// A store-only ZIP archive written as a stream (print shops and mailers take one
/// file, not a million). Deterministic: every entry carries the same DOS time
/// (1980-01-01 00:00), names are UTF-8 (flag bit 11), order is the order of `add`.
/// Written to `<path>.tmp` and renamed by `finish`, like every output file; the
/// SHA-256 of the bytes is taken on the way out. ZIP64 records appear only when an
/// archive holds more than 65,535 entries or grows past 4 GiB.
public final class ZipWriter {
    public let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var offset: UInt64 = 0
    private var central: [UInt8] = []
    private var entries: UInt64 = 0
    private var names = Set<String>()
    private let digest = StreamHash()
    private var done = false
    /// Offsets from here on go into ZIP64 fields (4 GiB; lower only in tests).
    private let far: UInt64

    private static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1   // 1980-01-01
    private static let dosTime: UInt16 = 0
    private static let utf8Flag: UInt16 = 1 << 11
    /// Unix regular file, rw-r----- (what unzip restores).
    private static let externalAttributes: UInt32 = UInt32(0o100640) << 16

    public convenience init(path: String) throws { try self.init(path: path, zip64From: 0xFFFF_FFFF) }

    init(path: String, zip64From: UInt64) throws {
        self.path = path
        far = zip64From
        fd = open(path + ".tmp", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw OutputWriteError(path: path, reason: errnoText(errno)) }
        buffer.reserveCapacity(Self.flushSize + (64 << 10))
    }

    deinit { if !done { abandon() } }

    /// Bytes written so far (local headers and data), what the next entry's offset will be.
    public var size: UInt64 { offset }

    /// `crc`: the entry's CRC-32 when the caller took it already (on the render threads).
    public func add(name: String, bytes: [UInt8], crc known: UInt32? = nil) throws {
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 0xFFFF, names.insert(name).inserted else {
            throw OutputWriteError(path: path, reason: "недопустимое или повторное имя в архиве: \(name)")
        }
        guard UInt64(bytes.count) < 0xFFFF_FFFF else {
            throw OutputWriteError(path: path, reason: "файл \(name) больше 4 ГиБ, такой в архив не пишется")
        }
        let crc = known ?? CRC32.checksum(bytes)
        let size = UInt32(bytes.count)
        let local = offset
        var h: [UInt8] = []
        h.reserveCapacity(30 + nameBytes.count)
        h.le32(0x0403_4B50); h.le16(20); h.le16(Self.utf8Flag); h.le16(0)
        h.le16(Self.dosTime); h.le16(Self.dosDate); h.le32(crc); h.le32(size); h.le32(size)
        h.le16(UInt16(nameBytes.count)); h.le16(0)
        h.append(contentsOf: nameBytes)
        try emit(h)
        try emit(bytes)

        let far = local >= self.far
        central.le32(0x0201_4B50); central.le16((3 << 8) | (far ? 45 : 20)); central.le16(far ? 45 : 20)
        central.le16(Self.utf8Flag); central.le16(0); central.le16(Self.dosTime); central.le16(Self.dosDate)
        central.le32(crc); central.le32(size); central.le32(size)
        central.le16(UInt16(nameBytes.count)); central.le16(far ? 12 : 0); central.le16(0)
        central.le16(0); central.le16(0); central.le32(Self.externalAttributes)
        central.le32(far ? 0xFFFF_FFFF : UInt32(local))
        central.append(contentsOf: nameBytes)
        if far { central.le16(0x0001); central.le16(8); central.le64(local) }
        entries += 1
    }

    /// Writes the central directory and the end records, renames the archive into
    /// place; returns the SHA-256 (hex) of the archive's bytes.
    @discardableResult
    public func finish() throws -> String {
        let cdOffset = offset, cdSize = UInt64(central.count)
        try emit(central)
        central = []
        let zip64 = entries > 0xFFFF || cdOffset >= far || cdSize >= far
        if zip64 {
            let zip64At = offset
            var z: [UInt8] = []
            z.le32(0x0606_4B50); z.le64(44); z.le16((3 << 8) | 45); z.le16(45); z.le32(0); z.le32(0)
            z.le64(entries); z.le64(entries); z.le64(cdSize); z.le64(cdOffset)
            z.le32(0x0706_4B50); z.le32(0); z.le64(zip64At); z.le32(1)
            try emit(z)
        }
        var e: [UInt8] = []
        e.le32(0x0605_4B50); e.le16(0); e.le16(0)
        e.le16(UInt16(min(entries, 0xFFFF))); e.le16(UInt16(min(entries, 0xFFFF)))
        e.le32(cdSize >= far ? 0xFFFF_FFFF : UInt32(cdSize)); e.le32(cdOffset >= far ? 0xFFFF_FFFF : UInt32(cdOffset)); e.le16(0)
        try emit(e)
        try flush()
        done = true
        guard close(fd) == 0 else { let why = errnoText(errno); unlink(path + ".tmp"); throw OutputWriteError(path: path, reason: why) }
        guard rename(path + ".tmp", path) == 0 else {
            let why = errnoText(errno); unlink(path + ".tmp"); throw OutputWriteError(path: path, reason: why)
        }
        return digest.finish()
    }

    /// Drops the half-written archive (an error elsewhere ended the run).
    public func abandon() {
        guard !done else { return }
        done = true
        close(fd)
        unlink(path + ".tmp")
    }

    private static let flushSize = 1 << 20

    private func emit(_ bytes: [UInt8]) throws {
        offset += UInt64(bytes.count)
        if bytes.count >= Self.flushSize {
            try flush()
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
            if buffer.count >= Self.flushSize { try flush() }
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        digest.update(bytes)
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buf in
            guard let base = buf.baseAddress else { return }
            var off = 0
            while off < buf.count {
                let n = write(fd, base + off, buf.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = n == 0 ? ENOSPC : errno; return }
                off += n
            }
        }
        if failure != 0 {
            abandon()
            throw OutputWriteError(path: path, reason: errnoText(failure))
        }
    }
}

/// The archive's SHA-256 taken on a thread of its own: the writer hands each chunk
/// over and goes on writing (hashing 2 GB of documents serially behind the writes
/// was the longest chain of an archive close). At most a few chunks wait, bounding memory.
struct StreamHash {
    private let stage = SerialStage(SHA256(), label: "energobill.zip.sha256", inFlight: 4)

    func update(_ chunk: [UInt8]) {
        // Hashing cannot fail, so neither can handing it over.
        try? stage.hand { hasher in chunk.withUnsafeBytes { hasher.update($0) } }
    }

    func finish() -> String {
        stage.waitForAll()
        var hasher = stage.state
        return hasher.finalizeHex()
    }
}

/// CRC-32 (IEEE 802.3, reflected 0xEDB88320), the checksum ZIP entries carry.
/// Table-driven, eight bytes a step (slicing-by-8: tables[k][b] is the CRC of byte b
/// followed by k zero bytes), since every document byte of an archive passes here.
public enum CRC32 {
    static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[i] = c
        }
        for k in 1..<8 {
            for i in 0..<256 { let prev = t[(k - 1) * 256 + i]; t[k * 256 + i] = t[Int(prev & 0xFF)] ^ (prev >> 8) }
        }
        return t
    }()

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        tables.withUnsafeBufferPointer { t in
            bytes.withUnsafeBufferPointer { b in
                var i = 0
                let n = b.count
                while i + 8 <= n {
                    let lo = c ^ (UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24)
                    let hi = UInt32(b[i + 4]) | UInt32(b[i + 5]) << 8 | UInt32(b[i + 6]) << 16 | UInt32(b[i + 7]) << 24
                    c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                        ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                        ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                        ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                    i += 8
                }
                while i < n { c = t[Int((c ^ UInt32(b[i])) & 0xFF)] ^ (c >> 8); i += 1 }
            }
        }
        return c ^ 0xFFFF_FFFF
    }
}

private extension Array where Element == UInt8 {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { for s in stride(from: 0, to: 32, by: 8) { append(UInt8((v >> UInt32(s)) & 0xFF)) } }
    mutating func le64(_ v: UInt64) { for s in stride(from: 0, to: 64, by: 8) { append(UInt8((v >> UInt64(s)) & 0xFF)) } }
}
