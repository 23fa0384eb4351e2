import BillingCore
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
