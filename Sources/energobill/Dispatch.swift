import Foundation
import BillingCore
import BillingGenerator
import BillingInput
import BillingPipeline
import BillingStore

/// Runs one parsed command against its workspace.
func dispatch(_ inv: Invocation, console: Console) throws {
    switch inv.command.name {
    case "init":
        let ws = try inv.workspace(console, create: true)
        console.out("database: \(ws.dbPath)")
        console.out("schema version: \(try ws.database.userVersion)")
    case "status":
        let ws = try inv.workspace(console)
        console.out(try statusReport(ws.database), terminator: "")
    case "check":
        let ws = try inv.workspace(console)
        let r = try runCheck(ws)
        if r.problems.isEmpty {
            console.out("проверка пройдена: целостность базы, инварианты \(r.periods) закрытых периодов, \(r.filesCompared) выходных файлов совпадают с записанными")
        } else {
            for p in r.problems { console.out(p) }
            throw BillingError(.failed, "проверка не пройдена: \(russianCount(Int64(r.problems.count), "проблема", "проблемы", "проблем")), список выше")
        }
    case "backup":
        guard let to = inv.value("--to") else { throw UsageError(message: "backup needs --to FILE", command: inv.command) }
        let ws = try inv.workspace(console)
        try runBackup(ws, to: to)
        console.summary("резервная копия базы записана: \(to)")
    case let name where name.hasPrefix("import "):
        try runImportCommand(inv, kind: String(name.dropFirst(7)), console: console)
    case "close":
        let options = try closeOptions(inv)   // usage errors before the database is looked at
        let ws = try inv.workspace(console)
        try runClose(ws, options)
    case "act":
        let scopes = [inv.value("--account").map { ActScope.account($0) }, inv.value("--inn").map { ActScope.inn($0) },
                      inv.flag("--all") ? ActScope.all : nil].compactMap { $0 }
        guard scopes.count == 1 else {
            throw UsageError(message: "act needs exactly one of --account ID, --inn INN or --all", command: inv.command)
        }
        let from = try dateOption(inv, "--from"), to = try dateOption(inv, "--to")
        guard from <= to else {
            throw UsageError(message: "--from \(inv.value("--from") ?? "") is after --to \(inv.value("--to") ?? ""): the range runs from its first day to its last", command: inv.command)
        }
        let ws = try inv.workspace(console)
        try runActs(ws, scope: scopes[0], from: from, to: to, email: inv.flag("--email"))
    case "generate":
        guard let accounts = try inv.int("--accounts"), accounts > 0 else {
            throw UsageError(message: "--accounts N is required (a positive number)", command: inv.command)
        }
        guard let months = try inv.int("--months"), months > 0 else {
            throw UsageError(message: "--months M is required (a positive number)", command: inv.command)
        }
        var options = GeneratorOptions(accounts: accounts, months: months, outDir: inv.out)
        if let seed = inv.value("--seed") {
            guard let s = UInt64(seed) else { throw UsageError(message: "--seed expects a whole number", command: inv.command) }
            options.seed = s
        }
        if inv.value("--last-period") != nil { options.lastPeriod = try periodOption(inv, "--last-period") }
        if let form = inv.value("--payments-as") {
            guard let f = GeneratedPayments(rawValue: form) else {
                throw UsageError(message: "--payments-as expects csv or registries, got '\(form)'", command: inv.command)
            }
            options.paymentsAs = f
        }
        do {
            let report = try generateDataSet(options) { console.progress($0) }
            console.summary(report.description)
        } catch let e as GeneratorError {
            throw BillingError(.badInput, "\(e)")
        }
    case "recalc":
        let o = try recalcOptions(inv)
        let ws = try inv.workspace(console)
        let r = try runRecalc(ws, o)
        console.out(recalcSummaryLine(r, options: o))
    case "debtors":
        let asOf = try dateOption(inv, "--as-of")
        let minDays = try inv.int("--min-days") ?? 0
        let ws = try inv.workspace(console)
        let r = try runDebtors(ws, asOf: asOf, minDays: minDays)
        for line in r.summaryLines { console.out(line) }
    case "quote":
        let options = try quoteOptions(inv)
        let ws = try inv.workspace(console)
        let q = try runQuote(ws, options)
        console.out(q.text, terminator: "")
    case "notices", "claim", "remind":
        try dispatchDebtWork(inv, console: console)
    case "payments unmatched", "payments assign", "export debts":
        try dispatchBankCommand(inv, console: console)
    case "shard split", "merge":
        try runShardCommand(inv, console: console)
    default:
        throw BillingError(.failed, "internal error: the command table lists '\(inv.command.name)' but nothing runs it")
    }
}

extension Console {
    func out(_ s: String, terminator: String) {
        out(String(s.dropLast(s.hasSuffix("\n") && terminator.isEmpty ? 1 : 0)))
    }
}

/// Parses a period option, or a usage error naming the option.
func periodOption(_ inv: Invocation, _ name: String) throws -> Period {
    let v = try inv.required(name)
    guard let p = Period(v) else { throw UsageError(message: "\(name) expects YYYY-MM, got '\(v)'", command: inv.command) }
    return p
}

func dateOption(_ inv: Invocation, _ name: String) throws -> CivilDate {
    let v = try inv.required(name)
    guard let d = CivilDate(v) else { throw UsageError(message: "\(name) expects YYYY-MM-DD or DD.MM.YYYY, got '\(v)'", command: inv.command) }
    return d
}

