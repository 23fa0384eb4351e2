import Foundation
import BillingCore
import BillingInput
import BillingPipeline
import BillingStore

/// Runs one parsed command against its workspace.
func dispatch(_ inv: Invocation, console: Console) throws {
    switch inv.command.name {
    case "init":
        let ws = try Workspace(dbPath: inv.db, outDir: inv.out, console: console)
        console.out("database: \(ws.dbPath)")
        console.out("schema version: \(try ws.database.userVersion)")
    case "status":
        let ws = try Workspace(dbPath: inv.db, outDir: inv.out, console: console)
        console.out(try statusReport(ws.database), terminator: "")
    case let name where name.hasPrefix("import "):
        try runImportCommand(inv, kind: String(name.dropFirst(7)), console: console)
    case "close":
        let ws = try Workspace(dbPath: inv.db, outDir: inv.out, console: console)
        try runClose(ws, try closeOptions(inv))
    case "act":
        let scopes = [inv.value("--account").map { ActScope.account($0) }, inv.value("--inn").map { ActScope.inn($0) },
                      inv.flag("--all") ? ActScope.all : nil].compactMap { $0 }
        guard scopes.count == 1 else {
            throw UsageError(message: "act needs exactly one of --account ID, --inn INN or --all", command: inv.command)
        }
        let from = try dateOption(inv, "--from"), to = try dateOption(inv, "--to")
        let ws = try Workspace(dbPath: inv.db, outDir: inv.out, console: console)
        try runActs(ws, scope: scopes[0], from: from, to: to)
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
        do {
            let report = try generateDataSet(options) { console.progress($0) }
            console.summary(report.description)
        } catch let e as GeneratorError {
            throw CommandError(.dataError, "\(e)")
        }
    default:
        throw CommandError(.failure, "'\(inv.command.name)' is not available in this build")
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
    let ws = try Workspace(dbPath: inv.db, outDir: inv.out, console: console)
    try ws.lockForWriting("import")
    let options = ImportOptions(strict: inv.flag("--strict"), encoding: encoding, outDir: inv.out, quiet: inv.quiet)
    do {
        let report = try runImport(kind: k, path: inv.positionals[0], database: ws.database, options: options) { p in
            console.progress("import \(p.kind.rawValue) \(p.file): \(p.rowsRead) rows" + (p.totalBytes > 0 ? " (\(p.bytesRead * 100 / p.totalBytes)%)" : ""))
        }
        for w in report.warnings { console.err("warning: " + w) }
        try ws.recordRun(command: "import \(kind)", outcome: "imported", detail: report.summary)
        console.summary(report.summary)
    } catch let e as ImportError {
        throw CommandError(.dataError, e.description)
    }
}

func closeOptions(_ inv: Invocation) throws -> CloseOptions {
    var o = CloseOptions(period: try periodOption(inv, "--period"))
    o.region = inv.value("--region")
    o.dryRun = inv.flag("--dry-run")
    if let docs = inv.value("--documents") {
        let parts = Set(docs.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        guard parts.isSubset(of: ["html", "json", "none"]), !(parts.contains("none") && parts.count > 1), !parts.isEmpty else {
            throw UsageError(message: "--documents expects html, json, html,json or none, got '\(docs)'", command: inv.command)
        }
        o.html = parts.contains("html"); o.json = parts.contains("json")
    }
    if inv.value("--bundle") != nil {
        guard let n = try inv.int("--bundle"), n >= 1 else { throw UsageError(message: "--bundle expects a positive number", command: inv.command) }
        o.bundle = n
    }
    return o
}
