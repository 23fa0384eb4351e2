import BillingCore
import BillingStore

/// The proof a close must give (DOMAIN "Invariants"), run in SQL over what was
/// stored: per account the ledger adds up to the registry row and the balance
/// carries over from the previous period; in total the registry, the document
/// lines and the ledger agree kind by kind. Returns the failures; empty = proven.
func checkStoredInvariants(_ db: Database, period: Period) throws -> [String] {
    var failures: [String] = []
    let p = SQLValue.text(period.description)
    let unbalanced = try db.prepareUncached("""
        SELECT ap.account_id, ap.total_due - ap.balance_in, coalesce(l.s, 0)
        FROM account_periods ap
        LEFT JOIN (SELECT account_id, sum(amount) AS s FROM ledger WHERE period = ?1 GROUP BY account_id) l
          ON l.account_id = ap.account_id
        WHERE ap.period = ?1 AND ap.total_due - ap.balance_in <> coalesce(l.s, 0)
        LIMIT 20
        """)
    try unbalanced.bind([p])
    while try unbalanced.step() {
        failures.append("account \(unbalanced.text(0)): registry movement \(Kopecks(unbalanced.int(1))) ≠ ledger \(Kopecks(unbalanced.int(2)))")
    }
    let carried = try db.prepareUncached("""
        SELECT cur.account_id, cur.balance_in, coalesce(prev.total_due, a.opening_balance)
        FROM account_periods cur
        JOIN accounts a ON a.account_id = cur.account_id
        LEFT JOIN account_periods prev ON prev.account_id = cur.account_id
             AND prev.period = (SELECT max(period) FROM account_periods x WHERE x.account_id = cur.account_id AND x.period < ?1)
        WHERE cur.period = ?1 AND cur.balance_in <> coalesce(prev.total_due, a.opening_balance)
        LIMIT 20
        """)
    try carried.bind([p])
    while try carried.step() {
        failures.append("account \(carried.text(0)): balance_in \(Kopecks(carried.int(1))) ≠ previous closing balance \(Kopecks(carried.int(2)))")
    }
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
