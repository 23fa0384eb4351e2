import CSQLite
import BillingCore

/// A value bound to or read from SQL; the store keeps money, prices and volumes
/// as INTEGER and dates as ISO TEXT, so there is no real-number case.
enum SQLValue: Sendable, Hashable {
    case int(Int64)
    case text(String)
    case null
}

extension SQLValue {
    static func optText(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
    static func optInt(_ v: Int64?) -> SQLValue { v.map { .int($0) } ?? .null }
    static func date(_ d: CivilDate?) -> SQLValue { d.map { .text($0.iso) } ?? .null }
}

private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. Binding is positional (1-based, as SQLite counts).
///
/// The hot-path binders do not throw (an insert binds a dozen values per row); a
/// failed bind is recorded instead and thrown by the next step, before SQLite runs
/// the statement with the parameter unbound. `bind(_:)` throws at once.
final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    let sql: String
    /// The first failed bind since the last reset or step (SQLITE_OK: none).
    private var bindFailure: Int32 = SQLITE_OK
    private var bindFailureIndex: Int32 = 0

    init(database: Database, sql: String) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw database.error(rc, sql) }
        self.handle = stmt
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        bindFailure = SQLITE_OK
    }

    /// Keeps the first failure: the later ones are usually its consequence.
    @inline(__always) private func check(_ rc: Int32, at index: Int32) {
        if rc != SQLITE_OK && bindFailure == SQLITE_OK { bindFailure = rc; bindFailureIndex = index }
    }

    /// Throws (and clears) a failed bind recorded since the last reset.
    @inline(__always) private func throwBindFailure() throws {
        guard bindFailure != SQLITE_OK else { return }
        let rc = bindFailure, index = bindFailureIndex
        bindFailure = SQLITE_OK
        sqlite3_reset(handle)
        throw bindError(rc, at: index)
    }

    private func bindError(_ rc: Int32, at index: Int32) -> DatabaseError {
        let name = sqlite3_bind_parameter_name(handle, index).map { String(cString: $0) } ?? "?\(index)"
        return DatabaseError(code: rc, message: "cannot bind parameter \(name): " + String(cString: sqlite3_errstr(rc)), sql: sql)
    }

    func bind(_ values: [SQLValue]) throws {
        for (i, v) in values.enumerated() { try bind(v, at: Int32(i + 1)) }
    }

    func bind(_ value: SQLValue, at index: Int32) throws {
        let rc: Int32
        switch value {
        case .int(let v): rc = sqlite3_bind_int64(handle, index, v)
        case .text(let s): rc = sqlite3_bind_text(handle, index, s, -1, SQLITE_TRANSIENT)
        case .null: rc = sqlite3_bind_null(handle, index)
        }
        if rc != SQLITE_OK { throw bindError(rc, at: index) }
    }

    @inline(__always) func bindInt(_ v: Int64, at index: Int32) {
        check(sqlite3_bind_int64(handle, index, v), at: index)
    }

    @inline(__always) func bindNull(at index: Int32) {
        check(sqlite3_bind_null(handle, index), at: index)
    }

    /// Binds raw UTF-8 bytes as TEXT (copied), for the importers' zero-copy fields.
    @inline(__always) func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        bytes.withMemoryRebound(to: CChar.self) { p in
            check(sqlite3_bind_text(handle, index, p.baseAddress, Int32(p.count), SQLITE_TRANSIENT), at: index)
        }
    }

    /// Binds raw UTF-8 bytes as TEXT without copying: the bytes must stay valid and
    /// unchanged until the statement is stepped and reset (the readings hot path).
    @inline(__always) func bindTextNoCopy(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        bytes.withMemoryRebound(to: CChar.self) { p in
            check(sqlite3_bind_text(handle, index, p.baseAddress, Int32(p.count), nil), at: index)
        }
    }

    /// Binds bytes as a BLOB without copying (the close's details): the bytes must stay
    /// valid and unchanged until the statement is stepped and reset.
    @inline(__always) func bindBlobNoCopy(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        if let base = bytes.baseAddress { check(sqlite3_bind_blob(handle, index, base, Int32(bytes.count), nil), at: index) }
        else { check(sqlite3_bind_zeroblob(handle, index, 0), at: index) }
    }

    /// Binds bytes as a BLOB (copied).
    func bindBlob(_ bytes: [UInt8], at index: Int32) {
        bytes.withUnsafeBytes { b in
            check(sqlite3_bind_blob(handle, index, b.baseAddress, Int32(b.count), SQLITE_TRANSIENT), at: index)
        }
    }

    /// Binds a String's UTF-8 (copied) without building a C string first.
    @inline(__always) func bindText(_ s: String, at index: Int32) {
        var s = s
        s.withUTF8 { b in
            b.withMemoryRebound(to: CChar.self) { p in
                if let base = p.baseAddress { check(sqlite3_bind_text(handle, index, base, Int32(p.count), SQLITE_TRANSIENT), at: index) }
                else { check(sqlite3_bind_text(handle, index, "", 0, SQLITE_TRANSIENT), at: index) }
            }
        }
    }

    /// Steps once; true when a row is available.
    @discardableResult
    func step() throws -> Bool {
        try throwBindFailure()
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw database.error(rc, sql)
    }

    /// Runs to completion and resets for reuse.
    func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Steps after binding, then resets: the insert hot path.
    @inline(__always) func runOnce() throws {
        try throwBindFailure()
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        if rc != SQLITE_DONE && rc != SQLITE_ROW { throw database.error(rc, sql) }
    }

    @inline(__always) func int(_ col: Int32) -> Int64 { sqlite3_column_int64(handle, col) }
    @inline(__always) func isNull(_ col: Int32) -> Bool { sqlite3_column_type(handle, col) == SQLITE_NULL }
    func text(_ col: Int32) -> String {
        guard let p = sqlite3_column_text(handle, col) else { return "" }
        let n = Int(sqlite3_column_bytes(handle, col))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }
    func optText(_ col: Int32) -> String? { isNull(col) ? nil : text(col) }
    /// The column's UTF-8 bytes without building a String; valid until the next step or reset.
    @inline(__always) func textBytes(_ col: Int32) -> UnsafeBufferPointer<UInt8> {
        let p = sqlite3_column_text(handle, col)
        let n = Int(sqlite3_column_bytes(handle, col))
        return UnsafeBufferPointer(start: p, count: p == nil ? 0 : n)
    }
    func optInt(_ col: Int32) -> Int64? { isNull(col) ? nil : int(col) }
    /// The column's bytes as a BLOB; valid until the next step or reset (NULL: empty).
    @inline(__always) func blobBytes(_ col: Int32) -> UnsafeBufferPointer<UInt8> {
        let p = sqlite3_column_blob(handle, col)
        let n = Int(sqlite3_column_bytes(handle, col))
        return UnsafeBufferPointer(start: p?.assumingMemoryBound(to: UInt8.self), count: p == nil ? 0 : n)
    }

    /// The result column's name as the SQL gives it (for messages about a stored value).
    func columnName(_ col: Int32) -> String { sqlite3_column_name(handle, col).map { String(cString: $0) } ?? "column \(col)" }
    /// A date column parsed straight from SQLite's bytes (no String on the way).
    func date(_ col: Int32) -> CivilDate? {
        guard let p = sqlite3_column_text(handle, col) else { return nil }
        return CivilDate.parse(UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, col))))
    }

    func period(_ col: Int32) -> Period? {
        guard let p = sqlite3_column_text(handle, col) else { return nil }
        return Period.parse(UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, col))))
    }

    func timestamp(_ col: Int32) -> LocalTimestamp? {
        guard let p = sqlite3_column_text(handle, col) else { return nil }
        return LocalTimestamp.parse(UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, col))))
    }
}
