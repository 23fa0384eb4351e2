import BillingCore
import BillingInput
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
    w.append("payment_id,source_file,paid_on,amount,payer,purpose,reason\n")
    let s = try ws.database.prepareUncached("""
        SELECT payment_id, source_file, paid_on, amount, payer, purpose, reason FROM unmatched_payments
        WHERE assigned_account IS NULL ORDER BY paid_on, payment_id
        """)
    while try s.step() {
        r.count += 1
        r.total += Kopecks(s.int(3))
        w.append(CSVText.escape(s.text(0)) + "," + CSVText.escape(s.text(1)) + "," + s.text(2) + "," + Kopecks(s.int(3)).rublesString() + ","
                 + CSVText.escape(s.text(4)) + "," + CSVText.escape(s.text(5)) + "," + CSVText.escape(s.text(6)) + "\n")
    }
    r.assignedCount = Int(try ws.database.scalarInt("SELECT count(*) FROM unmatched_payments WHERE assigned_account IS NOT NULL") ?? 0)
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
        let s = try db.prepareUncached("""
            SELECT assigned_account, paid_on, amount, commission, channel, period, import_id, line, registry_id
            FROM unmatched_payments WHERE payment_id = ?
            """)
        try s.bind([.text(payment)])
        guard try s.step() else { throw BillingError(.badInput, "невыясненного платежа \(payment) нет (список: energobill payments unmatched)") }
        if let already = s.optText(0) { throw BillingError(.badInput, "платёж \(payment) уже отнесён на счёт \(already)") }
        guard try db.scalarInt("SELECT count(*) FROM accounts WHERE account_id = ?", [.text(account)]) ?? 0 > 0 else {
            throw BillingError(.badInput, "лицевого счёта \(account) нет")
        }
        guard try db.scalarInt("SELECT count(*) FROM payments WHERE payment_id = ?", [.text(payment)]) ?? 0 == 0 else {
            throw BillingError(.badInput, "платёж \(payment) уже есть среди разнесённых")
        }
        let values: [SQLValue] = [.text(payment), .text(account), .text(s.text(1)), .int(s.int(2)), .text(s.text(4)), .optText(s.optText(5)),
                                  .int(s.int(6)), .int(s.int(7)), .int(s.int(3)), .optInt(s.optInt(8))]
        let amount = Kopecks(s.int(2)), paidOn = s.text(1)
        s.reset()
        try db.run("""
            INSERT INTO payments(payment_id, account_id, paid_on, amount, channel, period, import_id, line, commission, registry_id)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            """, values)
        let runId = try ws.recordRun(command: "payments assign", outcome: "assigned", detail: "\(payment) → \(account)")
        try db.run("UPDATE unmatched_payments SET assigned_account = ?, assigned_run = ? WHERE payment_id = ?",
                   [.text(account), .int(runId), .text(payment)])
        return "платёж \(payment) от \(CivilDate(paidOn)?.russian ?? paidOn) на \(amount.rublesString(separator: ",")) руб. отнесён на счёт \(account); его учтёт следующее закрытие"
    }
}
