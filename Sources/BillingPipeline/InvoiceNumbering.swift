import BillingCore
import BillingStore

/// Gives the invoices (УПД) of a close their numbers: per supplier (INN) and calendar
/// year without gaps, in the order the close stores accounts (account order). The
/// numbers are stored with the close, in its transaction, so a dry run or a failed
/// close leaves no gap and every later re-run of the period prints the same numbers.
final class InvoiceNumbering {
    private let period: Period
    private let suppliers: [String: Supplier]
    private let store: InvoiceNumberStore
    private var next: [String: Int64] = [:]

    init(database db: Database, period: Period, suppliers: [String: Supplier]) throws {
        self.period = period
        self.suppliers = suppliers
        store = try db.invoiceNumberStore()
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
            number = try store.lastNumber(supplierINN: inn, year: period.year) + 1
        }
        try store.insert(supplierINN: inn, year: period.year, number: number, accountId: accountId, period: period)
        next[inn] = number + 1
    }
}
