import BillingCore

/// The command line as data: each command declares its words, options and help,
/// and the parser, `--help` and "did you mean" all read the same table
/// (the spirit of swift-argument-parser, written by hand: no packages).
struct OptionSpec {
    let name: String          // "--period"
    let value: String?        // "YYYY-MM" when the option takes a value
    let help: String
}

struct CommandSpec {
    let name: String          // "close", "import readings"
    let usage: String         // arguments after the command words
    let summary: String
    let options: [OptionSpec]
    let positional: Int       // number of positional arguments accepted
    let details: String
}

let globalOptions: [OptionSpec] = [
    OptionSpec(name: "--db", value: "PATH", help: "database file (default ./energobill.sqlite or $ENERGOBILL_DB)"),
    OptionSpec(name: "--out", value: "DIR", help: "output folder (default ./out)"),
    OptionSpec(name: "--quiet", value: nil, help: "no progress and no summary line"),
    OptionSpec(name: "--csv", value: "ru|machine", help: "CSV outputs for Russian Excel (';', decimal comma, UTF-8 with BOM) or for machines (default)"),
    OptionSpec(name: "--shard", value: "K/N", help: "work on shard K of N: {shard} in --db, --out and paths becomes K; close writes OUT/<P>/shard.json"),
    OptionSpec(name: "--shard-from-env", value: nil, help: "as --shard, K from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX, N from ENERGOBILL_SHARDS"),
    OptionSpec(name: "--help", value: nil, help: "show help"),
]

let importOptions: [OptionSpec] = [
    OptionSpec(name: "--strict", value: nil, help: "any bad row fails the whole import (exit 65), nothing stored"),
    OptionSpec(name: "--encoding", value: "utf8|cp1251", help: "input encoding (default utf8; cp1251 for Windows exports)"),
]

func importCommand(_ kind: String, _ what: String, columns: String = "") -> CommandSpec {
    let rows = "Bad rows are written to OUT/rejects/<file>-<run>-rejects.csv with line, row and reason; good rows are stored in one transaction. Importing the same file twice changes nothing."
    let csv = "CSV with a header row; columns by name in any order, ',' or ';'; dates YYYY-MM-DD or DD.MM.YYYY, timestamps YYYY-MM-DD HH:MM[:SS]; money 1234.56 or 1234,56. A file missing required columns names them all (exit 65, nothing stored)."
    return CommandSpec(name: "import \(kind)", usage: kind == "tariffs" ? "PATH" : "FILE",
                summary: "import \(what)", options: kind == "tariffs" ? [] : importOptions, positional: 1,
                details: kind == "tariffs"
                ? "PATH is a region JSON file or the tariffs/ folder (regions, key-rate.csv, penalty.json, vat.csv, banks/*.json). Format: docs/TARIFF-FORMAT.md."
                : "COLUMNS (* required):\n" + columns + "\n" + csv + "\n" + rows + "\nAll rules: docs/IMPORT.md.")
}

/// The columns of each CSV import, as SPEC's table has them: shown by `help import KIND`.
let accountColumns = """
      account_id*, holder*, address*, region* (a region code of the imported tariffs), category* (a category of that region),
      kind (person|legal, default person), inn, kpp, residents, rooms, area_m2, email, phone,
      delivery (paper|email), sms (1 = consent to SMS), opened_on, closed_on, opening_balance (+ = debt, − = advance),
      contract, contract_date, edo_id (legal entities)
    """
let meterColumns = """
      meter_id*, account_id*, zones* (1|2|3), digits*, installed_on*, initial_t1*, initial_t2, initial_t3,
      ratio, accuracy_class, next_verification_on, removed_on
    """
let readingColumns = """
      account_id*, taken_on*, received_at*, source* (\(ReadingSource.allCases.map(\.rawValue).joined(separator: "|"))), t1*, t2, t3,
      meter_id (empty: the account's meter active on taken_on), correction (0|1)
    """
let smsColumns = """
      received_at*, text* (ACCOUNT T1 [T2 [T3]]), phone
    """
let paymentColumns = """
      payment_id*, account_id*, paid_on*, amount*, channel (\(PaymentChannel.allCases.map(\.rawValue).joined(separator: "|")), or its Russian name),
      period (YYYY-MM the payer named)
    """

