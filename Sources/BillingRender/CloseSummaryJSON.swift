import BillingCore

/// What summary.json says about a closed period (SPEC): the regions with their
/// input hashes, counts by method, the totals, rejected readings by reason code,
/// the invariant check, money in and the hashes of the other outputs. Filled by
/// the pipeline (from the store, or a merge of shards); rendered by renderSummaryJSON.
public struct CloseSummaryData: Sendable {
    /// One closed region: its code, its accounts, the SHA-256 of its inputs.
    public struct Region: Sendable, Hashable {
        public var code: String
        public var accounts: Int
        public var inputHash: String
        public init(code: String, accounts: Int, inputHash: String) {
            self.code = code; self.accounts = accounts; self.inputHash = inputHash
        }
    }

    public var period: Period
    public var regions: [Region]
    public var accounts: Int
    /// In the order given.
    public var byMethod: [MethodCount]
    public var volumeKwh: Int64
    public var totals: ReportTotals
    /// Reason codes (not their Russian texts), in the order given.
    public var rejectedByReason: [ReasonCount]
    /// Empty = passed; the texts checked are closeInvariantDescriptions.
    public var invariantFailures: [String]
    /// nil where no bank file was ever imported: then no "money_in" block.
    public var moneyIn: MoneyInReport?
    /// File (or group) name and its SHA-256 in hex, in the order given.
    public var outputs: [NamedHash]

    public init(period: Period, regions: [Region], accounts: Int, byMethod: [MethodCount], volumeKwh: Int64,
                totals: ReportTotals, rejectedByReason: [ReasonCount], invariantFailures: [String],
                moneyIn: MoneyInReport?, outputs: [NamedHash]) {
        self.period = period; self.regions = regions; self.accounts = accounts; self.byMethod = byMethod
        self.volumeKwh = volumeKwh; self.totals = totals; self.rejectedByReason = rejectedByReason
        self.invariantFailures = invariantFailures; self.moneyIn = moneyIn; self.outputs = outputs
    }
}

/// The proof in the operator's words: the close report lists them, summary.json joins them.
public let closeInvariantDescriptions = [
    "по каждому л/с: входящее сальдо + начислено + перерасчёт + льгота + пени − оплачено = итог к оплате",
    "по каждому л/с: проводки периода в сумме = итог к оплате − входящее сальдо",
    "по каждому л/с: входящее сальдо = итогу прошлого периода (или входящему сальдо при открытии)",
    "в целом: реестр = проводки = строки документов, по каждому виду начислений",
]

/// summary.json: counts by method, totals, rejects by reason, the invariant
/// check and the hashes of the inputs and of each output. Keys in fixed order.
public func renderSummaryJSON(_ f: CloseSummaryData) -> [UInt8] {
    var w = ByteWriter()
    w.append("{\n  \"period\": \"\(f.period)\",\n  \"regions\": [")
    for (i, r) in f.regions.enumerated() {
        w.append(i == 0 ? "\n" : ",\n")
        w.append("    {\"region\": "); w.appendJSONString(r.code)
        w.append(", \"accounts\": \(r.accounts), \"input_sha256\": \"\(r.inputHash)\"}")
    }
    w.append("\n  ],\n  \"accounts\": \(f.accounts),\n  \"by_method\": [")
    for (i, m) in f.byMethod.enumerated() {
        w.append(i == 0 ? "\n" : ",\n")
        w.append("    {\"method\": "); w.appendJSONString(m.method)
        w.append(", \"accounts\": \(m.accounts), \"volume_kwh\": \(m.volumeKwh)}")
    }
    let t = f.totals
    w.append("\n  ],\n  \"totals\": {\n")
    let money: [(String, Kopecks)] = [("balance_in", t.balanceIn), ("charge", t.charge), ("recalculation", t.recalculation),
                                      ("benefit", t.benefit), ("penalty", t.penalty), ("payments", t.payments),
                                      ("total_due", t.totalDue)]
    w.append("    \"volume_kwh\": \(f.volumeKwh)")
    for (k, v) in money { w.append(",\n    \"\(k)\": \"\(v)\"") }
    w.append("\n  },\n  \"rejected_readings\": {\n    \"total\": \(f.rejectedByReason.reduce(0) { $0 + $1.count }),\n    \"by_reason\": {")
    for (i, r) in f.rejectedByReason.enumerated() {
        w.append(i == 0 ? "\n      " : ",\n      ")
        w.appendJSONString(r.reason); w.append(": \(r.count)")
    }
    w.append(f.rejectedByReason.isEmpty ? "}\n  },\n" : "\n    }\n  },\n")
    w.append("  \"invariants\": {\n    \"passed\": \(f.invariantFailures.isEmpty),\n")
    w.append("    \"checked\": "); w.appendJSONString(closeInvariantDescriptions.joined(separator: "; ")); w.append(",\n")
    w.append("    \"failures\": [")
    for (i, s) in f.invariantFailures.enumerated() { w.append(i == 0 ? "" : ", "); w.appendJSONString(s) }
    w.append("]\n  },\n")
    appendMoneyInJSON(f.moneyIn, to: &w)
    w.append("  \"outputs\": {")
    for (i, o) in f.outputs.enumerated() {
        w.append(i == 0 ? "\n    " : ",\n    ")
        w.appendJSONString(o.name); w.append(": \"sha256:\(o.sha256)\"")
    }
    w.append(f.outputs.isEmpty ? "}\n}\n" : "\n  }\n}\n")
    return w.bytes
}

/// The "money_in" block of summary.json (before "outputs"); nothing without bank files.
func appendMoneyInJSON(_ m: MoneyInReport?, to w: inout ByteWriter) {
    guard let m else { return }
    w.append("  \"money_in\": {\n    \"as_of\": \"\(m.asOf.iso)\",\n")
    w.append("    \"received\": \"\(m.received)\",\n    \"on_accounts\": \"\(m.onAccounts)\",\n")
    w.append("    \"unmatched\": \"\(m.unmatched)\",\n    \"unmatched_count\": \(m.unmatchedCount),\n")
    w.append("    \"booked_in_period\": \"\(m.bookedInPeriod)\",\n    \"bank_registries\": \(m.registries),\n")
    w.append("    \"bank_commission\": \"\(m.commission)\",\n    \"registries_without_transfer\": \(m.registriesWithoutTransfer),\n")
    w.append("    \"checked\": \"received = on_accounts + unmatched\",\n    \"holds\": \(m.holds)\n  },\n")
}
