@testable import BillingCore

// The simulation's reference model of DOMAIN "Invariants the close must prove",
// written independently of the close's own check (CloseWriter) so that the two
// cannot share a mistake. Test-only: the engine proves its closes in the pipeline.

/// One broken invariant of a close, as data: the account ("" for batch totals),
/// which check failed and the figures involved. The pipeline aborts on any.
struct InvariantFailure: Sendable, Hashable, CustomStringConvertible {
    var accountId: String
    var check: String
    var detail: String
    init(accountId: String, check: String, detail: String) {
        self.accountId = accountId; self.check = check; self.detail = detail
    }
    var description: String { (accountId.isEmpty ? "batch" : accountId) + ": " + check + " (" + detail + ")" }
}

/// The sums of a batch of closes, as the registry and the documents state them.
struct CloseTotals: Sendable, Hashable {
    var charge = Kopecks.zero, recalculation = Kopecks.zero, benefit = Kopecks.zero
    var penalty = Kopecks.zero, payments = Kopecks.zero
    var balanceIn = Kopecks.zero, totalDue = Kopecks.zero
    var accounts = 0
    init() {}
}

/// Checks every result of a close of period P and the batch totals (DOMAIN
/// "Invariants the close must prove"); returns the failures, empty when sound.
func checkInvariants(_ results: [AccountCloseResult], period: Period) -> (failures: [InvariantFailure], totals: CloseTotals) {
    var failures: [InvariantFailure] = []
    var totals = CloseTotals()
    var lineTotals = CloseTotals()
    var seen = Set<String>()
    seen.reserveCapacity(results.count)
    for r in results {
        let row = r.row
        func fail(_ check: String, _ detail: String) {
            failures.append(InvariantFailure(accountId: r.accountId, check: check, detail: detail))
        }
        if !seen.insert(r.accountId).inserted { fail("one result per account", "duplicate") }
        if r.period != period || row.period != period { fail("period", "\(r.period) ≠ \(period)") }
        let expected = row.balanceIn + row.charge + row.recalculation + row.benefit + row.penalty - row.payments
        if expected != row.totalDue { fail("registry identity", "computed \(expected), row \(row.totalDue)") }
        if row.benefit.value > 0 { fail("benefit ≤ 0", "\(row.benefit)") }
        var byKind: [ChargeKind: Kopecks] = [:]
        var net = Kopecks.zero, vat = Kopecks.zero, withVAT = Kopecks.zero
        for l in r.lines {
            byKind[l.kind, default: .zero] += l.amount
            guard let part = l.vat else { continue }
            if part.net + part.vat != l.amount { fail("net + VAT = amount", "\(part.net) + \(part.vat) ≠ \(l.amount)") }
            net += part.net; vat += part.vat; withVAT += l.amount
        }
        if net + vat != withVAT { fail("Σ net + Σ VAT = Σ amount", "\(net) + \(vat) ≠ \(withVAT)") }
        if (byKind[.energy] ?? .zero) != row.charge { fail("charge = Σ energy lines", "\(row.charge)") }
        if (byKind[.recalculation] ?? .zero) != row.recalculation { fail("recalculation = Σ lines", "\(row.recalculation)") }
        if (byKind[.benefit] ?? .zero) != row.benefit { fail("benefit = Σ lines", "\(row.benefit)") }
        if (byKind[.penalty] ?? .zero) != row.penalty { fail("penalty = Σ lines", "\(row.penalty)") }
        var ledgerSum = Kopecks.zero, ledgerPayments = Kopecks.zero
        for e in r.ledger {
            ledgerSum += e.amount
            if e.kind == .payment { ledgerPayments -= e.amount }
        }
        if ledgerSum != row.totalDue - row.balanceIn { fail("ledger moves the balance", "Σ ledger \(ledgerSum)") }
        if ledgerPayments != row.payments { fail("payments = Σ payment entries", "\(ledgerPayments) vs \(row.payments)") }
        if r.bookedPaymentIds.count != Set(r.bookedPaymentIds).count { fail("payment booked once", "duplicate id") }
        totals.charge += row.charge; totals.recalculation += row.recalculation; totals.benefit += row.benefit
        totals.penalty += row.penalty; totals.payments += row.payments
        totals.balanceIn += row.balanceIn; totals.totalDue += row.totalDue; totals.accounts += 1
        lineTotals.charge += byKind[.energy] ?? .zero
        lineTotals.recalculation += byKind[.recalculation] ?? .zero
        lineTotals.benefit += byKind[.benefit] ?? .zero
        lineTotals.penalty += byKind[.penalty] ?? .zero
        lineTotals.payments += ledgerPayments
    }
    let batchExpected = totals.balanceIn + totals.charge + totals.recalculation + totals.benefit + totals.penalty
        - totals.payments
    if batchExpected != totals.totalDue {
        failures.append(InvariantFailure(accountId: "", check: "batch identity", detail: "\(batchExpected) vs \(totals.totalDue)"))
    }
    if lineTotals.charge != totals.charge || lineTotals.recalculation != totals.recalculation
        || lineTotals.benefit != totals.benefit || lineTotals.penalty != totals.penalty
        || lineTotals.payments != totals.payments {
        failures.append(InvariantFailure(accountId: "", check: "documents agree with the registry", detail: "totals differ"))
    }
    return (failures, totals)
}
