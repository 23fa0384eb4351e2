import BillingCore
import BillingInput
import BillingRender
import BillingStore

/// What `recalc` was asked to do.
public struct RecalcOptions: Sendable {
    public var period: Period
    public var account: String?
    public var region: String?
    /// What-if tariff data (a region JSON file or a tariffs/ folder), never stored.
    public var tariffs: String?
    public var post: Bool
    public var ground: String?
    public init(period: Period, account: String? = nil, region: String? = nil, tariffs: String? = nil,
                post: Bool = false, ground: String? = nil) {
        self.period = period; self.account = account; self.region = region; self.tariffs = tariffs
        self.post = post; self.ground = ground
    }
}

/// One changed row of diff.csv.
/// One changed line of an account: diff.csv's row (rendered by BillingRender).
typealias DiffRow = RecalcDiffCSV.Row

/// What the recalculation found (and posted), for the summary line and summary.html.
public struct RecalcReport: Sendable {
    public var period: Period
    public var regions: [String] = []
    public var recomputed = 0
    public var changed = 0
    /// Σ Δ(charge + recalculation + benefit), Σ Δ penalty, Σ Δ payments, Σ Δ total_due over changed accounts.
    public var billedDelta = Kopecks.zero
    public var penaltyDelta = Kopecks.zero
    public var paymentsDelta = Kopecks.zero
    public var totalDueDelta = Kopecks.zero
    public var posted = 0
    public var postedAmount = Kopecks.zero
    public var alreadyPosted = 0
    public var leftToReadings = 0
    public var diffPath = ""
    public var htmlPath = ""
    /// A what-if's own folder under OUT/recalc/<P>/ (`whatif-` + 8 hex of the tariffs' hash), so it never replaces a plain recalculation.
    public var whatIfFolder: String?
}

