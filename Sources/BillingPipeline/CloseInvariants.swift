import BillingCore
import BillingStore

/// The totals half of the close's proof (DOMAIN "Invariants"), run in SQL over
/// what was stored: the registry, the document lines and the ledger agree kind by
/// kind. (The per-account half runs in CloseWriter as each account is stored.)
/// Returns the failures; empty = proven.
func checkStoredTotals(_ db: Database, period: Period) throws -> [String] {
    var failures: [String] = []
    let p = SQLValue.text(period.description)
    let registry = try db.prepareUncached("""
        SELECT coalesce(sum(charge),0), coalesce(sum(recalculation),0), coalesce(sum(benefit),0),
               coalesce(sum(penalty),0), coalesce(sum(payments),0)
        FROM account_periods WHERE period = ?
        """)
    try registry.bind([p])
    _ = try registry.step()
    let reg = (0..<5).map { registry.int(Int32($0)) }
    var ledger: [String: Int64] = [:]
    let l = try db.prepareUncached("SELECT kind, sum(amount) FROM ledger WHERE period = ? GROUP BY kind")
    try l.bind([p])
    while try l.step() { ledger[l.text(0)] = l.int(1) }
    var lines: [String: Int64] = [:]
    let ln = try db.prepareUncached("SELECT kind, sum(amount) FROM lines WHERE period = ? GROUP BY kind")
    try ln.bind([p])
    while try ln.step() { lines[ln.text(0)] = ln.int(1) }
    let checks: [(String, Int64, Int64, Int64)] = [
        ("charge", reg[0], ledger["charge"] ?? 0, lines["energy"] ?? 0),
        ("recalculation", reg[1], ledger["recalculation"] ?? 0, lines["recalculation"] ?? 0),
        ("benefit", reg[2], ledger["benefit"] ?? 0, lines["benefit"] ?? 0),
        ("penalty", reg[3], ledger["penalty"] ?? 0, lines["penalty"] ?? 0),
        ("payments", reg[4], -(ledger["payment"] ?? 0), reg[4]),
    ]
    for (kind, r, led, lin) in checks where r != led || r != lin {
        failures.append("total \(kind): registry \(Kopecks(r)), ledger \(Kopecks(led)), document lines \(Kopecks(lin))")
    }
    return failures
}
