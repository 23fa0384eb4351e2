/// One priced slice of a period's volume: a zone (T1/T2/T3, "" for single-rate
/// or norm), a tier (1...n), the price key and price in force, the volume and its
/// amount rounded half away from zero. `from` is the first day of the tariff
/// version part the line belongs to (a period spanning a tariff change has lines
/// for each part).
public struct PricedLine: Sendable, Hashable {
    public var zone: String
    public var tier: Int
    public var key: PriceKey
    public var volume: KilowattHours
    public var price: PricePer10000
    public var amount: Kopecks
    public var from: CivilDate
    public init(zone: String, tier: Int, key: PriceKey, volume: KilowattHours, price: PricePer10000,
                amount: Kopecks, from: CivilDate) {
        self.zone = zone; self.tier = tier; self.key = key; self.volume = volume
        self.price = price; self.amount = amount; self.from = from
    }
}

/// A part of a period priced by one tariff version: the version and how many of
/// the period's days it covers (all of them unless the version changes inside).
public struct TariffPart: Sendable, Hashable {
    public var version: TariffVersion
    public var days: Int
}

/// Zone labels by register index.
let zoneLabels = ["T1", "T2", "T3"]

extension RegionRules {
    /// The category's tariff version in force on `date` (greatest `from` ≤ date).
    public func tariff(category: String, on date: CivilDate) -> TariffVersion? {
        var found: TariffVersion? = nil
        for t in tariffs where t.category == category && t.from <= date {
            if found == nil || found!.from <= t.from { found = t }
        }
        return found
    }

    /// End (23:59:59 local) of the last day of the reading window in force on P's first day.
    /// Before the first window the first one's days apply: a region's first close needs
    /// the deadline of the month before it as the start of its own window. Callers check
    /// that some window exists (the reference-coverage check) before asking.
    public func deadline(for period: Period) -> LocalTimestamp {
        let window: ReadingWindow? = readingWindows.inForce(on: period.firstDay) ?? readingWindows.first?.value
        guard let window else { preconditionFailure("no reading window at all in \(code); the coverage check refuses such a close") }
        return LocalTimestamp.endOf(period.date(day: window.lastDay))
    }

    /// The final due date of P for an account of `kind`: legal entities settle by
    /// `due_day_legal` (ПП442 п.82), households and those equated to them by `due_day`.
    public func dueDate(for period: Period, kind: AccountKind) -> CivilDate {
        guard kind == .legal, let day: Int = dueDaysLegal.inForce(on: period.firstDay) else { return dueDate(for: period) }
        return period.next.date(day: day)
    }

    /// Day `due_day` (in force for P) of the month after P.
    public func dueDate(for period: Period) -> CivilDate {
        let day: Int? = dueDays.inForce(on: period.firstDay)
        precondition(day != nil, "no due day in force for \(period) in \(code)")
        return period.next.date(day: day!)
    }

    /// The tariff versions covering P, in date order, with the days each covers.
    public func tariffParts(category: String, period: Period) -> [TariffPart] {
        guard let first = tariff(category: category, on: period.firstDay) else {
            preconditionFailure("no tariff for category \(category) on \(period.firstDay) in \(code)")
        }
        var parts = [TariffPart(version: first, days: period.dayCount)]
        var changes: [TariffVersion] = []
        for t in tariffs where t.category == category && t.from > period.firstDay && t.from <= period.lastDay {
            changes.append(t)
        }
        if changes.isEmpty { return parts }
        changes.sort { $0.from < $1.from }
        var start = period.firstDay
        for t in changes where t.from > start {
            parts[parts.count - 1].days = start.days(until: t.from)
            parts.append(TariffPart(version: t, days: 0))
            start = t.from
        }
        parts[parts.count - 1].days = start.days(until: period.lastDay) + 1
        return parts
    }

    /// The price keys of a meter's registers: 1 → single; 2 → two-zone keys; 3 → three-zone keys.
    public func priceKeys(zones: Int) -> [PriceKey] {
        switch zones {
        case 1: return [.single]
        case 2: return twoZoneKeys
        case 3: return threeZoneKeys
        default: preconditionFailure("a meter has 1, 2 or 3 zones, not \(zones)")
        }
    }

