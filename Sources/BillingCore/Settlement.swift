/// Where an account's payment allocation stands after a close, carried to the
/// next close so that it continues the allocation instead of replaying the whole
/// payment history (RULES.md "Payment allocation", "Penalties").
///
/// The cumulative penalty needs, per settled slice, only its exact numerator
/// (amount × rate on the settlement day × day weights): once a slice is settled
/// that number never changes. So the close keeps their sum exactly (Int128, no
/// rounding) and recomputes only the unpaid rests. The result is the same total,
/// to the kopeck, as the full recompute from the history that DOMAIN describes;
/// a close falls back to that full recompute whenever a payment is dated inside
/// an already closed period, or no carried state exists.
public struct Settlement: Sendable, Hashable {
    /// Obligations with an unpaid rest, oldest first, as of the close's last day.
    public var open: [Obligation]
    /// Overpayment not yet used.
    public var advance: Kopecks
    /// Penalty booked but not yet paid.
    public var penaltyOwed: Kopecks
    /// Σ exact penalty numerators of every slice settled after its due date so far.
    public var settledNumerator: Int128

    public init(open: [Obligation] = [], advance: Kopecks = .zero, penaltyOwed: Kopecks = .zero,
                settledNumerator: Int128 = 0) {
        self.open = open; self.advance = advance; self.penaltyOwed = penaltyOwed
        self.settledNumerator = settledNumerator
    }

    /// A penalty line booked on the close's last day: the advance pays it at once,
    /// a negative one (a penalty reduced by a late-known payment) becomes advance.
    /// Same arithmetic as a penalty charge inside `allocatePayments`.
    public mutating func bookPenalty(_ amount: Kopecks) {
        penaltyOwed += amount
        let take = min(advance, max(penaltyOwed, .zero))
        advance -= take; penaltyOwed -= take
        if penaltyOwed.value < 0 { advance -= penaltyOwed; penaltyOwed = .zero }
    }
}

/// Exact penalty numerators of an allocation as of `c`: the settled slices
/// (fixed forever) and the unpaid rests (run through `c`, rate on `c`).
public func penaltyNumerators(asOf c: CivilDate, allocation: Allocation, scale: PenaltyScale,
                              keyRates: KeyRates) -> (settled: Int128, unpaid: Int128) {
    var settled: Int128 = 0, unpaid: Int128 = 0
    for s in allocation.obligations {
        let due = s.obligation.dueDate
        let arises = s.obligation.arisesOn
        for slice in s.slices where slice.settledOn > due {
            settled += rated(scale.numerator(amount: slice.amount, due: due, arisesOn: arises, through: slice.settledOn,
                                             keyRates: keyRates), slice.settledOn)
        }
        if s.unpaid.value > 0 && c > due {
            unpaid += rated(scale.numerator(amount: s.unpaid, due: due, arisesOn: arises, through: c, keyRates: keyRates), c)
        }
    }
    return (settled, unpaid)
}

/// The close checks before computing that key rates cover every payment and
/// calculation day it rates, so a gap here is a programmer error.
private func rated(_ n: Int128?, _ day: CivilDate) -> Int128 {
    guard let n else { preconditionFailure("no key rate in force on \(day)") }
    return n
}

extension Allocation {
    /// The state to carry: open obligations, advance, penalty owed, and the settled numerators added to `carried`.
    func settlement(carried: Int128, settledNow: Int128) -> Settlement {
        var open: [Obligation] = []
        for s in obligations where s.unpaid.value > 0 {
            var o = s.obligation
            o.amount = s.unpaid
            open.append(o)
        }
        return Settlement(open: open, advance: advance, penaltyOwed: penaltyUnpaid,
                          settledNumerator: carried + settledNow)
    }
}
