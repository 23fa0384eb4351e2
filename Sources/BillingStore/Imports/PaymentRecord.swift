import BillingCore

/// The `payments` table's one column list and values, for every statement that writes
/// whole payments (a CSV import, a bank's registry or statement, an assigned payment).
public enum PaymentRecord {
    public static let columns = [
        "payment_id", "account_id", "paid_on", "amount", "channel", "period", "import_id", "line", "commission", "registry_id",
    ]
    public static let columnList = columns.joined(separator: ", ")
    static let placeholders = columns.map { _ in "?" }.joined(separator: ",")

    /// The values in `columns` order.
    static func values(_ p: Payment, importId: Int64, line: Int64, commission: Kopecks = Kopecks(0),
                              registryId: Int64? = nil) -> [SQLValue] {
        [.text(p.id), .text(p.accountId), .date(p.paidOn), .int(p.amount.value), .text(p.channel), .optText(p.period?.description),
         .int(importId), .int(line), .int(commission.value), .optInt(registryId)]
    }
}

/// A payment held in `unmatched_payments` until a clerk assigns it to an account.
public struct UnmatchedPayment: Sendable {
    public var id: String
    public var sourceFile: String
    public var importId: Int64
    public var line: Int64
    public var paidOn: CivilDate
    public var amount: Kopecks
    public var commission: Kopecks
    public var channel: String
    public var period: Period?
    public var payer: String
    public var payerINN: String
    public var purpose: String
    /// Why it is unmatched, for the clerk who investigates it.
    public var reason: String
    public var docNo: String
    public var docDate: CivilDate?
    public var registryId: Int64?
    /// The account a clerk assigned it to (nil: still unmatched), and that run.
    public var assignedAccount: String?
    public var assignedRun: Int64?

    public init(id: String, sourceFile: String, importId: Int64, line: Int64, paidOn: CivilDate, amount: Kopecks,
                commission: Kopecks, channel: String, period: Period?, payer: String, payerINN: String, purpose: String,
                reason: String, docNo: String, docDate: CivilDate?, registryId: Int64?,
                assignedAccount: String? = nil, assignedRun: Int64? = nil) {
        self.id = id; self.sourceFile = sourceFile; self.importId = importId; self.line = line; self.paidOn = paidOn
        self.amount = amount; self.commission = commission; self.channel = channel; self.period = period; self.payer = payer
        self.payerINN = payerINN; self.purpose = purpose; self.reason = reason; self.docNo = docNo; self.docDate = docDate
        self.registryId = registryId; self.assignedAccount = assignedAccount; self.assignedRun = assignedRun
    }
}

/// The `unmatched_payments` table's one column list, decoder and values.
public enum UnmatchedPaymentRecord {
    public static let columns = [
        "payment_id", "source_file", "import_id", "line", "paid_on", "amount", "commission", "channel", "period",
        "payer", "payer_inn", "purpose", "reason", "doc_no", "doc_date", "registry_id", "assigned_account", "assigned_run",
    ]
    public static let columnList = columns.joined(separator: ", ")
    /// The columns an import writes (the assignment is the clerk's, later).
    static let insertColumns = Array(columns.dropLast(2))

    static func decode(_ s: Statement, at o: Int32 = 0) throws -> UnmatchedPayment {
        let id = s.text(o)
        return UnmatchedPayment(
            id: id, sourceFile: s.text(o + 1), importId: s.int(o + 2), line: s.int(o + 3),
            paidOn: try s.storedDate(o + 4, "unmatched_payments", "платёж \(id)"), amount: Kopecks(s.int(o + 5)),
            commission: Kopecks(s.int(o + 6)), channel: s.text(o + 7),
            period: s.isNull(o + 8) ? nil : try s.storedPeriod(o + 8, "unmatched_payments", "платёж \(id)"),
            payer: s.text(o + 9), payerINN: s.text(o + 10), purpose: s.text(o + 11), reason: s.text(o + 12), docNo: s.text(o + 13),
            docDate: s.isNull(o + 14) ? nil : try s.storedDate(o + 14, "unmatched_payments", "платёж \(id)"),
            registryId: s.optInt(o + 15), assignedAccount: s.optText(o + 16), assignedRun: s.optInt(o + 17))
    }

    /// The values of `insertColumns`, in order.
    static func insertValues(_ p: UnmatchedPayment) -> [SQLValue] {
        [.text(p.id), .text(p.sourceFile), .int(p.importId), .int(p.line), .date(p.paidOn), .int(p.amount.value),
         .int(p.commission.value), .text(p.channel), .optText(p.period?.description), .text(p.payer), .text(p.payerINN),
         .text(p.purpose), .text(p.reason), .text(p.docNo), .date(p.docDate), .optInt(p.registryId)]
    }
}
