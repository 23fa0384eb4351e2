import BillingPipeline

/// A usage error: exit 64 with the message, the usage line and a hint.
struct UsageError: Error {
    let message: String
    let command: CommandSpec?
}

/// The parsed command line: the command, its options, positionals and the
/// global options, which may stand anywhere (SPEC: before or after the words).
struct Invocation {
    var command: CommandSpec
    var options: [String: String] = [:]   // value options; flags map to ""
    var positionals: [String] = []
    var db: String
    var out: String
    var quiet = false
    var csv = CSVDialect.machine
    var help = false
    /// --shard K/N or --shard-from-env: this process works on one shard (SPEC "Several machines").
    var shard: ShardIdentity? = nil
    /// ENERGOBILL_TIMINGS, ENERGOBILL_PROFILE_SQL, ENERGOBILL_CLOSE_CACHE_MB, read once here.
    var tuning = Tuning()

    func value(_ name: String) -> String? { options[name] }
    /// The database and output folder of this run, with its tuning.
    func workspace(_ console: Console, create: Bool = false) throws -> Workspace {
        try Workspace(dbPath: db, outDir: out, console: console, create: create, tuning: tuning)
    }
    func flag(_ name: String) -> Bool { options[name] != nil }

    func required(_ name: String) throws -> String {
        guard let v = options[name], !v.isEmpty else {
            throw UsageError(message: "missing \(name)", command: command)
        }
        return v
    }

    func int(_ name: String) throws -> Int? {
        guard let v = options[name] else { return nil }
        guard let n = Int(v), n >= 0 else { throw UsageError(message: "\(name) expects a whole number, got '\(v)'", command: command) }
        return n
    }
}

enum Parsed {
    case run(Invocation)
    case topHelp
    case version
    case commandHelp(CommandSpec)
    /// `help import`, `import --help`: the kinds of a two-word command, one line each.
    case groupHelp(String)
}

