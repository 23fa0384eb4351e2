import Foundation
import Testing
import BillingCore

/// SPEC "Several machines" without a scheduler: `shard split`, then every shard's
/// init/import/close as separate processes of the built binary (what a Slurm array
/// task or a Kubernetes pod runs), then `merge`. The merged registry of every month
/// must be the very bytes of one database holding all accounts.
@Suite(.serialized) struct ShardMergeEndToEndTests {
    static let periods = SampleDataTests.periods.map(\.text)

    /// The single-database close of the sample, every month, as the reference.
    static let reference: [String: Data] = {
        guard let s = try? SampleDataTests.importTheSample("shard-reference") else { return [:] }
        var out: [String: Data] = [:]
        for p in periods {
            _ = try? s.run(["close", "--period", p, "--documents", "none"] + (p == periods[0] ? ["--go-live"] : []))
            out[p] = try? s.bytes("out/\(p)/registry.csv")
            out[p + "/summary"] = try? s.bytes("out/\(p)/summary.json")
        }
        return out
    }()

    @Test(arguments: [1, 3, 4, 7])
    func mergedRegistryIsTheSingleDatabaseRegistry(shards n: Int) throws {
        let c = try ShardCluster(shards: n)
        try c.runShardsSideBySide(periods: Self.periods)
        for p in Self.periods {
            let r = try c.merge(p)
            #expect(r.status == 0, "merge \(p): \(r.stderr)")
            let merged = try c.s.bytes("merged/\(p)/registry.csv")
            #expect(merged == Self.reference[p], "registry of \(p), \(n) shards")
            // Counts, totals and rejects by reason are the whole's; only hashes differ.
            let withoutHashes = { (d: Data?) in
                String(decoding: d ?? Data(), as: UTF8.self).split(separator: "\n").filter { !$0.contains("sha256") }
            }
            #expect(withoutHashes(try c.s.bytes("merged/\(p)/summary.json")) == withoutHashes(Self.reference[p + "/summary"]),
                    "summary of \(p), \(n) shards")
        }
        #expect(try c.s.read("merged/2026-10/close-report.html").contains("ПРОЙДЕНА"))
    }

    /// Every row lands in its account's shard as the bytes it was (a cp1251 file stays
    /// cp1251), each shard file keeps the header, and the one reading of an unknown
    /// account (7499999999 in the sample) is in every shard.
    @Test func splitKeepsTheBytesAndSendsUnknownAccountsEverywhere() throws {
        let c = try ShardCluster(shards: 3)
        let root = Harness.packageRoot + "/sample-data/"
        for file in ["accounts.csv", "meters.csv", "readings.csv", "payments.csv", "payments-bank-cp1251.csv"] {
            let original = try Data(contentsOf: URL(fileURLWithPath: root + file)).split(separator: 10, omittingEmptySubsequences: false)
            var seen: [Data: Int] = [:]
            for k in 0..<3 {
                let rows = try c.s.bytes("split/shard-\(k)/" + file).split(separator: 10, omittingEmptySubsequences: false)
                #expect(rows.first == original.first, "\(file): header of shard \(k)")
                for row in rows.dropFirst() where !row.isEmpty {
                    seen[Data(row), default: 0] += 1
                    let fields = row.split(separator: file.contains("cp1251") ? 59 : 44, omittingEmptySubsequences: false)
                    let id = Array(fields[file.hasPrefix("payments") ? 1 : file == "meters.csv" ? 1 : 0])
                    if id == Array("7499999999".utf8) { continue }
                    #expect(ShardHash.shard(ofAccount: id, shards: 3) == k, "\(file): \(String(decoding: row, as: UTF8.self)) in shard \(k)")
                }
            }
            var expected: [Data: Int] = [:]   // the sample has rows sent twice on purpose
            for row in original.dropFirst() where !row.isEmpty {
                expected[Data(row), default: 0] += row.starts(with: Array("7499999999".utf8)) ? 3 : 1
            }
            #expect(seen == expected, "\(file): rows of the shards are not the file's rows")
        }
        #expect(try c.s.read("split/shard-2/imports.txt").contains("payments payments-bank-cp1251.csv --encoding cp1251\n"))
        // Every shard rejects the unknown account's reading on import: it is in each shard's rejects.
        for k in 0..<3 { try c.runShard(k, periods: []) }
        for k in 0..<3 {
            let rejects = try FileManager.default.contentsOfDirectory(atPath: c.s.path("out-\(k)/rejects"))
                .map { try c.s.read("out-\(k)/rejects/" + $0) }.joined()
            #expect(rejects.contains("unknown account 7499999999"), "shard \(k) rejects: \(rejects)")
        }
    }

    /// One command line for every task: the index from the scheduler, {shard} in the paths.
    @Test func shardFromTheEnvironment() throws {
        let c = try ShardCluster(shards: 3)
        let args = ["--shard-from-env", "--db", c.s.path("db/{shard}.sqlite"), "--out", c.s.path("out-{shard}")]
        for (variable, k) in [("SLURM_ARRAY_TASK_ID", 2), ("JOB_COMPLETION_INDEX", 1)] {
            let env = [variable: String(k), "ENERGOBILL_SHARDS": "3"]
            for kind in ["tariffs", "accounts"] {
                let file = kind == "tariffs" ? "tariffs" : "accounts.csv"
                let r = try c.s.runProgram(Harness.binary, args + ["import", kind, c.s.path("split/shard-{shard}/" + file)], environment: env)
                #expect(r.status == 0, "\(r.stderr)")
            }
            let r = try c.s.runProgram(Harness.binary, args + ["close", "--period", "2025-10", "--go-live", "--allow-empty", "--documents", "none"], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("shard \(k)/3: "), "logs name the shard: \(r.stderr)")
            #expect(try c.s.read("out-\(k)/2025-10/shard.json").contains("\"shard\": \(k),\n  \"shards\": 3,"))
        }
        let noCount = try c.s.runProgram(Harness.binary, args + ["status"], environment: ["SLURM_ARRAY_TASK_ID": "0"])
        #expect(noCount.status == 64 && noCount.stderr.contains("ENERGOBILL_SHARDS"), "\(noCount.stderr)")
        let outside = try c.s.runProgram(Harness.binary, args + ["status"], environment: ["JOB_COMPLETION_INDEX": "3", "ENERGOBILL_SHARDS": "3"])
        #expect(outside.status == 64 && outside.stderr.contains("0…2"), "\(outside.stderr)")
    }

    @Test func missingShardOrPeriodIsRefused() throws {
        let c = try ShardCluster(shards: 2)
        try c.runShard(0, periods: Array(Self.periods.prefix(2)))
        try c.runShard(1, periods: Array(Self.periods.prefix(1)))
        try c.expectRefused(c.merge(Self.periods[1]), "шард не закрывал период 2025-11")
        try c.expectRefused(c.merge(Self.periods[0], shards: [0]), "нет шардов 1 из 2")
        try c.expectRefused(c.merge(Self.periods[0], shards: [0, 0]), "указан дважды")
        let intoAShard = try c.s.runProgram(Harness.binary, ["--out", c.s.path("out-0"), "merge", "--period", Self.periods[0],
                                                             c.s.path("out-0"), c.s.path("out-1")])
        #expect(intoAShard.status == 65 && intoAShard.stderr.contains("выходная папка шарда"), "\(intoAShard.stderr)")
        #expect(try c.merge(Self.periods[0]).status == 0)
    }

    @Test func differentTariffDataIsRefused() throws {
        let c = try ShardCluster(shards: 2)
        // The same rules in other bytes still count as other tariff data: the hash is of what was imported.
        let penalty = c.s.path("split/shard-1/tariffs/penalty.json")
        try (String(contentsOfFile: penalty, encoding: .utf8) + " ").write(toFile: penalty, atomically: true, encoding: .utf8)
        for k in 0..<2 { try c.runShard(k, periods: [Self.periods[0]]) }
        try c.expectRefused(c.merge(Self.periods[0]), "разными тарифными данными")
    }

    @Test func anAccountInTwoShardsIsRefused() throws {
        let c = try ShardCluster(shards: 2)
        // Shard 1's operator imported shard 0's accounts as well.
        try c.runShard(1, periods: [Self.periods[0]], extraImports: [["accounts", c.s.path("split/shard-0/accounts.csv")],
                                                                      ["meters", c.s.path("split/shard-0/meters.csv")]])
        try c.runShard(0, periods: [Self.periods[0]])
        try c.expectRefused(c.merge(Self.periods[0]), "есть в двух шардах")
    }

    @Test func registryThatDoesNotAddUpIsRefused() throws {
        let c = try ShardCluster(shards: 2)
        for k in 0..<2 { try c.runShard(k, periods: [Self.periods[0]]) }
        // A summary whose proven total is not what its registry adds up to.
        let summary = c.s.path("out-1/2025-10/summary.json")
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        let tampered = text.replacingOccurrences(of: "\"total_due\": \"", with: "\"total_due\": \"1")
        #expect(tampered != text)
        try tampered.write(toFile: summary, atomically: true, encoding: .utf8)
        try c.expectRefused(c.merge(Self.periods[0]), "не сходятся с итогами")
        // A registry edited after the close no longer has the hash its summary recorded.
        try text.write(toFile: summary, atomically: true, encoding: .utf8)
        let registry = c.s.path("out-0/2025-10/registry.csv")
        let rows = try String(contentsOfFile: registry, encoding: .utf8)
        try rows.replacingOccurrences(of: ",2025-10,", with: ",2025-10 ,").write(toFile: registry, atomically: true, encoding: .utf8)
        try c.expectRefused(c.merge(Self.periods[0]), "registry.csv изменён")
    }
}

