import BillingCore
import BillingInput
import BillingStore

/// A payment read from a bank file (a registry row or a statement document), before
/// it is known whether its account exists.
struct BankPayment {
    var id: String
    /// nil: the file names no known account; the payment is held as unmatched.
    var accountId: String?
    var paidOn: CivilDate
    var amount: Kopecks
    var commission = Kopecks(0)
    var channel: String
    var period: Period?
    var payer = ""
    var payerINN = ""
    var purpose = ""
    /// Why it is unmatched, for the clerk who investigates it.
    var reason = ""
    var docNo = ""
    var docDate: CivilDate?
    var registryId: Int64?
    var line: Int
}

/// Stores bank payments: a known account → `payments`, else `unmatched_payments`
/// (never rejected, never lost). A payment id seen before with the same money is
/// unchanged; with other money it is a conflict the caller rejects.
final class BankPaymentSink {
    enum Outcome { case stored, unmatched, unchanged, conflict }
    let sourceFile: String
    let importId: Int64
    let database: Database
    private let account: Statement
    private let findPaid: Statement
    private let findHeld: Statement
    private let insertPaid: Statement
    private let insertHeld: Statement
    private(set) var unmatchedCount = 0
    /// False while no payment is held: a new payment then needs no look-up there.
    private var anyHeld: Bool
    private(set) var unmatchedSum = Kopecks(0)

    init(database: Database, importId: Int64, sourceFile: String) throws {
        self.importId = importId; self.sourceFile = sourceFile; self.database = database
        anyHeld = try database.scalarInt("SELECT EXISTS(SELECT 1 FROM unmatched_payments)") ?? 0 != 0
        account = try database.prepare("SELECT 1 FROM accounts WHERE account_id = ?")
        findPaid = try database.prepare("SELECT paid_on, amount FROM payments WHERE payment_id = ?")
        findHeld = try database.prepare("SELECT paid_on, amount FROM unmatched_payments WHERE payment_id = ?")
        insertPaid = try database.prepare("""
            INSERT INTO payments(payment_id, account_id, paid_on, amount, channel, period, import_id, line, commission, registry_id)
            VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(payment_id) DO NOTHING
            """)
        insertHeld = try database.prepare("""
            INSERT INTO unmatched_payments(payment_id, source_file, import_id, line, paid_on, amount, commission, channel, period,
                payer, payer_inn, purpose, reason, doc_no, doc_date, registry_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
    }

    /// Binds one by one: the hot path of a million-row registry builds no value array.
    private func bindPaid(_ p: BankPayment, _ acc: String) throws {
        let s = insertPaid
        s.bindText(p.id, at: 1); s.bindText(acc, at: 2); s.bindText(p.paidOn.iso, at: 3); s.bindInt(p.amount.value, at: 4)
        s.bindText(p.channel, at: 5)
        if let period = p.period { s.bindText(period.description, at: 6) } else { s.bindNull(at: 6) }
        s.bindInt(importId, at: 7); s.bindInt(Int64(p.line), at: 8); s.bindInt(p.commission.value, at: 9)
        if let r = p.registryId { s.bindInt(r, at: 10) } else { s.bindNull(at: 10) }
    }

    /// A large registry's row of a known account, its texts already in stored form (bytes
    /// that stay put until this returns, bound without a copy): the same outcomes as
    /// `store`, without building a `BankPayment`.
    func storeRow(id: UnsafeBufferPointer<UInt8>, account: UnsafeBufferPointer<UInt8>, paidOn: UnsafeBufferPointer<UInt8>,
                  amount: Int64, commission: Int64, channel: UnsafeBufferPointer<UInt8>, period: UnsafeBufferPointer<UInt8>?,
                  line: Int64, registryId: Int64) throws -> Outcome {
        let s = insertPaid
        func bind() {
            s.bindTextNoCopy(id, at: 1); s.bindTextNoCopy(account, at: 2); s.bindTextNoCopy(paidOn, at: 3); s.bindInt(amount, at: 4)
            s.bindTextNoCopy(channel, at: 5)
            if let period { s.bindTextNoCopy(period, at: 6) } else { s.bindNull(at: 6) }
            s.bindInt(importId, at: 7); s.bindInt(line, at: 8); s.bindInt(commission, at: 9); s.bindInt(registryId, at: 10)
        }
        if !anyHeld {
            bind()
            try s.runOnce()
            if database.changes == 1 { return .stored }
        }
        for find in anyHeld ? [findPaid, findHeld] : [findPaid] {
            find.reset(); find.bindTextNoCopy(id, at: 1)
            if try find.step() {
                let same = find.textBytes(0).elementsEqual(paidOn) && find.int(1) == amount
                find.reset()
                return same ? .unchanged : .conflict
            }
            find.reset()
        }
        bind()
        try s.run()
        return .stored
    }

    /// Answers are remembered: a registry names the same accounts again and again.
    private var known: [String: Bool] = [:]

    func isKnownAccount(_ id: String) throws -> Bool {
        guard Check.isPlainIdentifier(id) else { return false }
        if let k = known[id] { return k }
        account.reset(); try account.bind([.text(id)])
        defer { account.reset() }
        let k = try account.step()
        if known.count < 4_000_000 { known[id] = k }
        return k
    }

    func store(_ p: BankPayment) throws -> Outcome {
        // The common case, a new payment of a known account while nothing is held: one insert, no look-up.
        if !anyHeld, let acc = p.accountId {
            try bindPaid(p, acc)
            try insertPaid.runOnce()
            if database.changes == 1 { return .stored }
        }
        for find in anyHeld ? [findPaid, findHeld] : [findPaid] {
            find.reset(); try find.bind([.text(p.id)])
            if try find.step() {
                let same = find.text(0) == p.paidOn.iso && find.int(1) == p.amount.value
                find.reset()
                return same ? .unchanged : .conflict
            }
            find.reset()
        }
        if let acc = p.accountId {
            try bindPaid(p, acc)
            try insertPaid.run()
            return .stored
        }
        try insertHeld.bind([.text(p.id), .text(sourceFile), .int(importId), .int(Int64(p.line)), .date(p.paidOn), .int(p.amount.value),
                             .int(p.commission.value), .text(p.channel), .optText(p.period?.description), .text(p.payer),
                             .text(p.payerINN), .text(p.purpose), .text(p.reason), .text(p.docNo), .date(p.docDate), .optInt(p.registryId)])
        try insertHeld.run()
        anyHeld = true
        unmatchedCount += 1
        unmatchedSum += p.amount
        return .unmatched
    }
}

/// A short, stable payment id from a source name and the fields that identify the operation.
func derivedPaymentId(_ source: String, _ parts: [String]) -> String {
    derivedPaymentId(source, bytes: parts.map { ArraySlice($0.utf8) })
}

/// Readable where it can be — `sber-12/05.10.2026/8597/0001/100200300401`, the operation as
/// the bank names it — when the fields are printable ASCII without '/' and the id stays
/// within 64 bytes; otherwise `<source>-` and 20 hex digits of their SHA-256.
func derivedPaymentId(_ source: String, bytes parts: [ArraySlice<UInt8>]) -> String {
    var readable = Array(source.utf8)
    var plain = true
    for p in parts {
        readable.append(47)
        for c in p where c < 33 || c > 126 || c == 47 { plain = false; break }
        readable.append(contentsOf: p)
    }
    if plain && readable.count <= 64 { return String(decoding: readable, as: UTF8.self) }
    var bytes = Array(source.utf8)
    for p in parts { bytes.append(0); bytes.append(contentsOf: p) }
    return source + "-" + String(SHA256.hash(bytes).prefix(20))
}
