import BillingCore
import BillingStore

/// What a region's first close found before P: data the close would otherwise fold
/// into P (SPEC "Closes, outputs and history").
struct EarlierData {
    var accounts: Int64 = 0
    var readings: Int64 = 0
    var payments: Int64 = 0
    var isEmpty: Bool { accounts == 0 && readings == 0 && payments == 0 }
}

/// The go-live and empty-period guards of a close, before anything is computed.
/// A region's first close is its go-live: with accounts opened, readings received or
/// payments dated before P it is refused unless `goLive` says P is the first billed
/// month on purpose (then opening balances stand as given, earlier readings only set
/// the starting meter state and earlier payments are taken as part of the opening
/// balance). A period with no reading, payment, posted recalculation or account
/// change closes only with `allowEmpty`.
func checkGoLiveAndActivity(_ db: Database, rules: StoredRules, period: Period, regions: [String],
                            goLive: Bool, allowEmpty: Bool) throws {
    var refusals: [String] = []
    for code in regions {
        guard let region = rules.regions[code] else { continue }
        let first = try !db.hasCloses(region: code)
        let windowStart = region.deadline(for: period.previous)
        if first {
            let earlier = try earlierData(db, region: code, period: period, after: windowStart)
            if !earlier.isEmpty && !goLive {
                var what: [String] = []
                if earlier.accounts > 0 { what.append("\(russianCount(earlier.accounts, "лицевой счёт открыт", "лицевых счёта открыты", "лицевых счетов открыты")) до \(period.firstDay.russian)") }
                if earlier.readings > 0 { what.append("\(russianCount(earlier.readings, "показание получено", "показания получены", "показаний получены")) до окна \(period) (по \(windowStart.date.russian) включительно)") }
                if earlier.payments > 0 { what.append("\(russianCount(earlier.payments, "платёж датирован", "платежа датированы", "платежей датированы")) до \(period.firstDay.russian)") }
                refusals.append("регион \(code): \(period) — первый закрываемый период региона, но в базе есть более ранние данные: "
                                + what.joined(separator: ", ")
                                + ". Если \(period) — первый расчётный месяц, повторите с --go-live (входящее сальдо остаётся как задано, "
                                + "ранние показания задают начальное состояние счётчиков, ранние платежи считаются учтёнными во входящем сальдо); "
                                + "иначе сначала закройте более ранний период")
                continue
            }
        }
        if !allowEmpty, try !db.hasActivity(region: code, period: period, after: windowStart, by: region.deadline(for: period)) {
            refusals.append("регион \(code): за \(period) нет ни одного показания, платежа, перерасчёта или изменения лицевых счетов — "
                            + "похоже, данные месяца не импортированы; импортируйте их или, если месяц действительно пуст, повторите с --allow-empty")
        }
    }
    if !refusals.isEmpty {
        throw BillingError(.badInput, "закрытие \(period) не выполнено, ничего не сохранено:\n  " + refusals.joined(separator: "\n  "))
    }
}

private func earlierData(_ db: Database, region: String, period: Period, after windowStart: LocalTimestamp) throws -> EarlierData {
    let (accounts, readings, payments) = try db.dataBeforeGoLive(region: region, period: period, windowStart: windowStart)
    return EarlierData(accounts: accounts, readings: readings, payments: payments)
}

/// Per region, the first day of its first closed period: payments dated before it
/// belong to the opening balance and are never booked (close, recalc, debtors).
func goLiveDays(_ db: Database) throws -> [String: CivilDate] {
    try db.firstClosedPeriods().mapValues(\.firstDay)
}
