import BillingCore
import BillingStore

/// `energobill status`: what is stored, which periods are closed, the last runs.
public func statusReport(_ db: Database) throws -> String {
    var s = "база: \(db.path) (схема \(try db.userVersion))\n"
    // Each figure says what it counts: an operator meets two kinds of rejects and must
    // know which report lists them.
    let counts: [(String, String)] = [
        ("регионы", "regions"), ("лицевые счета", "accounts"), ("приборы учёта", "meters"), ("показания", "readings"),
        ("платежи", "payments"), ("проводки журнала расчётов", "ledger"),
        ("строки, отклонённые импортом (файлы OUT/rejects/)", "rejects"),
        ("показания, отклонённые закрытиями (причины — в close-report.html периода)", "reading_rejects"),
    ]
    for (label, table) in counts {
        let n = try db.scalarInt("SELECT count(*) FROM \(table)") ?? 0
        s += "  " + label + ": " + String(n) + "\n"
    }
    s += "закрытые периоды — регион (лицевых счетов в закрытии):\n"
    let closes = try db.prepareUncached("""
        SELECT period, group_concat(region || ' (' || accounts || ')', ', ')
        FROM (SELECT period, region, accounts FROM closes ORDER BY period, region) GROUP BY period ORDER BY period
        """)
    var any = false
    while try closes.step() { any = true; s += "  " + closes.text(0) + ": " + closes.text(1) + "\n" }
    if !any { s += "  нет\n" }
    s += try bankStatusLines(db)
    s += "последние запуски (№, команда, период, регионы: итог):\n"
    let runs = try db.prepareUncached("SELECT id, command, coalesce(period, ''), coalesce(region, ''), outcome, detail FROM runs ORDER BY id DESC LIMIT 10")
    any = false
    while try runs.step() {
        any = true
        var line = "  #" + String(runs.int(0)) + " " + runs.text(1)
        for c: Int32 in 2...3 where !runs.text(c).isEmpty { line += " " + runs.text(c) }
        line += ": " + runs.text(4)
        if !runs.text(5).isEmpty { line += " — " + runs.text(5) }
        s += line + "\n"
    }
    if !any { s += "  нет\n" }
    return s
}
