import BillingCore

/// The `invoices` table: the numbers a close gave the invoices (УПД) of its period.
extension Database {
    /// The invoice number of each account invoiced for `period`.
    public func invoiceNumbers(period: Period) throws -> [String: Int64] {
        let s = try prepareUncached("SELECT account_id, number FROM invoices WHERE period = ? ORDER BY account_id")
        try s.bind([.text(period.description)])
        var out: [String: Int64] = [:]
        while try s.step() { out[s.text(0)] = s.int(1) }
        return out
    }

    /// The accounts invoiced for `period`, in id order.
    public func invoicedAccounts(period: Period) throws -> RowCursor<Account> {
        try accountCursor(filter: "account_id IN (SELECT account_id FROM invoices WHERE period = ?)", [.text(period.description)])
    }

    /// Numbering of one close's invoices, its statements prepared once.
    public func invoiceNumberStore() throws -> InvoiceNumberStore { try InvoiceNumberStore(self) }
}

/// Reads the last number of a supplier's year and stores new numbers (inside the close's transaction).
public final class InvoiceNumberStore {
    private let lastNumber: Statement
    private let insert: Statement

    init(_ db: Database) throws {
        lastNumber = try db.prepareUncached("SELECT coalesce(max(number), 0) FROM invoices WHERE supplier_inn = ?1 AND year = ?2")
        insert = try db.prepareUncached("INSERT INTO invoices(supplier_inn, year, number, account_id, period) VALUES (?1, ?2, ?3, ?4, ?5)")
    }

    /// The highest number stored for the supplier (by INN) in `year`; 0 when none.
    public func lastNumber(supplierINN inn: String, year: Int) throws -> Int64 {
        lastNumber.reset()
        lastNumber.bindText(inn, at: 1); lastNumber.bindInt(Int64(year), at: 2)
        defer { lastNumber.reset() }
        return try lastNumber.step() ? lastNumber.int(0) : 0
    }

    public func insert(supplierINN inn: String, year: Int, number: Int64, accountId: String, period: Period) throws {
        insert.bindText(inn, at: 1); insert.bindInt(Int64(year), at: 2); insert.bindInt(number, at: 3)
        insert.bindText(accountId, at: 4); insert.bindText(period.description, at: 5)
        try insert.runOnce()
    }
}