/// A sandbox holding the sample split into N shards: shard k keeps its database in
/// db/k.sqlite and its outputs in out-k/, the merge writes merged/.
final class ShardCluster: @unchecked Sendable {   // lets only; tasks side by side touch their own files
    let s: Sandbox
    let n: Int

    init(shards: Int) throws {
        s = try Sandbox("shards-\(shards)")
        n = shards
        let root = Harness.packageRoot
        try FileManager.default.createDirectory(atPath: s.path("db"), withIntermediateDirectories: true)
        let r = try s.runProgram(Harness.binary, ["--quiet", "--out", s.path("split"), "shard", "split", "--shards", String(n),
                                                  "--in", root + "/sample-data", "--tariffs", root + "/tariffs"])
        #expect(r.status == 0, "shard split: \(r.stderr)")
    }

    /// One shard's task, as scripts/deploy/shard-task runs it: imports.txt in order, then the closes.
    /// `log`: a file of its own for the task's output (tasks running side by side).
    func runShard(_ k: Int, periods: [String], extraImports: [[String]] = [], log: String? = nil) throws {
        let run = { (args: [String]) throws -> RunResult in
            guard let log else { return try self.s.runProgram(Harness.binary, args) }
            return try runLogged(Harness.binary, args, log: self.s.path(log))
        }
        let shardArgs = ["--quiet", "--shard", "\(k)/\(n)", "--db", s.path("db/{shard}.sqlite"), "--out", s.path("out-{shard}")]
        var imports: [[String]] = []
        for line in try s.read("split/shard-\(k)/imports.txt").split(separator: "\n") {
            var words = line.split(separator: " ").map(String.init)
            words[1] = s.path("split/shard-{shard}/" + words[1])
            imports.append(words)
        }
        for words in imports + extraImports {
            let r = try run(shardArgs + ["import"] + words)
            guard r.status == 0 else { throw SandboxError("shard \(k): import \(words.joined(separator: " ")) exited \(r.status): \(r.stderr)") }
        }
        for p in periods {
            // A shard's slice of a month may be empty while the month is not.
            let r = try run(shardArgs + ["close", "--period", p, "--allow-empty", "--documents", "none"] + (p == periods.first ? ["--go-live"] : []))
            guard r.status == 0 else { throw SandboxError("shard \(k): close \(p) exited \(r.status): \(r.stderr)") }
        }
    }

