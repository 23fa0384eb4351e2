import BillingCore
import BillingInput
import BillingRender
import BillingStore

/// The facts of a closed period that summary.json and close-report.html show,
/// read back from the store so that re-running a close rewrites the same bytes.
struct CloseFacts {
    var period: Period
    var regions: [(code: String, accounts: Int, inputHash: String)] = []
    var methods: [(method: String, accounts: Int, volumeKwh: Int64)] = []
    var totals = RegistryWriter.Totals()
    var rejectsByReason: [(reason: String, count: Int)] = []
    var rejects: [(accountId: String, meterId: String, receivedAt: String, reason: String)] = []
    var invariantFailures: [String] = []
    var topDebtors: [(accountId: String, holder: String, totalDue: Kopecks)] = []
    var moneyIn: MoneyInReport?
}

func loadCloseFacts(_ db: Database, period: Period, totalsJustProven: Bool = false) throws -> CloseFacts {
    var f = CloseFacts(period: period)
    let p = SQLValue.text(period.description)
    let r = try db.prepareUncached("SELECT region, accounts, input_sha256 FROM closes WHERE period = ? ORDER BY region")
    try r.bind([p])
    while try r.step() { f.regions.append((r.text(0), Int(r.int(1)), r.text(2))) }
    let m = try db.prepareUncached("""
        SELECT method, count(*), sum(volume_kwh) FROM account_periods WHERE period = ? GROUP BY method ORDER BY method
        """)
    try m.bind([p])
    while try m.step() { f.methods.append((m.text(0), Int(m.int(1)), m.int(2))) }
    let rr = try db.prepareUncached("SELECT reason, count(*) FROM reading_rejects WHERE period = ? GROUP BY reason ORDER BY reason")
    try rr.bind([p])
    while try rr.step() { f.rejectsByReason.append((rr.text(0), Int(rr.int(1)))) }
    let list = try db.prepareUncached("""
        SELECT r.account_id, r.meter_id, r.received_at, x.reason FROM reading_rejects x JOIN readings r ON r.id = x.reading_id
        WHERE x.period = ? ORDER BY r.account_id, r.received_at, r.id LIMIT 1000
        """)
    try list.bind([p])
    while try list.step() { f.rejects.append((list.text(0), list.text(1), list.text(2), list.text(3))) }
    let d = try db.prepareUncached("""
        SELECT ap.account_id, a.holder, ap.total_due FROM account_periods ap JOIN accounts a USING (account_id)
        WHERE ap.period = ? AND ap.total_due > 0 ORDER BY ap.total_due DESC, ap.account_id LIMIT 20
        """)
    try d.bind([p])
    while try d.step() { f.topDebtors.append((d.text(0), d.text(1), Kopecks(d.int(2)))) }
    f.invariantFailures = totalsJustProven ? [] : try checkStoredTotals(db, period: period)
    f.moneyIn = try loadMoneyIn(db, period: period)
    if let m = f.moneyIn, !m.holds {
        f.invariantFailures.append("поступления: получено \(m.received) ≠ зачислено на лицевые счета \(m.onAccounts) + невыясненные \(m.unmatched)")
    }
    return f
}

/// summary.json: counts by method, totals, rejects by reason, the invariant
/// check and the hashes of the inputs and of each output. Keys in fixed order.
func renderSummaryJSON(_ f: CloseFacts, outputs: [(String, String)]) -> [UInt8] {
    var w = ByteWriter()
    w.append("{\n  \"period\": \"\(f.period)\",\n  \"regions\": [")
    for (i, r) in f.regions.enumerated() {
        w.append(i == 0 ? "\n" : ",\n")
        w.append("    {\"region\": "); w.appendJSONString(r.code)
        w.append(", \"accounts\": \(r.accounts), \"input_sha256\": \"\(r.inputHash)\"}")
    }
    w.append("\n  ],\n  \"accounts\": \(f.totals.accounts),\n  \"by_method\": [")
    for (i, m) in f.methods.enumerated() {
        w.append(i == 0 ? "\n" : ",\n")
        w.append("    {\"method\": "); w.appendJSONString(m.method)
        w.append(", \"accounts\": \(m.accounts), \"volume_kwh\": \(m.volumeKwh)}")
    }
    let t = f.totals
    w.append("\n  ],\n  \"totals\": {\n")
    let money: [(String, Kopecks)] = [("balance_in", t.balanceIn), ("charge", t.charge), ("recalculation", t.recalculation),
                                      ("benefit", t.benefit), ("penalty", t.penalty), ("payments", t.payments),
                                      ("total_due", t.totalDue)]
    w.append("    \"volume_kwh\": \(t.volumeKwh)")
    for (k, v) in money { w.append(",\n    \"\(k)\": \"\(v)\"") }
    w.append("\n  },\n  \"rejected_readings\": {\n    \"total\": \(f.rejectsByReason.reduce(0) { $0 + $1.count }),\n    \"by_reason\": {")
    for (i, r) in f.rejectsByReason.enumerated() {
        w.append(i == 0 ? "\n      " : ",\n      ")
        w.appendJSONString(r.reason); w.append(": \(r.count)")
    }
    w.append(f.rejectsByReason.isEmpty ? "}\n  },\n" : "\n    }\n  },\n")
    w.append("  \"invariants\": {\n    \"passed\": \(f.invariantFailures.isEmpty),\n")
    w.append("    \"checked\": "); w.appendJSONString(invariantDescriptions.joined(separator: "; ")); w.append(",\n")
    w.append("    \"failures\": [")
    for (i, s) in f.invariantFailures.enumerated() { w.append(i == 0 ? "" : ", "); w.appendJSONString(s) }
    w.append("]\n  },\n")
    appendMoneyInJSON(f.moneyIn, to: &w)
    w.append("  \"outputs\": {")
    for (i, (name, hash)) in outputs.enumerated() {
        w.append(i == 0 ? "\n    " : ",\n    ")
        w.appendJSONString(name); w.append(": \"sha256:\(hash)\"")
    }
    w.append(outputs.isEmpty ? "}\n}\n" : "\n  }\n}\n")
    return w.bytes
}