let commands: [CommandSpec] = [
    CommandSpec(name: "init", usage: "", summary: "create or migrate the database, print its path and schema version",
                options: [], positional: 0, details: ""),
    importCommand("tariffs", "tariff data: a region JSON file or the tariffs/ folder"),
    importCommand("accounts", "accounts CSV", columns: accountColumns),
    importCommand("meters", "meters CSV", columns: meterColumns),
    importCommand("readings", "meter readings CSV", columns: readingColumns),
    importCommand("sms", "SMS readings CSV (received_at,phone,text = ACCOUNT T1 [T2 [T3]])", columns: smsColumns),
    importCommand("payments", "payments CSV", columns: paymentColumns),
    CommandSpec(name: "close", usage: "--period YYYY-MM", summary: "the month close: volumes, charges, payments, penalties, documents",
                options: [
                    OptionSpec(name: "--period", value: "YYYY-MM", help: "the billing period to close (required)"),
                    OptionSpec(name: "--region", value: "CODE", help: "close one region only"),
                    OptionSpec(name: "--dry-run", value: nil, help: "compute and report without storing anything"),
                    OptionSpec(name: "--go-live", value: nil, help: "P is the region's first billed month: earlier data is history (opening balances as given, earlier readings set the starting meter state)"),
                    OptionSpec(name: "--allow-empty", value: nil, help: "close a period with no reading, payment or account change at all"),
                    OptionSpec(name: "--documents", value: "html,json,eml,sms|none", help: "which documents to write (default html,json); eml: OUT/<P>/mail/ for delivery=email accounts; sms: OUT/<P>/sms/outbox.csv"),
                    OptionSpec(name: "--bundle", value: "N", help: "write N documents per bundle-NNNN.html file for print shops"),
                    OptionSpec(name: "--documents-archive", value: nil, help: "write the documents into store-only ZIPs OUT/<P>/documents-0001.zip… (one per bundle of N, or one for all) instead of documents/"),
                ], positional: 0,
                details: "Periods close in order per region. A region's first close needs --go-live when it holds accounts opened, readings received or payments dated before P. Closing an already closed period rewrites the same files byte for byte and books nothing."),
    CommandSpec(name: "recalc", usage: "--period YYYY-MM", summary: "recompute a closed period from today's data; diff report",
                options: [
                    OptionSpec(name: "--period", value: "YYYY-MM", help: "the closed period to recompute (required)"),
                    OptionSpec(name: "--account", value: "ID", help: "one account only"),
                    OptionSpec(name: "--region", value: "CODE", help: "one region only"),
                    OptionSpec(name: "--tariffs", value: "PATH", help: "what-if: price with these tariff files instead"),
                    OptionSpec(name: "--post", value: nil, help: "book the differences into the next close (needs --ground)"),
                    OptionSpec(name: "--ground", value: "TEXT", help: "the ground printed on the documents for posted differences"),
                ], positional: 0, details: "Writes OUT/recalc/<period>/diff.csv and summary.html; nothing stored changes unless --post. Today's readings of the period: received after the previous deadline and taken by the period's deadline (late ones and corrections count). --post books each changed account's difference of charge + recalculation + benefit (less what is already posted) into the next close; penalty differences and differences that come from meter readings are not posted (see docs/RULES.md)."),
    CommandSpec(name: "act", usage: "--account ID|--inn INN|--all --from DATE --to DATE", summary: "reconciliation acts",
                options: [
                    OptionSpec(name: "--account", value: "ID", help: "one account"),
                    OptionSpec(name: "--inn", value: "INN", help: "one legal entity, all its accounts in one act"),
                    OptionSpec(name: "--all", value: nil, help: "every account with activity in the range"),
                    OptionSpec(name: "--from", value: "DATE", help: "first day of the range (YYYY-MM-DD or DD.MM.YYYY)"),
                    OptionSpec(name: "--to", value: "DATE", help: "last day of the range (YYYY-MM-DD or DD.MM.YYYY; not before --from)"),
                    OptionSpec(name: "--email", value: nil, help: "also write <name>.eml, the act attached, for accounts with an e-mail"),
                ], positional: 0, details: "Writes OUT/acts/<account_id>_<from>_<to>.html and .csv (and .eml with --email)."),
    CommandSpec(name: "debtors", usage: "--as-of DATE", summary: "debtors with debt age and penalty",
                options: [
                    OptionSpec(name: "--as-of", value: "DATE", help: "the date of the list (required; YYYY-MM-DD or DD.MM.YYYY)"),
                    OptionSpec(name: "--min-days", value: "N", help: "only debts at least N days past due"),
                ], positional: 0, details: "Writes OUT/debtors/<date>.csv (debt past its due date by age: up to 30, 31-90, over 90 days; the penalty accrued up to the date) and prints a summary."),
    CommandSpec(name: "quote", usage: "--account ID --t1 N [--t2 N] [--t3 N]", summary: "the next payment for these readings, without saving them",
                options: [
                    OptionSpec(name: "--account", value: "ID", help: "the account (required)"),
                    OptionSpec(name: "--t1", value: "N", help: "register T1 (required)"),
                    OptionSpec(name: "--t2", value: "N", help: "register T2"),
                    OptionSpec(name: "--t3", value: "N", help: "register T3"),
                    OptionSpec(name: "--on", value: "DATE", help: "the day the readings are taken, YYYY-MM-DD or DD.MM.YYYY (default: the day after the last closed period)"),
                ], positional: 0, details: "Validates the readings as the close would (exit 65 with the reason) and prices them at the tariff of the period after the last closed one; stores nothing."),
    CommandSpec(name: "generate", usage: "--accounts N --months M --out DIR", summary: "a synthetic but realistic data set at any scale",
                options: [
                    OptionSpec(name: "--accounts", value: "N", help: "number of accounts (required)"),
                    OptionSpec(name: "--months", value: "M", help: "months of history (required)"),
                    OptionSpec(name: "--seed", value: "S", help: "random seed (default 1); the same seed gives the same bytes"),
                    OptionSpec(name: "--last-period", value: "YYYY-MM", help: "the last generated month (default 2026-10)"),
                    OptionSpec(name: "--payments-as", value: "csv|registries", help: "payments.csv (default) or sber-12 bank registries and 1C statements in registries/"),
                ], positional: 0, details: "--out is the folder to write (CSV files and tariffs/)."),
    CommandSpec(name: "status", usage: "", summary: "periods closed, counts, last runs", options: [], positional: 0, details: ""),
    CommandSpec(name: "check", usage: "", summary: "verify the whole database: integrity, every closed period's invariants, outputs against their recorded hashes",
                options: [], positional: 0,
                details: "Also names every output file or folder, and the database, that other users can read (152-ФЗ). Exit 0 when all holds, 1 with the list of problems."),
    CommandSpec(name: "backup", usage: "--to FILE", summary: "a consistent copy of the database while other commands may run",
                options: [OptionSpec(name: "--to", value: "FILE", help: "the copy to create (required; an existing file is never replaced)")],
                positional: 0, details: "SQLite's online backup under one read snapshot; the copy is created 0600 and passes 'energobill check'."),
] + debtWorkCommands + bankCommands + shardCommands

