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
        let first = try db.scalarInt("SELECT 1 FROM closes WHERE region = ? LIMIT 1", [.text(code)]) == nil
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
        if !allowEmpty, try !hasActivity(db, region: code, period: period, after: windowStart, by: region.deadline(for: period)) {
            refusals.append("регион \(code): за \(period) нет ни одного показания, платежа, перерасчёта или изменения лицевых счетов — "
                            + "похоже, данные месяца не импортированы; импортируйте их или, если месяц действительно пуст, повторите с --allow-empty")
        }
    }
    if !refusals.isEmpty {
        throw BillingError(.badInput, "закрытие \(period) не выполнено, ничего не сохранено:\n  " + refusals.joined(separator: "\n  "))
    }
}

private func earlierData(_ db: Database, region: String, period: Period, after windowStart: LocalTimestamp) throws -> EarlierData {
    var e = EarlierData()
    e.accounts = try db.scalarInt("""
        SELECT count(*) FROM accounts WHERE region = ?1 AND (opened_on IS NULL OR opened_on < ?2)
        """, [.text(region), .text(period.firstDay.iso)]) ?? 0
    e.readings = try db.scalarInt("""
        SELECT count(*) FROM readings r JOIN accounts a ON a.account_id = r.account_id
        WHERE a.region = ?1 AND r.received_at <= ?2
        """, [.text(region), .text(windowStart.description)]) ?? 0
    e.payments = try db.scalarInt("""
        SELECT count(*) FROM payments p JOIN accounts a ON a.account_id = p.account_id
        WHERE a.region = ?1 AND p.paid_on < ?2
        """, [.text(region), .text(period.firstDay.iso)]) ?? 0
    return e
}

/// Anything that P's close of the region would book or change: a reading in P's window,
/// a payment dated in P or imported since the last close, a posted recalculation not yet
/// booked, an account opened or closed in P.
private func hasActivity(_ db: Database, region: String, period: Period, after: LocalTimestamp, by: LocalTimestamp) throws -> Bool {
    let watermark = try db.scalarInt("SELECT payments_watermark FROM closes WHERE region = ? AND period = ?",
                                     [.text(region), .text(period.previous.description)]) ?? 0
    let probes: [(String, [SQLValue])] = [
        ("""
         SELECT 1 FROM readings r JOIN accounts a ON a.account_id = r.account_id
         WHERE a.region = ?1 AND r.received_at > ?2 AND r.received_at <= ?3 LIMIT 1
         """, [.text(region), .text(after.description), .text(by.description)]),
        ("""
         SELECT 1 FROM payments p JOIN accounts a ON a.account_id = p.account_id
         WHERE a.region = ?1 AND p.paid_on <= ?2 AND (p.paid_on >= ?3 OR p.rowid > ?4) LIMIT 1
         """, [.text(region), .text(period.lastDay.iso), .text(period.firstDay.iso), .int(watermark)]),
        ("""
         SELECT 1 FROM posted_recalcs pr JOIN accounts a ON a.account_id = pr.account_id
         WHERE a.region = ?1 AND pr.booked_period IS NULL LIMIT 1
         """, [.text(region)]),
        ("""
         SELECT 1 FROM accounts WHERE region = ?1 AND ((opened_on >= ?2 AND opened_on <= ?3) OR (closed_on >= ?2 AND closed_on <= ?3)) LIMIT 1
         """, [.text(region), .text(period.firstDay.iso), .text(period.lastDay.iso)]),
    ]
    for (sql, args) in probes where try db.scalarInt(sql, args) != nil { return true }
    return false
}

/// Per region, the first day of its first closed period: payments dated before it
/// belong to the opening balance and are never booked (close, recalc, debtors).
func goLiveDays(_ db: Database) throws -> [String: CivilDate] {
    var out: [String: CivilDate] = [:]
    let s = try db.prepareUncached("SELECT region, min(period) FROM closes GROUP BY region")
    while try s.step() { if let p = Period(s.text(1)) { out[s.text(0)] = p.firstDay } }
    return out
}