func runImportCommand(_ inv: Invocation, kind: String, console: Console) throws {
    guard let k = ImportKind(rawValue: kind) else { throw UsageError(message: "unknown import kind \(kind)", command: inv.command) }
    var encoding = TextEncoding.utf8
    if let e = inv.value("--encoding") {
        guard let parsed = TextEncoding(rawValue: e.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "windows", with: "cp")) else {
            throw UsageError(message: "--encoding expects utf8 or cp1251, got '\(e)'", command: inv.command)
        }
        encoding = parsed
    }
    let ws = try inv.workspace(console, create: true)
    try ws.lockForWriting("import")
    if k == .registry && inv.value("--bank") == nil { throw UsageError(message: "missing --bank NAME (a template of tariffs/banks/)", command: inv.command) }
    let options = ImportOptions(strict: inv.flag("--strict"), encoding: encoding, outDir: inv.out, bank: inv.value("--bank"))
    do {
        let report = try runImport(kind: k, path: inv.positionals[0], database: ws.database, options: options) { p in
            console.progress("import \(p.kind.rawValue) \(p.file): \(p.rowsRead) rows" + (p.totalBytes > 0 ? " (\(p.bytesRead * 100 / p.totalBytes)%)" : ""))
        }
        for w in report.warnings { console.err("warning: " + w) }
        try ws.recordRun(command: "import \(kind)", outcome: "imported", detail: report.summary)
        console.summary(report.summary)
    } catch let e as ImportError {
        throw BillingError(.badInput, e.description)
    }
}

func closeOptions(_ inv: Invocation) throws -> CloseOptions {
    var o = CloseOptions(period: try periodOption(inv, "--period"))
    o.region = inv.value("--region")
    o.dryRun = inv.flag("--dry-run")
    o.goLive = inv.flag("--go-live")
    o.allowEmpty = inv.flag("--allow-empty")
    o.archive = inv.flag("--documents-archive")
    o.shard = inv.shard
    if let docs = inv.value("--documents") {
        let parts = Set(docs.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        guard parts.isSubset(of: ["html", "json", "eml", "sms", "none"]), !(parts.contains("none") && parts.count > 1), !parts.isEmpty else {
            throw UsageError(message: "--documents expects a list of html, json, eml, sms (e.g. html,json,eml) or none, got '\(docs)'", command: inv.command)
        }
        o.html = parts.contains("html"); o.json = parts.contains("json")
        o.eml = parts.contains("eml"); o.sms = parts.contains("sms")
    }
    if inv.value("--bundle") != nil {
        guard let n = try inv.int("--bundle"), n >= 1 else { throw UsageError(message: "--bundle expects a positive number", command: inv.command) }
        o.bundle = n
    }
    return o
}


func recalcOptions(_ inv: Invocation) throws -> RecalcOptions {
    var o = RecalcOptions(period: try periodOption(inv, "--period"))
    o.account = inv.value("--account")
    o.region = inv.value("--region")
    o.tariffs = inv.value("--tariffs")
    o.post = inv.flag("--post")
    o.ground = inv.value("--ground")
    if o.post && o.tariffs != nil {
        throw UsageError(message: "--post books only the stored tariffs; a what-if with --tariffs is never posted "
                         + "(import the tariffs first: energobill import tariffs PATH)", command: inv.command)
    }
    if o.post {
        guard let g = o.ground, !g.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw UsageError(message: "--post needs --ground TEXT (the ground printed on the documents)", command: inv.command)
        }
    } else if o.ground != nil {
        throw UsageError(message: "--ground is only used with --post", command: inv.command)
    }
    return o
}

func recalcSummaryLine(_ r: RecalcReport, options o: RecalcOptions) -> String {
    let rub = { (k: Kopecks) in k.groupedRubles() + " ₽" }
    var s = "перерасчёт \(r.period) (\(r.regions.joined(separator: ", "))\(o.tariffs != nil ? "; what-if: другие тарифы, ничего не проводится" : "")): "
    s += "пересчитано: \(russianCount(Int64(r.recomputed), "лицевой счёт", "лицевых счёта", "лицевых счетов")), изменилось: \(r.changed); "
    s += "разница начислений (начисление + перерасчёт + льгота) \(rub(r.billedDelta)), пени \(rub(r.penaltyDelta)), "
    s += "оплаты \(rub(r.paymentsDelta)), к оплате \(rub(r.totalDueDelta))"
    if o.post {
        s += "; проведено: \(r.posted) (\(rub(r.postedAmount)))"
        if r.alreadyPosted > 0 { s += ", уже проведено ранее: \(r.alreadyPosted)" }
        if r.leftToReadings > 0 { s += ", оставлено показаниям (не проводится): \(r.leftToReadings)" }
    }
    return s + " → " + r.diffPath
}

func quoteOptions(_ inv: Invocation) throws -> QuoteOptions {
    let account = try inv.required("--account")
    var registers: [Int64] = []
    for name in ["--t1", "--t2", "--t3"] {
        guard let v = inv.value(name) else { break }
        let t = v.trimmingCharacters(in: .whitespaces)
        // Whole numbers; a fractional part is dropped (DOMAIN: readings are whole kWh).
        let whole = t.split(separator: t.contains(",") ? "," : ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? t
        guard let n = Int64(whole), n >= 0, whole.allSatisfy(\.isNumber) else {
            throw UsageError(message: "\(name) expects a whole non-negative reading, got '\(v)'", command: inv.command)
        }
        registers.append(n)
    }
    if inv.value("--t3") != nil && inv.value("--t2") == nil {
        throw UsageError(message: "--t3 needs --t2", command: inv.command)
    }
    if registers.isEmpty { throw UsageError(message: "missing --t1", command: inv.command) }
    var on: CivilDate? = nil
    if inv.value("--on") != nil { on = try dateOption(inv, "--on") }
    return QuoteOptions(account: account, registers: registers, on: on)
}
