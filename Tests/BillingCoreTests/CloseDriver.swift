import BillingCore

/// Chains closes of one account the way the pipeline does: carries meter states,
/// the previous row, the history of periods, booked payments and booked penalty.
struct CloseDriver {
    let region: RegionRules
    var account: Account
    var meters: [Meter]
    var states: [String: MeterState] = [:]
    var previous = PreviousClose.first
    var history: [PastPeriod] = []
    var booked: Set<String> = []
    var penaltyBooked = Kopecks.zero
    var results: [AccountCloseResult] = []
    /// Like the pipeline: continue from the settlement the last close left (through
    /// its text form), replaying the history only when a payment not yet booked is
    /// dated inside an already closed period.
    var carry = false
    var settlement: Settlement?
    private(set) var replays = 0

    init(region: RegionRules, account: Account, meters: [Meter]) {
        self.region = region; self.account = account; self.meters = meters
    }

    /// Closes P with the readings that count for it (by the deadline rule) and the payments known now.
    /// Carrying, the choice between the settlement and a replay is `PaymentBasis.choose`, the close's own.
    @discardableResult
    mutating func close(_ period: Period, readings: [Reading], payments: [Payment],
                        posted: [PostedRecalc] = []) -> AccountCloseResult {
        let candidates = readings.filter { region.billingPeriod(receivedAt: $0.receivedAt) == period }
        let known = payments.filter { $0.paidOn <= period.lastDay }
        let replay = PaymentBasis.replay(history: history, payments: known, booked: booked)
        var basis = replay
        if carry {
            // Through the text form, as the store keeps it.
            let stored = settlement.flatMap { Settlement(encoded: $0.encoded) }
            basis = PaymentBasis.choose(period: period, settlement: stored, recent: known,
                                        isBooked: { booked.contains(known[$0].id) }) { replay }
            if !basis.isCarried { replays += 1 }
        }
        let input = AccountCloseInput(account: account, meters: meters, candidates: candidates, states: states,
                                      previous: previous, basis: basis, penaltyBooked: penaltyBooked, postedRecalcs: posted)
        let r = closeAccount(input, period: period, region: region, keyRates: keyRates, penalty: penaltyPolicy)
        settlement = r.settlement
        for m in r.meterPeriods { states[m.meterId] = m.state }
        previous = PreviousClose(totalDue: r.row.totalDue, penaltyTotal: r.row.penaltyTotal, isFirstPeriod: false)
        history.append(PastPeriod(period: period, amount: r.row.charge + r.row.recalculation + r.row.benefit,
                                  dueDate: r.row.dueDate, penalty: r.row.penalty))
        booked.formUnion(r.bookedPaymentIds)
        penaltyBooked += r.row.penalty
        results.append(r)
        return r
    }
}
