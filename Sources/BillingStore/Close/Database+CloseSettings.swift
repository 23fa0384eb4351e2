// Connection settings a close changes for its one large transaction, and the WAL
// checkpoint it runs beside its outputs (foreign keys: the bulk load's setForeignKeys).

extension Database {
    /// The page cache size as PRAGMA cache_size takes it (negative: KiB; positive: pages).
    public func setCacheSize(_ value: Int) throws {
        try execute("PRAGMA cache_size = \(value)")
    }

    /// The automatic WAL checkpoint threshold in pages (0: off).
    public func setWALAutoCheckpoint(pages: Int) throws {
        try execute("PRAGMA wal_autocheckpoint = \(pages)")
    }

    /// Copies what it can from the WAL into the database file without waiting for readers.
    public func checkpointWALPassive() throws {
        try execute("PRAGMA wal_checkpoint(PASSIVE)")
    }
}
