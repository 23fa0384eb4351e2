import BillingCore
import BillingRender
import BillingStore

/// What `notices --as-of DATE` did.
public struct NoticesReport: Sendable {
    public var asOf: CivilDate
    public var noticed = 0
    public var total = Kopecks.zero
    public var underThreshold = 0
    public var paidSince = 0
    public var folder = ""
    /// Said on stderr when DATE lies past some region's last closed period.
    public var warning: String?

    public var summaryLines: [String] {
        ["уведомления на \(asOf.russian): \(russianCount(Int64(noticed), "потребитель", "потребителя", "потребителей")), долг \(total.groupedRubles()) ₽",
                 "  должники с долгом не выше порога: \(underThreshold)",
                 "  оплатили долг полностью после \(asOf.russian): \(paidSince)",
                 "файлы: \(folder)/"]
    }
}

/// `notices --as-of DATE` (ПП354 п.117–119, RULES.md "Notices"): every household whose
/// overdue energy debt as of DATE (the debtors' allocation; penalties are never in it)
/// exceeds the norm volume × the single price in force on DATE × the policy's months
/// gets OUT/notices/<DATE>/<account>.html and a line in notices.csv — unless payments
/// dated after DATE have already paid those debts in full. Read-only.
public func runNotices(_ ws: Workspace, asOf: CivilDate) throws -> NoticesReport {
    let db = ws.database
    let rules = try loadStoredRules(db)
    let policy = rules.penalty
    let deadline = asOf.adding(days: policy.noticeDays)
    var report = NoticesReport(asOf: asOf)
    let closes = try LastCloses(db)
    report.warning = closes.warning("уведомления", date: asOf)
    let files = OutputFiles(root: ws.outDir)
    try files.makeDirectory("notices", asOf.iso)
    report.folder = files.path("notices", asOf.iso)
    var csv = ByteWriter()
    csv.append(NoticesCSV.header)
    try scanAccountDebts(db, rules: rules, asOf: asOf, laterPayments: true) { debt in
        let a = debt.account
        guard a.kind == .person, a.closedOn.map({ $0 > asOf }) ?? true else { return }
        let allocation = debt.allocation(asOf: asOf)
        let overdue = allocation.obligations.filter { $0.unpaid.value > 0 && $0.obligation.dueDate < asOf }
        let total = overdue.reduce(Kopecks.zero) { $0 + $1.unpaid }
        guard total.value > 0 else { return }
        let (normKwh, price) = try noticeNorm(a, debt.region, on: asOf)
        let monthly = price.amount(for: KilowattHours(normKwh))
        let limit = Kopecks(monthly.value * Int64(policy.noticeMonths))
        guard total > limit else { report.underThreshold += 1; return }
        if paidInFullLater(debt, overdue: overdue, asOf: asOf) { report.paidSince += 1; return }
        let lines = overdue.map { s in
            DebtLine(period: s.obligation.period, charged: s.obligation.amount, dueDate: s.obligation.dueDate,
                     paid: s.obligation.amount - s.unpaid, unpaid: s.unpaid)
        }
        let notice = NoticeData(date: asOf, deadline: deadline, noticeDays: policy.noticeDays, supplier: debt.region.supplier,
                                account: a, debts: lines, total: total, normKwh: normKwh, price: price,
                                months: policy.noticeMonths, threshold: limit, lastClosed: closes.behind(a.region, date: asOf))
        let qr: String
        do { qr = try QRCode(text: noticeQRPayload(notice).text).svg() } catch {
            throw BillingError(.failed, "не удалось построить QR-код уведомления л/с \(a.id): \(error)")
        }
        guard OutputFiles.isSafePart(a.id + ".html") else { throw BillingError(.badInput, "номер лицевого счёта \(a.id) не годится для имени файла") }
        try OutputFiles.write(renderNoticeHTML(notice, qrSVG: qr), to: files.path("notices", asOf.iso, a.id + ".html"))
        NoticesCSV.append(.init(account: a.id, holder: a.holder, address: a.address, debt: total, threshold: limit,
                                deadline: deadline, delivery: a.delivery == .email && !a.email.isEmpty ? "email" : "paper"),
                          to: &csv)
        report.noticed += 1
        report.total += total
        ws.console.progress("notices: \(report.noticed)")
    }
    try OutputFiles.write(csv.bytes, to: files.path("notices", asOf.iso, "notices.csv"))
    return report
}

/// The account's norm volume (without the increasing coefficient: п.118 speaks of the
/// norm itself) and the single price in force on the date, of the tier that volume falls in.
func noticeNorm(_ a: Account, _ region: RegionRules, on date: CivilDate) throws -> (Int64, PricePer10000) {
    guard let category = region.categories[a.category], region.norms[category.stove] != nil else {
        throw BillingError(.badInput, "регион \(region.code): нет категории \(a.category) или её норматива (л/с \(a.id)); исправьте тарифный файл и импортируйте тарифы")
    }
    let norm = region.normVolume(for: a, coefficient: 10000)
    guard let version = region.tariff(category: a.category, on: date) else {
        throw BillingError(.badInput, "регион \(region.code), категория \(a.category): нет тарифа на \(date.russian) (л/с \(a.id)); добавьте тариф и импортируйте тарифы")
    }
    let tier = version.tiers.first { ($0.upToKwh ?? Int64.max) >= norm } ?? version.tiers.last
    guard let price = tier?.prices[.single] else {
        throw BillingError(.badInput, "регион \(region.code), категория \(a.category): в тарифе с \(version.from.russian) нет цены single")
    }
    return (norm, price)
}

/// True when every payment known (also those dated after DATE) settles the debts overdue on DATE.
func paidInFullLater(_ debt: AccountDebt, overdue: [ObligationState], asOf: CivilDate) -> Bool {
    guard let last = debt.payments.last?.paidOn, last > asOf else { return false }
    let later = allocatePayments(obligations: debt.obligations.filter { $0.arisesOn <= asOf }, payments: debt.payments,
                                 penaltyCharges: debt.penaltyCharges.filter { $0.arisesOn <= asOf }, asOf: last)
    let owed = Set(overdue.map(\.obligation))
    return !later.obligations.contains { owed.contains($0.obligation) && $0.unpaid.value > 0 }
}
