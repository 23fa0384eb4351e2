import BillingCore

/// Named reads of the accounts table.
extension Database {
    static let accountSelect = "SELECT " + AccountRecord.columnList + " FROM accounts"

    public func account(id: String) throws -> Account? {
        let s = try prepare(Self.accountSelect + " WHERE account_id = ?")
        defer { s.reset() }
        try s.bind([.text(id)])
        return try s.step() ? AccountRecord.decode(s) : nil
    }

    /// The accounts of one taxpayer (a legal entity's several contracts), by id.
    public func accounts(inn: String) throws -> [Account] {
        try accountCursor(filter: "inn = ?", [.text(inn)]).all()
    }

    /// Every account in id order.
    public func allAccounts() throws -> RowCursor<Account> {
        try accountCursor(filter: nil)
    }

    /// Accounts in id order, those of the store-built condition `filter` (nil: all).
    func accountCursor(filter: String?, _ args: [SQLValue] = []) throws -> RowCursor<Account> {
        let s = try prepareUncached(Self.accountSelect + (filter.map { " WHERE " + $0 } ?? "") + " ORDER BY account_id")
        try s.expectColumns(AccountRecord.columns)
        try s.bind(args)
        return RowCursor(s) { AccountRecord.decode($0) }
    }

    public func accountExists(_ id: String) throws -> Bool {
        try scalarInt("SELECT count(*) FROM accounts WHERE account_id = ?", [.text(id)]) ?? 0 > 0
    }
}

/// A forward-only scan decoding each row as the store says; the caller steps it
/// and never sees the SQL.
public final class RowCursor<Row> {
    private let statement: Statement
    private let decode: (Statement) throws -> Row

    init(_ statement: Statement, decode: @escaping (Statement) throws -> Row) {
        self.statement = statement
        self.decode = decode
    }

    /// The next row, or nil at the end.
    public func next() throws -> Row? {
        try statement.step() ? try decode(statement) : nil
    }

    /// Every remaining row.
    public func all() throws -> [Row] {
        var out: [Row] = []
        while let r = try next() { out.append(r) }
        return out
    }
}
