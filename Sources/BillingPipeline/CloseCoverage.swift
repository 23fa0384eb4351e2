import BillingCore
import BillingStore

/// Before a close computes anything: the stored reference data must cover every
/// account it closes — a tariff version of each category in use on P's first day
/// (versions run until the next one, so that covers every day of P), the reading
/// window and the due days from the region's first billed period on, and a key
/// rate from the day after the oldest debt's due date. A gap is the operator's
/// data, not a bug: exit 65 before anything is stored, naming what to import.
func checkReferenceCoverage(_ db: Database, rules: StoredRules, period: Period, regions: [String]) throws {
    var gaps: [String] = []
    var earliestDue: CivilDate? = nil
    for code in regions {
        guard let region = rules.regions[code] else { continue }
        let first = try db.scalarText("SELECT min(period) FROM closes WHERE region = ?", [.text(code)])
            .flatMap(Period.init) ?? period
        let categories = try db.prepareUncached("SELECT DISTINCT category FROM accounts WHERE region = ? ORDER BY category")
        try categories.bind([.text(code)])
        while try categories.step() {
            let category = categories.text(0)
            if region.tariff(category: category, on: period.firstDay) == nil {
                let from = region.tariffs.filter { $0.category == category }.map(\.from).min()
                gaps.append("регион \(code), категория \(category): нет версии тарифа на \(period.firstDay.ru) (период \(period))"
                            + (from.map { " — тариф действует только с \($0.ru)" } ?? " — тарифа этой категории нет")
                            + "; импортируйте версию тарифа с \(period.firstDay.ru) или раньше: energobill import tariffs <папка>")
            }
        }
        let readingWindow: ReadingWindow? = region.readingWindows.inForce(on: period.firstDay)
        if readingWindow == nil {
            gaps.append("регион \(code): нет окна приёма показаний на период \(period); добавьте reading_window с \(period.firstDay.ru) и импортируйте тарифы")
        }
        // Due days run on from their first version, so the one before the first billed
        // period (the opening balance's) covers every later period.
        let opening = first.previous
        let dueDay: Int? = region.dueDays.inForce(on: opening.firstDay)
        if dueDay == nil {
            gaps.append("регион \(code): нет срока оплаты (due_day) на период \(opening) (срок входящего сальдо); "
                        + "добавьте due_day с \(opening.firstDay.ru) или раньше и импортируйте тарифы")
        } else {
            let due = region.dueDate(for: opening)
            if earliestDue.map({ due < $0 }) ?? true { earliestDue = due }
        }
    }
    if let due = earliestDue {
        let needed = due.adding(days: 1)
        if rules.keyRates.percentCenti(on: needed) == nil {
            let from = rules.keyRates.changes.first?.from
            gaps.append("ключевая ставка: нет ставки на \(needed.ru) (день после срока оплаты самого раннего долга)"
                        + (from.map { ", key-rate.csv начинается с \($0.ru)" } ?? ", key-rate.csv пуст")
                        + "; добавьте решения Банка России с более ранней даты и импортируйте тарифы")
        }
    }
    if !gaps.isEmpty {
        throw CommandError(.dataError, "справочные данные не покрывают закрытие \(period), ничего не сохранено:\n  "
                           + gaps.joined(separator: "\n  "))
    }
}

extension CivilDate {
    /// DD.MM.YYYY, as an operator reads a date.
    var ru: String {
        let s = iso
        let b = Array(s.utf8)
        guard b.count == 10 else { return s }
        return String(decoding: b[8..<10] + [UInt8(ascii: ".")] + b[5..<7] + [UInt8(ascii: ".")] + b[0..<4], as: UTF8.self)
    }
}
