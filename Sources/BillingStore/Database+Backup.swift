import CSQLite

extension Database {
    /// A consistent copy of the whole database at `path` through SQLite's online
    /// backup: one step over every page under one read snapshot, so writers in
    /// other processes go on (WAL) and the copy is a database as of one moment.
    /// The file must not exist yet; it is created 0600 like the database itself.
    public func backup(to path: String) throws {
        var dest: OpaquePointer?
        let rc = sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let dest else {
            let msg = dest.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let dest { sqlite3_close_v2(dest) }
            throw DatabaseError(code: rc, message: "\(msg) (\(path))", sql: nil)
        }
        defer { sqlite3_close_v2(dest) }
        guard let b = sqlite3_backup_init(dest, "main", handle, "main") else {
            throw DatabaseError(code: sqlite3_errcode(dest), message: String(cString: sqlite3_errmsg(dest)), sql: "backup")
        }
        var step = SQLITE_OK
        repeat {
            step = sqlite3_backup_step(b, -1)
            if step == SQLITE_BUSY || step == SQLITE_LOCKED { sqlite3_sleep(50) }
        } while step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED
        let finish = sqlite3_backup_finish(b)
        guard step == SQLITE_DONE, finish == SQLITE_OK else {
            throw DatabaseError(code: step == SQLITE_DONE ? finish : step, message: String(cString: sqlite3_errmsg(dest)), sql: "backup")
        }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: the problems SQLite
    /// reports; empty when the file is sound.
    public func integrityProblems() throws -> [String] {
        var out: [String] = []
        let s = try prepareUncached("PRAGMA integrity_check")
        while try s.step() { if s.text(0) != "ok" { out.append(s.text(0)) } }
        let f = try prepareUncached("PRAGMA foreign_key_check")
        while try f.step() { out.append("foreign key: table \(f.text(0)) row \(f.int(1)) → \(f.text(2))") }
        return out
    }
}