    /// Every shard's task at once, as the machines of a cluster would run them.
    func runShardsSideBySide(periods: [String]) throws {
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: n) { k in
            do { try runShard(k, periods: periods, log: "shard-\(k).log") } catch { failures.add("shard \(k): \(error)") }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
    }

    func merge(_ period: String, shards: [Int]? = nil) throws -> RunResult {
        try s.runProgram(Harness.binary, ["--out", s.path("merged"), "merge", "--period", period]
                         + (shards ?? Array(0..<n)).map { s.path("out-\($0)") })
    }

    func expectRefused(_ r: RunResult, _ words: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(r.status == 65, "exit \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(words), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(!s.exists("merged/2025-10") && !s.exists("merged/2025-11"), "merge wrote files it refused", sourceLocation: sourceLocation)
    }
}

/// Runs a program with stdout and stderr into one log file of its own; the log's
/// text comes back as stderr.
private func runLogged(_ program: String, _ args: [String], log: String) throws -> RunResult {
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "ENERGOBILL_DB")
    p.environment = env
    p.standardOutput = handle
    p.standardError = handle
    try p.run()
    p.waitUntilExit()
    try handle.close()
    let text = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: log))) ?? Data(), as: UTF8.self)
    return RunResult(status: p.terminationStatus, stdout: "", stderr: text)
}

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
