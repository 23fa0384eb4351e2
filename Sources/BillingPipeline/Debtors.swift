import BillingCore
import BillingRender
import BillingStore

/// One account on the debtors list.
struct DebtorRow {
    var id, holder, address, phone, email, delivery: String
    var ages: DebtAges
    var penalty: Kopecks
    var oldestDue: CivilDate
}

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
        throw CommandError(.dataError, keyRateGapMessage(rules.keyRates, needed: asOf, why: "дата списка должников"))
    }
    try warnPastLastClosed(ws, date: asOf, what: "список должников")
    let scales: [AccountKind: PenaltyScale] = [
        .person: PenaltyScale(kind: .person, policy: rules.penalty),
        .legal: PenaltyScale(kind: .legal, policy: rules.penalty),
    ]
    var rows: [DebtorRow] = []
    try db.execute("BEGIN")
    do {
        let accounts = try db.prepareUncached("""
            SELECT account_id, holder, address, region, kind, phone, email, delivery, opening_balance
            FROM accounts ORDER BY account_id
            """)
        let history = try PeriodMergeCursor(db, periods: try closedPeriods(db, before: asOf.period.next), sql: """
            SELECT account_id, period, charge + recalculation + benefit, due_date, penalty
            FROM account_periods WHERE period = ?1 ORDER BY account_id
            """) { s in
            PastPeriod(period: Period(s.text(1))!, amount: Kopecks(s.int(2)), dueDate: s.date(3)!, penalty: Kopecks(s.int(4)))
        }
        let p = try db.prepareUncached("""
            SELECT account_id, payment_id, paid_on, amount, channel, period
            FROM payments WHERE paid_on <= ? ORDER BY account_id, paid_on, payment_id
            """)
        try p.bind([.text(asOf.iso)])
        let payments = try GroupedCursor(p) { s in
            Payment(id: s.text(1), accountId: s.text(0), paidOn: s.date(2)!, amount: Kopecks(s.int(3)),
                    channel: s.text(4), period: s.optText(5).flatMap(Period.init))
        }
        let goLive = try goLiveDays(db)
        while try accounts.step() {
            let id = accounts.text(0)
            let past = try history.rows(for: id)
            guard let first = past.first, let region = rules.regions[accounts.text(3)] else {
                _ = try payments.rows(for: id)
                continue
            }
            let goLive = goLive[accounts.text(3)] ?? first.period.firstDay
            let pays = try payments.rows(for: id).filter { $0.paidOn >= goLive }
            let opening = Kopecks(accounts.int(8))
            var obligations: [Obligation] = []
            if opening.value != 0 {
                guard region.dueDays.inForce(on: first.period.previous.firstDay) as Int? != nil else {
                    throw CommandError(.dataError, "регион \(region.code): нет срока оплаты (due_day) на период \(first.period.previous) "
                                       + "(срок входящего сальдо л/с \(id)); добавьте due_day с \(first.period.previous.firstDay.russian) или раньше и импортируйте тарифы")
                }
                obligations.append(Obligation(period: nil, amount: opening, arisesOn: first.period.previous.lastDay,
                                              dueDate: region.dueDate(for: first.period.previous,
                                                                      kind: AccountKind(rawValue: accounts.text(4)) ?? .person)))
            }
            var penaltyCharges: [PenaltyCharge] = []
            for x in past {
                obligations.append(Obligation(period: x.period, amount: x.amount, arisesOn: x.period.lastDay, dueDate: x.dueDate))
                if x.penalty.value != 0 { penaltyCharges.append(PenaltyCharge(arisesOn: x.period.lastDay, amount: x.penalty)) }
            }
            let allocation = allocatePayments(obligations: obligations, payments: pays, penaltyCharges: penaltyCharges, asOf: asOf)
            let ages = debtAges(allocation, asOf: asOf)
            guard ages.overdue.value > 0, ages.oldestDaysPastDue >= minDays else { continue }
            let kind = AccountKind(rawValue: accounts.text(4)) ?? .person
            // Key rates run on from their first decision, so the day after the oldest due
            // date covers every day the penalty is rated on.
            if let oldest = obligations.map(\.dueDate).min(), oldest < asOf,
               rules.keyRates.percentCenti(on: oldest.adding(days: 1)) == nil {
                throw CommandError(.dataError, keyRateGapMessage(rules.keyRates, needed: oldest.adding(days: 1),
                                                                 why: "день после срока оплаты самого раннего долга л/с \(id)"))
            }
            let penalty = cumulativePenalty(asOf: asOf, allocation: allocation, scale: scales[kind]!, keyRates: rules.keyRates)
            rows.append(DebtorRow(id: id, holder: accounts.text(1), address: accounts.text(2), phone: accounts.text(5),
                                  email: accounts.text(6), delivery: accounts.text(7), ages: ages, penalty: penalty,
                                  oldestDue: asOf.adding(days: -ages.oldestDaysPastDue)))
        }
        try db.execute("ROLLBACK")
    } catch {
        try? db.execute("ROLLBACK")
        throw error
    }
    rows.sort { $0.ages.overdue != $1.ages.overdue ? $0.ages.overdue > $1.ages.overdue : $0.id < $1.id }
    var report = DebtorsReport(asOf: asOf, minDays: minDays)
    var w = ByteWriter()
    w.append("account_id,holder,address,phone,email,delivery,debt_total,debt_0_30,debt_31_90,debt_over_90,oldest_due_date,days_overdue,penalty\n")
    for r in rows {
        for t in [r.id, r.holder, r.address, r.phone, r.email, r.delivery] { w.append(csvField(t)); w.append(",") }
        w.append(money: r.ages.overdue); w.append(",")
        w.append(money: r.ages.upTo30); w.append(",")
        w.append(money: r.ages.from31To90); w.append(",")
        w.append(money: r.ages.over90); w.append(",")
        w.append(r.oldestDue.iso); w.append(",")
        w.append(int: Int64(r.ages.oldestDaysPastDue)); w.append(",")
        w.append(money: r.penalty); w.append("\n")
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
