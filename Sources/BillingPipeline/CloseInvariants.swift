import BillingCore
import BillingStore

/// Money of a period by kind, in kopecks; payments as the customer paid them (positive).
struct KindTotals: Equatable {
    var charge: Int64 = 0
    var recalculation: Int64 = 0
    var benefit: Int64 = 0
    var penalty: Int64 = 0
    var payments: Int64 = 0

    /// A document line (energy is the charge; lines carry no payments).
    mutating func add(_ kind: ChargeKind, _ amount: Int64) {
        switch kind {
        case .energy: charge += amount
        case .recalculation: recalculation += amount
        case .benefit: benefit += amount
        case .penalty: penalty += amount
        }
    }

    /// A ledger entry (a payment credits the account: its amount is negative).
    mutating func add(_ kind: LedgerKind, _ amount: Int64) {
        switch kind {
        case .charge: charge += amount
        case .recalculation: recalculation += amount
        case .benefit: benefit += amount
        case .penalty: penalty += amount
        case .payment: payments -= amount
        }
    }

    mutating func add(_ row: BillingCore.RegistryRow) {
        charge += row.charge.value; recalculation += row.recalculation.value; benefit += row.benefit.value
        penalty += row.penalty.value; payments += row.payments.value
    }

    /// In the operator's words, in registry column order.
    var named: [(String, Int64)] {
        [("начислено", charge), ("перерасчёт", recalculation), ("льгота", benefit), ("пени", penalty), ("оплачено", payments)]
    }
}

/// A period's money by kind, three ways: the registry columns, the ledger and
/// the document lines. The totals half of the close's proof (DOMAIN "Invariants")
/// is that the three agree kind by kind (payments: registry and ledger).
struct PeriodTotals: Equatable {
    var registry = KindTotals()
    var ledger = KindTotals()
    var lines = KindTotals()

    /// The failures; empty = proven.
    var failures: [String] {
        var out: [String] = []
        for ((name, reg), ((_, led), (_, lin))) in zip(registry.named, zip(ledger.named, lines.named)) {
            let docs = name == "оплачено" ? reg : lin
            if reg != led || reg != docs {
                out.append("итог «\(name)»: реестр \(Kopecks(reg)), проводки \(Kopecks(led)), строки документов \(Kopecks(docs))")
            }
        }
        return out
    }
}

/// The same proof over what is stored (summed by the store), for a closed period whose outputs
/// are written again. (A close proves it over the rows it writes, in CloseWriter,
/// while the per-account half runs as each account is stored.)
func checkStoredTotals(_ db: Database, period: Period) throws -> [String] {
    var t = PeriodTotals()
    let sums = try db.storedPeriodSums(period: period)
    let r = sums.registry
    t.registry = KindTotals(charge: r.charge, recalculation: r.recalculation, benefit: r.benefit, penalty: r.penalty, payments: r.payments)
    for (kind, amount) in sums.ledger { t.ledger.add(kind, amount) }
    for (kind, amount) in sums.lines { t.lines.add(kind, amount) }
    return t.failures
}
