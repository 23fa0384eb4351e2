/// The penalty rule of one account kind as exact integers: the policy steps
/// (from day k on, 1/denominator of the rate per day), the common scale L = LCM
/// of the denominators (a day of step s weighs L/denominator), the rate caps and
/// the moratoria expressed as day numbers. Built once per close and shared.
public struct PenaltyScale: Sendable, Hashable {
    public var steps: [PenaltyPolicy.Step]
    public var scale: Int64
    public var caps: [PenaltyPolicy.RateCap]
    /// Moratoria as [first, last] day numbers, sorted, merged.
    public var moratoria: [(Int, Int)] { zip(moratoriumStarts, moratoriumEnds).map { ($0, $1) } }
    var moratoriumStarts: [Int]
    var moratoriumEnds: [Int]

    public init(steps: [PenaltyPolicy.Step], policy: PenaltyPolicy) {
        precondition(steps.allSatisfy { $0.denominator > 0 && $0.fromDay >= 1 }, "penalty steps are 1/N from day ≥ 1")
        self.steps = steps.sorted { $0.fromDay < $1.fromDay }
        var l: Int64 = 1
        for s in steps { l = l / gcd(l, s.denominator) * s.denominator }
        self.scale = l
        self.caps = policy.rateCaps
        var ranges = policy.moratoria.map { ($0.from.dayNumber, $0.to.dayNumber) }.sorted { $0.0 < $1.0 }
        var merged: [(Int, Int)] = []
        for r in ranges where r.0 <= r.1 {
            if let last = merged.last, r.0 <= last.1 + 1 { merged[merged.count - 1].1 = max(last.1, r.1) }
            else { merged.append(r) }
        }
        ranges = merged
        moratoriumStarts = ranges.map { $0.0 }
        moratoriumEnds = ranges.map { $0.1 }
    }

    public init(kind: AccountKind, policy: PenaltyPolicy) {
        self.init(steps: kind == .legal ? policy.legal : policy.household, policy: policy)
    }

    /// Key rate on the day, capped by the cap in force that day; percent in hundredths.
    public func rate(on date: CivilDate, keyRates: KeyRates) -> Int64 {
        guard var r = keyRates.percentCenti(on: date) else {
            preconditionFailure("no key rate in force on \(date)")
        }
        for c in caps where c.from <= date && date <= c.to { r = min(r, c.percentCenti) }
        return r
    }

    /// Σ weight(k) for k = 1...days after `due`, in units of 1/scale; moratorium days weigh 0.
    public func weightSum(due: CivilDate, days n: Int) -> Int64 {
        if n <= 0 { return 0 }
        let base = due.dayNumber
        var total: Int64 = 0
        for (i, s) in steps.enumerated() {
            let lo = s.fromDay
            let hi = min(n, i + 1 < steps.count ? steps[i + 1].fromDay - 1 : n)
            if lo > hi { continue }
            var count = hi - lo + 1
            for m in 0..<moratoriumStarts.count {
                let a = max(lo, moratoriumStarts[m] - base), b = min(hi, moratoriumEnds[m] - base)
                if a <= b { count -= b - a + 1 }
            }
            total += Int64(count) * (scale / s.denominator)
        }
        return total
    }

    /// Exact numerator of one slice: X × rate × Σ weights (divide by scale × 10000 for kopecks).
    public func numerator(amount: Kopecks, due: CivilDate, through day: CivilDate, keyRates: KeyRates) -> Int128 {
        let n = due.days(until: day)
        if n <= 0 || amount.value <= 0 { return 0 }
        let w = weightSum(due: due, days: n)
        if w == 0 { return 0 }
        return Int128(amount.value) * Int128(rate(on: day, keyRates: keyRates)) * Int128(w)
    }

    /// Rounds a sum of numerators to kopecks (the one rounding of an account's penalty).
    public func kopecks(_ numerator: Int128) -> Kopecks {
        Kopecks(Int64(divideRoundingHalfAwayFromZero(numerator, Int128(scale) * 10000)))
    }
}

func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var x = a, y = b
    while y != 0 { (x, y) = (y, x % y) }
    return x
}

/// The account's total penalty as of C, recomputed from the whole history: every
/// settled slice runs from due+1 through its settlement day (rate on that day),
/// every unpaid rest through C (rate on C); one rounding of the total.
public func cumulativePenalty(asOf c: CivilDate, allocation: Allocation, scale: PenaltyScale,
                              keyRates: KeyRates) -> Kopecks {
    let n = penaltyNumerators(asOf: c, allocation: allocation, scale: scale, keyRates: keyRates)
    let total = scale.kopecks(n.settled + n.unpaid)
    precondition(total.value >= 0, "a penalty is never negative")
    return total
}

/// Convenience: allocation and penalty in one call for an account kind.
public func cumulativePenalty(asOf c: CivilDate, obligations: [Obligation], payments: [Payment],
                              penaltyCharges: [PenaltyCharge] = [], kind: AccountKind,
                              policy: PenaltyPolicy, keyRates: KeyRates) -> Kopecks {
    let allocation = allocatePayments(obligations: obligations, payments: payments,
                                      penaltyCharges: penaltyCharges, asOf: c)
    return cumulativePenalty(asOf: c, allocation: allocation, scale: PenaltyScale(kind: kind, policy: policy),
                             keyRates: keyRates)
}