/// `recalc --period P`: recomputes a closed P from today's data (RULES.md "What-if
/// recalculation"), compares with what P's close stored and writes
/// OUT/recalc/<P>/diff.csv and summary.html. Nothing stored changes (the work runs
/// in a transaction that is rolled back) unless `--post`, which books each changed
/// account's difference into posted_recalcs for the next close, in one transaction.
public func runRecalc(_ ws: Workspace, _ options: RecalcOptions) throws -> RecalcReport {
    let db = ws.database
    let period = options.period
    if options.post {
        guard let g = options.ground, !g.isEmpty else { throw BillingError(.failed, "--post needs --ground") }
        try ws.lockForWriting("recalc --post")
    }
    let ground = options.ground ?? ""
    let stored = try loadStoredRules(db)
    var rules = stored
    var whatIfRegions: [String] = []
    var whatIfFolder: String? = nil
    if let path = options.tariffs {
        let folder: TariffFolder
        do { folder = try loadTariffFolder(path: path) }
        catch let e as InputError { throw BillingError(.badInput, e.description) }
        catch let e as TariffFileError { throw BillingError(.badInput, e.description) }
        whatIfFolder = "whatif-" + String(folder.sha256.prefix(8))
        for r in folder.regions {
            var region = r.rules
            region.vatRates = folder.vatRates ?? stored.vatRates
            rules.regions[region.code] = region
            whatIfRegions.append(region.code)
        }
        if let v = folder.vatRates { rules.vatRates = v; for code in rules.regions.keys { rules.regions[code]?.vatRates = v } }
        for w in folder.warnings { ws.console.err("warning: " + w) }
        if let k = folder.keyRates { rules.keyRates = k }
        if let p = folder.penalty { rules.penalty = p }
    }
    let regions = try recalcRegions(db, rules: stored, options: options)
    try checkReferenceCoverage(db, rules: rules, period: period, regions: regions, source: options.tariffs)
    for code in whatIfRegions where !regions.contains(code) {
        ws.console.err("warning: \(options.tariffs ?? "") defines region \(code), which is not recomputed here (not closed for \(period) or not selected)")
    }

    var windows: [String: (after: LocalTimestamp, by: LocalTimestamp)] = [:]
    var takenBy: [String: CivilDate] = [:]
    guard let lastDay = CivilDate(year: 9999, month: 12, day: 31) else {
        throw BillingError(.failed, "внутренняя ошибка: не строится дата 9999-12-31")
    }
    let open = LocalTimestamp.endOf(lastDay)
    for code in regions {
        // Which readings belong to P is a fact of the stored region data, not a what-if.
        guard let r = stored.regions[code] else {
            throw BillingError(.failed, "регион \(code) закрыт за \(period), но его тарифы не загружены; проверьте базу командой 'energobill check'")
        }
        windows[code] = (r.deadline(for: period.previous), open)
        takenBy[code] = r.deadline(for: period).date
    }
    guard let after = windows.values.map(\.after).min() else {
        throw BillingError(.badInput, "период \(period) не закрыт ни в одном регионе: перерасчёт делается только по закрытым периодам")
    }
    let scales = PenaltyScales(policy: rules.penalty)
    var report = RecalcReport(period: period)
    report.whatIfFolder = whatIfFolder
    report.regions = regions
    var rows: [DiffRow] = []
    // A what-if only reads, through one snapshot; --post stores its rows and the run in one write.
    let recompute: () throws -> Void = {
        let loader = try CloseLoader(database: db, period: period, regions: regions, receivedAfter: after, receivedBy: open,
                                     postedBookedIn: period)
        let storedRows = try db.accountPeriodTotals(period: period)
        let storedLines = try db.lineAmounts(period: period) { l in
            (DiffLine(kind: l.kind, meterId: l.meterId, zone: l.zone, tier: l.tier, ref: l.refPeriod), l.amount)
        }
        let storedMeters = try db.meterVolumes(period: period)
        let alreadyPostedSums = try db.postedRecalcSums(refPeriod: period)
        let insert = try db.postedRecalcInserter()

        struct Pending {
            var input: AccountCloseInput
            var before: AccountPeriodTotals
            var lines: [(DiffLine, Kopecks)]
            var meters: [MeterVolumes]
            var posted: Kopecks
        }
        var batch: [Pending] = []
        batch.reserveCapacity(closeBatchSize)
        let selected = Set(regions)
        let flush = {
            let results = try computeBatch(batch.map(\.input), period: period, rules: rules, scales: scales)
            for (p, result) in zip(batch, results) {
                let (accountRows, billed) = diffAccount(p.input.account.id, before: p.before, storedLines: p.lines, after: result)
                report.recomputed += 1
                guard !accountRows.isEmpty else { continue }
                report.changed += 1
                rows += accountRows
                report.billedDelta += billed
                report.penaltyDelta += result.row.penalty - p.before.penalty
                report.paymentsDelta += result.row.payments - p.before.payments
                report.totalDueDelta += result.row.totalDue - p.before.totalDue
                guard options.post, billed.value != 0 else { continue }
                if readingDriven(stored: p.meters, after: result.meterPeriods) { report.leftToReadings += 1; continue }
                let amount = billed - p.posted
                if amount.value == 0 { report.alreadyPosted += 1; continue }
                var h = SHA256()
                h.update(Array("\(p.input.account.id)|\(period)|\(postedLineName)|\(amount.value)|\(ground)|\(p.posted.value)".utf8))
                if try insert.insert(account: p.input.account.id, refPeriod: period, line: postedLineName, amount: amount,
                                     ground: ground, fingerprint: h.finalizeHex()) {
                    report.posted += 1; report.postedAmount += amount
                } else {
                    report.alreadyPosted += 1
                }
            }
            batch.removeAll(keepingCapacity: true)
            ws.console.progress("recalc \(period): \(report.recomputed) accounts")
        }
        while let account = try loader.nextAccount() {
            guard selected.contains(account.region), let window = windows[account.region] else { continue }
            if let only = options.account, account.id != only { continue }
            guard let before = try storedRows.rows(for: account.id).first else { continue }
            let input = try loader.input(for: account, window: window, takenBy: takenBy[account.region])
            batch.append(Pending(input: input, before: before, lines: try storedLines.rows(for: account.id),
                                 meters: try storedMeters.rows(for: account.id),
                                 posted: try alreadyPostedSums.rows(for: account.id).first ?? .zero))
            if batch.count == closeBatchSize { try flush() }
        }
        try flush()
    }
    if options.post {
        try db.write {
            try recompute()
            try ws.recordRun(command: "recalc --post", period: period.description, region: regions.joined(separator: ","),
                             outcome: "posted", detail: "\(report.posted) posted, \(report.alreadyPosted) already posted, \(report.leftToReadings) left to the readings")
            return .commit
        }
    } else {
        try db.read(recompute)
    }
    ws.console.clearProgress()
    try writeRecalcOutputs(ws, report: &report, rows: rows, options: options)
    return report
}

