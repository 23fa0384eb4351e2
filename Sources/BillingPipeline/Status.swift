import BillingCore
import BillingStore

/// `energobill status`: what is stored, which periods are closed, the last runs.
public func statusReport(_ db: Database) throws -> String {
    var s = "база: \(db.path) (схема \(try db.userVersion))\n"
    // Each figure says what it counts: an operator meets two kinds of rejects and must
    // know which report lists them.
    let counts: [(String, CountedTable)] = [
        ("регионы", .regions), ("лицевые счета", .accounts), ("приборы учёта", .meters), ("показания", .readings),
        ("платежи", .payments), ("закрытые периоды лицевых счетов", .accountPeriods),
        ("строки, отклонённые импортом (файлы OUT/rejects/)", .rejects),
        ("показания, отклонённые закрытиями (причины — в close-report.html периода)", .readingRejects),
    ]
    for (label, table) in counts {
        s += "  " + label + ": " + String(try db.count(table)) + "\n"
    }
    s += "закрытые периоды — регион (лицевых счетов в закрытии):\n"
    let closes = try db.closesByPeriod()
    for c in closes { s += "  " + c.period + ": " + c.regions + "\n" }
    if closes.isEmpty { s += "  нет\n" }
    s += try bankStatusLines(db)
    s += "последние запуски (№, команда, период, регионы: итог):\n"
    let runs = try db.lastRuns(limit: 10)
    for r in runs {
        var line = "  #" + String(r.id) + " " + r.command
        for part in [r.period, r.region] where !part.isEmpty { line += " " + part }
        line += ": " + r.outcome
        if !r.detail.isEmpty { line += " — " + r.detail }
        s += line + "\n"
    }
    if runs.isEmpty { s += "  нет\n" }
    return s
}
