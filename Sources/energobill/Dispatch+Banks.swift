import BillingCore
import BillingPipeline
import BillingStore

/// The money-from-banks commands that are not imports.
func dispatchBankCommand(_ inv: Invocation, console: Console) throws {
    switch inv.command.name {
    case "payments unmatched":
        let ws = try inv.workspace(console)
        let r = try listUnmatchedPayments(ws)
        for line in r.summaryLines { console.out(line) }
    case "payments assign":
        let payment = try inv.required("--payment"), account = try inv.required("--account")
        let ws = try inv.workspace(console)
        try ws.lockForWriting("payments assign")
        console.out(try assignUnmatchedPayment(ws, payment: payment, account: account))
    case "export debts":
        let bank = try inv.required("--bank")
        let asOf = try dateOption(inv, "--as-of")
        let ws = try inv.workspace(console)
        for line in try exportBankDebts(ws, bank: bank, asOf: asOf) { console.out(line) }
    default:
        throw BillingError(.failed, "internal error: no bank command '\(inv.command.name)'")
    }
}
