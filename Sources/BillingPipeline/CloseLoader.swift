import BillingCore
import BillingStore

/// Streams everything the close of period P needs, one account at a time, by
/// merge-joining a few sorted scans (accounts, meters, candidate readings, meter
/// states after P−1, earlier periods, payments, posted recalculations).
final class CloseLoader {
    let period: Period
    private let accounts: Statement
    private let meters: GroupedCursor<Meter>
    private let readings: GroupedCursor<Reading>
    private let states: GroupedCursor<(String, String)>
    private let history: PeriodMergeCursor<(PastPeriod, Kopecks, Kopecks)>
    private let payments: GroupedCursor<(Payment, Int64)>
    private let recalcs: GroupedCursor<PostedRecalc>

    /// Per region: payments with rowid ≤ this were seen by the close of P−1 (see closes.payments_watermark).
    private let watermarks: [String: Int64]

    /// `postedBookedIn`: nil (the close) loads the posted recalculations not yet
    /// booked; a period (recalc of a closed P) loads those that P's close booked.
    init(database db: Database, period: Period, receivedAfter: LocalTimestamp, receivedBy: LocalTimestamp,
         postedBookedIn: Period? = nil) throws {
        self.period = period
        var w: [String: Int64] = [:]
        let wm = try db.prepareUncached("SELECT region, payments_watermark FROM closes WHERE period = ?")
        try wm.bind([.text(period.previous.description)])
        while try wm.step() { w[wm.text(0)] = wm.int(1) }
        watermarks = w
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
                         installedOn: s.date(5)!, nextVerificationOn: s.date(6), initial: Registers(initial),
                         removedOn: s.date(10))
        }
        let r = try db.prepareUncached("""
            SELECT account_id, id, meter_id, taken_on, received_at, source, t1, t2, t3, correction
            FROM readings WHERE received_at > ? AND received_at <= ? ORDER BY account_id, id
            """)
        try r.bind([.text(receivedAfter.description), .text(receivedBy.description)])
        readings = try GroupedCursor(r) { s in
            var regs = [s.int(6)]
            if !s.isNull(7) { regs.append(s.int(7)) }
            if !s.isNull(8) { regs.append(s.int(8)) }
            return Reading(id: s.int(1), accountId: s.text(0), meterId: s.text(2), takenOn: s.date(3)!,
                           receivedAt: s.timestamp(4)!, source: ReadingSource(rawValue: s.text(5)) ?? .lk,
                           registers: Registers(regs), isCorrection: s.int(9) != 0)
        }
        let st = try db.prepareUncached("SELECT account_id, meter_id, state FROM meter_periods WHERE period = ? ORDER BY account_id, meter_id")
        try st.bind([.text(period.previous.description)])
        states = try GroupedCursor(st) { s in (s.text(1), s.text(2)) }
        history = try PeriodMergeCursor(db, periods: try closedPeriods(db, before: period), sql: """
            SELECT account_id, period, charge + recalculation + benefit, due_date, penalty, total_due, penalty_total
            FROM account_periods WHERE period = ?1 ORDER BY account_id
            """) { s in
            (PastPeriod(period: s.period(1)!, amount: Kopecks(s.int(2)), dueDate: s.date(3)!, penalty: Kopecks(s.int(4))),
             Kopecks(s.int(5)), Kopecks(s.int(6)))
        }
        let p = try db.prepareUncached("""
            SELECT account_id, payment_id, paid_on, amount, '', period, rowid
            FROM payments WHERE paid_on <= ? ORDER BY account_id, paid_on, payment_id
            """)
        try p.bind([.text(period.lastDay.iso)])
        // Booked = booked by a close before P (the watermark of P−1's close, below).
        // At a close of P that is "booked at all"; a recalc of a closed P sees the
        // payments P's own close booked (and later ones) as P's new payments again.
        payments = try GroupedCursor(p) { s in
            (Payment(id: s.text(1), accountId: s.text(0), paidOn: s.date(2)!, amount: Kopecks(s.int(3)),
                     period: s.period(5)), s.int(6))
        }
        let pr = try db.prepareUncached("""
            SELECT account_id, ref_period, amount, ground FROM posted_recalcs
            WHERE \(postedBookedIn == nil ? "booked_period IS NULL" : "booked_period = ?1") ORDER BY account_id, id
            """)
        if let b = postedBookedIn { try pr.bind([.text(b.description)]) }
        recalcs = try GroupedCursor(pr) { s in
            PostedRecalc(refPeriod: Period(s.text(1))!, amount: Kopecks(s.int(2)), ground: s.text(3))
        }
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
                throw CommandError(.failure, "stored meter state of \(meterId) for \(period.previous) cannot be read: \(text)")
            }
            stateMap[meterId] = st
        }
        let past = try history.rows(for: id)
        let previous = past.last.map { PreviousClose(totalDue: $0.1, penaltyTotal: $0.2, isFirstPeriod: false) } ?? .first
        let pays = try payments.rows(for: id)
        let watermark = watermarks[account.region] ?? 0
        let lastBookedDay = period.previous.lastDay
        return AccountCloseInput(account: account, meters: ms, candidates: candidates, states: stateMap,
                                 previous: previous, history: past.map(\.0), payments: pays.map(\.0),
                                 bookedPaymentIds: Set(pays.filter { $0.1 <= watermark && $0.0.paidOn <= lastBookedDay }.map(\.0.id)),
                                 penaltyBooked: previous.penaltyTotal, postedRecalcs: try recalcs.rows(for: id))
    }
}
