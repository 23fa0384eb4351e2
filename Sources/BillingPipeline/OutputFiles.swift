#if canImport(Glibc)
import Glibc
#endif
import BillingCore
import BillingRender

/// Writes output files under OUT only, atomically (temp file + rename), so a
/// reader never sees half a document and no path can leave OUT.
public struct OutputFiles: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    /// A path under OUT from parts that were validated as plain names.
    public func path(_ parts: String...) -> String {
        for p in parts { precondition(Self.isSafePart(p), "unsafe output path part: \(p)") }
        return ([root] + parts).joined(separator: "/")
    }

    /// A file or folder name that cannot climb out of OUT: no separators, no "..".
    public static func isSafePart(_ p: String) -> Bool {
        !p.isEmpty && p != "." && p != ".." && !p.contains("/") && !p.contains("\0")
    }

    public func makeDirectory(_ parts: String...) throws {
        var current = root
        try Self.mkdir(current)
        for p in parts {
            precondition(Self.isSafePart(p), "unsafe output path part: \(p)")
            current += "/" + p
            try Self.mkdir(current)
        }
    }

    static func mkdir(_ path: String) throws {
        var components: [String] = []
        for c in path.split(separator: "/", omittingEmptySubsequences: false) { components.append(String(c)) }
        var built = ""
        for (i, c) in components.enumerated() {
            built += (i == 0 ? "" : "/") + c
            if built.isEmpty || built == "." { continue }
            if Glibc.mkdir(built, 0o755) != 0 && errno != EEXIST {
                throw OutputWriteError(path: built, reason: errnoText(errno), folder: true)
            }
        }
    }

    /// Writes bytes to `path` atomically; a `.csv` file in the chosen CSV dialect.
    /// Returns the bytes written (what an output hash is taken of).
    @discardableResult
    public static func write(_ machineBytes: [UInt8], to path: String) throws -> [UInt8] {
        let bytes = path.hasSuffix(".csv") && CSVDialect.current != .machine
            ? CSVDialect.current.preamble + CSVDialect.current.render(machineBytes) : machineBytes
        let tmp = path + ".tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputWriteError(path: path, reason: errnoText(errno)) }
        var off = 0
        let ok: Bool = bytes.withUnsafeBytes { buf in
            guard let base = buf.baseAddress else { return true }
            while off < buf.count {
                let n = Glibc.write(fd, base + off, buf.count - off)
                if n <= 0 { return false }
                off += n
            }
            return true
        }
        let writeErrno = errno
        close(fd)
        guard ok else {
            unlink(tmp)
            throw OutputWriteError(path: path, reason: errnoText(writeErrno))
        }
        guard rename(tmp, path) == 0 else {
            let why = errnoText(errno)
            unlink(tmp)
            throw OutputWriteError(path: path, reason: why)
        }
        return bytes
    }

    @discardableResult
    public static func write(_ text: String, to path: String) throws -> [UInt8] {
        try write(Array(text.utf8), to: path)
    }
}

/// An output file or folder that could not be written (disk full, no permission):
/// the caller says what was and was not stored.
public struct OutputWriteError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var folder = false
    public var description: String { "не удалось \(folder ? "создать папку" : "записать файл") \(path): \(reason)" }
}

/// The system's reason in the operator's words for the common cases.
func errnoText(_ e: Int32) -> String {
    switch e {
    case ENOSPC: return "на диске нет места"
    case EACCES, EPERM: return "нет прав на запись"
    case EROFS: return "файловая система только для чтения"
    case EDQUOT: return "исчерпана дисковая квота"
    case ENOTDIR: return "часть пути — файл, а не папка"
    default: return String(cString: strerror(e))
    }
}
