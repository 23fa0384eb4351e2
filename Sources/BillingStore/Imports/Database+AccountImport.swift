import BillingCore

extension Database {
    /// The accounts table as `import accounts` reads and writes it, its statements
    /// prepared (and the result columns checked) once.
    public func accountTable() throws -> AccountTable { try AccountTable(self) }

    /// The account's opening date when the account exists (`.some(nil)`: no date given).
    public func accountOpenedOn(_ id: String) throws -> CivilDate?? {
        let s = try prepare("SELECT opened_on FROM accounts WHERE account_id = ?")
        defer { s.reset() }
        try s.bind([.text(id)])
        guard try s.step() else { return nil }
        return .some(s.date(0))
    }
}

/// Whole accounts by AccountRecord's one column list: find, insert, replace (keeping
/// the replaced row in `account_history`).
public final class AccountTable {
    static let select = "SELECT " + AccountRecord.columnList + " FROM accounts WHERE account_id = ?"
    static let insert = "INSERT INTO accounts(" + AccountRecord.columnList + ") VALUES ("
        + AccountRecord.columns.map { _ in "?" }.joined(separator: ",") + ")"
    /// Every column but the key (the first), then the key.
    static let update = "UPDATE accounts SET "
        + AccountRecord.columns.dropFirst().map { $0 + "=?" }.joined(separator: ", ") + " WHERE account_id=?"
    /// A closed period's documents show the account as it stood at its close: the row
    /// being replaced is kept when its region has closed periods.
    static let keep = """
        INSERT INTO account_history(valid_through, \(AccountRecord.columnList))
        SELECT c.through, \(AccountRecord.columnList) FROM accounts
        JOIN (SELECT region AS r, max(period) AS through FROM closes GROUP BY region) c ON c.r = accounts.region
        WHERE account_id = ?
        """

    private let find: Statement
    private let insertRow: Statement
    private let updateRow: Statement
    private let keepRow: Statement
    private let billed: Statement

    init(_ db: Database) throws {
        find = try db.prepare(Self.select)
        try find.expectColumns(AccountRecord.columns)
        insertRow = try db.prepare(Self.insert)
        updateRow = try db.prepare(Self.update)
        keepRow = try db.prepare(Self.keep)
        billed = try db.prepare("SELECT count(*) FROM account_periods WHERE period IN (SELECT DISTINCT period FROM closes) AND account_id = ?1")
    }

    /// The stored account, or nil.
    public func account(id: String) throws -> Account? {
        find.reset()
        defer { find.reset() }
        try find.bind([.text(id)])
        return try find.step() ? AccountRecord.decode(find) : nil
    }

    public func insert(_ a: Account) throws {
        try insertRow.bind(AccountRecord.values(a))
        try insertRow.run()
    }

    /// Replaces the stored account of `a.id`, keeping the row it replaces in
    /// `account_history` when its region has closed periods.
    public func replace(_ a: Account) throws {
        try keepRow.bind([.text(a.id)])
        try keepRow.run()
        try updateRow.bind(Array(AccountRecord.values(a).dropFirst()) + [.text(a.id)])
        try updateRow.run()
    }

    /// True when a closed period billed the account.
    public func isBilled(_ id: String) throws -> Bool {
        billed.reset()
        defer { billed.reset() }
        try billed.bind([.text(id)])
        return try billed.step() && billed.int(0) > 0
    }
}

extension AccountRecord {
    /// True when `a` would be stored exactly as `b` is (every column equal).
    public static func sameStored(_ a: Account, _ b: Account) -> Bool { values(a) == values(b) }
}
