import BillingCore

/// The statements a bank file's payments are stored with (a registry's rows, a
/// statement's documents), prepared once. A registry's rows come as bytes bound
/// without a copy. Used by one thread at a time: the importer's, or its writer's.
public final class BankPaymentInserter {
    /// Where a payment id is looked for.
    public enum Table: Sendable { case payments, unmatched }

    static let insertPaidSQL = "INSERT INTO payments(" + PaymentRecord.columnList + ") VALUES (" + PaymentRecord.placeholders
        + ") ON CONFLICT(payment_id) DO NOTHING"
    static let insertHeldSQL = "INSERT INTO unmatched_payments(" + UnmatchedPaymentRecord.insertColumns.joined(separator: ", ")
        + ") VALUES (" + UnmatchedPaymentRecord.insertColumns.map { _ in "?" }.joined(separator: ",") + ")"

    private let database: Database
    private let account: Statement
    private let findPaid: Statement
    private let findHeld: Statement
    private let insertPaid: Statement
    private let insertHeld: Statement

    init(_ db: Database) throws {
        database = db
        account = try db.prepare("SELECT 1 FROM accounts WHERE account_id = ?")
        findPaid = try db.prepare("SELECT paid_on, amount FROM payments WHERE payment_id = ?")
        findHeld = try db.prepare("SELECT paid_on, amount FROM unmatched_payments WHERE payment_id = ?")
        insertPaid = try db.prepare(Self.insertPaidSQL)
        insertHeld = try db.prepare(Self.insertHeldSQL)
    }

    /// True when any payment is held as unmatched.
    public func anyHeld() throws -> Bool {
        try database.scalarInt("SELECT EXISTS(SELECT 1 FROM unmatched_payments)") ?? 0 != 0
    }

    public func accountExists(_ id: String) throws -> Bool {
        account.reset(); try account.bind([.text(id)])
        defer { account.reset() }
        return try account.step()
    }

    /// Inserts a payment of a known account, its texts in stored form; false when its id
    /// is stored already (nothing then changes). `ignoringConflict: false` inserts
    /// without that check (the caller has looked), and an existing id is an error.
    public func insert(id: UnsafeBufferPointer<UInt8>, account: UnsafeBufferPointer<UInt8>, paidOn: UnsafeBufferPointer<UInt8>,
                       amount: Int64, channel: UnsafeBufferPointer<UInt8>, period: UnsafeBufferPointer<UInt8>?,
                       importId: Int64, line: Int64, commission: Int64, registryId: Int64?, ignoringConflict: Bool = true) throws -> Bool {
        let s = insertPaid
        s.bindTextNoCopy(id, at: 1); s.bindTextNoCopy(account, at: 2); s.bindTextNoCopy(paidOn, at: 3); s.bindInt(amount, at: 4)
        s.bindTextNoCopy(channel, at: 5)
        if let period { s.bindTextNoCopy(period, at: 6) } else { s.bindNull(at: 6) }
        s.bindInt(importId, at: 7); s.bindInt(line, at: 8); s.bindInt(commission, at: 9)
        if let registryId { s.bindInt(registryId, at: 10) } else { s.bindNull(at: 10) }
        return try finishInsert(ignoringConflict)
    }

    /// The same for a payment as values.
    public func insert(_ p: Payment, importId: Int64, line: Int64, commission: Kopecks, registryId: Int64?,
                       ignoringConflict: Bool = true) throws -> Bool {
        let s = insertPaid
        s.bindText(p.id, at: 1); s.bindText(p.accountId, at: 2); s.bindText(p.paidOn.iso, at: 3); s.bindInt(p.amount.value, at: 4)
        s.bindText(p.channel, at: 5)
        if let period = p.period { s.bindText(period.description, at: 6) } else { s.bindNull(at: 6) }
        s.bindInt(importId, at: 7); s.bindInt(line, at: 8); s.bindInt(commission.value, at: 9)
        if let r = registryId { s.bindInt(r, at: 10) } else { s.bindNull(at: 10) }
        return try finishInsert(ignoringConflict)
    }

    private func finishInsert(_ ignoringConflict: Bool) throws -> Bool {
        if ignoringConflict {
            try insertPaid.runOnce()
            return database.changes == 1
        }
        try insertPaid.run()
        return true
    }

    /// Whether the id is stored in `table`: nil when not, else whether with this date ("YYYY-MM-DD") and amount.
    public func stored(id: UnsafeBufferPointer<UInt8>, in table: Table, paidOn: UnsafeBufferPointer<UInt8>, amount: Int64) throws -> Bool? {
        let find = table == .payments ? findPaid : findHeld
        find.reset(); find.bindTextNoCopy(id, at: 1)
        defer { find.reset() }
        guard try find.step() else { return nil }
        return find.textBytes(0).elementsEqual(paidOn) && find.int(1) == amount
    }

    public func stored(id: String, in table: Table, paidOn: CivilDate, amount: Kopecks) throws -> Bool? {
        let find = table == .payments ? findPaid : findHeld
        find.reset(); try find.bind([.text(id)])
        defer { find.reset() }
        guard try find.step() else { return nil }
        return find.text(0) == paidOn.iso && find.int(1) == amount.value
    }

    /// Holds a payment that names no known account.
    public func insertHeld(_ p: UnmatchedPayment) throws {
        try insertHeld.bind(UnmatchedPaymentRecord.insertValues(p))
        try insertHeld.run()
    }
}

extension Database {
    public func bankPaymentInserter() throws -> BankPaymentInserter { try BankPaymentInserter(self) }
}
