#if canImport(Glibc)
import Glibc
#endif
import BillingCore
import BillingInput
import BillingStore
import BillingRender

/// OUT/<P>/shard.json: what `merge` needs from a shard's close besides its
/// registry.csv and summary.json — which shard of how many, the hash of the tariff
/// data it closed with, its document count, and the lists the close report shows
/// (top debtors with holders, rejected readings), which summary.json does not hold.
/// Written only when the close's proof held; a failed proof removes an old one.
func writeShardCloseManifest(_ ws: Workspace, rules: StoredRules, facts: CloseFacts, shard: ShardIdentity, documents: Int) throws {
    let files = OutputFiles(root: ws.outDir)
    let path = files.path(facts.period.description, "shard.json")
    guard facts.invariantFailures.isEmpty else { unlink(path); return }
    var h = SHA256()
    try hashReferenceData(ws.database, rules: rules, into: &h)
    var w = ByteWriter()
    w.append("{\n  \"shard\": \(shard.index),\n  \"shards\": \(shard.count),\n  \"period\": \"\(facts.period)\",\n")
    w.append("  \"reference_sha256\": \"\(h.finalizeHex())\",\n  \"documents\": \(documents),\n  \"top_debtors\": [")
    for (i, d) in facts.topDebtors.enumerated() {
        w.append(i == 0 ? "\n    {\"account_id\": " : ",\n    {\"account_id\": "); w.appendJSONString(d.accountId)
        w.append(", \"holder\": "); w.appendJSONString(d.holder); w.append(", \"total_due\": \"\(d.totalDue)\"}")
    }
    w.append(facts.topDebtors.isEmpty ? "],\n  \"rejected\": [" : "\n  ],\n  \"rejected\": [")
    for (i, r) in facts.rejects.enumerated() {
        w.append(i == 0 ? "\n    {\"account_id\": " : ",\n    {\"account_id\": "); w.appendJSONString(r.accountId)
        w.append(", \"meter_id\": "); w.appendJSONString(r.meterId)
        w.append(", \"received_at\": "); w.appendJSONString(r.receivedAt)
        w.append(", \"reason\": "); w.appendJSONString(r.reason); w.append("}")
    }
    w.append(facts.rejects.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    try OutputFiles.write(w.bytes, to: path)
    ws.console.summary("wrote \(path) for merge")
}
