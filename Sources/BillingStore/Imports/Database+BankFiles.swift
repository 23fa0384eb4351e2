import BillingCore

/// A registry the bank's transfer may settle: its id, the sum the bank said it would
/// transfer and the transfer document found for it so far.
public struct RegistryTransferCandidate: Sendable {
    public var id: Int64
    public var transferredSum: Kopecks
    public var transferDocument: String?
}

/// The sums of an imported registry, stored when its rows all read.
public struct RegistryCompletion: Sendable {
    public var sha256: String
    /// The order date, else the last payment's date ("" when neither).
    public var registryDate: CivilDate?
    public var orderNo: String
    public var orderDate: CivilDate?
    public var rows: Int
    public var operation: Kopecks
    public var transferred: Kopecks
    public var commission: Kopecks
    public init(sha256: String, registryDate: CivilDate?, orderNo: String, orderDate: CivilDate?, rows: Int,
                operation: Kopecks, transferred: Kopecks, commission: Kopecks) {
        self.sha256 = sha256; self.registryDate = registryDate; self.orderNo = orderNo; self.orderDate = orderDate
        self.rows = rows; self.operation = operation; self.transferred = transferred; self.commission = commission
    }
}

/// Bank registries and 1C statements: the files' own rows in `bank_registries` and
/// `bank_statements`, and how a statement's transfer settles a registry.
extension Database {
    /// Inserted first so the payments can point to it; completed (or rolled back) at the end.
    public func insertPendingRegistry(bank: String, fileName: String, importId: Int64) throws -> Int64 {
        try run("""
            INSERT INTO bank_registries(bank, file_name, sha256, registry_date, order_no, rows, operation_sum, transferred_sum, commission, import_id)
            VALUES (?, ?, ?, '', '', 0, 0, 0, 0, ?)
            """, [.text(bank), .text(fileName), .text("pending-\(importId)"), .int(importId)])
        return lastInsertRowID
    }

    /// True when another registry has these bytes, or is the same bank's same payment order.
    public func registrySeenBefore(excluding id: Int64, sha256: String, bank: String, orderNo: String, orderDate: CivilDate?) throws -> Bool {
        try scalarInt("""
            SELECT count(*) FROM bank_registries WHERE id <> ?1 AND (sha256 = ?2 OR (?3 <> '' AND bank = ?4 AND order_no = ?3 AND order_date IS ?5))
            """, [.int(id), .text(sha256), .text(orderNo), .text(bank), .date(orderDate)]) ?? 0 > 0
    }

    public func completeRegistry(id: Int64, _ c: RegistryCompletion) throws {
        try run("""
            UPDATE bank_registries SET sha256 = ?, registry_date = ?, order_no = ?, order_date = ?, rows = ?, operation_sum = ?,
                transferred_sum = ?, commission = ? WHERE id = ?
            """, [.text(c.sha256), .text(c.registryDate?.iso ?? ""), .text(c.orderNo), .date(c.orderDate), .int(Int64(c.rows)),
                  .int(c.operation.value), .int(c.transferred.value), .int(c.commission.value), .int(id)])
    }

    /// A statement imported before the registry may hold the bank's transfer for it as an
    /// unmatched payment: it is the registry's money, not a payment of its own. The held
    /// payment is removed and recorded as the registry's transfer; its document number.
    public func settleRegistryFromHeldTransfer(registryId: Int64) throws -> String? {
        let s = try prepareUncached("""
            SELECT u.payment_id, u.doc_no, u.amount FROM unmatched_payments u JOIN bank_registries r ON r.id = ?1
            WHERE u.assigned_account IS NULL AND u.registry_id IS NULL AND u.doc_no = r.order_no AND r.order_no <> ''
              AND u.doc_date IS r.order_date AND u.amount = r.transferred_sum AND u.channel = 'bank_transfer'
            ORDER BY u.payment_id LIMIT 1
            """)
        try s.bind([.int(registryId)])
        guard try s.step() else { return nil }
        let id = s.text(0), doc = s.text(1), amount = s.int(2)
        s.reset()
        try run("DELETE FROM unmatched_payments WHERE payment_id = ?", [.text(id)])
        try setRegistryTransfer(id: registryId, document: id, amount: Kopecks(amount))
        return doc
    }

    /// The registries of that payment order (by its date, or the registry's date when it names none), by id.
    public func registriesForTransfer(orderNo: String, date: CivilDate) throws -> [RegistryTransferCandidate] {
        let s = try prepareUncached("""
            SELECT id, transferred_sum, transfer_document FROM bank_registries
            WHERE order_no = ?1 AND order_no <> '' AND (order_date = ?2 OR (order_date IS NULL AND registry_date = ?2))
            ORDER BY id
            """)
        try s.bind([.text(orderNo), .text(date.iso)])
        var out: [RegistryTransferCandidate] = []
        while try s.step() { out.append(RegistryTransferCandidate(id: s.int(0), transferredSum: Kopecks(s.int(1)), transferDocument: s.optText(2))) }
        return out
    }

    public func setRegistryTransfer(id: Int64, document: String, amount: Kopecks) throws {
        try run("UPDATE bank_registries SET transfer_document = ?, transfer_amount = ? WHERE id = ?",
                [.text(document), .int(amount.value), .int(id)])
    }

    public func bankStatementSeen(sha256: String) throws -> Bool {
        try scalarInt("SELECT count(*) FROM bank_statements WHERE sha256 = ?", [.text(sha256)]) ?? 0 > 0
    }

    public func insertBankStatement(fileName: String, sha256: String, from: CivilDate?, to: CivilDate?, documents: Int,
                                    received: Kopecks, importId: Int64) throws {
        try run("""
            INSERT INTO bank_statements(file_name, sha256, date_from, date_to, documents, received, import_id) VALUES (?,?,?,?,?,?,?)
            """, [.text(fileName), .text(sha256), .date(from), .date(to), .int(Int64(documents)), .int(received.value), .int(importId)])
    }

    /// The legal entity's accounts of that INN, by id; at most `limit`.
    public func legalAccountIds(inn: String, limit: Int = 2) throws -> [String] {
        let s = try prepare("SELECT account_id FROM accounts WHERE inn = ? AND kind = 'legal' ORDER BY account_id LIMIT ?")
        defer { s.reset() }
        try s.bind([.text(inn), .int(Int64(limit))])
        var out: [String] = []
        while try s.step() { out.append(s.text(0)) }
        return out
    }
}
