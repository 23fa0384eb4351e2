import BillingCore
import BillingStore

/// What `quote` was asked: the account, the register values, the day they are taken.
public struct QuoteOptions: Sendable {
    public var account: String
    public var registers: [Int64]
    public var on: CivilDate?
    public init(account: String, registers: [Int64], on: CivilDate? = nil) {
        self.account = account; self.registers = registers; self.on = on
    }
}

/// The quote as printed, and its figures.
public struct Quote: Sendable {
    public var period: Period
    public var meterId: String
    public var charge = Kopecks.zero
    public var recalculation = Kopecks.zero
    public var benefit = Kopecks.zero
    public var balance = Kopecks.zero
    public var total = Kopecks.zero
    public var text = ""
}

/// `quote --account ID --t1 N [--t2 N] [--t3 N] [--on DATE]` (RULES.md "Quote"):
/// validates the readings as the close would (BillingCore's quoteReading: selectReading against the meter's
/// state after the last closed period), prices the volume at the tariff of the
/// next period, adds the п.61 recalculation the reading would trigger and the
/// benefit, and the balance (last total_due). Stores nothing.
public func runQuote(_ ws: Workspace, _ o: QuoteOptions) throws -> Quote {
    let db = ws.database
    guard let account = try db.account(id: o.account) else { throw BillingError(.badInput, "неизвестный лицевой счёт \(o.account)") }
    let rules = try loadStoredRules(db)
    guard let region = rules.regions[account.region] else {
        throw BillingError(.badInput, "тарифы региона \(account.region) не загружены")
    }
    guard let period = try db.lastClosedPeriod(region: account.region)?.next ?? o.on?.period else {
        throw BillingError(.badInput, "в регионе \(account.region) ещё нет закрытых периодов; укажите --on ДАТА, чтобы выбрать период")
    }
    let on = o.on ?? period.firstDay
    guard region.readingWindows.inForce(on: period.firstDay) as ReadingWindow? != nil else {
        throw BillingError(.badInput, "регион \(region.code): нет окна приёма показаний на период \(period); добавьте reading_window с \(period.firstDay.russian) и импортируйте тарифы")
    }
    if on > region.deadline(for: period).date {
        throw BillingError(.badInput, "показания, снятые \(on.russian), не относятся к \(period) — периоду после последнего закрытого; сначала закройте \(period) или считайте показания, снятые не позже \(region.deadline(for: period).date.russian)")
    }
    guard region.tariff(category: account.category, on: period.firstDay) != nil else {
        throw BillingError(.badInput, "нет тарифа категории \(account.category) региона \(account.region), действующего на \(period.firstDay.russian)")
    }

    // The meter in service on the day; the one with as many zones as registers given.
    var meters: [Meter] = []
    for meter in try db.meters(account: account.id)
    where meter.installedOn <= on && (meter.removedOn.map { on <= $0 } ?? true) {
        meters.append(meter)
    }
    guard let meter = meters.first(where: { $0.zones == o.registers.count }) ?? meters.first else {
        throw BillingError(.badInput, "у л/с \(account.id) нет счётчика в работе на \(on.russian)")
    }
    var state = MeterState.initial(for: meter)
    if let text = try db.meterState(meter: meter.id, account: account.id, before: period) {
        guard let s = MeterState(encoded: text) else { throw BillingError(.failed, "сохранённое состояние счётчика \(meter.id) не читается: \(text); проверьте базу командой 'energobill check'") }
        state = s
    }

    var balanceFrom = "входящее сальдо"
    var balance = account.openingBalance
    if let last = try db.lastClosedTotalDue(account: account.id) { balanceFrom = "к оплате за " + last.period; balance = last.totalDue }
    let figures: QuoteFigures
    switch quoteReading(account: account, meter: meter, state: state, registers: o.registers, on: on, period: period,
                        region: region, balance: balance) {
    case .success(let f): figures = f
    case .failure(let rejected):
        throw BillingError(.badInput, "показание не принято: \(rejected.reason) (прибор \(meter.id): зон \(meter.zones), разрядов \(meter.digits), предыдущее \(state.lastActual), дано \(Registers(o.registers)))")
    }
    var q = Quote(period: period, meterId: meter.id)
    q.charge = figures.charge; q.recalculation = figures.recalculation; q.benefit = figures.benefit
    q.balance = figures.balance; q.total = figures.total
    q.text = quoteText(q, account: account.id, meter: meter, on: on, previous: state.lastActual, registers: o.registers,
                       volumes: figures.volumes, priced: figures.priced,
                       recalc: (figures.recalculationLines, figures.currentVolumes), balanceFrom: balanceFrom)
    return q
}

/// The quote as an operator reads it to a customer on the phone, in Russian: where the
/// volume went (this period, or п.61 recalculation of the estimated months), each line, the total.
func quoteText(_ q: Quote, account: String, meter: Meter, on: CivilDate, previous: Registers, registers: [Int64],
               volumes: [Int64], priced: [PricedLine], recalc: (lines: [RecalcLine], current: [Int64]),
               balanceFrom: String) -> String {
    let rub = { (k: Kopecks) in k.groupedRubles() + " ₽" }
    var t = "расчёт без сохранения показаний: лицевой счёт \(account), период \(q.period), прибор \(meter.id), показания на \(on.russian)\n"
    let zoneNames = ["T1", "T2", "T3"]
    for z in 0..<meter.zones {
        t += "\(zoneNames[z]): предыдущее \(previous[z]), текущее \(registers[z]), расход \(volumes[z]) кВт·ч\n"
    }
    let total = volumes.reduce(0, +), current = recalc.current.reduce(0, +)
    if total != current {
        let months = recalc.lines.map { $0.period.description }.joined(separator: ", ")
        t += "расход \(total) кВт·ч: \(current) за период \(q.period), \(total - current) — перерасчёт оценённых месяцев (\(months), п. 61 ПП РФ №354)\n"
    }
    for l in priced {
        let price = String(describing: l.price).replacingOccurrences(of: ".", with: ",")
        t += "электроэнергия\(l.zone.isEmpty ? "" : ", " + l.zone), ступень \(l.tier): \(l.volume.value) кВт·ч × \(price) = \(rub(l.amount))\n"
    }
    for l in recalc.lines {
        t += "перерасчёт \(l.period): \(l.shares.reduce(0, +)) кВт·ч вместо начисленных \(l.shares.reduce(0, +) - l.volumeDelta), \(rub(l.amount))\n"
    }
    if q.benefit.value != 0 { t += "льгота: \(rub(q.benefit))\n" }
    t += "начислено за период: \(rub(q.charge))\n"
    if q.recalculation.value != 0 { t += "перерасчёт всего: \(rub(q.recalculation))\n" }
    t += "\(q.balance.value < 0 ? "переплата" : "долг"): \(rub(q.balance.value < 0 ? -q.balance : q.balance)) (\(balanceFrom))\n"
    if q.total.value >= 0 {
        t += "итого к оплате: \(rub(q.total))\n"
    } else {
        t += "итого к оплате: 0,00 ₽ (остаётся переплата \(rub(-q.total)))\n"
    }
    return t
}
