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
    /// The registry's money columns as stored (charge, recalculation, benefit, penalty, payments).
    var storedRegistry = KindTotals()
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
    let r = stored.registrySums
    f.storedRegistry = KindTotals(charge: r.charge, recalculation: r.recalculation, benefit: r.benefit, penalty: r.penalty, payments: r.payments)
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

/// What summary.json shows of the facts, and the other outputs' hashes (rendered by BillingRender).
func closeSummaryData(_ f: CloseFacts, outputs: [(String, String)]) -> CloseSummaryData {
    let t = f.totals
    return CloseSummaryData(
        period: f.period, regions: f.regions.map { .init(code: $0.code, accounts: $0.accounts, inputHash: $0.inputHash) },
        accounts: t.accounts, byMethod: f.methods.map { MethodCount(method: $0.method, accounts: $0.accounts, volumeKwh: $0.volumeKwh) },
        volumeKwh: t.volumeKwh, totals: reportTotals(t),
        rejectedByReason: f.rejectsByReason.map { ReasonCount(reason: $0.reason, count: $0.count) },
        invariantFailures: f.invariantFailures, moneyIn: f.moneyIn, outputs: outputs.map { NamedHash(name: $0.0, sha256: $0.1) })
}

func reportTotals(_ t: RegistryWriter.Totals) -> ReportTotals {
    ReportTotals(balanceIn: t.balanceIn, charge: t.charge, recalculation: t.recalculation, benefit: t.benefit,
                 penalty: t.penalty, payments: t.payments, totalDue: t.totalDue)
}
