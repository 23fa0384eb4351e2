/// One period a meter was billed by estimate since its last actual reading:
/// the period, the method, the estimated per-zone volumes (one element for the
/// norm), the energy amount billed on this meter, the benefit attributed to it
/// (−round(billed × percent)), the active days of the period (the weight of the
/// п.61 spread) and whether the meter was failed (failed periods are never
/// recalculated, but their days still take their share of the actual volume).
public struct EstimatedPeriod: Sendable, Hashable {
    public var period: Period
    public var method: VolumeMethod
    public var volumes: [Int64]
    public var billed: Kopecks
    public var benefit: Kopecks
    public var days: Int
    public var failed: Bool
    public init(period: Period, method: VolumeMethod, volumes: [Int64], billed: Kopecks, benefit: Kopecks,
                days: Int, failed: Bool = false) {
        self.period = period; self.method = method; self.volumes = volumes; self.billed = billed
        self.benefit = benefit; self.days = days; self.failed = failed
    }
}

/// What the close carries from one period to the next for one meter: the last
/// accepted (actual or control) reading and its period, the per-zone volumes of
/// the newest periods billed on actual readings (for the average, newest last),
/// the streak of estimated periods since the last actual reading (for п.61) and
/// the count of consecutive periods the meter has been failed.
public struct MeterState: Sendable, Hashable {
    public var lastActualPeriod: Period?
    public var lastActualTakenOn: CivilDate
    public var lastActual: Registers
    public var history: [[Int64]]
    public var streak: [EstimatedPeriod]
    public var failedStreak: Int

    public init(lastActualPeriod: Period?, lastActualTakenOn: CivilDate, lastActual: Registers,
                history: [[Int64]] = [], streak: [EstimatedPeriod] = [], failedStreak: Int = 0) {
        self.lastActualPeriod = lastActualPeriod; self.lastActualTakenOn = lastActualTakenOn
        self.lastActual = lastActual; self.history = history; self.streak = streak
        self.failedStreak = failedStreak
    }

    /// A new meter: its commissioning reading, no history, no streak.
    public static func initial(for meter: Meter) -> MeterState {
        MeterState(lastActualPeriod: nil, lastActualTakenOn: meter.installedOn, lastActual: meter.initial)
    }

    /// Estimated periods that a later actual reading recalculates.
    public var recalculableCount: Int { streak.reduce(0) { $0 + ($1.failed ? 0 : 1) } }
}

/// Per-zone average over the history, round half up; nil with fewer than `minPeriods` entries.
public func averageVolumes(history: [[Int64]], minPeriods: Int) -> [Int64]? {
    guard history.count >= max(minPeriods, 1), let zones = history.first?.count else { return nil }
    var sums = [Int64](repeating: 0, count: zones)
    for h in history {
        precondition(h.count == zones, "history entries of one meter have one zone count")
        for z in 0..<zones { sums[z] += h[z] }
    }
    let n = Int64(history.count)
    return sums.map { divideRoundingHalfAwayFromZero($0, n) }
}

extension RegionRules {
    /// The norm per person (thousandths of a kWh a month) for the account's rooms and
    /// residents as the table counts them (rooms 1–4+, residents 1–5+); nil when the
    /// region has no norm for the category (the coverage check refuses such a close).
    public func normPerPerson(for account: Account) -> (milliKwh: Int64, rooms: Int, residents: Int)? {
        guard let category = categories[account.category], let table = norms[category.stove] else { return nil }
        let rooms = min(max(account.rooms, 1), 4)
        let residents = max(account.residents, 1)
        guard table.count >= rooms, table[rooms - 1].count >= min(residents, 5) else { return nil }
        return (table[rooms - 1][min(residents, 5) - 1], rooms, residents)
    }

    /// NORM = round_half_up(norm[stove][min(rooms,4)][min(residents,5)] × max(residents,1) × coefficient),
    /// norms in thousandths of a kWh per person, the coefficient in ten-thousandths.
    public func normVolume(for account: Account) -> Int64 {
        normVolume(for: account, coefficient: estimation.normCoefficient)
    }

    /// The same with another coefficient (10000: the norm itself, as ПП354 п.118 counts a debt threshold).
    public func normVolume(for account: Account, coefficient: Int64) -> Int64 {
        guard let (perPerson, _, residents) = normPerPerson(for: account) else {
            preconditionFailure("no norm for category \(account.category) in \(code)")
        }
        let numerator = perPerson * Int64(residents) * coefficient
        return divideRoundingHalfAwayFromZero(numerator, 1000 * 10000)
    }
}

/// floor(v × days / monthDays): a partial period's estimated volume.
@inlinable public func prorate(_ volume: Int64, days: Int, monthDays: Int) -> Int64 {
    precondition(days >= 0 && days <= monthDays, "active days lie inside the month")
    return volume * Int64(days) / Int64(monthDays)
}

/// Days of P inside [from, to] (nil = open end); 0 when disjoint.
public func activeDays(in period: Period, from: CivilDate?, to: CivilDate?) -> Int {
    let start = max(from ?? period.firstDay, period.firstDay)
    let end = min(to ?? period.lastDay, period.lastDay)
    return start > end ? 0 : start.days(until: end) + 1
}

/// Active days of a meter in P, also bounded by the account's opened/closed dates.
public func activeDays(of meter: Meter, account: Account, in period: Period) -> Int {
    let from = max(meter.installedOn, account.openedOn ?? meter.installedOn)
    var to = meter.removedOn
    if let closed = account.closedOn { to = min(to ?? closed, closed) }
    return activeDays(in: period, from: from, to: to)
}

/// How an estimated period's volume is chosen for a meter without a usable reading.
public struct EstimateDecision: Sendable, Hashable {
    public var method: VolumeMethod
    /// Per-zone average volumes (before proration); empty for the norm.
    public var volumes: [Int64]
    public var failed: Bool
}

/// RULES.md "Estimation": average while history allows and the streak is short enough, else norm.
public func decideEstimate(meter: Meter, state: MeterState, period: Period, kind: AccountKind,
                           policy: EstimationPolicy) -> EstimateDecision {
    let failed = meterFailed(meter, in: period)
    let limit: Int
    let streakLength: Int
    if failed {
        limit = kind == .legal ? policy.failedMeterAveragePeriodsLegal : policy.failedMeterAveragePeriods
        streakLength = state.failedStreak
    } else {
        limit = kind == .legal ? policy.averageMaxPeriodsLegal : policy.averageMaxPeriods
        streakLength = state.streak.count
    }
    if streakLength < limit, let avg = averageVolumes(history: state.history, minPeriods: policy.averageMinPeriods) {
        return EstimateDecision(method: .average, volumes: avg, failed: failed)
    }
    return EstimateDecision(method: .norm, volumes: [], failed: failed)
}
