import BillingCore
import BillingRender
import BillingStore

/// What `claim` wrote.
public struct ClaimReport: Sendable {
    public var folder = ""
    public var debt = Kopecks.zero
    public var penalty = Kopecks.zero
    /// Said on stderr when DATE lies past the region's last closed period.
    public var warning: String?
}

/// `claim --account ID --as-of DATE` (RULES.md "Claims"): the debtors' allocation of one
/// account as of DATE, written as OUT/claims/<account>_<DATE>/debt.csv|html and
/// penalty.csv|html. The penalty rows are `penaltySlices` of that allocation, the very
/// slices and numerators `cumulativePenalty` adds, so the table's total is the engine's
/// penalty as of DATE (the closes' penalty lines plus what accrued since); the command
/// checks that before it writes. Read-only.
public func runClaim(_ ws: Workspace, account id: String, asOf: CivilDate) throws -> ClaimReport {
    let db = ws.database
    let rules = try loadStoredRules(db)
    guard rules.keyRates.percentCenti(on: asOf) != nil else {
        throw BillingError(.badInput, keyRateGapMessage(rules.keyRates, needed: asOf, why: "дата расчёта пени"))
    }
    guard let account = try db.account(id: id) else { throw BillingError(.badInput, "неизвестный лицевой счёт \(id)") }
    guard OutputFiles.isSafePart(account.id + "_" + asOf.iso) else { throw BillingError(.badInput, "номер лицевого счёта \(id) не годится для имени папки") }
    var found: AccountDebt? = nil
    try scanAccountDebts(db, rules: rules, asOf: asOf, account: account.id) { found = $0 }
    guard let debt = found else {
        throw BillingError(.badInput, "у л/с \(id) нет закрытых периодов по \(asOf.russian) (или для региона \(account.region) не загружены тарифы): взыскивать нечего")
    }
    try checkKeyRatesCover(debt, asOf: asOf, rules: rules)
    let scale = PenaltyScale(kind: account.kind, policy: rules.penalty)
    let allocation = debt.allocation(asOf: asOf)
    guard let slices = penaltySlices(asOf: asOf, allocation: allocation, scale: scale, keyRates: rules.keyRates) else {
        throw BillingError(.badInput, "ключевая ставка: нет ставки на день оплаты одного из долгов л/с \(id); дополните key-rate.csv и импортируйте тарифы")
    }
    var rows: [ClaimData.PenaltyRow] = []
    for s in slices {
        for i in s.intervals {
            rows.append(ClaimData.PenaltyRow(period: s.obligation.period, debt: s.amount, settledOn: s.settledOn, interval: i, penalty: .zero))
        }
    }
    let kopecks = scale.kopecksAddingUp(rows.map(\.interval.numerator))
    for i in rows.indices { rows[i].penalty = kopecks[i] }
    let total = kopecks.reduce(.zero, +)
    let engine = cumulativePenalty(asOf: asOf, allocation: allocation, scale: scale, keyRates: rules.keyRates)
    guard total == engine else {
        throw BillingError(.failed, "внутренняя ошибка: расчёт пени л/с \(id) в сумме \(total), а начислено движком \(engine); ничего не записано")
    }
    let closes = try LastCloses(db)
    let lastClosed = closes.behind(account.region, date: asOf)
    let claim = ClaimData(asOf: asOf, account: account, supplier: debt.region.supplier, periods: claimPeriods(debt, allocation, asOf: asOf),
                          payments: debt.payments.filter { $0.paidOn <= asOf }, advance: allocation.advance,
                          penaltyRows: rows, penaltyTotal: total,
                          penaltyBooked: debt.penaltyCharges.filter { $0.arisesOn <= asOf }.reduce(.zero) { $0 + $1.amount },
                          penaltyPaid: allocation.penaltyPaid,
                          ground: account.kind == .legal ? "ст. 37 Федерального закона от 26.03.2003 № 35-ФЗ «Об электроэнергетике»"
                                                         : "ч. 14 ст. 155 Жилищного кодекса РФ",
                          lastClosed: lastClosed)
    let files = OutputFiles(root: ws.outDir)
    let folder = account.id + "_" + asOf.iso
    try files.makeDirectory("claims", folder)
    try OutputFiles.write(renderClaimDebtCSV(claim), to: files.path("claims", folder, "debt.csv"))
    try OutputFiles.write(renderClaimDebtHTML(claim), to: files.path("claims", folder, "debt.html"))
    try OutputFiles.write(renderClaimPenaltyCSV(claim), to: files.path("claims", folder, "penalty.csv"))
    try OutputFiles.write(renderClaimPenaltyHTML(claim), to: files.path("claims", folder, "penalty.html"))
    return ClaimReport(folder: files.path("claims", folder), debt: claim.overdueDebt, penalty: claim.penaltyClaimed,
                       warning: closes.warning("иск", date: asOf, regions: [account.region]))
}

/// Charged, paid and owed per obligation that arose by the date, in the allocation's order.
func claimPeriods(_ debt: AccountDebt, _ allocation: Allocation, asOf: CivilDate) -> [DebtLine] {
    var states: [Obligation: ObligationState] = [:]
    for s in allocation.obligations { states[s.obligation] = s }
    return debt.obligations.filter { $0.arisesOn <= asOf }.map { o in
        let unpaid = states[o]?.unpaid ?? .zero
        let charged = o.amount
        return DebtLine(period: o.period, charged: charged, dueDate: o.dueDate,
                        paid: charged.value > 0 ? charged - unpaid : .zero, unpaid: unpaid)
    }
}
