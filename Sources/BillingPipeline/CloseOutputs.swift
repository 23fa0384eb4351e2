#if canImport(Glibc)
import Glibc
#endif
import BillingCore
import BillingInput
import BillingRender
import BillingStore

/// Writes every output of a closed period from the store: registry.csv,
/// documents, close-report.html and summary.json (last, with the others' hashes).
/// `provenTotals`: this run has just closed the period and proven its totals over
/// the rows it wrote (the close aborts otherwise); the registry written here from
/// the store must add up to the same, instead of the proof's queries running again.
func writeCloseOutputs(_ ws: Workspace, rules: StoredRules, options: CloseOptions, provenTotals: PeriodTotals? = nil) throws {
    let period = options.period
    let p = period.description
    let files = OutputFiles(root: ws.outDir)
    try files.makeDirectory(p)
    var outputs: [(String, String)] = []
    let (totals, registryBytes) = try RegistryWriter.write(period: period, database: ws.database,
                                                           to: files.path(p, "registry.csv"))
    outputs.append(("registry.csv", SHA256.hash(registryBytes)))
    let t0 = monotonicNanos()
    let writer = DocumentsWriter(files: files, period: period, html: options.html, json: options.json, bundle: options.bundle)
    var docs = DocumentsWriter.Stats()
    if options.html || options.json {
        docs = try writer.write(DocumentLoader(database: ws.database, period: period, rules: rules), console: ws.console)
    }
    if docs.files > 0 { outputs.append(("documents", docs.digest.finalizeHex())) }
    if timingsRequested {
        let render = docs.renderNanos, write = docs.writeNanos
        ws.console.err("timing documents: \(docs.documents) rendered in \(millis(render)) ms = \(perSecond(docs.documents, render)) documents/s (render, all cores); \(docs.files) files written in \(millis(write)) ms = \(perSecond(docs.files, write)) files/s")
    }
    var facts = try loadCloseFacts(ws.database, period: period, totalsJustProven: provenTotals != nil)
    facts.totals = totals
    if let proven = provenTotals {
        let written = [totals.charge, totals.recalculation, totals.benefit, totals.penalty, totals.payments].map(\.value)
        if written != proven.registry {
            facts.invariantFailures.append("registry.csv totals \(written) ≠ the totals proven at the close \(proven.registry)")
        }
    }
    let report = renderCloseReportHTML(closeReportData(facts, documents: docs.documents, outputs: outputs))
    let reportBytes = Array(report.utf8)
    try OutputFiles.write(reportBytes, to: files.path(p, "close-report.html"))
    outputs.append(("close-report.html", SHA256.hash(reportBytes)))
    try OutputFiles.write(renderSummaryJSON(facts, outputs: outputs), to: files.path(p, "summary.json"))
    if timingsRequested { ws.console.err("timing outputs \(period): \(millis(monotonicNanos() - t0)) ms after the registry") }
    if let shard = options.shard {
        try writeShardCloseManifest(ws, rules: rules, facts: facts, shard: shard, documents: docs.documents)
    }
    let docNote = docs.files == 0 ? "no documents" : "\(docs.documents) documents in \(docs.files) files"
    ws.console.summary("wrote \(files.path(p))/: registry.csv (\(totals.accounts) accounts), \(docNote), close-report.html, summary.json"
                       + (facts.invariantFailures.isEmpty ? "; invariants hold" : "; INVARIANT FAILURES: \(facts.invariantFailures.count)"))
    if !facts.invariantFailures.isEmpty {
        // The close itself is committed (its own proof held before commit); what failed is
        // the proof over the outputs. The operator must not take the period as good.
        throw CommandError(.failure, "проверка инвариантов периода \(period) не пройдена (\(facts.invariantFailures.count)); "
                           + "закрытие сохранено, выходные файлы записаны для разбора (close-report.html, summary.json):\n  "
                           + facts.invariantFailures.prefix(20).joined(separator: "\n  "))
    }
}

func closeReportData(_ f: CloseFacts, documents: Int, outputs: [(String, String)]) -> CloseReportData {
    let t = f.totals
    return CloseReportData(
        period: f.period, regions: f.regions.map(\.code), accounts: t.accounts, documents: documents,
        byMethod: f.methods.map { MethodCount(method: $0.method, accounts: $0.accounts, volumeKwh: $0.volumeKwh) },
        totals: ReportTotals(balanceIn: t.balanceIn, charge: t.charge, recalculation: t.recalculation, benefit: t.benefit,
                             penalty: t.penalty, payments: t.payments, totalDue: t.totalDue),
        rejectedByReason: f.rejectsByReason.map { ReasonCount(reason: $0.reason, count: $0.count) },
        rejected: f.rejects.compactMap { r in
            LocalTimestamp(r.receivedAt).map { ReportRejectedReading(accountId: r.accountId, meterId: r.meterId, receivedAt: $0, reason: r.reason) }
        },
        invariantsChecked: invariantDescriptions, invariantFailures: f.invariantFailures,
        topDebtors: f.topDebtors.map { Debtor(accountId: $0.accountId, holder: $0.holder, totalDue: $0.totalDue) },
        inputHashes: f.regions.map { NamedHash(name: "inputs of \($0.code)", sha256: $0.inputHash) },
        outputHashes: outputs.map { NamedHash(name: $0.0, sha256: $0.1) })
}

let invariantDescriptions = [
    "per account: balance_in + charge + recalculation + benefit + penalty − payments = total_due",
    "per account: the ledger of the period adds up to total_due − balance_in",
    "per account: balance_in = the previous period's total_due (or the opening balance)",
    "in total: registry = ledger = document lines, kind by kind",
]

/// ENERGOBILL_TIMINGS=1 prints timing lines on stderr (for scripts/bench).
let timingsRequested: Bool = {
    guard let v = getenv("ENERGOBILL_TIMINGS") else { return false }
    return String(cString: v) == "1"
}()

/// ENERGOBILL_PROFILE_SQL=1 prints the time spent per SQL statement on stderr.
let profileSQLRequested: Bool = {
    guard let v = getenv("ENERGOBILL_PROFILE_SQL") else { return false }
    return String(cString: v) == "1"
}()

func millis(_ ns: UInt64) -> UInt64 { ns / 1_000_000 }
func perSecond(_ n: Int, _ ns: UInt64) -> UInt64 { ns == 0 ? 0 : UInt64(n) * 1_000_000_000 / ns }
