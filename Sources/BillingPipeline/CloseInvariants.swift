import BillingCore
import BillingStore

/// A period's money by kind, three ways: the registry columns, the ledger and
/// the document lines. The totals half of the close's proof (DOMAIN "Invariants")
/// is that the three agree kind by kind.
struct PeriodTotals: Equatable {
    /// charge, recalculation, benefit, penalty, payments (account_periods columns).
    var registry: [Int64] = [0, 0, 0, 0, 0]
    /// charge, recalculation, benefit, penalty, payment (ledger kinds; payments negative).
    var ledger: [Int64] = [0, 0, 0, 0, 0]
    /// energy, recalculation, benefit, penalty (line kinds).
    var lines: [Int64] = [0, 0, 0, 0]

    static func ledgerIndex(_ kind: String) -> Int? {
        ["charge", "recalculation", "benefit", "penalty", "payment"].firstIndex(of: kind)
    }

    static func lineIndex(_ kind: String) -> Int? {
        ["energy", "recalculation", "benefit", "penalty"].firstIndex(of: kind)
    }

    /// The failures; empty = proven.
    var failures: [String] {
        let names = ["начислено", "перерасчёт", "льгота", "пени", "оплачено"]
        var out: [String] = []
        for i in 0..<5 {
            let led = i == 4 ? -ledger[4] : ledger[i]
            let lin = i == 4 ? registry[4] : lines[i]
            if registry[i] != led || registry[i] != lin {
                out.append("итог «\(names[i])»: реестр \(Kopecks(registry[i])), проводки \(Kopecks(led)), строки документов \(Kopecks(lin))")
            }
        }
        return out
    }
}

/// The same proof in SQL over what is stored, for a closed period whose outputs
/// are written again. (A close proves it over the rows it writes, in CloseWriter,
/// while the per-account half runs as each account is stored.)
func checkStoredTotals(_ db: Database, period: Period) throws -> [String] {
    var t = PeriodTotals()
    let p = SQLValue.text(period.description)
    let registry = try db.prepareUncached("""
        SELECT coalesce(sum(charge),0), coalesce(sum(recalculation),0), coalesce(sum(benefit),0),
               coalesce(sum(penalty),0), coalesce(sum(payments),0)
        FROM account_periods WHERE period = ?
        """)
    try registry.bind([p])
    _ = try registry.step()
    t.registry = (0..<5).map { registry.int(Int32($0)) }
    let l = try db.prepareUncached("SELECT kind, sum(amount) FROM ledger WHERE period = ? GROUP BY kind")
    try l.bind([p])
    while try l.step() {
        guard let i = PeriodTotals.ledgerIndex(l.text(0)) else { continue }
        t.ledger[i] = l.int(1)
    }
    let ln = try db.prepareUncached("SELECT kind, sum(amount) FROM lines WHERE period = ? GROUP BY kind")
    try ln.bind([p])
    while try ln.step() {
        guard let i = PeriodTotals.lineIndex(ln.text(0)) else { continue }
        t.lines[i] = ln.int(1)
    }
    return t.failures
}
