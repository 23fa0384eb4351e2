/// How one meter is billed in P, before pricing: the selection outcome, the
/// method, its own per-zone volume of P, its active days and the п.61 lines.
struct MeterPlan {
    var meter: Meter
    var state: MeterState
    var chosen: Reading?
    var method: VolumeMethod
    var volumes: [Int64]
    var isNorm: Bool
    var failed: Bool
    var days: Int
    var recalcs: [RecalcLine]
}

/// The month close of one account (RULES.md end to end): reading selection,
/// estimation, п.61 recalculation, pricing, benefit, payments, cumulative penalty,
/// registry row and ledger. Pure; checks its own money identities.
public func closeAccount(_ input: AccountCloseInput, period: Period, region: RegionRules,
                         keyRates: KeyRates, penalty: PenaltyPolicy) -> AccountCloseResult {
    closeAccount(input, period: period, region: region, keyRates: keyRates,
                 penaltyScale: PenaltyScale(kind: input.account.kind, policy: penalty))
}

/// The same, with the penalty scale of the account's kind built once by the caller.
public func closeAccount(_ input: AccountCloseInput, period: Period, region: RegionRules,
                         keyRates: KeyRates, penaltyScale: PenaltyScale) -> AccountCloseResult {
    let account = input.account
    var rejected: [RejectedReading] = [], superseded: [Int64] = [], duplicates: [Int64] = []
    var plans = planMeters(input, period: period, region: region,
                           rejected: &rejected, superseded: &superseded, duplicates: &duplicates)
    let accountNorm = consolidateNorm(&plans, account: account, period: period, region: region)
    let percent = region.categories[account.category]?.benefitPercentCenti ?? 0
    var lines: [ChargeLine] = []
    var meterPeriods: [MeterPeriodResult] = []
    var offset: Int64 = 0
    for plan in plans {
        var billed = Kopecks.zero
        for l in region.price(category: account.category, period: period, zoneVolumes: plan.volumes,
                              precedingVolume: offset, norm: plan.isNorm) {
            lines.append(ChargeLine(kind: .energy, meterId: plan.meter.id, zone: l.zone, tier: l.tier,
                                    method: plan.method, volumeKwh: l.volume, price: l.price, amount: l.amount))
            billed += l.amount
        }
        offset += plan.volumes.reduce(0, +)
        meterPeriods.append(MeterPeriodResult(
            meterId: plan.meter.id, method: plan.method, previous: plan.state.lastActual,
            current: plan.chosen?.registers, readingId: plan.chosen?.id, source: plan.chosen?.source,
            volumes: plan.volumes, billed: billed,
            state: nextState(plan, period: period, billed: billed, percent: percent, region: region)))
    }
    if accountNorm > 0 {
        for l in region.price(category: account.category, period: period, zoneVolumes: [accountNorm], norm: true) {
            lines.append(ChargeLine(kind: .energy, zone: l.zone, tier: l.tier, method: .norm,
                                    volumeKwh: l.volume, price: l.price, amount: l.amount))
        }
    }
    for plan in plans {
        for r in plan.recalcs {
            lines.append(ChargeLine(kind: .recalculation, meterId: plan.meter.id, method: plan.method,
                                    volumeKwh: KilowattHours(r.volumeDelta), price: r.price, amount: r.amount,
                                    ground: r.ground, refPeriod: r.period))
        }
    }
    let vatExcluded = region.categories[account.category]?.vatExcluded ?? false
    if vatExcluded { lines = lines.map { $0.addingVAT(rates: region.vatRates, period: period) } }
    for p in input.postedRecalcs {
        let line = ChargeLine(kind: .recalculation, amount: p.amount, ground: p.ground, refPeriod: p.refPeriod)
        lines.append(vatExcluded ? line.addingVAT(rates: region.vatRates, period: period, holdsVAT: true) : line)
    }
    var charge = Kopecks.zero, recalculation = Kopecks.zero, volume = KilowattHours.zero
    for l in lines {
        if l.kind == .energy { charge += l.amount; volume += l.volumeKwh } else { recalculation += l.amount }
    }
    let benefit = benefitAmount(charge, percentCenti: percent)
    if benefit.value != 0 {
        let ground = region.categories[account.category]?.benefitGround ?? ""
        lines.append(ChargeLine(kind: .benefit, amount: benefit, ground: ground.isEmpty ? "Льгота" : ground))
    }
    let method = plans.isEmpty ? "norm" : plans.map { $0.method.rawValue }.joined(separator: "+")
    return finishClose(input, period: period, region: region, keyRates: keyRates, penaltyScale: penaltyScale,
                       lines: lines, meterPeriods: meterPeriods, method: method, volume: volume,
                       charge: charge, recalculation: recalculation, benefit: benefit,
                       rejected: rejected, superseded: superseded, duplicates: duplicates)
}

