import CSQLite
import BillingCore

/// A failure reported by SQLite, with the result code, SQLite's message and the
/// SQL that failed, so an operator's report says what broke and where.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let sql: String?
    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " — in: \($0)" } ?? "")
    }
    /// SQLITE_BUSY / SQLITE_LOCKED: another process holds the database.
    public var isBusy: Bool { code & 0xff == SQLITE_BUSY || code & 0xff == SQLITE_LOCKED }

    /// What an operator can do something about, by SQLite's primary result code.
    public enum Cause: Sendable { case diskFull, readOnly, corrupt, io, cannotOpen, other }
    public var cause: Cause {
        switch code & 0xff {
        case SQLITE_FULL: .diskFull
        case SQLITE_READONLY: .readOnly
        case SQLITE_CORRUPT, SQLITE_NOTADB: .corrupt
        case SQLITE_IOERR: .io
        case SQLITE_CANTOPEN: .cannotOpen
        default: .other
        }
    }
}

/// How a `write` transaction ends: the body decides, so a dry run or a file seen
/// before rolls back without throwing.
public enum TransactionCompletion: Sendable, Equatable { case commit, rollback }

/// Process-wide SQLite settings, applied once before the first connection.
private let sqliteConfigured: Bool = {
    energobill_sqlite_disable_memstatus() == SQLITE_OK
}()

/// One connection to the energobill database. Not shared between threads: the
/// close reads and writes from one thread and computes on others.
public final class Database {
    public let path: String
    let handle: OpaquePointer
    private var cache: [String: Statement] = [:]

    /// Opens (creating if needed) the database with WAL and foreign keys on.
    public init(path: String, readOnly: Bool = false) throws {
        _ = sqliteConfigured
        self.path = path
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw DatabaseError(code: rc, message: "\(msg) (\(path))", sql: nil)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        try execute("PRAGMA foreign_keys = ON")
        if !readOnly {
            try execute("PRAGMA journal_mode = WAL")
            try execute("PRAGMA synchronous = NORMAL")
        }
        try execute("PRAGMA temp_store = MEMORY")
        // 128 MiB of page cache per connection; no mmap, so peak memory stays the
        // process's own and does not grow with the database file.
        try execute("PRAGMA cache_size = -131072")
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    func error(_ rc: Int32, _ sql: String?) -> DatabaseError {
        DatabaseError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(err)
            throw DatabaseError(code: rc, message: msg, sql: sql)
        }
    }

    /// A prepared statement, cached by its SQL text and reset for reuse.
    func prepare(_ sql: String) throws -> Statement {
        if let s = cache[sql] { s.reset(); return s }
        let s = try Statement(database: self, sql: sql)
        cache[sql] = s
        return s
    }

    /// A statement outside the cache, for one-off or concurrent cursors.
    func prepareUncached(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `body` inside BEGIN IMMEDIATE (the writer's lock is taken before the first
    /// read, so what it reads cannot change under it) and ends the transaction as the
    /// body answers; any throw, or a COMMIT that fails, rolls everything back and
    /// rethrows, so an import or a close is stored whole or not at all.
    public func write<T>(_ body: () throws -> (T, TransactionCompletion)) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let (result, completion) = try body()
            switch completion {
            case .commit: try execute("COMMIT")
            case .rollback: try execute("ROLLBACK")
            }
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// `write` without a value: `db.write { …; return dryRun ? .rollback : .commit }`.
    public func write(_ body: () throws -> TransactionCompletion) throws {
        try write { ((), try body()) }
    }

    /// `write` that always commits what `body` did and returns its value.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try write { (try body(), .commit) }
    }

    /// Runs `body` inside one deferred transaction: every query sees the same snapshot
    /// (taken at the first read) however long the scan runs, and the transaction is
    /// rolled back at the end, so a read never stores anything.
    public func read<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("ROLLBACK")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// Busy timeout in milliseconds; 0 makes a locked database fail at once.
    public func setBusyTimeout(_ ms: Int32) { sqlite3_busy_timeout(handle, ms) }

    /// First column of the first row, or nil.
    func scalarInt(_ sql: String, _ args: [SQLValue] = []) throws -> Int64? {
        let s = try prepare(sql)
        defer { s.reset() }  // an unfinished statement would block DDL and checkpoints
        try s.bind(args)
        guard try s.step() else { return nil }
        return s.isNull(0) ? nil : s.int(0)
    }

    func scalarText(_ sql: String, _ args: [SQLValue] = []) throws -> String? {
        let s = try prepare(sql)
        defer { s.reset() }
        try s.bind(args)
        guard try s.step() else { return nil }
        return s.isNull(0) ? nil : s.text(0)
    }

    /// Runs a statement with arguments that returns no rows.
    func run(_ sql: String, _ args: [SQLValue] = []) throws {
        let s = try prepare(sql)
        try s.bind(args)
        try s.run()
    }
}
