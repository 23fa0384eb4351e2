import BillingCore

/// The `imports` table: one row per import run, inserted first (payments and rejects
/// point to it) and completed with the counts when the run finishes.
extension Database {
    /// A new run of `kind` (ImportKind's raw value) reading `fileName`; its id.
    public func insertImport(kind: String, fileName: String) throws -> Int64 {
        try run("INSERT INTO imports(kind, file_name, sha256, rows_read, rows_stored, rows_unchanged, rows_rejected) VALUES (?, ?, '', 0, 0, 0, 0)",
                [.text(kind), .text(fileName)])
        return lastInsertRowID
    }

    /// Records what the run did.
    public func completeImport(id: Int64, sha256: String, rowsRead: Int, stored: Int, unchanged: Int, rejected: Int) throws {
        try run("UPDATE imports SET sha256 = ?, rows_read = ?, rows_stored = ?, rows_unchanged = ?, rows_rejected = ? WHERE id = ?",
                [.text(sha256), .int(Int64(rowsRead)), .int(Int64(stored)), .int(Int64(unchanged)), .int(Int64(rejected)), .int(id)])
    }

    /// True when another run of `kind` imported the same bytes.
    public func importSeenBefore(kind: String, sha256: String, excluding id: Int64) throws -> Bool {
        try scalarInt("SELECT count(*) FROM imports WHERE kind = ? AND sha256 = ? AND id <> ?",
                      [.text(kind), .text(sha256), .int(id)]) ?? 0 > 0
    }

    /// Inserts the `rejects` rows of one run; `cached: false` gives the inserter a
    /// statement of its own (one that lives and dies with it, for the readings writer).
    public func rejectInserter(importId: Int64, cached: Bool = true) throws -> RejectInserter {
        let s = cached ? try prepare(RejectInserter.sql) : try prepareUncached(RejectInserter.sql)
        return RejectInserter(s, importId: importId)
    }
}

/// The `rejects` table's insert for one import run, its statement prepared once.
public final class RejectInserter {
    static let sql = "INSERT INTO rejects(import_id, line, field, reason, row) VALUES (?, ?, ?, ?, ?)"
    private let insert: Statement
    private let importId: Int64

    init(_ insert: Statement, importId: Int64) { self.insert = insert; self.importId = importId }

    public func insert(line: Int64, field: String, reason: String, row: String) throws {
        insert.bindInt(importId, at: 1); insert.bindInt(line, at: 2)
        insert.bindText(field, at: 3); insert.bindText(reason, at: 4); insert.bindText(row, at: 5)
        try insert.runOnce()
    }
}
