import BillingCore
import BillingInput
import BillingRender
import BillingStore

/// Writes every output of a closed period from the store: registry.csv,
/// documents, close-report.html and summary.json (last, with the others' hashes).
/// `justClosed`: this run has just closed the period. Its registry, built from the rows
/// as they were stored, is written as it is (the same bytes the store's rows give), and
/// the registry columns as stored must add up to the totals it proved, instead of the
/// proof's queries running again. Without it the registry is read back from the store.
func writeCloseOutputs(_ ws: Workspace, rules: StoredRules, options: CloseOptions, justClosed: JustClosed? = nil) throws {
    let period = options.period
    let p = period.description
    let files = OutputFiles(root: ws.outDir)
    try files.makeDirectory(p)
    var outputs: [(String, String)] = []
    let registryPath = files.path(p, "registry.csv")
    let (totals, registryBytes) = try justClosed.map { try $0.registry.write(to: registryPath) }
        ?? RegistryWriter.write(period: period, database: ws.database, to: registryPath)
    // Hashed beside the documents and the facts' queries (a million rows are ~90 MB).
    let registryHash = SerialStage(SHA256(), label: "energobill.registry-sha256", inFlight: 1)
    try registryHash.hand { $0.update(registryBytes) }
    let t0 = monotonicNanos()
    var writer = DocumentsWriter(files: files, period: period, html: options.html, json: options.json, bundle: options.bundle)
    writer.eml = options.eml; writer.sms = options.sms; writer.archive = options.archive
    writer.utcOffsets = rules.regions.mapValues(\.utcOffsetMinutes)
    var docs = DocumentsWriter.Stats()
    if options.html || options.json || options.eml || options.sms {
        docs = try writer.write(DocumentLoader(database: ws.database, period: period, rules: rules), console: ws.console)
    }
    if options.archive { outputs += docs.archives } else if docs.files > 0 { outputs.append(("documents", docs.digest.finalizeHex())) }
    var invoices = 0
    if options.html || options.json {
        let (count, digest) = try writeInvoices(ws.database, rules: rules, period: period, files: files)
        invoices = count
        if count > 0 { outputs.append(("invoices", digest)) }
    }
    if options.eml { outputs.append(("mail", docs.delivery.mailDigest.finalizeHex())) }
    if options.sms { outputs.append(("sms/outbox.csv", docs.delivery.outboxHash)) }
    var deliveryNote = ""
    if options.eml { deliveryNote += ", писем \(docs.delivery.mails)" }
    if options.sms { deliveryNote += ", SMS \(docs.delivery.messages)" }
    if docs.delivery.badPhones > 0 {
        ws.console.err("внимание: у \(russianCount(Int64(docs.delivery.badPhones), "лицевого счёта", "лицевых счетов", "лицевых счетов")) с согласием на SMS телефон не мобильный — SMS не записаны")
    }
    if ws.tuning.timings {
        let render = docs.renderNanos, write = docs.writeNanos
        ws.console.err("timing documents: \(docs.documents) rendered in \(millis(render)) ms = \(perSecond(docs.documents, render)) documents/s (render, all cores); \(docs.files) files written in \(millis(write)) ms = \(perSecond(docs.files, write)) files/s")
    }
    var facts = try loadCloseFacts(ws.database, period: period, totalsJustProven: justClosed != nil)
    facts.totals = totals
    if let proven = justClosed?.totals {
        let text = { (t: KindTotals) in t.named.map { "\($0.0) \(Kopecks($0.1))" }.joined(separator: ", ") }
        let written = KindTotals(charge: totals.charge.value, recalculation: totals.recalculation.value, benefit: totals.benefit.value,
                                 penalty: totals.penalty.value, payments: totals.payments.value)
        if written != proven.registry {
            facts.invariantFailures.append("итоги registry.csv (\(text(written))) ≠ итогам, доказанным при закрытии (\(text(proven.registry)))")
        }
        // The file came from memory: the rows as committed must hold the same money.
        if facts.storedRegistry != proven.registry {
            facts.invariantFailures.append("итоги сохранённых строк реестра (\(text(facts.storedRegistry))) ≠ итогам, доказанным при закрытии (\(text(proven.registry)))")
        }
    }
    try registryHash.finish()
    var registrySHA = registryHash.state
    outputs.insert(("registry.csv", registrySHA.finalizeHex()), at: 0)
    var reportData = closeReportData(facts, documents: docs.documents, outputs: outputs)
    reportData.moneyIn = facts.moneyIn
    let report = renderCloseReportHTML(reportData)
    let reportBytes = Array(report.utf8)
    try OutputFiles.write(reportBytes, to: files.path(p, "close-report.html"))
    outputs.append(("close-report.html", SHA256.hash(reportBytes)))
    let summary = renderSummaryJSON(closeSummaryData(facts, outputs: outputs))
    try OutputFiles.write(summary, to: files.path(p, "summary.json"))
    try recordOutputs(ws.database, period: period, outputs: outputs + [("summary.json", SHA256.hash(summary))])
    if ws.tuning.timings { ws.console.err("timing outputs \(period): \(millis(monotonicNanos() - t0)) ms after the registry") }
    if let shard = options.shard {
        try writeShardCloseManifest(ws, rules: rules, facts: facts, shard: shard, documents: docs.documents)
    }
    let docNote = (docs.files == 0 ? "без документов" : "документов \(docs.documents) в \(docs.files) файлах"
                   + (docs.archives.isEmpty ? "" : " в " + (docs.archives.count == 1 ? docs.archives[0].0
                      : "\(docs.archives.count) ZIP-архивах \(docs.archives[0].0)…\(docs.archives[docs.archives.count - 1].0)")))
        + (invoices == 0 ? "" : ", УПД \(invoices)") + deliveryNote
    ws.console.summary("записано в \(files.path(p))/: registry.csv (л/с: \(totals.accounts)), \(docNote), close-report.html, summary.json"
                       + (facts.invariantFailures.isEmpty ? "; инварианты выполнены" : "; НЕ ВЫПОЛНЕНЫ ИНВАРИАНТЫ: \(facts.invariantFailures.count)"))
    if !facts.invariantFailures.isEmpty {
        // The close itself is committed (its own proof held before commit); what failed is
        // the proof over the outputs. The operator must not take the period as good.
        throw BillingError(.failed, "проверка инвариантов периода \(period) не пройдена (\(facts.invariantFailures.count)); "
                           + "закрытие сохранено, выходные файлы записаны для разбора (close-report.html, summary.json):\n  "
                           + facts.invariantFailures.prefix(20).joined(separator: "\n  "))
    }
}

