import BillingCore
import BillingRender
import BillingStore

/// One account on the debtors list: the file's row (rendered by BillingRender).
typealias DebtorRow = DebtorsCSV.Row

/// The debtors list as of a date: the count, the debt by age bucket, the penalty, the file.
public struct DebtorsReport: Sendable {
    public var asOf: CivilDate
    public var minDays: Int
    public var count = 0
    public var total = Kopecks.zero
    public var upTo30 = Kopecks.zero
    public var from31To90 = Kopecks.zero
    public var over90 = Kopecks.zero
    public var penalty = Kopecks.zero
    public var path = ""

    public var summaryLines: [String] {
        ["должники на \(asOf.russian)\(minDays > 0 ? " (самый старый долг просрочен не менее \(minDays) дн.)" : ""): "
            + russianCount(Int64(count), "лицевой счёт", "лицевых счёта", "лицевых счетов"),
         "долг всего: \(total.groupedRubles()) ₽",
         "  до 30 дней: \(upTo30.groupedRubles()) ₽",
         "  31–90 дней: \(from31To90.groupedRubles()) ₽",
         "  более 90 дней: \(over90.groupedRubles()) ₽",
         "пени: \(penalty.groupedRubles()) ₽",
         "файл: \(path)"]
    }
}

/// `debtors --as-of DATE [--min-days N]` (RULES.md "Debtors"): for every account
/// with closed periods, the stored obligations (opening balance, each period's
/// charge + recalculation + benefit) and every payment with paid_on ≤ DATE are
/// allocated as of DATE; the unpaid part past its due date is the debt, bucketed
/// by days past due; the penalty is the cumulative penalty accrued up to DATE.
/// Read-only; streams sorted scans like the close.
public func runDebtors(_ ws: Workspace, asOf: CivilDate, minDays: Int) throws -> DebtorsReport {
    let db = ws.database
    let rules = try loadStoredRules(db)
    guard rules.keyRates.percentCenti(on: asOf) != nil else {
        throw BillingError(.badInput, keyRateGapMessage(rules.keyRates, needed: asOf, why: "дата списка должников"))
    }
    if let w = try LastCloses(ws.database).warning("список должников", date: asOf) { ws.console.err(w) }
    let scales = PenaltyScales(policy: rules.penalty)
    var rows: [DebtorRow] = []
    try scanAccountDebts(db, rules: rules, asOf: asOf) { debt in
        let allocation = debt.allocation(asOf: asOf)
        let ages = debtAges(allocation, asOf: asOf)
        guard ages.overdue.value > 0, ages.oldestDaysPastDue >= minDays else { return }
        try checkKeyRatesCover(debt, asOf: asOf, rules: rules)
        let a = debt.account
        let penalty = cumulativePenalty(asOf: asOf, allocation: allocation, scale: scales[a.kind], keyRates: rules.keyRates)
        rows.append(DebtorRow(id: a.id, holder: a.holder, address: a.address, phone: a.phone, email: a.email,
                              delivery: a.delivery.rawValue, ages: ages, penalty: penalty,
                              oldestDue: asOf.adding(days: -ages.oldestDaysPastDue)))
    }
    rows.sort { $0.ages.overdue != $1.ages.overdue ? $0.ages.overdue > $1.ages.overdue : $0.id < $1.id }
    var report = DebtorsReport(asOf: asOf, minDays: minDays)
    var w = ByteWriter()
    w.append(DebtorsCSV.header)
    for r in rows {
        DebtorsCSV.append(r, to: &w)
        report.count += 1
        report.total += r.ages.overdue
        report.upTo30 += r.ages.upTo30
        report.from31To90 += r.ages.from31To90
        report.over90 += r.ages.over90
        report.penalty += r.penalty
    }
    let files = OutputFiles(root: ws.outDir)
    try files.makeDirectory("debtors")
    // A filtered list is another file (SPEC): the full one is never replaced by it.
    report.path = files.path("debtors", asOf.iso + (minDays > 0 ? "-min\(minDays)" : "") + ".csv")
    try OutputFiles.write(w.bytes, to: report.path)
    return report
}
