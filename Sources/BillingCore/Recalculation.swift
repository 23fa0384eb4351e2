/// One п.61 recalculation of an estimated period for one meter: the meter's
/// share of the actual volume repriced at the period's own tariff, against what
/// was billed. `amount` = (repriced + repricedBenefit) − (billed + billedBenefit):
/// the benefit percent applies to the delta too, folded into the same line.
public struct RecalcLine: Sendable, Hashable {
    public var period: Period
    /// Per-zone share of the actual volume assigned to this period.
    public var shares: [Int64]
    /// Σ shares − Σ billed volumes.
    public var volumeDelta: Int64
    public var repriced: Kopecks
    public var repricedBenefit: Kopecks
    public var billed: Kopecks
    public var billedBenefit: Kopecks
    public var amount: Kopecks
    public var ground: String
    /// The period's price when its repricing used one price (one zone, no tier split);
    /// nil when the share was priced at several, which the document then does not print.
    public var price: PricePer10000?
}

/// The ground printed on a п.61 recalculation line.
public func recalculationGround(for period: Period) -> String {
    "Перерасчёт за " + pad2(period.month) + "." + pad4(period.year) + " по фактическим показаниям (п. 61 ПП РФ №354)"
}

/// ПП354 п.61 spread: per zone, share(Pi) = floor(V × days(Pi) / Σdays) over the
/// streak's periods and the current one; the current period gets the remainder.
/// Returns the shares of each streak entry (in streak order) and the current share.
public func spreadActualVolume(_ volumes: [Int64], streak: [EstimatedPeriod], currentDays: Int)
    -> (streakShares: [[Int64]], current: [Int64]) {
    precondition(volumes.allSatisfy { $0 >= 0 }, "an actual volume is never negative")
    let totalDays = Int64(streak.reduce(currentDays) { $0 + $1.days })
    guard totalDays > 0 else { return (streak.map { _ in [Int64](repeating: 0, count: volumes.count) }, volumes) }
    var current = volumes
    var shares: [[Int64]] = []
    shares.reserveCapacity(streak.count)
    for e in streak {
        var s = [Int64](repeating: 0, count: volumes.count)
        for z in 0..<volumes.count {
            s[z] = volumes[z] * Int64(e.days) / totalDays
            current[z] -= s[z]
        }
        shares.append(s)
    }
    precondition(current.allSatisfy { $0 >= 0 }, "floor shares never exceed the volume")
    return (shares, current)
}

/// Benefit of an amount: −round_half_away(amount × percentCenti / 10000).
@inlinable public func benefitAmount(_ amount: Kopecks, percentCenti: Int64) -> Kopecks {
    precondition(percentCenti >= 0 && percentCenti <= 10000, "a benefit is 0–100%")
    if percentCenti == 0 { return .zero }
    return Kopecks(-divideRoundingHalfAwayFromZero(amount.value * percentCenti, 10000))
}

extension RegionRules {
    /// Recalculates a meter's estimated streak when an actual volume arrives.
    /// Failed-meter periods take their share of days but get no line.
    /// Returns the lines (streak order) and the current period's own per-zone volume.
    public func recalculate(category: String, zones: Int, streak: [EstimatedPeriod],
                            actualVolumes: [Int64], currentDays: Int) -> (lines: [RecalcLine], current: [Int64]) {
        precondition(actualVolumes.count == zones, "one actual volume per register")
        let spread = spreadActualVolume(actualVolumes, streak: streak, currentDays: currentDays)
        let percent = categories[category]?.benefitPercentCenti ?? 0
        var lines: [RecalcLine] = []
        for (i, e) in streak.enumerated() where !e.failed {
            let shares = spread.streakShares[i]
            var repriced = Kopecks.zero
            var prices: Set<PricePer10000> = []
            for l in price(category: category, period: e.period, zoneVolumes: shares) {
                repriced += l.amount
                if l.volume.value != 0 { prices.insert(l.price) }
            }
            let repricedBenefit = benefitAmount(repriced, percentCenti: percent)
            let amount = (repriced + repricedBenefit) - (e.billed + e.benefit)
            lines.append(RecalcLine(period: e.period, shares: shares,
                                    volumeDelta: shares.reduce(0, +) - e.volumes.reduce(0, +),
                                    repriced: repriced, repricedBenefit: repricedBenefit, billed: e.billed,
                                    billedBenefit: e.benefit, amount: amount, ground: recalculationGround(for: e.period),
                                    price: prices.count == 1 ? prices.first : nil))
        }
        return (lines, spread.current)
    }
}
