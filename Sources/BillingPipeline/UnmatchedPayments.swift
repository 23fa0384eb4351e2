import BillingCore
import BillingStore
import BillingRender

/// The payments that name no known account (невыясненные платежи), as listed.
public struct UnmatchedReport: Sendable {
    public var count = 0
    public var total = Kopecks(0)
    public var assignedCount = 0
    public var path = ""
    public var summaryLines: [String] {
        ["невыясненных платежей: \(count) на \(total.rublesString(separator: ",")) руб." + (assignedCount > 0 ? " (уже отнесено на счета: \(assignedCount))" : ""),
         "файл: \(path)"]
    }
}

/// `payments unmatched`: writes OUT/payments/unmatched.csv (every payment still
/// unassigned, by date) and returns the summary.
public func listUnmatchedPayments(_ ws: Workspace) throws -> UnmatchedReport {
    var r = UnmatchedReport()
    var w = ByteWriter()
    w.append(UnmatchedCSV.header)
    let open = try ws.database.openUnmatchedPayments()
    while let p = try open.next() {
        r.count += 1
        r.total += p.amount
        UnmatchedCSV.append(.init(id: p.id, sourceFile: p.sourceFile, paidOn: p.paidOn, amount: p.amount, payer: p.payer,
                                  purpose: p.purpose, reason: p.reason), to: &w)
    }
    r.assignedCount = try ws.database.assignedUnmatchedCount()
    let files = OutputFiles(root: ws.outDir)
    try files.makeDirectory("payments")
    r.path = files.path("payments", "unmatched.csv")
    try OutputFiles.write(w.bytes, to: r.path)
    return r
}

/// `payments assign --payment ID --account ID`: the payment becomes an ordinary one of
/// that account (a new row, so the next close books it like any late payment); the
/// unmatched row stays as the record of where it came from.
public func assignUnmatchedPayment(_ ws: Workspace, payment: String, account: String) throws -> String {
    let db = ws.database
    return try db.transaction {
        guard let held = try db.unmatchedPayment(id: payment) else {
            throw BillingError(.badInput, "невыясненного платежа \(payment) нет (список: energobill payments unmatched)")
        }
        if let already = held.assignedAccount { throw BillingError(.badInput, "платёж \(payment) уже отнесён на счёт \(already)") }
        guard try db.accountExists(account) else {
            throw BillingError(.badInput, "лицевого счёта \(account) нет")
        }
        guard try !db.paymentExists(id: payment) else {
            throw BillingError(.badInput, "платёж \(payment) уже есть среди разнесённых")
        }
        try db.insertPayment(Payment(id: payment, accountId: account, paidOn: held.paidOn, amount: held.amount, channel: held.channel,
                                     period: held.period),
                             importId: held.importId, line: held.line, commission: held.commission, registryId: held.registryId)
        let runId = try ws.recordRun(command: "payments assign", outcome: "assigned", detail: "\(payment) → \(account)")
        try db.markUnmatchedAssigned(id: payment, account: account, runId: runId)
        return "платёж \(payment) от \(held.paidOn.russian) на \(held.amount.rublesString(separator: ",")) руб. отнесён на счёт \(account); его учтёт следующее закрытие"
    }
}
