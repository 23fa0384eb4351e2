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
    f.regions = try db.closedRegions(period: period).map { ($0.code, $0.accounts, $0.inputHash) }
    let stored = try db.closedPeriodFacts(period: period)
    f.methods = stored.methods
    f.rejectsByReason = stored.rejectsByReason
    f.rejects = stored.rejects
    f.topDebtors = stored.topDebtors
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
