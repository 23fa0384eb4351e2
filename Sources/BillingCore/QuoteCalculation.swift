/// What a reading given on the phone would bill (RULES.md "Quote"): the reading checked
/// as the close checks it against the meter's state after the last closed period, the
/// п.61 recalculation it would trigger, the period's volume priced at its tariff, the
/// benefit, and the total with the balance. The same functions the close calls, so a
/// quote never promises what the close will not bill.
public struct QuoteFigures: Sendable, Hashable {
    /// The register deltas since the last actual reading.
    public var volumes: [Int64]
    /// The recalculation of the estimated periods and the volume left for this one.
    public var recalculationLines: [RecalcLine]
    public var currentVolumes: [Int64]
    public var priced: [PricedLine]
    public var charge = Kopecks.zero
    public var recalculation = Kopecks.zero
    public var benefit = Kopecks.zero
    public var balance = Kopecks.zero
    /// balance + charge + recalculation + benefit.
    public var total = Kopecks.zero
}

/// The quote of `registers` taken on `on` for `period`, or the reason the close would reject it.
public func quoteReading(account: Account, meter: Meter, state: MeterState, registers: [Int64], on: CivilDate,
                         period: Period, region: RegionRules, balance: Kopecks) -> Result<QuoteFigures, RejectedQuote> {
    let reading = Reading(id: 0, accountId: account.id, meterId: meter.id, takenOn: on, receivedAt: LocalTimestamp.endOf(on),
                          source: .lk, registers: Registers(registers))
    let selection = selectReading(meter: meter, account: account, period: period, candidates: [reading],
                                  previous: PreviousReading(registers: state.lastActual, period: state.lastActualPeriod),
                                  policy: region.estimation)
    guard selection.chosen != nil else {
        return .failure(RejectedQuote(reason: selection.rejected.first?.reason ?? "not usable"))
    }
    let days = activeDays(of: meter, account: account, in: period)
    let recalc = region.recalculate(category: account.category, zones: meter.zones, streak: state.streak,
                                    actualVolumes: selection.volumes, currentDays: days)
    let priced = region.price(category: account.category, period: period, zoneVolumes: recalc.current)
    var q = QuoteFigures(volumes: selection.volumes, recalculationLines: recalc.lines, currentVolumes: recalc.current,
                         priced: priced, balance: balance)
    for l in priced { q.charge += l.amount }
    for l in recalc.lines { q.recalculation += l.amount }
    q.benefit = benefitAmount(q.charge, percentCenti: region.categories[account.category]?.benefitPercentCenti ?? 0)
    q.total = q.balance + q.charge + q.recalculation + q.benefit
    return .success(q)
}

/// Why the close would not take the reading (the reason code of the rejects file).
public struct RejectedQuote: Error, Sendable, Hashable {
    public var reason: String
}
