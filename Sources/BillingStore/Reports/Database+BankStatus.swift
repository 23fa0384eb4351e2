import BillingCore

/// A bank registry as `status` lists it.
public struct BankRegistrySummary: Sendable {
    public var bank: String
    public var fileName: String
    public var registryDate: String
    public var orderNo: String
    public var rows: Int64
    public var operationSum: Kopecks
    public var transferredSum: Kopecks
    public var commission: Kopecks
    public var sha256: String
    /// The bank's transfer found in a statement (nil: not yet).
    public var transferDocument: String?
    public var transferAmount: Int64?
}

/// The reads of the `status` lines about money from banks.
extension Database {
    public func bankRegistryCount() throws -> Int64 {
        try scalarInt("SELECT count(*) FROM bank_registries") ?? 0
    }

    /// The last `limit` registries, by registry date and import order, newest first.
    public func lastBankRegistries(limit: Int) throws -> [BankRegistrySummary] {
        let s = try prepareUncached("""
            SELECT bank, file_name, registry_date, order_no, rows, operation_sum, transferred_sum, commission, sha256,
                   transfer_document, transfer_amount
            FROM bank_registries ORDER BY registry_date DESC, id DESC LIMIT ?
            """)
        try s.bind([.int(Int64(limit))])
        var out: [BankRegistrySummary] = []
        while try s.step() {
            out.append(BankRegistrySummary(
                bank: s.text(0), fileName: s.text(1), registryDate: s.text(2), orderNo: s.text(3), rows: s.int(4),
                operationSum: Kopecks(s.int(5)), transferredSum: Kopecks(s.int(6)), commission: Kopecks(s.int(7)),
                sha256: s.text(8), transferDocument: s.optText(9), transferAmount: s.optInt(10)))
        }
        return out
    }

    /// Registries whose transfer is missing or differs from the sum transferred.
    public func bankRegistriesWithoutMatchingTransfer() throws -> Int64 {
        try scalarInt("""
            SELECT count(*) FROM bank_registries WHERE transfer_document IS NULL OR transfer_amount <> transferred_sum
            """) ?? 0
    }

    /// The payments no account was found or assigned for: how many, and their sum.
    public func unassignedUnmatchedPayments() throws -> (count: Int64, amount: Kopecks) {
        let s = try prepareUncached("SELECT count(*), coalesce(sum(amount), 0) FROM unmatched_payments WHERE assigned_account IS NULL")
        return try s.step() ? (s.int(0), Kopecks(s.int(1))) : (0, .zero)
    }
}
