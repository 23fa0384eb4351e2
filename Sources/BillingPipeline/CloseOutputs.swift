import BillingCore
import BillingInput
import BillingStore

/// Writes every output of a closed period from the store: registry.csv,
/// documents, close-report.html and summary.json (last, with the others' hashes).
func writeCloseOutputs(_ ws: Workspace, rules: StoredRules, options: CloseOptions) throws {
    let period = options.period
    let files = OutputFiles(root: ws.outDir)
    try files.makeDirectory(period.description)
    var outputs: [(String, String)] = []
    let (totals, registryBytes) = try RegistryWriter.write(period: period, database: ws.database,
                                                           to: files.path(period.description, "registry.csv"))
    outputs.append(("registry.csv", SHA256.hash(registryBytes)))
    var facts = try loadCloseFacts(ws.database, period: period)
    facts.totals = totals
    let summary = renderSummaryJSON(facts, outputs: outputs)
    try OutputFiles.write(summary, to: files.path(period.description, "summary.json"))
    ws.console.summary("wrote \(files.path(period.description))/: registry.csv (\(totals.accounts) accounts), summary.json"
                       + (facts.invariantFailures.isEmpty ? "; invariants hold" : "; INVARIANT FAILURES: \(facts.invariantFailures.count)"))
}