    /// Prices one meter's (or the norm's) volume for period P (RULES.md "Pricing").
    /// - zoneVolumes: per register, after ratio; one element for single-rate or norm.
    /// - precedingVolume: the account's volume of P already priced on earlier meters
    ///   (tier thresholds apply to the account's total; this meter occupies the slice
    ///   [preceding, preceding + own total) of it). 0 for a single-meter account.
    /// - norm: true prices the one volume at `single` whatever the meter type.
    public func price(category: String, period: Period, zoneVolumes: [Int64],
                      precedingVolume: Int64 = 0, norm: Bool = false) -> [PricedLine] {
        precondition(zoneVolumes.allSatisfy { $0 >= 0 }, "volumes are never negative")
        precondition(precedingVolume >= 0, "preceding volume is never negative")
        let keys: [PriceKey] = norm ? [.single] : priceKeys(zones: zoneVolumes.count)
        precondition(keys.count == zoneVolumes.count, "one volume per register")
        let parts = tariffParts(category: category, period: period)
        let monthDays = Int64(period.dayCount)
        var lines: [PricedLine] = []
        var assigned = [Int64](repeating: 0, count: zoneVolumes.count)
        var assignedPreceding: Int64 = 0
        for (i, part) in parts.enumerated() {
            let last = i == parts.count - 1
            let days = Int64(part.days)
            var partVolumes = zoneVolumes
            for z in 0..<zoneVolumes.count {
                partVolumes[z] = last ? zoneVolumes[z] - assigned[z] : zoneVolumes[z] * days / monthDays
                assigned[z] += partVolumes[z]
            }
            let partPreceding = last ? precedingVolume - assignedPreceding : precedingVolume * days / monthDays
            assignedPreceding += partPreceding
            let split = splitAcrossTiers(tiers: part.version.tiers, zoneVolumes: partVolumes,
                                         offset: partPreceding, days: days, monthDays: monthDays)
            for (t, tierVolumes) in split.enumerated() {
                for z in 0..<tierVolumes.count where tierVolumes[z] > 0 {
                    guard let price = part.version.tiers[t].prices[keys[z]] else {
                        preconditionFailure("tariff \(category) from \(part.version.from) has no \(keys[z]) price")
                    }
                    let v = KilowattHours(tierVolumes[z])
                    lines.append(PricedLine(zone: keys.count == 1 ? "" : zoneLabels[z], tier: t + 1, key: keys[z],
                                            volume: v, price: price, amount: price.amount(for: v),
                                            from: part.version.from))
                }
            }
        }
        return lines
    }
}

/// Splits zone volumes across volume tiers (RULES.md): the meter's total occupies
/// [offset, offset + total) of the account's volume; tier bounds are scaled by
/// days / monthDays (floor). Result[t][z] = volume of zone z in tier t; every zone
/// and every tier total is exact.
func splitAcrossTiers(tiers: [TariffTier], zoneVolumes: [Int64], offset: Int64,
                      days: Int64, monthDays: Int64) -> [[Int64]] {
    let zones = zoneVolumes.count
    var result = [[Int64]](repeating: [Int64](repeating: 0, count: zones), count: tiers.count)
    let total = zoneVolumes.reduce(0, +)
    if tiers.count == 1 || total == 0 {
        result[0] = zoneVolumes
        return result
    }
    // Tier volumes of this meter's slice.
    var tierVolumes = [Int64](repeating: 0, count: tiers.count)
    var lower: Int64 = 0
    let end = offset + total
    for t in 0..<tiers.count {
        let upper: Int64 = tiers[t].upToKwh.map { $0 * days / monthDays } ?? Int64.max
        let lo = max(lower, offset), hi = min(upper, end)
        tierVolumes[t] = max(0, hi - lo)
        lower = max(lower, upper)
    }
    precondition(tierVolumes.reduce(0, +) == total, "tier volumes must add up to the total")
    let lastTier = tierVolumes.lastIndex { $0 > 0 }!
    var remaining = zoneVolumes
    for t in 0..<tiers.count where tierVolumes[t] > 0 {
        if t == lastTier { result[t] = remaining; break }
        var left = tierVolumes[t]
        for z in 0..<zones {
            let want = z == zones - 1 ? left : divideRoundingHalfAwayFromZero(tierVolumes[t] * zoneVolumes[z], total)
            let take = min(want, remaining[z], left)
            result[t][z] = take; remaining[z] -= take; left -= take
        }
        // Rounding may leave part of the tier unfilled: fill it from zones in order.
        var z = 0
        while left > 0 && z < zones {
            let take = min(left, remaining[z])
            result[t][z] += take; remaining[z] -= take; left -= take; z += 1
        }
        precondition(left == 0, "a tier is filled from the zones")
    }
    return result
}
