import BillingCore
import BillingInput
import BillingRender

/// Writes the merged registry.csv, close-report.html and summary.json (last, with
/// the others' hashes) through the renderers the single-database close uses. The
/// facts are the shards' facts added up: regions and methods by code, rejected
/// readings by reason, the top debtors of all shards; a region's input hash is the
/// hash of its shards' input hashes in shard order, and each shard's summary.json
/// is listed among the outputs by its hash, so the whole can be traced to its parts.
func writeMergedOutputs(_ shards: [MergeShard], registry: [UInt8], totals: RegistryWriter.Totals,
                        period: Period, files: OutputFiles) throws {
    let p = period.description
    var facts = CloseFacts(period: period)
    facts.totals = totals
    var regionAccounts: [String: Int] = [:], regionHashes: [String: SHA256] = [:]
    var methods: [String: (Int, Int64)] = [:], reasons: [String: Int] = [:]
    for s in shards {
        for r in s.summary["regions"]?.arrayValue ?? [] {
            guard let code = r["region"]?.stringValue else { continue }
            regionAccounts[code, default: 0] += r["accounts"]?.intValue ?? 0
            regionHashes[code, default: SHA256()].update(Array("shard \(s.index) \(r["input_sha256"]?.stringValue ?? "")\n".utf8))
        }
        for m in s.summary["by_method"]?.arrayValue ?? [] {
            guard let name = m["method"]?.stringValue else { continue }
            let old = methods[name] ?? (0, 0)
            methods[name] = (old.0 + (m["accounts"]?.intValue ?? 0), old.1 + Int64(m["volume_kwh"]?.intValue ?? 0))
        }
        if case .object(let byReason)? = s.summary["rejected_readings"]?["by_reason"] {
            for (reason, n) in byReason { reasons[reason, default: 0] += n.intValue ?? 0 }
        }
    }
    facts.regions = regionAccounts.keys.sorted().map { code in
        var h = regionHashes[code] ?? SHA256()
        return (code, regionAccounts[code] ?? 0, h.finalizeHex())
    }
    facts.methods = methods.sorted { $0.key < $1.key }.map { ($0.key, $0.value.0, $0.value.1) }
    facts.rejectsByReason = reasons.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    facts.rejects = Array(shards.flatMap(\.rejects)
        .sorted { ($0.accountId, $0.receivedAt) < ($1.accountId, $1.receivedAt) }.prefix(closeReportRejectedRowLimit))
    facts.topDebtors = Array(shards.flatMap(\.topDebtors)
        .sorted { $0.totalDue != $1.totalDue ? $0.totalDue > $1.totalDue : $0.accountId < $1.accountId }.prefix(20))
    var outputs: [(String, String)] = [("registry.csv", SHA256.hash(registry))]
    for s in shards {
        if let bytes = readWholeFile(s.dir + "/" + p + "/summary.json") { outputs.append(("shard-\(s.index)/summary.json", SHA256.hash(bytes))) }
    }
    try OutputFiles.write(registry, to: files.path(p, "registry.csv"))
    let report = Array(renderCloseReportHTML(closeReportData(facts, documents: shards.reduce(0) { $0 + $1.documents },
                                                             outputs: outputs)).utf8)
    try OutputFiles.write(report, to: files.path(p, "close-report.html"))
    outputs.append(("close-report.html", SHA256.hash(report)))
    try OutputFiles.write(renderSummaryJSON(closeSummaryData(facts, outputs: outputs)), to: files.path(p, "summary.json"))
}
