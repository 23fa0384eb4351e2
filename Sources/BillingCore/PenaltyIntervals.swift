/// One row of the penalty calculation a court expects: the days of one slice of a
/// debt over which the daily fraction, the rate and the relief stay the same.
/// `numerator` is the row's exact share of `PenaltyScale.numerator` for the slice
/// (units of 1/(scale × 10000) kopecks), so the rows of a slice add up to it exactly.
public struct PenaltyInterval: Sendable, Hashable {
    public var from: CivilDate
    public var to: CivilDate
    public var days: Int
    /// 1/denominator of the rate per day; nil for the days before the first step (no penalty yet).
    public var denominator: Int64?
    /// The rate of these days, hundredths of a percent: the key rate on the payment
    /// (or calculation) day, or the cap where a cap below it covers the days.
    public var ratePercentCenti: Int64
    /// The cap that lowered the rate of these days, if any.
    public var cap: PenaltyPolicy.RateCap?
    /// The moratorium that relieves these days (they still count toward the steps).
    public var moratorium: PenaltyPolicy.Moratorium?
    public var numerator: Int128
}

extension PenaltyScale {
    /// The slice `numerator(amount:due:arisesOn:through:keyRates:)` rates, cut where the
    /// step, a cap below the rate or a covering moratorium begins or ends. Nil when no key
    /// rate is known for `day`; empty when nothing accrues (paid by the due date).
    public func intervals(amount: Kopecks, due: CivilDate, arisesOn: CivilDate, through day: CivilDate,
                          keyRates: KeyRates) -> [PenaltyInterval]? {
        let n = due.days(until: day)
        if n <= 0 || amount.value <= 0 { return [] }
        guard let rate = keyRates.percentCenti(on: day) else { return nil }
        let base = due.dayNumber, arisen = arisesOn.dayNumber
        let covering = (0..<moratoriumStarts.count).filter { arisen < moratoriumArisenBefore[$0] }
        let lowering = (0..<caps.count).filter { caps[$0].percentCenti < rate }
        // Day k (1...n) is due + k; a cut is the first day of a new interval.
        var cuts = Set(steps.map(\.fromDay))
        for m in covering { cuts.insert(moratoriumStarts[m] - base); cuts.insert(moratoriumEnds[m] - base + 1) }
        for c in lowering { cuts.insert(capStarts[c] - base); cuts.insert(capEnds[c] - base + 1) }
        let starts = [1] + cuts.filter { $0 > 1 && $0 <= n }.sorted()
        var out: [PenaltyInterval] = []
        for (i, a) in starts.enumerated() {
            let b = i + 1 < starts.count ? starts[i + 1] - 1 : n
            let dayNumber = base + a
            let step = steps.last { $0.fromDay <= a }
            let cap = lowering.first { capStarts[$0] <= dayNumber && dayNumber <= capEnds[$0] }.map { caps[$0] }
            let relief = step == nil ? nil : covering.first {
                moratoriumStarts[$0] <= dayNumber && dayNumber <= moratoriumEnds[$0] }.map { moratoria[$0] }
            let r = cap?.percentCenti ?? rate
            var numerator: Int128 = 0
            if let step, relief == nil {
                numerator = Int128(amount.value) * Int128(b - a + 1) * Int128(scale / step.denominator) * Int128(r)
            }
            let row = PenaltyInterval(from: CivilDate(dayNumber: dayNumber), to: CivilDate(dayNumber: base + b),
                                      days: b - a + 1, denominator: step?.denominator, ratePercentCenti: r,
                                      cap: cap, moratorium: relief, numerator: numerator)
            // The free days are one row whatever cap or moratorium edge falls inside them.
            if var last = out.last, last.denominator == nil && row.denominator == nil
                || (last.denominator == row.denominator && last.ratePercentCenti == row.ratePercentCenti
                    && last.moratorium == row.moratorium && last.cap == row.cap) {
                // Free days show the rate that follows them.
                last.to = row.to; last.days += row.days; last.numerator += row.numerator
                last.ratePercentCenti = row.ratePercentCenti; last.cap = row.cap
                out[out.count - 1] = last
            } else {
                out.append(row)
            }
        }
        return out
    }

    /// Kopecks per row that add up to the one rounding of their sum (`kopecks(Σ)`, the
    /// engine's figure): each row is its exact value rounded down, and the kopecks left
    /// go to the rows with the largest remainders (the earlier row on a tie). So every
    /// row is within one kopeck of its exact value and most are its own rounding.
    public func kopecksAddingUp(_ numerators: [Int128]) -> [Kopecks] {
        let unit = Int128(scale) * 10000
        let total = kopecks(numerators.reduce(0, +)).value
        var rows = numerators.map { Int64($0 / unit) }
        var left = total - rows.reduce(0, +)
        let order = numerators.indices.sorted { (numerators[$0] % unit, $1) > (numerators[$1] % unit, $0) }
        for i in order where left > 0 {
            rows[i] += 1
            left -= 1
        }
        return rows.map(Kopecks.init)
    }
}

/// One slice of a debt in the penalty calculation: what part of which obligation,
/// through which day (its payment day, or the calculation day while unpaid), and its rows.
public struct PenaltySlice: Sendable, Hashable {
    public var obligation: Obligation
    public var amount: Kopecks
    /// The day it was paid (or set off); nil while it is still unpaid.
    public var settledOn: CivilDate?
    public var intervals: [PenaltyInterval]
}

/// The whole penalty of an allocation as of `c`, slice by slice, row by row: the
/// same slices and numerators `penaltyNumerators` adds (settled slices after their
/// due date, unpaid rests through `c`). Nil when a rating day has no key rate.
public func penaltySlices(asOf c: CivilDate, allocation: Allocation, scale: PenaltyScale,
                          keyRates: KeyRates) -> [PenaltySlice]? {
    var out: [PenaltySlice] = []
    for s in allocation.obligations {
        let o = s.obligation
        for slice in s.slices where slice.settledOn > o.dueDate {
            guard let rows = scale.intervals(amount: slice.amount, due: o.dueDate, arisesOn: o.arisesOn,
                                             through: slice.settledOn, keyRates: keyRates) else { return nil }
            out.append(PenaltySlice(obligation: o, amount: slice.amount, settledOn: slice.settledOn, intervals: rows))
        }
        if s.unpaid.value > 0 && c > o.dueDate {
            guard let rows = scale.intervals(amount: s.unpaid, due: o.dueDate, arisesOn: o.arisesOn, through: c,
                                             keyRates: keyRates) else { return nil }
            out.append(PenaltySlice(obligation: o, amount: s.unpaid, settledOn: nil, intervals: rows))
        }
    }
    return out
}
