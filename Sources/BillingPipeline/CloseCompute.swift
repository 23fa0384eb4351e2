#if canImport(Glibc)
import Glibc
#endif
import BillingCore
import BillingInput
import BillingStore

/// Computes and stores the close of P for `regions` in ONE transaction: killed
/// halfway it leaves no trace. Accounts are streamed in id order, computed in
/// batches across all cores, and stored in the same order, so the result does
/// not depend on thread timing. A dry run rolls everything back at the end.
/// `buildsRegistry`: also build registry.csv of the rows as they are stored (CloseTally.registry).
func computeClose(_ ws: Workspace, rules: StoredRules, period: Period, regions: [String], dryRun: Bool,
                  buildsRegistry: Bool) throws -> CloseTally {
    let db = ws.database
    var tally = CloseTally()
    let sqlProfile = ws.tuning.profileSQL ? db.startProfiling() : nil
    defer { if let sqlProfile { ws.console.err("SQL profile:\n" + sqlProfile()) } }
    // The producer's snapshot must be the committed state after P−1: start it first.
    let producer = CloseProducer(dbPath: ws.dbPath, period: period, rules: rules, regions: regions)
    producer.start()
    defer { producer.cancel() }
    // Every row the close writes refers to an account it has just read inside this
    // transaction, so SQLite's per-row foreign-key probes only cost time here.
    // (foreign_keys can only change outside a transaction.)
    try db.setForeignKeys(false)
    defer { try? db.setForeignKeys(true) }
    // A close is one large transaction: a page cache larger than SQLite's default keeps
    // the hot B-tree pages in memory, and one not too large lets the rest spill into the
    // WAL as the rows are stored rather than all at the commit (Tuning.defaultCloseCacheMB).
    try db.setCacheSize(ws.tuning.closeCachePragmaValue)
    // The commit's checkpoint runs beside the outputs (BackgroundCheckpoint), not inside COMMIT.
    try db.setWALAutoCheckpoint(pages: 0)
    defer { try? db.setWALAutoCheckpoint(pages: 1000) }
    var tCommit: UInt64 = 0
    try db.write {
        let tStart = monotonicNanos()
        let runId = try ws.recordRun(command: "close", period: period.description,
                                     region: regions.joined(separator: ","), outcome: dryRun ? "dry run" : "closed")
        let writer = try CloseWriter(database: db, period: period, suppliers: rules.regions.mapValues(\.supplier),
                                     buildsRegistry: buildsRegistry)
        var storeNanos: UInt64 = 0
        while let batch = try producer.next() {
            let t0 = monotonicNanos()
            for i in batch.inputs.indices {
                try writer.store(batch.results[i], input: batch.inputs[i], texts: batch.texts[i])
                tally.accounts += 1
                tally.byRegion[batch.inputs[i].account.region, default: 0] += 1
                tally.byMethod[batch.results[i].row.method, default: 0] += 1
                tally.rejected += batch.results[i].rejected.count
                if let n = ws.tuning.killAfterAccounts, tally.accounts == n { killSelfMidClose() }
            }
            storeNanos += monotonicNanos() - t0
            producer.recycle(batch)
            ws.console.progress("close \(period): \(tally.accounts) accounts")
        }
        let tCheck = monotonicNanos()
        let failures = writer.failures + writer.totals.failures
        tally.totals = writer.totals
        tally.registry = writer.registry
        if ws.tuning.timings {
            ws.console.err("timing close \(period): open scans \(millis(producer.openNanos)) ms, load \(millis(producer.loadNanos)) ms, compute \(millis(producer.computeNanos)) ms (reader and compute threads, \(producer.replayed) accounts replayed from history), store \(millis(storeNanos)) ms, all \(millis(monotonicNanos() - tStart)) ms, invariants \(millis(monotonicNanos() - tCheck)) ms")
        }
        guard failures.isEmpty else {
            throw BillingError(.failed, "закрытие \(period) не сошлось, ничего не сохранено:\n  " + failures.prefix(20).joined(separator: "\n  "))
        }
        let inputHash = try inputFingerprint(db, rules: rules)
        let watermark = try db.lastPaymentRowid()
        for code in regions {
            try db.insertClose(region: code, period: period, runId: runId, accounts: tally.byRegion[code] ?? 0,
                               inputHash: regionInputHash(inputHash, region: code, rules: rules), paymentsWatermark: watermark)
        }
        try recordMoneyIn(db, period: period)
        tCommit = monotonicNanos()
        return dryRun ? .rollback : .commit
    }
    if ws.tuning.timings { ws.console.err("timing commit: \(millis(monotonicNanos() - tCommit)) ms") }
    ws.console.clearProgress()
    return tally
}

