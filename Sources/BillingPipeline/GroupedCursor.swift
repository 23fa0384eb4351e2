import BillingStore

/// A forward-only cursor over a statement sorted by account id (column 0),
/// handing out one account's rows at a time. The close merge-joins several of
/// these instead of querying per account, so a million accounts cost a handful
/// of sequential scans, not a million queries.
final class GroupedCursor<Row> {
    private let statement: Statement
    private let decode: (Statement) -> Row
    private var pendingKey: String?
    private var pendingRow: Row?
    private var exhausted = false

    init(_ statement: Statement, decode: @escaping (Statement) -> Row) throws {
        self.statement = statement
        self.decode = decode
        try advance()
    }

    private func advance() throws {
        if try statement.step() {
            pendingKey = statement.text(0)
            pendingRow = decode(statement)
        } else {
            pendingKey = nil
            pendingRow = nil
            exhausted = true
        }
    }

    /// The rows of `account`, skipping rows of accounts before it (other regions,
    /// accounts not being closed). Account ids must be requested in ascending order.
    func rows(for account: String) throws -> [Row] {
        var out: [Row] = []
        while !exhausted, let key = pendingKey {
            if key < account { try advance(); continue }
            if key > account { break }
            out.append(pendingRow!)
            try advance()
        }
        return out
    }
}
