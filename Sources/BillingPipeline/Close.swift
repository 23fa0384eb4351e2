import Dispatch
import BillingCore
import BillingStore

/// What `close` was asked to do.
public struct CloseOptions: Sendable {
    public var period: Period
    public var region: String?
    public var dryRun: Bool
    public var html: Bool
    public var json: Bool
    public var bundle: Int?
    /// `--documents-archive`: documents into OUT/<P>/documents-NNNN.zip instead of documents/.
    public var archive = false
    /// P is the region's first billed month on purpose (SPEC "Closes, outputs and history").
    public var goLive = false
    /// Close a period with no reading, payment or account change at all.
    public var allowEmpty = false
    /// `--documents …,eml` / `…,sms`: e-mails for delivery=email accounts, the SMS outbox.
    public var eml = false
    public var sms = false
    /// Set when this database is one shard of a close on several machines: the
    /// outputs then include OUT/<P>/shard.json for `merge`.
    public var shard: ShardIdentity?
    public init(period: Period, region: String? = nil, dryRun: Bool = false, html: Bool = true, json: Bool = true, bundle: Int? = nil) {
        self.period = period; self.region = region; self.dryRun = dryRun; self.html = html; self.json = json; self.bundle = bundle
    }
}

/// Per-region result of the computing part of a close.
struct CloseTally {
    var accounts = 0
    var byRegion: [String: Int] = [:]
    var byMethod: [String: Int] = [:]
    var rejected = 0
    /// The money by kind over the rows this close wrote (proven equal before commit).
    var totals = PeriodTotals()
    /// registry.csv of the rows this close wrote, when it was asked to build it (CloseWriter.registry).
    var registry: RegistryWriter.Builder?
}

/// What a close that stands for every region closed for its period hands its outputs:
/// the money by kind it proved over the rows it wrote (the close aborts otherwise) and
/// registry.csv of those rows, built as they were stored.
struct JustClosed {
    var totals: PeriodTotals
    var registry: RegistryWriter.Builder
}

/// The month close. Regions not yet closed for P are computed and stored in one
/// transaction; regions already closed are not touched. Outputs are then written
/// from what is stored, so closing a closed period again gives the same bytes.
public func runClose(_ ws: Workspace, _ options: CloseOptions) throws {
    try ws.lockForWriting("close")
    let db = ws.database
    let rules = try loadStoredRules(db)
    let period = options.period
    let regions = try regionsToClose(db, rules: rules, only: options.region)
    warnAboutSupplierRequisites(ws, rules: rules, regions: regions)
    var toCompute: [String] = []
    for code in regions {
        switch try closeState(db, region: code, period: period) {
        case .closed: continue
        case .open: toCompute.append(code)
        case .blocked(let why): throw BillingError(.badInput, why)
        }
    }
    var justClosed: JustClosed? = nil
    if toCompute.isEmpty {
        if options.dryRun {
            ws.console.out("период \(period) уже закрыт для \(regions.joined(separator: ", ")): считать нечего")
            return
        }
        ws.console.summary("период \(period) уже закрыт для \(regions.joined(separator: ", ")): выходные файлы записаны заново из сохранённого закрытия, ничего не начислено")
    } else {
        try checkReferenceCoverage(db, rules: rules, period: period, regions: toCompute)
        try checkGoLiveAndActivity(db, rules: rules, period: period, regions: toCompute,
                                   goLive: options.goLive, allowEmpty: options.allowEmpty)
        // The outputs cover every region closed for P so far (SPEC): the totals this run
        // proves, and the registry it builds as it stores, stand for them only when no
        // other region of P was closed before it; otherwise the outputs prove the whole set
        // again from the store (and nothing is built for them here).
        let alone = try db.closedRegionCount(period: period) == 0
        let tally = try computeClose(ws, rules: rules, period: period, regions: toCompute, dryRun: options.dryRun,
                                     buildsRegistry: alone && !options.dryRun)
        let what = options.dryRun ? "пробное закрытие" : "закрыт"
        let methods = tally.byMethod.sorted { $0.key < $1.key }.map { "\(methodWord($0.key)) \($0.value)" }.joined(separator: ", ")
        ws.console.summary("\(what) \(period) для \(toCompute.joined(separator: ", ")): "
                           + russianCount(Int64(tally.accounts), "лицевой счёт", "лицевых счёта", "лицевых счетов")
                           + (methods.isEmpty ? "" : " (\(methods))") + ", отклонено показаний: \(tally.rejected)")
        if options.dryRun {
            let path = try writeDryRunSummary(ws, period: period, regions: toCompute, tally: tally)
            ws.console.summary("пробное закрытие \(period): в базе ничего не сохранено, итог записан в \(path)")
            return
        }
        if let registry = tally.registry { justClosed = JustClosed(totals: tally.totals, registry: registry) }
    }
    let checkpoint = justClosed == nil ? nil : BackgroundCheckpoint(dbPath: ws.dbPath)
    let t = monotonicNanos()
    defer {
        if let failure = checkpoint?.wait() { ws.console.err("внимание: контрольная точка WAL после закрытия не завершилась (закрытие сохранено): \(failure)") }
    }
    do {
        try writeCloseOutputs(ws, rules: rules, options: options, justClosed: justClosed)
    } catch let e as OutputWriteError {
        throw BillingError(.failed, toCompute.isEmpty
            ? "выходные файлы \(period) не записаны: \(e); в базе ничего не изменилось"
            : "закрытие \(period) сохранено в базе, но выходные файлы не записаны: \(e). Освободите место или дайте права на папку "
              + "и повторите 'energobill close --period \(period)': файлы будут записаны из сохранённого закрытия, повторно ничего не начислится")
    }
    if ws.tuning.timings { ws.console.err("timing outputs: \(millis(monotonicNanos() - t)) ms") }
}

enum CloseState { case open, closed, blocked(String) }

/// Periods close in order per region: P needs P−1 closed unless the region has
/// never been closed (P is then its first period); P before the last closed is refused.
func closeState(_ db: Database, region: String, period: Period) throws -> CloseState {
    if try db.isClosed(region: region, period: period) { return .closed }
    guard let last = try db.lastClosedPeriod(region: region) else {
        return .open
    }
    if last > period {
        return .blocked("нельзя закрыть \(period) для \(region): регион уже закрыт по \(last), закрытый период заблокирован; исправления идут в следующий период (см. 'energobill recalc --post')")
    }
    if last != period.previous {
        return .blocked("нельзя закрыть \(period) для \(region): сначала закройте \(last.next) (периоды закрываются по порядку; последний закрытый — \(last))")
    }
    return .open
}

func regionsToClose(_ db: Database, rules: StoredRules, only: String?) throws -> [String] {
    if let only {
        guard rules.regions[only] != nil else {
            let known = rules.regions.keys.sorted().joined(separator: ", ")
            throw BillingError(.badInput, "неизвестный регион \(only) (загружены: \(known.isEmpty ? "ни одного — выполните 'energobill import tariffs tariffs/'" : known))")
        }
        return [only]
    }
    let out = try db.accountRegions()
    if out.isEmpty { throw BillingError(.badInput, "закрывать нечего: лицевых счетов нет; сначала загрузите их (energobill import accounts …)") }
    return out
}

/// The volume methods as the close's summary line names them.
func methodWord(_ code: String) -> String {
    switch code {
    case "actual": "по показаниям"
    case "control": "по контрольным"
    case "average": "по среднему"
    case "norm": "по нормативу"
    default: code
    }
}
