import BillingCore

/// What `import accounts` writes: whole accounts, by AccountRecord's one column list.
extension Database {
    static let accountInsert = "INSERT INTO accounts(" + AccountRecord.columnList + ") VALUES ("
        + AccountRecord.columns.map { _ in "?" }.joined(separator: ",") + ")"
    /// Every column but the key, then the key: `values(a).dropFirst() + [id]`.
    static let accountUpdate = "UPDATE accounts SET "
        + AccountRecord.columns.dropFirst().map { $0 + "=?" }.joined(separator: ", ") + " WHERE account_id=?"
    /// A closed period's documents show the account as it stood at its close: the row
    /// being replaced is kept when its region has closed periods.
    static let accountKeep = """
        INSERT INTO account_history(valid_through, \(AccountRecord.columnList))
        SELECT c.through, \(AccountRecord.columnList) FROM accounts
        JOIN (SELECT region AS r, max(period) AS through FROM closes GROUP BY region) c ON c.r = accounts.region
        WHERE account_id = ?
        """

    public func insertAccount(_ a: Account) throws {
        let s = try prepare(Self.accountInsert)
        try s.bind(AccountRecord.values(a))
        try s.run()
    }

    /// Replaces the stored account of `a.id`, keeping the row it replaces in
    /// `account_history` when its region has closed periods.
    public func replaceAccount(_ a: Account) throws {
        let keep = try prepare(Self.accountKeep)
        try keep.bind([.text(a.id)])
        try keep.run()
        let s = try prepare(Self.accountUpdate)
        try s.bind(Array(AccountRecord.values(a).dropFirst()) + [.text(a.id)])
        try s.run()
    }

    /// True when a closed period billed the account.
    public func accountBilled(_ id: String) throws -> Bool {
        let s = try prepare("SELECT count(*) FROM account_periods WHERE period IN (SELECT DISTINCT period FROM closes) AND account_id = ?1")
        defer { s.reset() }
        try s.bind([.text(id)])
        return try s.step() && s.int(0) > 0
    }

    /// The account's opening date when the account exists (`.some(nil)`: no date given).
    public func accountOpenedOn(_ id: String) throws -> CivilDate?? {
        let s = try prepare("SELECT opened_on FROM accounts WHERE account_id = ?")
        defer { s.reset() }
        try s.bind([.text(id)])
        guard try s.step() else { return nil }
        return .some(s.date(0))
    }
}

extension AccountRecord {
    /// True when `a` would be stored exactly as `b` is (every column equal).
    public static func sameStored(_ a: Account, _ b: Account) -> Bool { values(a) == values(b) }
}
