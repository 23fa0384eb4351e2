/// What the large imports do around a bulk load: foreign-key checks off while the
/// importer checks every key itself, and an index dropped inside the transaction and
/// rebuilt from its own stored SQL before commit (one sort instead of a million
/// random index inserts; a failed import rolls the drop back).
extension Database {
    /// An index the large imports may drop and rebuild.
    public enum BulkIndex: String, Sendable {
        case readingsReceived = "readings_received"
        case paymentsAccount = "payments_account"
        case paymentsMonth = "payments_month"
    }

    /// A dropped index, to rebuild with `rebuild(_:)`.
    public struct DroppedIndex: Sendable {
        let sql: String
    }

    /// `write`, and for a bulk load (`bulk`: a file larger than the table it goes into) when no other
    /// connection has the database open, the transaction runs with a rollback journal
    /// instead of the WAL: a page past the file's old end needs no journal entry, so the
    /// new rows are written once, into the file, instead of into the WAL and then again
    /// by the checkpoint. With another connection open the mode cannot change and the
    /// load runs in the WAL as any write does. The WAL is back before this returns; a
    /// crash in between leaves an ordinary hot journal that the next open rolls back.
    public func write<T>(bulk: Bool, _ body: () throws -> (T, TransactionCompletion)) throws -> T {
        guard bulk else { return try write(body) }
        let journaled = (try? scalarText("PRAGMA journal_mode = DELETE")) == "delete"
        defer { if journaled { try? execute("PRAGMA journal_mode = WAL") } }
        return try write(body)
    }

    /// Foreign keys can only change outside a transaction.
    public func setForeignKeys(_ on: Bool) throws {
        try execute(on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF")
    }

    /// Drops the index (nil when it does not exist). Its SQL is read through a statement
    /// finalized at once: a cached statement left on a row would lock the table for DDL.
    public func drop(_ index: BulkIndex) throws -> DroppedIndex? {
        let sql: String?
        do {
            let s = try prepareUncached("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?")
            try s.bind([.text(index.rawValue)])
            sql = try s.step() ? s.optText(0) : nil
            s.reset()
        }
        guard let sql else { return nil }
        try execute("DROP INDEX " + index.rawValue)
        return DroppedIndex(sql: sql)
    }

    /// Builds a dropped index again; `sorterThreads` > 0 lets SQLite's sort use more cores
    /// for it (the result is the same).
    public func rebuild(_ index: DroppedIndex, sorterThreads: Int = 0) throws {
        guard sorterThreads > 0 else { return try execute(index.sql) }
        try execute("PRAGMA threads = \(sorterThreads)")
        defer { try? execute("PRAGMA threads = 0") }
        try execute(index.sql)
    }

    /// The largest rowid of the table (0 when empty): a cheap upper bound of its rows.
    public func paymentsRowBound() throws -> Int64 {
        try scalarInt("SELECT coalesce(max(rowid), 0) FROM payments") ?? 0
    }

    public func accountsRowBound() throws -> Int64 {
        try scalarInt("SELECT coalesce(max(rowid), 0) FROM accounts") ?? 0
    }

    /// Every account id as SQLite's bytes (valid during the call), in stored order.
    public func forEachAccountId(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let s = try prepareUncached("SELECT account_id FROM accounts")
        while try s.step() { try body(s.textBytes(0)) }
        s.reset()
    }
}
