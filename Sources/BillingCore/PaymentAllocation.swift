/// Something the customer owes from a date: the opening balance (period nil) or
/// a period's charge + recalculation + benefit, due on its due date. A negative
/// amount is a credit, applied like a payment on the day it arises.
public struct Obligation: Sendable, Hashable {
    public var period: Period?
    public var amount: Kopecks
    public var arisesOn: CivilDate
    public var dueDate: CivilDate
    public init(period: Period?, amount: Kopecks, arisesOn: CivilDate, dueDate: CivilDate) {
        self.period = period; self.amount = amount; self.arisesOn = arisesOn; self.dueDate = dueDate
    }
}

/// Part of an obligation settled on one day (by a payment, a credit or the advance).
public struct SettledSlice: Sendable, Hashable {
    public var amount: Kopecks
    public var settledOn: CivilDate
    public init(amount: Kopecks, settledOn: CivilDate) { self.amount = amount; self.settledOn = settledOn }
}

/// A penalty amount booked on a date (a close's penalty line); payments settle
/// penalties only after every arisen obligation is paid.
public struct PenaltyCharge: Sendable, Hashable {
    public var arisesOn: CivilDate
    public var amount: Kopecks
    public init(arisesOn: CivilDate, amount: Kopecks) { self.arisesOn = arisesOn; self.amount = amount }
}

/// One debit obligation after allocation: its settled slices and what is still unpaid.
public struct ObligationState: Sendable, Hashable {
    public var obligation: Obligation
    public var slices: [SettledSlice]
    public var unpaid: Kopecks
}

/// The result of applying payments to obligations as of a date: per debit
/// obligation its slices and remainder, the penalty paid and still owed, and the
/// advance (overpayment) left over.
public struct Allocation: Sendable, Hashable {
    public var obligations: [ObligationState]
    public var penaltyPaid: Kopecks
    public var penaltyUnpaid: Kopecks
    public var advance: Kopecks
}

/// RULES.md "Payment allocation": events up to `asOf` in date order (on one day,
/// obligations and penalty charges arise before payments), payments in
/// (paid_on, id) order: the named period, then oldest unpaid, then penalties,
/// then the advance, which settles new obligations as they arise.
/// `carried`: continue from the state a previous close left (its open obligations
/// have already arisen; every event given here must come after that close's last day).
public func allocatePayments(obligations: [Obligation], payments: [Payment], penaltyCharges: [PenaltyCharge] = [],
                             asOf: CivilDate, carried: Settlement? = nil) -> Allocation {
    // Credits behave like payments on the day they arise.
    var credits: [Payment] = []
    var debits: [Obligation] = []
    for o in obligations where o.arisesOn <= asOf {
        if o.amount.value < 0 {
            credits.append(Payment(id: "", accountId: "", paidOn: o.arisesOn, amount: -o.amount))
        } else if o.amount.value > 0 {
            debits.append(o)
        }
    }
    var pays = payments.filter { $0.paidOn <= asOf } + credits
    pays.sort { ($0.paidOn, $0.id) < ($1.paidOn, $1.id) }
    debits.sort { $0.arisesOn < $1.arisesOn }
    let penalties = penaltyCharges.filter { $0.arisesOn <= asOf }.sorted { $0.arisesOn < $1.arisesOn }
    var states: [ObligationState] = []
    states.reserveCapacity(debits.count + (carried?.open.count ?? 0))
    for o in carried?.open ?? [] { states.append(ObligationState(obligation: o, slices: [], unpaid: o.amount)) }
    var arisen = states.count, penaltyIndex = 0, payIndex = 0, oldest = 0
    for o in debits { states.append(ObligationState(obligation: o, slices: [], unpaid: o.amount)) }
    var advance = carried?.advance ?? .zero, penaltyOwed = carried?.penaltyOwed ?? .zero, penaltyPaid = Kopecks.zero

    func settle(_ i: Int, _ amount: Kopecks, on day: CivilDate) {
        states[i].unpaid -= amount
        states[i].slices.append(SettledSlice(amount: amount, settledOn: day))
    }
    while payIndex < pays.count || arisen < states.count || penaltyIndex < penalties.count {
        // Next event date; arisings first on a tie.
        let nextArise = arisen < states.count ? states[arisen].obligation.arisesOn : nil
        let nextPenalty = penaltyIndex < penalties.count ? penalties[penaltyIndex].arisesOn : nil
        let nextPay = payIndex < pays.count ? pays[payIndex].paidOn : nil
        if let a = nextArise, nextPay == nil || a <= nextPay!, nextPenalty == nil || a <= nextPenalty! {
            let take = min(advance, states[arisen].unpaid)
            if take.value > 0 { settle(arisen, take, on: a); advance -= take }
            arisen += 1
        } else if let d = nextPenalty, nextPay == nil || d <= nextPay! {
            penaltyOwed += penalties[penaltyIndex].amount
            let take = min(advance, max(penaltyOwed, .zero))
            advance -= take; penaltyOwed -= take; penaltyPaid += take
            if penaltyOwed.value < 0 { advance -= penaltyOwed; penaltyPaid += penaltyOwed; penaltyOwed = .zero }
            penaltyIndex += 1
        } else {
            let p = pays[payIndex]
            payIndex += 1
            var left = p.amount
            if left.value < 0 { advance += left; continue }  // a reversal takes back from the advance
            if let named = p.period, let i = states[..<arisen].firstIndex(where: {
                $0.obligation.period == named && $0.unpaid.value > 0 }) {
                let take = min(left, states[i].unpaid)
                settle(i, take, on: p.paidOn); left -= take
            }
            while left.value > 0 && oldest < arisen {
                if states[oldest].unpaid.value == 0 { oldest += 1; continue }
                let take = min(left, states[oldest].unpaid)
                settle(oldest, take, on: p.paidOn); left -= take
            }
            let toPenalty = min(left, max(penaltyOwed, .zero))
            penaltyOwed -= toPenalty; penaltyPaid += toPenalty; left -= toPenalty
            advance += left
        }
    }
    for s in states {
        precondition(s.unpaid.value >= 0 && s.slices.reduce(s.unpaid) { $0 + $1.amount } == s.obligation.amount,
                     "an obligation is exactly its slices plus its unpaid rest")
    }
    return Allocation(obligations: states, penaltyPaid: penaltyPaid, penaltyUnpaid: penaltyOwed, advance: advance)
}

/// Unpaid debt by age past its due date as of a day, for the debtors list.
public struct DebtAges: Sendable, Hashable {
    public var notDue = Kopecks.zero
    public var upTo30 = Kopecks.zero
    public var from31To90 = Kopecks.zero
    public var over90 = Kopecks.zero
    /// Days past due of the oldest unpaid obligation (0 when nothing is overdue).
    public var oldestDaysPastDue = 0
    public var overdue: Kopecks { upTo30 + from31To90 + over90 }
    public init() {}
}

/// Buckets the unpaid remainders of an allocation made as of `asOf`.
public func debtAges(_ allocation: Allocation, asOf: CivilDate) -> DebtAges {
    var ages = DebtAges()
    for s in allocation.obligations where s.unpaid.value > 0 {
        let days = s.obligation.dueDate.days(until: asOf)
        if days <= 0 { ages.notDue += s.unpaid }
        else if days <= 30 { ages.upTo30 += s.unpaid }
        else if days <= 90 { ages.from31To90 += s.unpaid }
        else { ages.over90 += s.unpaid }
        if days > ages.oldestDaysPastDue { ages.oldestDaysPastDue = days }
    }
    return ages
}
