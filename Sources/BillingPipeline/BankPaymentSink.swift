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
    private let inserter: BankPaymentInserter
    private(set) var unmatchedCount = 0
    /// False while no payment is held: a new payment then needs no look-up there.
    private var anyHeld: Bool
    private(set) var unmatchedSum = Kopecks(0)

    init(database: Database, importId: Int64, sourceFile: String) throws {
        self.importId = importId; self.sourceFile = sourceFile
        inserter = try database.bankPaymentInserter()
        anyHeld = try inserter.anyHeld()
    }

    /// A large registry's row of a known account, its texts already in stored form (bytes
    /// that stay put until this returns, bound without a copy): the same outcomes as
    /// `store`, without building a `BankPayment`.
    func storeRow(id: UnsafeBufferPointer<UInt8>, account: UnsafeBufferPointer<UInt8>, paidOn: UnsafeBufferPointer<UInt8>,
                  amount: Int64, commission: Int64, channel: UnsafeBufferPointer<UInt8>, period: UnsafeBufferPointer<UInt8>?,
                  line: Int64, registryId: Int64) throws -> Outcome {
        func insert(_ ignoringConflict: Bool) throws -> Bool {
            try inserter.insert(id: id, account: account, paidOn: paidOn, amount: amount, channel: channel, period: period,
                             importId: importId, line: line, commission: commission, registryId: registryId,
                             ignoringConflict: ignoringConflict)
        }
        // The common case, a new payment while nothing is held: one insert, no look-up.
        if !anyHeld, try insert(true) { return .stored }
        if let same = try inserter.stored(id: id, in: .payments, paidOn: paidOn, amount: amount) { return same ? .unchanged : .conflict }
        if anyHeld, let same = try inserter.stored(id: id, in: .unmatched, paidOn: paidOn, amount: amount) {
            return same ? .unchanged : .conflict
        }
        _ = try insert(false)
        return .stored
    }

    /// Answers are remembered: a registry names the same accounts again and again.
    private var known: [String: Bool] = [:]

    func isKnownAccount(_ id: String) throws -> Bool {
        guard Check.isPlainIdentifier(id) else { return false }
        if let k = known[id] { return k }
        let k = try inserter.accountExists(id)
        if known.count < 4_000_000 { known[id] = k }
        return k
    }

    func store(_ p: BankPayment) throws -> Outcome {
        func insert(_ acc: String, _ ignoringConflict: Bool) throws -> Bool {
            try inserter.insert(Payment(id: p.id, accountId: acc, paidOn: p.paidOn, amount: p.amount, channel: p.channel, period: p.period),
                             importId: importId, line: Int64(p.line), commission: p.commission, registryId: p.registryId,
                             ignoringConflict: ignoringConflict)
        }
        // The common case, a new payment of a known account while nothing is held: one insert, no look-up.
        if !anyHeld, let acc = p.accountId, try insert(acc, true) { return .stored }
        if let same = try inserter.stored(id: p.id, in: .payments, paidOn: p.paidOn, amount: p.amount) { return same ? .unchanged : .conflict }
        if anyHeld, let same = try inserter.stored(id: p.id, in: .unmatched, paidOn: p.paidOn, amount: p.amount) {
            return same ? .unchanged : .conflict
        }
        if let acc = p.accountId {
            _ = try insert(acc, false)
            return .stored
        }
        try inserter.insertHeld(UnmatchedPayment(
            id: p.id, sourceFile: sourceFile, importId: importId, line: Int64(p.line), paidOn: p.paidOn, amount: p.amount,
            commission: p.commission, channel: p.channel, period: p.period, payer: p.payer, payerINN: p.payerINN, purpose: p.purpose,
            reason: p.reason, docNo: p.docNo, docDate: p.docDate, registryId: p.registryId))
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