let closeBatchSize = 8192

/// The fault the killed-close test injects (Tuning.killAfterAccounts): the process dies
/// as a power cut would take it, rows written into the open transaction, nothing committed.
private func killSelfMidClose() -> Never {
    kill(getpid(), SIGKILL)
    while true { pause() }
}

/// A region with accounts but without stored rules: the reference data was never
/// imported, so nothing can be computed for it (the close's reader and recalc say it alike).
func missingRegionRules(_ region: String) -> BillingError {
    BillingError(.badInput, "для региона \(region) нет сохранённых правил (окна приёма показаний, тарифы): "
        + "загрузите их командой 'energobill import tariffs …'; ничего не записано")
}

/// Computes a batch across all cores; results come back in input order. The close's
/// producer and recalc refuse a region without stored rules before batching, so a miss
/// here is the same input error, said again rather than trapped.
func computeBatch(_ batch: [AccountCloseInput], period: Period, rules: StoredRules,
                  scales: PenaltyScales) throws -> [AccountCloseResult] {
    // Each account points at its region's rules, looked up once per region: a copy of
    // RegionRules per account would retain and release every table in it.
    var regions: [RegionRules] = [], slot: [String: Int] = [:], regionOf: [Int] = []
    regionOf.reserveCapacity(batch.count)
    for input in batch {
        let code = input.account.region
        if let k = slot[code] { regionOf.append(k); continue }
        guard let r = rules.regions[code] else { throw missingRegionRules(code) }
        slot[code] = regions.count
        regionOf.append(regions.count)
        regions.append(r)
    }
    let rulesOf = regions, index = regionOf
    return parallelMap(Array(batch.indices)) { i in
        closeAccount(batch[i], period: period, region: rulesOf[index[i]], keyRates: rules.keyRates,
                     penaltyScale: scales[batch[i].account.kind])
    }
}

/// A fingerprint of everything a close reads: tariff files, key rates, penalty
/// policy, every imported file in import order, and the posted recalculations.
func inputFingerprint(_ db: Database, rules: StoredRules) throws -> String {
    var h = SHA256()
    try hashReferenceData(db, rules: rules, into: &h)
    try db.forEachImportHash { kind, sha256 in h.update(Array("import \(kind) \(sha256)\n".utf8)) }
    try db.forEachPostedRecalcFingerprint { h.update(Array("posted \($0)\n".utf8)) }
    return h.finalizeHex()
}

/// A region's input fingerprint: the close's inputs and the region's own tariff file, so
/// regions closed together still differ where their data does (the shared imports are not
/// split by region: a file holds every region's rows).
func regionInputHash(_ inputs: String, region: String, rules: StoredRules) -> String {
    var h = SHA256()
    h.update(Array("inputs \(inputs)\nregion \(region) \(rules.regionHashes[region] ?? "")\n".utf8))
    return h.finalizeHex()
}

/// The tariff data part of the fingerprint (regions, key rates, penalty policy):
/// what every shard of one close must share (SPEC "Several machines").
func hashReferenceData(_ db: Database, rules: StoredRules, into h: inout SHA256) throws {
    for (code, hash) in rules.regionHashes.sorted(by: { $0.key < $1.key }) { h.update(Array("region \(code) \(hash)\n".utf8)) }
    try db.forEachStoredKeyRate { from, percent in h.update(Array("key \(from) \(percent)\n".utf8)) }
    h.update(Array((try db.penaltyPolicySource() ?? "").utf8))
    try db.forEachStoredVATRate { from, percent in h.update(Array("vat \(from) \(percent)\n".utf8)) }
}
