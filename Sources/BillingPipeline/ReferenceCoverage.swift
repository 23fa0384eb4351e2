import BillingCore
import BillingStore

/// Before a close or a recalculation computes anything: the reference data (stored,
/// or a what-if's from `source`) must cover every account it computes — a tariff
/// version of each category in use on P's first day (versions run until the next
/// one, so that covers every day of P), the reading window, the due days from the
/// region's first billed period on, and a key rate from the day after the oldest
/// debt's due date. A gap is the operator's data, not a bug: exit 65 before anything
/// is stored, naming what to import.
func checkReferenceCoverage(_ db: Database, rules: StoredRules, period: Period, regions: [String],
                            source: String? = nil) throws {
    var gaps: [String] = []
    var earliestDue: CivilDate? = nil
    let categories = try db.accountCategoriesByRegion()
    for code in regions {
        guard let region = rules.regions[code] else { continue }
        let first = try db.firstClosedPeriod(region: code) ?? period
        for category in categories[code] ?? [] {
            if region.categories[category] == nil {
                gaps.append("регион \(code): категории \(category) нет в данных тарифов; добавьте её и импортируйте тарифы")
            } else if region.categories[category]?.vatExcluded == true,
                      region.vatRates.changes.inForce(on: period.lastDay) as Int64? == nil {
                gaps.append("регион \(code), категория \(category): цены без НДС, но ставки НДС на \(period.lastDay.russian) нет"
                            + (region.vatRates.changes.first.map { " (vat.csv начинается с \($0.from.russian))" } ?? " (vat.csv не импортирован)")
                            + "; импортируйте тарифы с vat.csv: energobill import tariffs <папка>")
            }
            if region.categories[category] != nil, region.tariff(category: category, on: period.firstDay) == nil {
                let from = region.tariffs.filter { $0.category == category }.map(\.from).min()
                gaps.append("регион \(code), категория \(category): нет версии тарифа на \(period.firstDay.russian) (период \(period))"
                            + (from.map { " — тариф действует только с \($0.russian)" } ?? " — тарифа этой категории нет")
                            + "; импортируйте версию тарифа с \(period.firstDay.russian) или раньше: energobill import tariffs <папка>")
            }
        }
        let readingWindow: ReadingWindow? = region.readingWindows.inForce(on: period.firstDay)
        if readingWindow == nil {
            gaps.append("регион \(code): нет окна приёма показаний на период \(period); добавьте reading_window с \(period.firstDay.russian) и импортируйте тарифы")
        }
        // Due days run on from their first version, so the one before the first billed
        // period (the opening balance's) covers every later period.
        let opening = first.previous
        let dueDay: Int? = region.dueDays.inForce(on: opening.firstDay)
        if dueDay == nil {
            gaps.append("регион \(code): нет срока оплаты (due_day) на период \(opening) (срок входящего сальдо); "
                        + "добавьте due_day с \(opening.firstDay.russian) или раньше и импортируйте тарифы")
        } else {
            let due = region.dueDate(for: opening)
            if earliestDue.map({ due < $0 }) ?? true { earliestDue = due }
        }
    }
    if let due = earliestDue {
        let needed = due.adding(days: 1)
        if rules.keyRates.percentCenti(on: needed) == nil {
            gaps.append(keyRateGapMessage(rules.keyRates, needed: needed, why: "день после срока оплаты самого раннего долга"))
        }
    }
    if !gaps.isEmpty {
        throw BillingError(.badInput, "справочные данные\(source.map { " (\($0))" } ?? "") не покрывают период \(period), ничего не сохранено:\n  "
                           + gaps.joined(separator: "\n  "))
    }
}

/// The one wording of a key-rate gap, for the close, recalc, debtors and quote.
func keyRateGapMessage(_ keyRates: KeyRates, needed: CivilDate, why: String) -> String {
    "ключевая ставка: нет ставки на \(needed.russian) (\(why))"
        + (keyRates.changes.first.map { ", key-rate.csv начинается с \($0.from.russian)" } ?? ", key-rate.csv пуст")
        + "; добавьте решения Банка России с более ранней даты и импортируйте тарифы"
}
