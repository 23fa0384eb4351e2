import BillingCore
import BillingStore

/// The account's row of the previous period as the next close continues from it.
struct PreviousRow {
    var totalDue: Kopecks
    var penaltyTotal: Kopecks
    /// nil: a row closed before schema v2, or text that does not decode (then `invalid`).
    var settlement: Settlement?
    var invalid: String?
}

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
    private let accounts: Statement
    private let meters: GroupedCursor<Meter>
    /// Internal, not private: a test compares them with the one scan each replaces.
    let readings: GroupedCursor<Reading>
    private let states: GroupedCursor<(String, String)>
    private let previousRows: GroupedCursor<PreviousRow>
    let payments: SplitScanCursor<(Payment, Int64)>
    private let recalcs: GroupedCursor<PostedRecalc>
    private let historyOf: Statement?
    private let paymentsOf: Statement
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
    private let earlierBound: String
    private struct EarlierReading {
        var meterId: String
        var takenOn: CivilDate?
        var receivedAt: String
        var registers: [Int64]
    }
    private let db: Database

    /// `postedBookedIn`: nil (the close) loads the posted recalculations not yet
    /// booked; a period (recalc of a closed P) loads those that P's close booked.
    init(database db: Database, period: Period, regions: [String], receivedAfter: LocalTimestamp,
         receivedBy: LocalTimestamp, postedBookedIn: Period? = nil) throws {
        self.period = period
        self.db = db
        var w: [String: Int64] = [:]
        let wm = try db.prepareUncached("SELECT region, payments_watermark FROM closes WHERE period = ?")
        try wm.bind([.text(period.previous.description)])
        while try wm.step() { w[wm.text(0)] = wm.int(1) }
        watermarks = w
        var live = try goLiveDays(db)
        for code in regions where (live[code] ?? period.firstDay) >= period.firstDay { live[code] = period.firstDay }
        goLiveDay = live
        earlierBound = receivedBy.description
        accounts = try db.prepareUncached("""
            SELECT account_id, region, category, kind, residents, rooms, opened_on, closed_on, opening_balance
            FROM accounts ORDER BY account_id
            """)
        let m = try db.prepareUncached("""
            SELECT account_id, meter_id, zones, digits, ratio, installed_on, next_verification_on,
                   initial_t1, initial_t2, initial_t3, removed_on
            FROM meters ORDER BY account_id, installed_on, meter_id
            """)
        meters = try GroupedCursor(m) { s in
            let zones = Int(s.int(2))
            var initial = [s.int(7)]
            if zones >= 2 { initial.append(s.int(8)) }
            if zones >= 3 { initial.append(s.int(9)) }
            return Meter(id: s.text(1), accountId: s.text(0), zones: zones, digits: Int(s.int(3)), ratio: s.int(4),
                         installedOn: try s.storedDate(5, "meters", "счётчик \(s.text(1))"), nextVerificationOn: s.date(6), initial: Registers(initial),
                         removedOn: s.date(10))
        }
        // The window's readings from the covering readings_received: a range of the index,
        // sorted by account (no table lookups, so the month's rows cost the month).
        let r = try db.prepareUncached("""
            SELECT account_id, id, meter_id, taken_on, received_at, source, t1, t2, t3, correction
            FROM readings WHERE received_at > ? AND received_at <= ? ORDER BY account_id, id
            """)
        try r.bind([.text(receivedAfter.description), .text(receivedBy.description)])
        readings = try GroupedCursor(r) { s in
            var regs = [s.int(6)]
            if !s.isNull(7) { regs.append(s.int(7)) }
            if !s.isNull(8) { regs.append(s.int(8)) }
            return Reading(id: s.int(1), accountId: s.text(0), meterId: s.text(2), takenOn: try s.storedDate(3, "readings", "показание \(s.int(1))"),
                           receivedAt: try s.storedTimestamp(4, "readings", "показание \(s.int(1))"), source: ReadingSource(rawValue: s.text(5)) ?? .lk,
                           registers: Registers(regs), isCorrection: s.int(9) != 0)
        }
        let st = try db.prepareUncached("SELECT account_id, meter_id, state FROM meter_periods WHERE period = ? ORDER BY account_id, meter_id")
        try st.bind([.text(period.previous.description)])
        states = try GroupedCursor(st) { s in (s.text(1), s.text(2)) }
        let prev = try db.prepareUncached("""
            SELECT account_id, total_due, penalty_total, settlement FROM account_periods WHERE period = ?1 ORDER BY account_id
            """)
        try prev.bind([.text(period.previous.description)])
        previousRows = try GroupedCursor(prev) { s in
            var row = PreviousRow(totalDue: Kopecks(s.int(1)), penaltyTotal: Kopecks(s.int(2)))
            if !s.isNull(3) && !Settlement.isSuperseded(s.textBytes(3)) {
                row.settlement = Settlement(encoded: s.textBytes(3))
                if row.settlement == nil { row.invalid = s.text(3) }
            }
            return row
        }
        // Payments P's close may book: paid in P, or imported after P−1's close of
        // some region (a payment dated in a closed period: its account is replayed).
        lowestWatermark = regions.map { w[$0] ?? 0 }.min() ?? 0
        // After a close of every region (watermark > 0) that is two bounded scans, not one of
        // the whole history: those dated before P but imported since (a rowid range, sorted),
        // and those dated in P (payments_month: by account without a sort). They are disjoint
        // and, within an account, all of the first precede the second by paid_on.
        let columns = "SELECT account_id, payment_id, paid_on, amount, '', period, rowid FROM payments"
        let order = "ORDER BY account_id, paid_on, payment_id"
        let end = SQLValue.text(period.lastDay.iso), boundary = SQLValue.text(period.previous.lastDay.iso)
        let scans: [(String, [SQLValue])] = lowestWatermark == 0
            ? [("\(columns) WHERE paid_on <= ?1 AND (paid_on > ?2 OR rowid > ?3) \(order)", [end, boundary, .int(0)])]
            : [("\(columns) NOT INDEXED WHERE rowid > ?1 AND paid_on <= ?2 \(order)", [.int(lowestWatermark), boundary]),
               ("\(columns) INDEXED BY payments_month WHERE substr(paid_on, 1, 7) = ?1 AND paid_on > ?2 AND paid_on <= ?3 \(order)",
                [.text(period.description), boundary, end])]
        payments = SplitScanCursor(try scans.map { sql, values in
            let p = try db.prepareUncached(sql)
            try p.bind(values)
            return try GroupedCursor(p) { s in
                (Payment(id: s.text(1), accountId: s.text(0), paidOn: try s.storedDate(2, "payments", "платёж \(s.text(1))"), amount: Kopecks(s.int(3)),
                         period: s.period(5)), s.int(6))
            }
        })
        // Period values come from `closes` through Period's own YYYY-MM form, so the list is safe to inline.
        let closed = try closedPeriods(db, before: period)
        historyOf = closed.isEmpty ? nil : try db.prepareUncached("""
            SELECT period, charge + recalculation + benefit, due_date, penalty, total_due, penalty_total
            FROM account_periods WHERE period IN (\(closed.map { "'\($0)'" }.joined(separator: ","))) AND account_id = ?1
            ORDER BY period
            """)
        paymentsOf = try db.prepareUncached("""
            SELECT payment_id, paid_on, amount, period, rowid FROM payments
            WHERE account_id = ?1 AND paid_on <= ?2 ORDER BY paid_on, payment_id
            """)
        let pr = try db.prepareUncached("""
            SELECT account_id, ref_period, amount, ground FROM posted_recalcs
            WHERE \(postedBookedIn == nil ? "booked_period IS NULL" : "booked_period = ?1") ORDER BY account_id, id
            """)
        if let b = postedBookedIn { try pr.bind([.text(b.description)]) }
        recalcs = try GroupedCursor(pr) { s in
            PostedRecalc(refPeriod: try s.storedPeriod(1, "posted_recalcs", "л/с \(s.text(0))"), amount: Kopecks(s.int(2)), ground: s.text(3))
        }
    }

    /// At a region's go-live, earlier readings only set where each meter starts: its
    /// last reading received before P's window (latest taken, then latest received),
    /// with the register count of the meter and taken on or after its installation.
    private func startingStates(account: Account, meters ms: [Meter], windowStart: LocalTimestamp) throws -> [String: MeterState] {
        let region = account.region
        if earlierReadings[region] == nil {
            earlierReadings[region] = try db.scalarInt("""
                SELECT 1 FROM readings r JOIN accounts a ON a.account_id = r.account_id
                WHERE a.region = ?1 AND r.received_at <= ?2 LIMIT 1
                """, [.text(region), .text(windowStart.description)]) != nil
        }
        guard earlierReadings[region] == true, !ms.isEmpty else { return [:] }
        let cursor: GroupedCursor<EarlierReading>
        if let earlier { cursor = earlier } else {
            let s = try db.prepareUncached("""
                SELECT account_id, meter_id, taken_on, t1, t2, t3, received_at FROM readings
                WHERE received_at <= ?1 ORDER BY account_id, taken_on, received_at, id
                """)
            try s.bind([.text(earlierBound)])
            cursor = try GroupedCursor(s) { s in
                var regs = [s.int(3)]
                if !s.isNull(4) { regs.append(s.int(4)) }
                if !s.isNull(5) { regs.append(s.int(5)) }
                return EarlierReading(meterId: s.text(1), takenOn: s.date(2), receivedAt: s.text(6), registers: regs)
            }
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
        guard try accounts.step() else { return nil }
        let s = accounts
        return Account(id: s.text(0), holder: "", address: "", region: s.text(1), category: s.text(2),
                       kind: AccountKind(rawValue: s.text(3)) ?? .person, residents: Int(s.int(4)), rooms: Int(s.int(5)),
                       openedOn: s.date(6), closedOn: s.date(7), openingBalance: Kopecks(s.int(8)))
    }

    /// The full input of `account`; consumes its rows from every cursor.
    /// `takenBy` (recalc): also require taken_on ≤ that date.
    func input(for account: Account, window: (after: LocalTimestamp, by: LocalTimestamp),
               takenBy: CivilDate? = nil) throws -> AccountCloseInput {
        let id = account.id
        let ms = try meters.rows(for: id)
        var candidates = try readings.rows(for: id).filter { $0.receivedAt > window.after && $0.receivedAt <= window.by }
        if let takenBy { candidates.removeAll { $0.takenOn > takenBy } }
        var stateMap: [String: MeterState] = [:]
        for (meterId, text) in try states.rows(for: id) {
            guard let st = MeterState(encoded: text) else {
                throw BillingError(.failed, "сохранённое состояние счётчика \(meterId) за \(period.previous) не читается: \(text); проверьте базу командой 'energobill check'")
            }
            stateMap[meterId] = st
        }
        let prev = try previousRows.rows(for: id).first
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
        let previous = prev.map { PreviousClose(totalDue: $0.totalDue, penaltyTotal: $0.penaltyTotal, isFirstPeriod: false) }
        var past: [PastPeriod] = []
        var pastPrevious: (Kopecks, Kopecks)?
        let basis = try PaymentBasis.choose(period: period, settlement: prev?.settlement, recent: recent.map(\.0),
                                            isBooked: { recent[$0].1 <= watermark }) {
            replayed += 1
            if let h = historyOf {
                h.reset()
                h.bindText(id, at: 1)
                while try h.step() {
                    past.append(PastPeriod(period: try h.storedPeriod(0, "account_periods", "л/с \(id)"), amount: Kopecks(h.int(1)),
                                           dueDate: try h.storedDate(2, "account_periods", "л/с \(id), период \(h.text(0))"),
                                           penalty: Kopecks(h.int(3))))
                    pastPrevious = (Kopecks(h.int(4)), Kopecks(h.int(5)))
                }
            }
            var every = recent
            if lowestWatermark > 0 {
                every = []
                paymentsOf.reset()
                paymentsOf.bindText(id, at: 1); paymentsOf.bindText(period.lastDay.iso, at: 2)
                while try paymentsOf.step() {
                    every.append((Payment(id: paymentsOf.text(0), accountId: id, paidOn: try paymentsOf.storedDate(1, "payments", "платёж \(paymentsOf.text(0))"),
                                          amount: Kopecks(paymentsOf.int(2)), period: paymentsOf.period(3)), paymentsOf.int(4)))
                }
            }
            var all: [Payment] = [], booked: Set<String> = []
            for (payment, rowid) in every where payment.paidOn >= goLive {
                // Booked = by a close before P (P−1's watermark). A recalc of a closed P thus
                // sees the payments P's own close booked (and later ones) as P's new ones again.
                if rowid <= watermark && payment.paidOn <= boundary { booked.insert(payment.id) }
                all.append(payment)
            }
            return .replay(history: past, payments: all, booked: booked)
        }
        // Replayed, P−1 stands as the history's last period left it (the sums of its rows).
        let start = basis.isCarried ? previous : pastPrevious.map { PreviousClose(totalDue: $0.0, penaltyTotal: $0.1, isFirstPeriod: false) }
        return AccountCloseInput(account: account, meters: ms, candidates: candidates, states: stateMap,
                                 previous: start ?? .first, basis: basis, penaltyBooked: (start ?? .first).penaltyTotal,
                                 postedRecalcs: recalcsOfAccount)
    }
}

/// One scan sorted by account, run as a few scans that each hold a disjoint part of
/// its rows (a rowid range, a month): an account's rows are the parts' rows in the
/// order of `parts`, which must be the one scan's order within an account.
final class SplitScanCursor<Row> {
    private let parts: [GroupedCursor<Row>]

    init(_ parts: [GroupedCursor<Row>]) { self.parts = parts }

    func rows(for account: String) throws -> [Row] {
        var out: [Row] = []
        for part in parts { try part.appendRows(for: account, to: &out) }
        return out
    }
}