/// Selection and estimation per meter, in (installed_on, meter_id) order.
func planMeters(_ input: AccountCloseInput, period: Period, region: RegionRules, rejected: inout [RejectedReading],
                superseded: inout [Int64], duplicates: inout [Int64]) -> [MeterPlan] {
    let account = input.account
    let meters = input.meters.sorted { ($0.installedOn, $0.id) < ($1.installedOn, $1.id) }
    var byMeter: [String: [Reading]] = [:]
    for r in input.candidates {
        if meters.contains(where: { $0.id == r.meterId }) { byMeter[r.meterId, default: []].append(r) }
        else { rejected.append(RejectedReading(readingId: r.id, reason: RejectionReason.unknownMeter)) }
    }
    var plans: [MeterPlan] = []
    for meter in meters {
        let state = input.states[meter.id] ?? MeterState.initial(for: meter)
        let days = activeDays(of: meter, account: account, in: period)
        var chosen: Reading? = nil
        var volumes: [Int64] = []
        if let candidates = byMeter[meter.id] {
            let s = selectReading(meter: meter, account: account, period: period, candidates: candidates,
                                  previous: PreviousReading(registers: state.lastActual, period: state.lastActualPeriod),
                                  policy: region.estimation)
            rejected += s.rejected; superseded += s.superseded; duplicates += s.duplicates
            chosen = s.chosen; volumes = s.volumes
        }
        if let reading = chosen {
            let r = region.recalculate(category: account.category, zones: meter.zones, streak: state.streak,
                                       actualVolumes: volumes, currentDays: days)
            plans.append(MeterPlan(meter: meter, state: state, chosen: reading,
                                   method: reading.source.isControl ? .control : .actual, volumes: r.current,
                                   isNorm: false, failed: false, days: days, recalcs: r.lines))
            continue
        }
        if days == 0 { continue }
        let d = decideEstimate(meter: meter, state: state, period: period, kind: account.kind, policy: region.estimation)
        let est = d.method == .average ? d.volumes.map { prorate($0, days: days, monthDays: period.dayCount) } : [0]
        plans.append(MeterPlan(meter: meter, state: state, chosen: nil, method: d.method, volumes: est,
                               isNorm: d.method == .norm, failed: d.failed, days: days, recalcs: []))
    }
    return plans
}

/// The norm is charged once: on the first norm meter, prorated by the union of
/// the norm meters' active days; with no billed meter at all, on the account
/// (prorated by its open days) — the returned volume (0 when on a meter).
func consolidateNorm(_ plans: inout [MeterPlan], account: Account, period: Period, region: RegionRules) -> Int64 {
    let monthDays = period.dayCount
    if plans.isEmpty {
        let days = activeDays(in: period, from: account.openedOn, to: account.closedOn)
        return prorate(region.normVolume(for: account), days: days, monthDays: monthDays)
    }
    var spans: [(Int, Int)] = []
    for p in plans where p.isNorm {
        let from = max(p.meter.installedOn, account.openedOn ?? p.meter.installedOn, period.firstDay)
        var to = min(p.meter.removedOn ?? period.lastDay, period.lastDay)
        if let closed = account.closedOn { to = min(to, closed) }
        if from <= to { spans.append((from.dayNumber, to.dayNumber)) }
    }
    guard let first = plans.firstIndex(where: { $0.isNorm }) else { return 0 }
    spans.sort { $0.0 < $1.0 }
    var days = 0, end = Int.min
    for s in spans {
        let lo = max(s.0, end + 1)
        if s.1 >= lo { days += s.1 - lo + 1 }
        end = max(end, s.1)
    }
    plans[first].volumes = [prorate(region.normVolume(for: account), days: days, monthDays: monthDays)]
    return 0
}

/// The meter's state after P.
func nextState(_ plan: MeterPlan, period: Period, billed: Kopecks, percent: Int64, region: RegionRules) -> MeterState {
    var s = plan.state
    if let reading = plan.chosen {
        s.lastActualPeriod = period
        s.lastActualTakenOn = reading.takenOn
        s.lastActual = reading.registers
        s.history.append(plan.volumes)
        let keep = max(region.estimation.averagePeriods, 1)
        if s.history.count > keep { s.history.removeFirst(s.history.count - keep) }
        s.streak = []
        s.failedStreak = 0
    } else {
        s.streak.append(EstimatedPeriod(period: period, method: plan.method, volumes: plan.volumes, billed: billed,
                                        benefit: benefitAmount(billed, percentCenti: percent),
                                        days: plan.days, failed: plan.failed))
        s.failedStreak = plan.failed ? s.failedStreak + 1 : 0
    }
    return s
}
