import BillingCore

/// The close's projection of the `accounts` table (see `AccountRecord` for the whole
/// row): only the columns a close computes with, on purpose. The close reads every
/// account once, and holder, address, contacts and contract are documents' business
/// (DocumentLoader reads them through `AccountRecord`); leaving them out keeps a
/// million-account scan from building a dozen Strings per row it never looks at.
/// The decoded `Account` has those fields empty.
public enum CloseAccountRow {
    public static let columns = [
        "account_id", "region", "category", "kind", "residents", "rooms", "opened_on", "closed_on", "opening_balance",
    ]
    public static let columnList = columns.joined(separator: ", ")

    /// The account of the current row (columns in `columns` order from 0).
    static func decode(_ s: Statement) -> Account {
        Account(id: s.text(0), holder: "", address: "", region: s.text(1), category: s.text(2),
                kind: AccountKind(rawValue: s.text(3)) ?? .person, residents: Int(s.int(4)), rooms: Int(s.int(5)),
                openedOn: s.date(6), closedOn: s.date(7), openingBalance: Kopecks(s.int(8)))
    }
}

extension Database {
    /// Every account in id order, as the close computes with it (`CloseAccountRow`).
    public func closeAccounts() throws -> RowCursor<Account> {
        let s = try prepareUncached("SELECT " + CloseAccountRow.columnList + " FROM accounts ORDER BY account_id")
        try s.expectColumns(CloseAccountRow.columns)
        return RowCursor(s, decode: CloseAccountRow.decode)
    }
}
