import BillingCore
import BillingStore

/// Gives the invoices (УПД) of a close their numbers: per supplier (INN) and calendar
/// year without gaps, in the order the close stores accounts (account order). The
/// numbers are stored with the close, in its transaction, so a dry run or a failed
/// close leaves no gap and every later re-run of the period prints the same numbers.
final class InvoiceNumbering {
    private let period: Period
    private let suppliers: [String: Supplier]
    private let lastNumber: Statement
    private let insert: Statement
    private var next: [String: Int64] = [:]

    init(database db: Database, period: Period, suppliers: [String: Supplier]) throws {
        self.period = period
        self.suppliers = suppliers
        lastNumber = try db.prepareUncached("SELECT coalesce(max(number), 0) FROM invoices WHERE supplier_inn = ?1 AND year = ?2")
        insert = try db.prepareUncached("INSERT INTO invoices(supplier_inn, year, number, account_id, period) VALUES (?1, ?2, ?3, ?4, ?5)")
    }

    /// Numbers the invoice of `accountId` for the period (an account with VAT lines).
    func assign(accountId: String, region: String) throws {
        guard let inn = suppliers[region]?.inn else {
            throw BillingError(.failed, "л/с \(accountId): у региона \(region) нет поставщика, выставляющего УПД")
        }
        var number: Int64
        if let n = next[inn] {
            number = n
        } else {
            lastNumber.reset()
            lastNumber.bindText(inn, at: 1); lastNumber.bindInt(Int64(period.year), at: 2)
            number = try lastNumber.step() ? lastNumber.int(0) + 1 : 1
            lastNumber.reset()
        }
        insert.bindText(inn, at: 1); insert.bindInt(Int64(period.year), at: 2); insert.bindInt(number, at: 3)
        insert.bindText(accountId, at: 4); insert.bindText(period.description, at: 5)
        try insert.runOnce()
        next[inn] = number + 1
    }
}