/// The `line` of a posted difference: it covers charge + recalculation + benefit.
let postedLineName = "charge+recalculation+benefit"

/// Regions whose P is closed, narrowed by --region / --account.
func recalcRegions(_ db: Database, rules: StoredRules, options: RecalcOptions) throws -> [String] {
    let period = options.period
    let closed = try db.closedRegionCodes(period: period)
    var wanted = closed
    if let only = options.region {
        guard rules.regions[only] != nil else {
            throw BillingError(.badInput, "неизвестный регион \(only) (загружены: \(rules.regions.keys.sorted().joined(separator: ", ")))")
        }
        guard closed.contains(only) else {
            throw BillingError(.badInput, "период \(period) не закрыт для \(only): перерасчёт делается только по закрытым периодам (для открытого — 'close --dry-run')")
        }
        wanted = [only]
    }
    if let id = options.account {
        guard let region = try db.accountRegion(id: id) else {
            throw BillingError(.badInput, "неизвестный лицевой счёт \(id)")
        }
        guard wanted.contains(region) else {
            throw BillingError(.badInput, "период \(period) не закрыт для л/с \(id) (регион \(region))")
        }
        wanted = [region]
    }
    if wanted.isEmpty {
        throw BillingError(.badInput, "период \(period) не закрыт ни в одном регионе: перерасчёт делается только по закрытым периодам")
    }
    return wanted
}

/// A document line as the diff names it, stable across closes:
/// energy:<meter|norm>:<zone|single>:<tier>, recalculation:<ref_period>, benefit, penalty.
struct DiffLine: Hashable, Comparable {
    let kind: ChargeKind
    let name: String
    init(kind: ChargeKind, meterId: String, zone: String, tier: Int, ref: String) {
        self.kind = kind
        switch kind {
        case .energy: name = "energy:" + (meterId.isEmpty ? "norm" : meterId) + ":" + (zone.isEmpty ? "single" : zone) + ":" + String(tier)
        case .recalculation: name = "recalculation:" + ref
        case .benefit, .penalty: name = kind.rawValue
        }
    }
    static func < (x: DiffLine, y: DiffLine) -> Bool { x.kind != y.kind ? x.kind < y.kind : x.name < y.name }
}

/// The changed rows of one account (lines, then the charge / payments / total_due
/// aggregates when they changed, then `total` = charge + recalculation + benefit +
/// penalty) and Δ(charge + recalculation + benefit). No rows when nothing changed.
func diffAccount(_ id: String, before: AccountPeriodTotals, storedLines: [(DiffLine, Kopecks)],
                 after: AccountCloseResult) -> ([DiffRow], Kopecks) {
    var b: [DiffLine: Kopecks] = [:], a: [DiffLine: Kopecks] = [:]
    for (line, amount) in storedLines { b[line, default: .zero] += amount }
    for l in after.lines {
        let line = DiffLine(kind: l.kind, meterId: l.meterId, zone: l.zone, tier: l.tier, ref: l.refPeriod?.description ?? "")
        a[line, default: .zero] += l.amount
    }
    var rows: [DiffRow] = []
    for n in Set(b.keys).union(a.keys).sorted() {
        let x = b[n] ?? .zero, y = a[n] ?? .zero
        if x != y { rows.append(DiffRow(accountId: id, line: n.name, before: x, after: y)) }
    }
    let r = after.row
    let billedBefore = before.charge + before.recalculation + before.benefit
    let billedAfter = r.charge + r.recalculation + r.benefit
    let aggregates: [(String, Kopecks, Kopecks)] = [
        ("charge", before.charge, r.charge), ("payments", before.payments, r.payments),
        ("total_due", before.totalDue, r.totalDue),
    ]
    var changed = !rows.isEmpty
    for (n, x, y) in aggregates where x != y {
        rows.append(DiffRow(accountId: id, line: n, before: x, after: y)); changed = true
    }
    guard changed else { return ([], .zero) }
    rows.append(DiffRow(accountId: id, line: "total", before: billedBefore + before.penalty, after: billedAfter + r.penalty))
    return (rows, billedAfter - billedBefore)
}