/// The hashes `check` compares the files on disk with: the set of the last write.
private func recordOutputs(_ db: Database, period: Period, outputs: [(String, String)]) throws {
    try db.transaction {
        try db.deleteOutputHashes(period: period)
        for (file, hash) in outputs { try db.insertOutputHash(period: period, file: file, sha256: hash) }
    }
}

func closeReportData(_ f: CloseFacts, documents: Int, outputs: [(String, String)]) -> CloseReportData {
    let t = f.totals
    return CloseReportData(
        period: f.period, regions: f.regions.map(\.code), accounts: t.accounts, documents: documents,
        byMethod: f.methods.map { MethodCount(method: $0.method, accounts: $0.accounts, volumeKwh: $0.volumeKwh) },
        totals: reportTotals(t),
        rejectedByReason: f.rejectsByReason.map { ReasonCount(reason: RejectionReason.russian($0.reason), count: $0.count) },
        rejected: f.rejects.compactMap { r in
            LocalTimestamp(r.receivedAt).map { ReportRejectedReading(accountId: r.accountId, meterId: r.meterId, receivedAt: $0,
                                                                     reason: RejectionReason.russian(r.reason)) }
        },
        invariantsChecked: closeInvariantDescriptions, invariantFailures: f.invariantFailures,
        topDebtors: f.topDebtors.map { Debtor(accountId: $0.accountId, holder: $0.holder, totalDue: $0.totalDue) },
        inputHashes: f.regions.map { NamedHash(name: "входные данные \($0.code)", sha256: $0.inputHash) },
        outputHashes: outputs.map { NamedHash(name: $0.0, sha256: $0.1) })
}

func millis(_ ns: UInt64) -> UInt64 { ns / 1_000_000 }
func perSecond(_ n: Int, _ ns: UInt64) -> UInt64 { ns == 0 ? 0 : UInt64(n) * 1_000_000_000 / ns }
