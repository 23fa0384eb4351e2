import BillingCore

/// An act's rows with the running balance after each, and the turnovers:
/// what both the HTML and the CSV print. Debit (+) raises what the customer
/// owes, credit (−) lowers it; the closing balance is the opening balance plus
/// debits minus credits, and the code checks that it is.
struct ActLedger {
    struct Entry { var row: ActRow; var debit: Kopecks; var credit: Kopecks; var balance: Kopecks }
    var entries: [Entry] = []
    var debitTotal = Kopecks.zero
    var creditTotal = Kopecks.zero
    var closing: Kopecks

    init(_ a: ActData) {
        var balance = a.opening
        entries.reserveCapacity(a.rows.count)
        for row in a.rows {
            let debit = row.amount.value > 0 ? row.amount : .zero
            let credit = row.amount.value < 0 ? -row.amount : .zero
            balance += row.amount
            debitTotal += debit
            creditTotal += credit
            entries.append(Entry(row: row, debit: debit, credit: credit, balance: balance))
        }
        closing = balance
        precondition(closing == a.opening + debitTotal - creditTotal, "act does not balance")
        precondition(debitTotal.value >= 0 && creditTotal.value >= 0, "turnovers are never negative")
    }
}
