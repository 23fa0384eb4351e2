import BillingCore
import BillingPipeline
import BillingStore

/// The command table's rows for debt work and delivery (SPEC "Debt work and delivery").
let debtWorkCommands: [CommandSpec] = [
    CommandSpec(name: "notices", usage: "--as-of DATE", summary: "restriction notices for household debtors (ПП354 п.117–119)",
                options: [OptionSpec(name: "--as-of", value: "DATE", help: "the date of the notices (required; YYYY-MM-DD or DD.MM.YYYY)")], positional: 0,
                details: "Households whose overdue energy debt (penalties excluded) exceeds the norm volume × the single price in force on DATE × the months of tariffs/penalty.json get OUT/notices/<DATE>/<account>.html and a line in notices.csv; the deadline is DATE + the notice days. Accounts whose debt payments after DATE have paid in full are left out; legal entities are not in scope."),
    CommandSpec(name: "claim", usage: "--account ID --as-of DATE", summary: "the court claim pack of one debtor: debt statement and penalty calculation",
                options: [OptionSpec(name: "--account", value: "ID", help: "the debtor's account (required)"),
                          OptionSpec(name: "--as-of", value: "DATE", help: "the date of the calculation (required; YYYY-MM-DD or DD.MM.YYYY)")], positional: 0,
                details: "Writes OUT/claims/<account>_<DATE>/debt.csv and debt.html (charges, payments and debt by period) and penalty.csv and penalty.html (period,debt,from,to,days,fraction,rate,formula,penalty per debt and interval of constant rate and fraction; moratorium rows 0.00; the total equals the penalty the closes charged through DATE plus what accrued since)."),
    CommandSpec(name: "remind", usage: "--period YYYY-MM", summary: "SMS reminders to submit readings, for accounts that have not yet",
                options: [OptionSpec(name: "--period", value: "YYYY-MM", help: "the period the readings are for (required)")], positional: 0,
                details: "Writes OUT/<P>/sms/reminders.csv (account_id,phone,text,segments) for accounts with SMS consent, a phone and a meter in service, that have no reading received since the previous period's deadline; the text names P's reading window and the channels. Regions already closed for P are skipped."),
]

/// Runs notices, claim and remind.
func dispatchDebtWork(_ inv: Invocation, console: Console) throws {
    switch inv.command.name {
    case "notices":
        let asOf = try dateOption(inv, "--as-of")
        let ws = try inv.workspace(console)
        let r = try runNotices(ws, asOf: asOf)
        for line in r.summaryLines { console.out(line) }
        if let w = r.warning { console.err(w) }
    case "claim":
        let id = try inv.required("--account")
        let asOf = try dateOption(inv, "--as-of")
        let ws = try inv.workspace(console)
        let r = try runClaim(ws, account: id, asOf: asOf)
        console.out("иск по л/с \(id) на \(asOf.russian): просроченный долг \(r.debt.groupedRubles()) ₽, пени \(r.penalty.groupedRubles()) ₽ → \(r.folder)/")
        if let w = r.warning { console.err(w) }
    case "remind":
        let period = try periodOption(inv, "--period")
        let ws = try inv.workspace(console)
        let r = try runRemind(ws, period: period)
        console.out("напоминания за \(period): \(russianCount(Int64(r.reminders), "SMS", "SMS", "SMS")) (уже передали показания: \(russianCount(Int64(r.alreadySubmitted), "лицевой счёт", "лицевых счёта", "лицевых счетов"))) → \(r.path)")
        if r.badPhones > 0 { console.err("внимание: у \(russianCount(Int64(r.badPhones), "лицевого счёта", "лицевых счетов", "лицевых счетов")) с согласием на SMS телефон не мобильный — напоминание не отправлено") }
        if !r.closedRegions.isEmpty { console.err("внимание: \(period) уже закрыт для \(r.closedRegions.joined(separator: ", ")) — там напоминаний нет") }
    default:
        throw BillingError(.failed, "internal error: no runner for '\(inv.command.name)'")
    }
}