func parseArguments(_ args: [String], environment: [String: String]) throws -> Parsed {
    var db = environment["ENERGOBILL_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "./energobill.sqlite"
    var out = "./out"
    var quiet = false
    var help = false
    var csv = CSVDialect.machine
    var shardText: String? = nil, shardFromEnv = false
    var rest: [String] = []
    var i = 0
    // First pass: lift the global options out, wherever they stand.
    while i < args.count {
        let a = args[i]
        switch a {
        case "--db", "--out":
            guard i + 1 < args.count else { throw UsageError(message: "\(a) needs a value", command: nil) }
            if a == "--db" { db = args[i + 1] } else { out = args[i + 1] }
            i += 2
            continue
        case "--csv":
            guard i + 1 < args.count, let d = CSVDialect(rawValue: args[i + 1]) else {
                throw UsageError(message: "--csv expects ru (';', decimal comma, BOM, for Russian Excel) or machine (the default)", command: nil)
            }
            csv = d
            i += 2
            continue
        case "--shard":
            guard i + 1 < args.count else { throw UsageError(message: "--shard needs a value (K/N)", command: nil) }
            shardText = args[i + 1]
            i += 2
            continue
        case "--shard-from-env": shardFromEnv = true
        case "--quiet", "-q": quiet = true
        case "--help", "-h": help = true
        default:
            if a.hasPrefix("--db=") { db = String(a.dropFirst(5)) }
            else if a.hasPrefix("--out=") { out = String(a.dropFirst(6)) }
            else { rest.append(a) }
        }
        i += 1
    }
    if rest == ["--version"] && !help { return .version }
    if rest.isEmpty { return .topHelp }
    if rest[0] == "help" {
        if rest.count == 1 { return .topHelp }
        let words = rest.dropFirst().joined(separator: " ")
        if commandGroups.contains(words) { return .groupHelp(words) }
        guard let spec = findCommand(words) else { throw unknownCommand(rest[1]) }
        return .commandHelp(spec)
    }
    // Command words: one ("close") or two ("import readings").
    let spec: CommandSpec
    var consumed = 1
    if rest.count >= 2, let two = findCommand(rest[0] + " " + rest[1]) {
        spec = two; consumed = 2
    } else if let one = findCommand(rest[0]) {
        spec = one
    } else if commandGroups.contains(rest[0]) {
        let group = rest[0]
        let members = commands.filter { $0.name.hasPrefix(group + " ") }
        if help { return .groupHelp(group) }
        let kinds = members.map { String($0.name.dropFirst(group.count + 1)) }
        let what = rest.count >= 2 ? rest[1] : ""
        var msg = what.isEmpty ? "\(group) needs a kind: \(kinds.joined(separator: ", "))" : "unknown \(group) kind '\(what)'"
        if !what.isEmpty, let guess = closest(to: what, among: kinds) { msg += "; did you mean '\(group) \(guess)'?" }
        throw UsageError(message: msg, command: nil)
    } else {
        throw unknownCommand(rest[0])
    }
    if help { return .commandHelp(spec) }
    var inv = Invocation(command: spec, db: db, out: out, quiet: quiet)
    inv.tuning = Tuning(environment: environment)
    inv.csv = csv
    var j = consumed
    while j < rest.count {
        let a = rest[j]
        if a.hasPrefix("--") {
            var name = a, inlineValue: String? = nil
            if let eq = a.firstIndex(of: "=") { name = String(a[..<eq]); inlineValue = String(a[a.index(after: eq)...]) }
            guard let opt = spec.options.first(where: { $0.name == name }) else {
                var msg = "unknown option \(name) for '\(spec.name)'"
                if let guess = closest(to: name, among: spec.options.map(\.name)) { msg += "; did you mean \(guess)?" }
                throw UsageError(message: msg, command: spec)
            }
            if opt.value != nil {
                if let v = inlineValue { inv.options[name] = v }
                else {
                    guard j + 1 < rest.count else { throw UsageError(message: "\(name) needs a value (\(opt.value!))", command: spec) }
                    inv.options[name] = rest[j + 1]
                    j += 1
                }
            } else {
                inv.options[name] = ""
            }
        } else {
            inv.positionals.append(a)
        }
        j += 1
    }
    if let shard = try shardIdentity(shardText, fromEnv: shardFromEnv, environment: environment) {
        inv.shard = shard
        inv.db = shard.substitute(inv.db); inv.out = shard.substitute(inv.out)
        inv.positionals = inv.positionals.map(shard.substitute)
        inv.options = inv.options.mapValues(shard.substitute)
    }
    if inv.positionals.count > spec.positional {
        throw UsageError(message: "unexpected argument '\(inv.positionals[spec.positional])'", command: spec)
    }
    // positional Int.max: one or more (merge's SHARD_OUT...).
    if inv.positionals.count < (spec.positional == Int.max ? 1 : spec.positional) {
        throw UsageError(message: "missing \(spec.usage)", command: spec)
    }
    return .run(inv)
}

func findCommand(_ words: String) -> CommandSpec? { commands.first { $0.name == words } }

/// First words of the two-word commands ("import", "payments", "export").
let commandGroups: Set<String> = Set(commands.compactMap { c in
    let w = c.name.split(separator: " ")
    return w.count == 2 ? String(w[0]) : nil
})

func unknownCommand(_ word: String) -> UsageError {
    let names = commands.map(\.name) + commandGroups.sorted() + ["help"]
    var msg = "unknown command '\(word)'"
    if let guess = closest(to: word, among: names) { msg += "; did you mean '\(guess)'?" }
    return UsageError(message: msg, command: nil)
}

func shardIdentity(_ text: String?, fromEnv: Bool, environment: [String: String]) throws -> ShardIdentity? {
    if text != nil && fromEnv { throw UsageError(message: "--shard K/N and --shard-from-env exclude each other", command: nil) }
    if let text {
        guard let id = ShardIdentity(text) else { throw UsageError(message: "--shard expects K/N with 0 ≤ K < N, got '\(text)'", command: nil) }
        return id
    }
    guard fromEnv else { return nil }
    switch ShardIdentity.fromEnvironment(environment) {
    case .success(let id): return id
    case .failure(let p): throw UsageError(message: p.message, command: nil)
    }
}
