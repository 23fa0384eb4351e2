import BillingCore
import BillingPipeline
import BillingStore

/// The commands of SPEC "Several machines": split the inputs for N machines,
/// merge their closes into one verified set.
let shardCommands: [CommandSpec] = [
    CommandSpec(name: "shard split", usage: "--shards N --in DIR --out DIR", summary: "split the input files into N shards by account",
                options: [
                    OptionSpec(name: "--shards", value: "N", help: "number of shards (required)"),
                    OptionSpec(name: "--in", value: "DIR", help: "folder with the input CSV files (required)"),
                    OptionSpec(name: "--tariffs", value: "PATH", help: "tariffs file or folder to copy into every shard as tariffs/"),
                ], positional: 0,
                details: "Writes OUT/shard-<k>/ (k = FNV-1a 64 of the account id mod N): each account with its meters, readings, SMS and payments, the files' headers and bytes as they were; any tariffs/ folder of DIR (or --tariffs) to every shard (other files are left out and named); imports.txt (what to import, in order) and shard.json. A row naming no account of the accounts files goes to every shard, where its import rejects it."),
    CommandSpec(name: "merge", usage: "--period YYYY-MM SHARD_OUT...", summary: "merge the shards' closes of a period into one verified set",
                options: [
                    OptionSpec(name: "--period", value: "YYYY-MM", help: "the closed period to merge (required)"),
                ], positional: Int.max,
                details: "SHARD_OUT is each shard's --out folder, closed with --shard K/N or --shard-from-env. Writes OUT/<P>/registry.csv (the bytes one database holding every account writes), summary.json and close-report.html; refuses with exit 65 and writes nothing when a shard is missing or did not close P, the shards closed with different tariff data, an account is in two shards or in the wrong one, or a shard's registry does not add up to its proven totals. Documents stay where the shards wrote them."),
]

func runShardCommand(_ inv: Invocation, console: Console) throws {
    switch inv.command.name {
    case "shard split":
        guard let n = try inv.int("--shards"), n >= 1 else {
            throw UsageError(message: "--shards N is required (a positive number)", command: inv.command)
        }
        let o = ShardSplitOptions(shards: n, inDir: try inv.required("--in"), outDir: inv.out, tariffs: inv.value("--tariffs"))
        let r = try runShardSplit(o) { console.progress($0) }
        console.clearProgress()
        for line in r.summaryLines { console.out(line) }
        console.summary("split \(r.files.count) files (\(r.bytes) bytes) into \(n) shards under \(inv.out)/shard-0…\(n - 1)")
    case "merge":
        let o = MergeOptions(period: try periodOption(inv, "--period"), shardOuts: inv.positionals, outDir: inv.out)
        let r = try runMerge(o)
        for s in r.perShard { console.out("shard \(s.index): \(s.accounts) accounts, total due \(s.totalDue)") }
        console.out("merged \(r.shards) shards: \(r.accounts) accounts, total due \(r.totalDue) → \(r.path)/registry.csv, summary.json, close-report.html")
    default:
        throw BillingError(.failed, "internal error: no runner for '\(inv.command.name)'")
    }
}
