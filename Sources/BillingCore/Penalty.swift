/// The penalty rule of one account kind as exact integers: the policy steps
/// (from day k on, 1/denominator of the rate per day), the common scale L = LCM
/// of the denominators (a day of step s weighs L/denominator), the rate caps and
/// the moratoria expressed as day numbers. Built once per close and shared.
///
/// The rate of a slice is the key rate on its payment (or calculation) day; a
/// cap belongs to the accrual day (ПП №474: the penalty *accrued* from 28.02.2022
/// to 31.12.2026), so a slice whose days straddle a cap's end is rated in parts:
/// its days inside the cap at min(rate, cap), the others at the rate itself.
/// A moratorium covers either every obligation (ПП №424) or only those that arose
/// before it began (ПП №497); its days still count toward the day thresholds.
public struct PenaltyScale: Sendable, Hashable {
    public var steps: [PenaltyPolicy.Step]
    public var scale: Int64
    public var caps: [PenaltyPolicy.RateCap]
    /// Moratoria as day numbers, sorted by start (import refuses overlaps).
    var moratoriumStarts: [Int]
    var moratoriumEnds: [Int]
    /// Per moratorium: the day an obligation must have arisen before to be covered (Int.max: all).
    var moratoriumArisenBefore: [Int]
    var capStarts: [Int]
    var capEnds: [Int]
    /// The moratoria behind `moratoriumStarts`, in the same order (their grounds name the claim's relief rows).
    public var moratoria: [PenaltyPolicy.Moratorium]

    public init(steps: [PenaltyPolicy.Step], policy: PenaltyPolicy) {
        precondition(steps.allSatisfy { $0.denominator > 0 && $0.fromDay >= 1 }, "penalty steps are 1/N from day ≥ 1")
        self.steps = steps.sorted { $0.fromDay < $1.fromDay }
        var l: Int64 = 1
        for s in steps { l = l / gcd(l, s.denominator) * s.denominator }
        self.scale = l
        self.caps = policy.rateCaps.sorted { $0.from < $1.from }
        capStarts = caps.map { $0.from.dayNumber }
        capEnds = caps.map { $0.to.dayNumber }
        let m = policy.moratoria.filter { $0.from <= $0.to }.sorted { $0.from < $1.from }
        moratoriumStarts = m.map { $0.from.dayNumber }
        moratoriumEnds = m.map { $0.to.dayNumber }
        moratoriumArisenBefore = m.map { $0.covers == .all ? Int.max : $0.from.dayNumber }
        moratoria = m
    }

    public init(kind: AccountKind, policy: PenaltyPolicy) {
        self.init(steps: kind == .legal ? policy.legal : policy.household, policy: policy)
    }

    /// Σ weight(k) for k = 1...days after `due`, in units of 1/scale; days of a
    /// moratorium that covers an obligation arisen on `arisesOn` weigh 0.
    public func weightSum(due: CivilDate, days n: Int, arisesOn: CivilDate? = nil) -> Int64 {
        weightSum(due: due.dayNumber, from: 1, through: n, arisen: arisesOn?.dayNumber ?? Int.min)
    }

    /// Σ weight(k) for k in [a, b] (day k = due + k).
    func weightSum(due base: Int, from a: Int, through b: Int, arisen: Int) -> Int64 {
        if a > b { return 0 }
        var total: Int64 = 0
        for (i, s) in steps.enumerated() {
            let lo = max(a, s.fromDay)
            let hi = min(b, i + 1 < steps.count ? steps[i + 1].fromDay - 1 : b)
            if lo > hi { continue }
            var count = hi - lo + 1
            for m in 0..<moratoriumStarts.count where arisen < moratoriumArisenBefore[m] {
                let x = max(lo, moratoriumStarts[m] - base), y = min(hi, moratoriumEnds[m] - base)
                if x <= y { count -= y - x + 1 }
            }
            total += Int64(count) * (scale / s.denominator)
        }
        return total
    }

    /// Exact numerator of one slice: X × Σ over its accrual days of rate(day) × weight(day)
    /// (divide by scale × 10000 for kopecks). Nil when no key rate is known for `day`.
    public func numerator(amount: Kopecks, due: CivilDate, arisesOn: CivilDate, through day: CivilDate,
                          keyRates: KeyRates) -> Int128? {
        let n = due.days(until: day)
        if n <= 0 || amount.value <= 0 { return 0 }
        let base = due.dayNumber, arisen = arisesOn.dayNumber
        let w = weightSum(due: base, from: 1, through: n, arisen: arisen)
        if w == 0 { return 0 }
        guard let r = keyRates.percentCenti(on: day) else { return nil }
        // R × W(all days) less, for each cap, (R − min(R, cap)) × W(days inside the cap).
        var sum = Int128(r) * Int128(w)
        for i in 0..<caps.count where caps[i].percentCenti < r {
            let wc = weightSum(due: base, from: max(1, capStarts[i] - base), through: min(n, capEnds[i] - base),
                               arisen: arisen)
            sum -= Int128(r - caps[i].percentCenti) * Int128(wc)
        }
        return Int128(amount.value) * sum
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

/// The penalty scale of each kind of account under one policy, built once per
/// command: households by ЖК РФ ст.155 ч.14, legal entities by ФЗ-35 ст.37.
public struct PenaltyScales: Sendable {
    public let person: PenaltyScale
    public let legal: PenaltyScale
    public init(policy: PenaltyPolicy) {
        person = PenaltyScale(kind: .person, policy: policy)
        legal = PenaltyScale(kind: .legal, policy: policy)
    }
    public subscript(kind: AccountKind) -> PenaltyScale {
        switch kind {
        case .person: person
        case .legal: legal
        }
    }
}
