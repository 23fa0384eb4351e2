import BillingCore
import BillingStore

/// Streams everything the close of period P needs, one account at a time, by
/// merge-joining a few sorted scans (accounts, meters, candidate readings, meter
/// states and rows of P−1, payments since P−1's close, posted recalculations).
/// Readings and payments are read through covering indexes bounded by the month
/// (schema v8), so a continuing close reads its month, not the years stored. An account continues
/// from the settlement its P−1 row carries; only an account without one (first
/// period, a gap, a row from before schema v2) or with a payment dated inside a
/// closed period that no close has booked yet is replayed from its whole history,
/// read by a few point queries.
final class CloseLoader {
    let period: Period
    private let accounts: RowCursor<Account>
    private let meters: GroupedCursor<Meter>
    /// Internal, not private: a test compares them with the one scan each replaces.
    let readings: GroupedCursor<Reading>
    private let previousRows: GroupedCursor<CarriedAccountPeriod>
    let payments: SplitScanCursor<(Payment, Int64)>
    private let recalcs: GroupedCursor<PostedRecalc>
    private let history: AccountHistoryReader
    /// Accounts replayed from their history by this loader (for the timings line).
    private(set) var replayed = 0

    /// Per region: payments with rowid ≤ this were seen by the close of P−1 (see closes.payments_watermark).
    private let watermarks: [String: Int64]
    /// The lowest of them over the regions closed now; 0 (a region's first close)
    /// means the payments scan already holds every payment up to P's end.
    private let lowestWatermark: Int64
    /// Per region: the first day of its first billed period (its go-live). Payments
    /// dated before it are part of the opening balance, never booked.
    private let goLiveDay: [String: CivilDate]
    /// Regions whose go-live is P: their meters start from the last reading received
    /// before P's window, when there is one (see `startingStates`).
    private var earlierReadings: [String: Bool] = [:]
    /// The readings received up to the latest window's end, by account then as taken:
    /// opened at the first account that needs them, read along in account order (one
    /// sorted scan, not a query per account over a table with no account index).
    private var earlier: GroupedCursor<EarlierReading>?
    private let earlierBound: LocalTimestamp
    private let db: Database

    /// `postedBookedIn`: nil (the close) loads the posted recalculations not yet
    /// booked; a period (recalc of a closed P) loads those that P's close booked.
    init(database db: Database, period: Period, regions: [String], receivedAfter: LocalTimestamp,
         receivedBy: LocalTimestamp, postedBookedIn: Period? = nil) throws {
        self.period = period
        self.db = db
        let w = try db.paymentWatermarks(period: period.previous)
        watermarks = w
        var live = try goLiveDays(db)
        for code in regions where (live[code] ?? period.firstDay) >= period.firstDay { live[code] = period.firstDay }
        goLiveDay = live
        earlierBound = receivedBy
        accounts = try db.closeAccounts()
        meters = try db.closeMeters()
        readings = try db.closeReadings(receivedAfter: receivedAfter, by: receivedBy)
        previousRows = try db.closeCarriedRows(period: period.previous)
        // Payments P's close may book: paid in P, or imported after P−1's close of
        // some region (a payment dated in a closed period: its account is replayed).
        lowestWatermark = regions.map { w[$0] ?? 0 }.min() ?? 0
        payments = try db.closePayments(period: period, watermark: lowestWatermark)
        history = try db.closeHistoryReader(closed: try closedPeriods(db, before: period), paidBy: period.lastDay)
        recalcs = try db.closePostedRecalcs(bookedIn: postedBookedIn)
    }