/// True when a meter's volume changed and a reading is involved before or after:
/// the difference then moves through the meter's registers into later periods
/// (the next actual reading bills the rest, п.61 recalculates estimated periods),
/// so posting it would book it twice.
func readingDriven(stored: [MeterVolumes], after: [MeterPeriodResult]) -> Bool {
    var before: [String: (String, String)] = [:]
    for m in stored { before[m.meterId] = (m.method, m.volumes) }
    func isReading(_ m: String) -> Bool { m == "actual" || m == "control" }
    var seen = Set<String>()
    for m in after {
        seen.insert(m.meterId)
        let volumes = Registers(m.volumes).description
        guard let (method, old) = before[m.meterId] else {
            if isReading(m.method.rawValue) { return true }
            continue
        }
        if old != volumes && (isReading(method) || isReading(m.method.rawValue)) { return true }
    }
    for (meter, (method, _)) in before where !seen.contains(meter) && isReading(method) { return true }
    return false
}

/// diff.csv (account order, then line order) and summary.html.
func writeRecalcOutputs(_ ws: Workspace, report: inout RecalcReport, rows: [DiffRow], options: RecalcOptions) throws {
    let files = OutputFiles(root: ws.outDir)
    let p = report.period.description
    let whatIf = report.whatIfFolder
    func place(_ name: String) -> String { whatIf.map { files.path("recalc", p, $0, name) } ?? files.path("recalc", p, name) }
    if let whatIf { try files.makeDirectory("recalc", p, whatIf) } else { try files.makeDirectory("recalc", p) }
    var w = ByteWriter()
    w.append(RecalcDiffCSV.header)
    for r in rows { RecalcDiffCSV.append(r, to: &w) }
    report.diffPath = place("diff.csv")
    try OutputFiles.write(w.bytes, to: report.diffPath)
    report.htmlPath = place("summary.html")
    try OutputFiles.write(recalcHTML(report, rows: rows, options: options), to: report.htmlPath)
}

func recalcHTML(_ report: RecalcReport, rows: [DiffRow], options: RecalcOptions) -> String {
    let e = htmlEscape
    var byKind: [String: Kopecks] = [:]
    var totals: [DiffRow] = []
    for r in rows {
        let kind = String(r.line.prefix { $0 != ":" })
        byKind[kind, default: .zero] += r.delta
        if r.line == "total" { totals.append(r) }
    }
    totals.sort { $0.delta.value.magnitude != $1.delta.value.magnitude
        ? $0.delta.value.magnitude > $1.delta.value.magnitude : $0.accountId < $1.accountId }
    let kinds = ["energy", "recalculation", "benefit", "penalty", "charge", "payments", "total_due", "total"]
    var s = """
    <!DOCTYPE html>
    <html lang="ru"><head><meta charset="utf-8"><title>Перерасчёт \(e(report.period.description))</title>
    <style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 8px}td.n{text-align:right}</style>
    </head><body>
    <h1>What-if recalculation of \(e(report.period.description))</h1>
    <p>Regions: \(e(report.regions.joined(separator: ", ")))\(options.account.map { "; account " + e($0) } ?? "")\(options.tariffs.map { "; tariffs from " + e($0) } ?? "; stored tariffs").</p>
    <p>Accounts recomputed: \(report.recomputed); changed: \(report.changed).</p>

    """
    if options.post {
        s += "<p>Posted: \(report.posted) account(s), \(e(report.postedAmount.rublesString())); already posted: \(report.alreadyPosted); left to the meter readings: \(report.leftToReadings); ground: \(e(options.ground ?? "")).</p>\n"
    }
    s += "<h2>Sum of deltas by line kind</h2>\n<table><tr><th>line kind</th><th>delta</th></tr>\n"
    for k in kinds {
        guard let delta = byKind[k] else { continue }
        s += "<tr><td>\(e(k))</td><td class=\"n\">\(delta.rublesString())</td></tr>\n"
    }
    s += "</table>\n<h2>Largest changes (total = charge + recalculation + benefit + penalty)</h2>\n"
    s += "<table><tr><th>account</th><th>before</th><th>after</th><th>delta</th></tr>\n"
    for r in totals.prefix(20) {
        s += "<tr><td>\(e(r.accountId))</td><td class=\"n\">\(r.before.rublesString())</td><td class=\"n\">\(r.after.rublesString())</td><td class=\"n\">\(r.delta.rublesString())</td></tr>\n"
    }
    s += "</table>\n</body></html>\n"
    return s
}
