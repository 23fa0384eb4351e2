import BillingCore
import BillingStore

/// `energobill status`: what is stored, which periods are closed, the last runs.
public func statusReport(_ db: Database) throws -> String {
    var s = "database: \(db.path) (schema \(try db.userVersion))\n"
    let counts: [(String, String)] = [
        ("regions", "regions"), ("accounts", "accounts"), ("meters", "meters"), ("readings", "readings"),
        ("payments", "payments"), ("ledger entries", "ledger"), ("import rejects", "rejects"),
        ("rejected readings", "reading_rejects"),
    ]
    for (label, table) in counts {
        let n = try db.scalarInt("SELECT count(*) FROM \(table)") ?? 0
        s += "  " + label + ": " + String(n) + "\n"
    }
    s += "periods closed:\n"
    let closes = try db.prepareUncached("""
        SELECT period, group_concat(region || ' (' || accounts || ')', ', ')
        FROM (SELECT period, region, accounts FROM closes ORDER BY period, region) GROUP BY period ORDER BY period
        """)
    var any = false
    while try closes.step() { any = true; s += "  " + closes.text(0) + ": " + closes.text(1) + "\n" }
    if !any { s += "  none\n" }
    s += try bankStatusLines(db)
    s += "last runs:\n"
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
    if !any { s += "  none\n" }
    return s
}