    /// At a region's go-live, earlier readings only set where each meter starts: its
    /// last reading received before P's window (latest taken, then latest received),
    /// with the register count of the meter and taken on or after its installation.
    private func startingStates(account: Account, meters ms: [Meter], windowStart: LocalTimestamp) throws -> [String: MeterState] {
        let region = account.region
        if earlierReadings[region] == nil {
            earlierReadings[region] = try db.hasReadings(region: region, receivedBy: windowStart)
        }
        guard earlierReadings[region] == true, !ms.isEmpty else { return [:] }
        let cursor: GroupedCursor<EarlierReading>
        if let earlier { cursor = earlier } else {
            cursor = try db.closeEarlierReadings(receivedBy: earlierBound)
            earlier = cursor
        }
        let before = windowStart.description
        var out: [String: MeterState] = [:]
        for r in try cursor.rows(for: account.id) where r.receivedAt <= before {
            guard let meter = ms.first(where: { $0.id == r.meterId }), let takenOn = r.takenOn,
                  takenOn >= meter.installedOn, r.registers.count == meter.zones else { continue }
            out[meter.id] = MeterState(lastActualPeriod: min(takenOn.period, period.previous), lastActualTakenOn: takenOn,
                                       lastActual: Registers(r.registers))
        }
        return out
    }

    /// The next account row (any region); nil at the end.
    func nextAccount() throws -> Account? {
        try accounts.next()
    }

    /// The full input of `account`; consumes its rows from every cursor.
    /// `takenBy` (recalc): also require taken_on ≤ that date.
    func input(for account: Account, window: (after: LocalTimestamp, by: LocalTimestamp),
               takenBy: CivilDate? = nil) throws -> AccountCloseInput {
        let id = account.id
        let ms = try meters.rows(for: id)
        var candidates = try readings.rows(for: id).filter { $0.receivedAt > window.after && $0.receivedAt <= window.by }
        if let takenBy { candidates.removeAll { $0.takenOn > takenBy } }
        let prev = try previousRows.rows(for: id).first
        var stateMap: [String: MeterState] = [:]
        for m in prev?.meters ?? [] {
            guard let st = m.state else {
                throw BillingError(.failed, "сохранённое состояние счётчика \(m.meterId) за \(period.previous) не читается: \(m.unreadable ?? ""); проверьте базу командой 'energobill check'")
            }
            stateMap[m.meterId] = st
        }
        if let bad = prev?.invalid {
            throw BillingError(.failed, "сохранённые расчёты л/с \(id) за \(period.previous) не читаются: \(bad); проверьте базу командой 'energobill check'")
        }
        let goLive = goLiveDay[account.region] ?? period.firstDay
        var recent = try payments.rows(for: id)
        recent.removeAll { $0.0.paidOn < goLive }
        if prev == nil && stateMap.isEmpty && goLive == period.firstDay {
            stateMap = try startingStates(account: account, meters: ms, windowStart: window.after)
        }
        let recalcsOfAccount = try recalcs.rows(for: id)
        let watermark = watermarks[account.region] ?? 0
        let boundary = period.previous.lastDay
        var pastPrevious: (totalDue: Kopecks, penaltyTotal: Kopecks)?
        let basis = try PaymentBasis.choose(period: period, settlement: prev?.settlement, recent: recent, payment: \.0,
                                            isBooked: { recent[$0].1 <= watermark }) {
            replayed += 1
            let past: [PastPeriod]
            (past, pastPrevious) = try history.periods(of: id)
            let every = lowestWatermark > 0 ? try history.payments(of: id) : recent
            var all: [Payment] = [], booked: Set<String> = []
            for (payment, rowid) in every where payment.paidOn >= goLive {
                // Booked = by a close before P (P−1's watermark). A recalc of a closed P thus
                // sees the payments P's own close booked (and later ones) as P's new ones again.
                if rowid <= watermark && payment.paidOn <= boundary { booked.insert(payment.id) }
                all.append(payment)
            }
            return .replay(history: past, payments: all, booked: booked)
        }
        // Carried, P−1 is its stored row; replayed, as the history's last period left it.
        let last = basis.isCarried ? prev.map { ($0.totalDue, $0.penaltyTotal) } : pastPrevious
        let start = last.map { PreviousClose(totalDue: $0.0, penaltyTotal: $0.1, isFirstPeriod: false) } ?? .first
        return AccountCloseInput(account: account, meters: ms, candidates: candidates, states: stateMap,
                                 previous: start, basis: basis, penaltyBooked: start.penaltyTotal,
                                 postedRecalcs: recalcsOfAccount)
    }
}
