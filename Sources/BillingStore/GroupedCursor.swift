#if canImport(Glibc)
import Glibc
#endif
import BillingCore

/// A forward-only cursor over a statement sorted by account id (column 0),
/// handing out one account's rows at a time. The close merge-joins several of
/// these instead of querying per account, so a million accounts cost a handful
/// of sequential scans, not a million queries.
public final class GroupedCursor<Row> {
    private let statement: Statement
    private let expand: (Statement, inout [Row]) throws -> Void
    private var hasRow = false

    convenience init(_ statement: Statement, decode: @escaping (Statement) throws -> Row) throws {
        try self.init(statement, expand: { s, out in out.append(try decode(s)) })
    }

    /// `expand` appends the rows one stored row holds (an account-period's detail holds its lines).
    init(_ statement: Statement, expand: @escaping (Statement, inout [Row]) throws -> Void) throws {
        self.statement = statement
        self.expand = expand
        hasRow = try statement.step()
    }

    /// The rows of `account`, skipping rows of accounts before it (other regions,
    /// accounts not being closed). Account ids must be requested in ascending order.
    public func rows(for account: String) throws -> [Row] {
        var out: [Row] = []
        try appendRows(for: account, to: &out)
        return out
    }

    /// The same rows appended to `out`, so merged cursors build one array, not one per period.
    /// Keys are compared as bytes straight from SQLite (the BINARY order the scans are
    /// sorted by), and only matching rows are decoded.
    public func appendRows(for account: String, to out: inout [Row]) throws {
        guard hasRow else { return }
        var key = account
        try key.withUTF8 { want in
            while hasRow {
                let order = compareBytes(statement.textBytes(0), want)
                if order > 0 { break }
                if order == 0 { try expand(statement, &out) }
                hasRow = try statement.step()
            }
        }
    }
}

/// memcmp order, shorter first on a common prefix: SQLite's BINARY collation.
@inline(__always)
func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = min(a.count, b.count)
    if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
        let c = memcmp(pa, pb, n)
        if c != 0 { return Int(c) }
    }
    return a.count - b.count
}

/// One account's rows from several periods, in period order, each period read by
/// its own range scan of a period-first table (account_periods, ledger). Tables
/// keyed by period first only ever grow at their end, so a close appends instead
/// of rewriting a million accounts' old rows; reading an account's whole history
/// becomes a merge of per-period scans, which is as sequential as before.
public final class PeriodMergeCursor<Row> {
    private let cursors: [GroupedCursor<Row>]

    /// `sql` selects account_id first and has `?1` for the period, then `extra` values from `?2` on.
    convenience init(_ db: Database, periods: [Period], sql: String, extra: [SQLValue] = [],
                     decode: @escaping (Statement) throws -> Row) throws {
        try self.init(db, periods: periods, sql: { _ in sql }, extra: extra) { _ in { s, out in out.append(try decode(s)) } }
    }

    /// Per period its own SQL and expansion (a period's rows may need no decoding at all).
    init(_ db: Database, periods: [Period], sql: (Period) -> String?, extra: [SQLValue] = [],
         expand: (Period) -> (Statement, inout [Row]) throws -> Void) throws {
        cursors = try periods.compactMap { p in
            guard let text = sql(p) else { return nil }
            let s = try db.prepareUncached(text)
            try s.bind([.text(p.description)] + extra)
            return try GroupedCursor(s, expand: expand(p))
        }
    }

    public func rows(for account: String) throws -> [Row] {
        var out: [Row] = []
        out.reserveCapacity(cursors.count)
        for c in cursors { try c.appendRows(for: account, to: &out) }
        return out
    }
}

/// Closed periods (any region) before `period`, oldest first: the partitions of
/// the period-first tables that hold an account's history.
public func closedPeriods(_ db: Database, before period: Period? = nil, from: Period? = nil) throws -> [Period] {
    let s = try db.prepareUncached("SELECT DISTINCT period FROM closes WHERE period < ?1 AND period >= ?2 ORDER BY period")
    try s.bind([.text(period?.description ?? "9999-99"), .text(from?.description ?? "0000-00")])
    var out: [Period] = []
    while try s.step() { if let p = Period(s.text(0)) { out.append(p) } }
    return out
}