/// Money from banks: registries, 1C statements, unmatched payments, the debt registry.
let bankCommands: [CommandSpec] = [
    CommandSpec(name: "import registry", usage: "FILE --bank NAME", summary: "a bank's registry of accepted payments, read by the template tariffs/banks/NAME.json",
                options: [
                    OptionSpec(name: "--bank", value: "NAME", help: "the registry template (required), e.g. sber-12"),
                    OptionSpec(name: "--strict", value: nil, help: "any bad row fails the whole import (exit 65), nothing stored"),
                ], positional: 1,
                details: "A totals line that disagrees with the rows stores nothing (exit 65, the differences printed). A row whose operation is not transferred + commission is rejected (OUT/rejects/<file>-<run>-rejects.csv). A row with an unknown account is held as unmatched. The same registry again (same bytes, or same bank + payment order no. + date) changes nothing. See docs/BANK-REGISTRY-FORMAT.md."),
    CommandSpec(name: "import statement", usage: "FILE", summary: "a bank statement in the 1C exchange format (1CClientBankExchange)",
                options: [], positional: 1,
                details: "Incoming documents to a supplier's settlement account become payments; the account comes from the purpose text (a known 10-digit account id), else from the payer's INN when exactly one legal account has it, else the payment is held as unmatched. The bank's transfer for an imported registry reconciles that registry instead. The balance identity must hold, else exit 65 with nothing stored."),
    CommandSpec(name: "payments unmatched", usage: "", summary: "payments that name no known account: OUT/payments/unmatched.csv and a summary",
                options: [], positional: 0, details: ""),
    CommandSpec(name: "payments assign", usage: "--payment ID --account ID", summary: "give an unmatched payment to an account; the next close books it",
                options: [
                    OptionSpec(name: "--payment", value: "ID", help: "the unmatched payment (required)"),
                    OptionSpec(name: "--account", value: "ID", help: "the account it belongs to (required)"),
                ], positional: 0, details: "Exit 65 for an unknown payment or account, or a payment already assigned."),
    CommandSpec(name: "export debts", usage: "--bank NAME --as-of DATE", summary: "the debt registry a bank loads to take payments by account number",
                options: [
                    OptionSpec(name: "--bank", value: "NAME", help: "the bank template (required), e.g. sber-12"),
                    OptionSpec(name: "--as-of", value: "DATE", help: "the date of the debts (required; YYYY-MM-DD or DD.MM.YYYY)"),
                ], positional: 0,
                details: "Writes OUT/banks/<supplier INN>_<settlement account>_<NNN>_<MMYY>.txt per supplier, cp1251, ';': account;holder;address;period (MMYYYY);debt — one line per account with a debt."),
]

/// Levenshtein distance, for "did you mean".
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.utf8), y = Array(b.utf8)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0...y.count)
    var cur = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        cur[0] = i
        for j in 1...y.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[y.count]
}

func closest(to word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word, $0)) }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    guard let best = scored.first, best.1 <= max(2, word.count / 3) else { return nil }
    return best.0
}
