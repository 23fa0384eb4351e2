#if canImport(Glibc)
import Glibc
#endif
import BillingPipeline
import BillingStore

/// Entry point: parse, dispatch, map errors to SPEC's exit codes.
func runMain() -> Int32 {
    // Documents, acts, registries and the database hold names, addresses and debts
    // (152-ФЗ): nothing the engine creates is readable by others — files 0640 and
    // folders 0750 at most, narrower when the operator's umask says so.
    umask(umask(0) | 0o027)
    let args = Array(CommandLine.arguments.dropFirst())
    var env: [String: String] = [:]
    for name in ["ENERGOBILL_DB"] + ShardIdentity.indexVariables + [ShardIdentity.countVariable] + Tuning.variables {
        if let v = getenv(name) { env[name] = String(cString: v) }
    }
    let parsed: Parsed
    do {
        parsed = try parseArguments(args, environment: env)
    } catch let e as UsageError {
        return reportUsage(e)
    } catch {
        return reportUsage(UsageError(message: "\(error)", command: nil))
    }
    switch parsed {
    case .topHelp:
        print(topHelp(), terminator: "")
        return 0
    case .version:
        print("energobill \(energobillVersion) (database schema v\(Database.schemaVersion))")
        return 0
    case .commandHelp(let spec):
        print(commandHelp(spec), terminator: "")
        return 0
    case .groupHelp(let group):
        print(groupHelp(group), terminator: "")
        return 0
    case .run(let inv):
        CSVDialect.current = inv.csv
        let console = Console(quiet: inv.quiet)
        if let shard = inv.shard { console.linePrefix = shard.label + ": " }
        do {
            try dispatch(inv, console: console)
            return 0
        } catch let e as UsageError {
            return reportUsage(e)
        } catch let e as BillingError {
            console.err("energobill: " + e.message)
            return exitCode(for: e.kind)
        } catch let e as DatabaseError {
            console.err("energobill: " + operatorMessage(e, db: inv.db, command: inv.command.name))
            return e.isBusy ? 75 : 1
        } catch {
            console.err("energobill: \(error)")
            return 1
        }
    }
}

/// SPEC's exit codes: 65 input data error where nothing could be done, 1 failure,
/// 75 another process holds the lock.
func exitCode(for kind: BillingError.Kind) -> Int32 {
    switch kind {
    case .badInput: 65
    case .failed: 1
    case .busy: 75
    }
}

/// A database failure in one sentence for the operator: what happened, that the
/// command's transaction was rolled back whole, and SQLite's own words after it.
func operatorMessage(_ e: DatabaseError, db: String, command: String) -> String {
    let what: String
    switch e.cause {
    case .diskFull: what = "на диске нет места для базы \(db)"
    case .readOnly: what = "база \(db) доступна только для чтения (права на файл или папку, или диск смонтирован только для чтения)"
    case .corrupt: what = "файл \(db) повреждён или не является базой energobill; восстановите его из резервной копии (energobill backup --to …)"
    case .io: what = "ошибка ввода-вывода диска с базой \(db)"
    case .cannotOpen: what = "не удалось открыть базу \(db) (нет папки или прав)"
    case .other: return e.description
    }
    return "\(what): команда «\(command)» не выполнена, в базе ничего не изменилось (транзакция отменена целиком). Подробности: \(e.description)"
}

func reportUsage(_ e: UsageError) -> Int32 {
    var s = "energobill: \(e.message)\n"
    if let c = e.command {
        s += "Usage: \(usageLine(c))\n  See 'energobill \(c.name) --help'.\n"
    } else {
        s += "Usage: energobill [--db PATH] [--out DIR] [--quiet] COMMAND [OPTIONS]\n  See 'energobill --help'.\n"
    }
    Console(quiet: false).err(String(s.dropLast()))
    return 64
}

exit(runMain())
