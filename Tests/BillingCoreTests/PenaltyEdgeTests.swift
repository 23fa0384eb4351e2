import Testing
@testable import BillingCore

/// The relief rules at their edges (DOMAIN "Penalty", "Moratoria"): the 9.5 % cap of
/// ПП №474 belongs to the accrual day and ends on 31.12.2026; the 2022 moratorium
/// (ПП №497) relieves only obligations that arose before 01.04.2022.
@Suite struct PenaltyEdgeTests {
    let household = PenaltyScale(kind: .person, policy: penaltyPolicy)
    let legal = PenaltyScale(kind: .legal, policy: penaltyPolicy)

    func penalty(_ scale: PenaltyScale, amount: Int64, arises: String, due: String, paid: String?, asOf: String) -> Kopecks {
        let o = Obligation(period: nil, amount: k(amount), arisesOn: d(arises), dueDate: d(due))
        let pays = paid.map { [Payment(id: "1", accountId: "A", paidOn: d($0), amount: k(amount))] } ?? []
        let a = allocatePayments(obligations: [o], payments: pays, asOf: d(asOf))
        return cumulativePenalty(asOf: d(asOf), allocation: a, scale: scale, keyRates: keyRates)
    }

    @Test func anUnpaidDebtKeepsTheCapForItsDaysThrough2026() {
        // September 2026: 1,000.00 due 15.10.2026, never paid. Day 31 = 15.11.2026.
        // 30.11.2026: days 31–46 = 16 × 1/300 × 9.5 % = 5.0666… → 5.07.
        #expect(penalty(household, amount: 100000, arises: "2026-09-30", due: "2026-10-15", paid: nil, asOf: "2026-11-30") == k(507))
        // 31.12.2026: days 31–77 = 47 × 1/300 × 9.5 % = 14.8833… → 14.88.
        #expect(penalty(household, amount: 100000, arises: "2026-09-30", due: "2026-10-15", paid: nil, asOf: "2026-12-31") == k(1488))
        // 31.01.2027 (key rate 15.5 %): 47 days at 9.5 % + days 78–90 (13) × 1/300 × 15.5 % + days 91–108 (18) × 1/130 × 15.5 %
        // = 14.8833 + 6.7166 + 21.4615 = 43.0615… → 43.06 (not 52.46, every day at 15.5 %).
        #expect(penalty(household, amount: 100000, arises: "2026-09-30", due: "2026-10-15", paid: nil, asOf: "2027-01-31") == k(4306))
    }

    @Test func aSliceThatStraddlesTheCapsEndAndIsPaidIn2027() {
        // The same debt paid on 31.01.2027: the settled slice is rated in two parts, 43.06.
        #expect(penalty(household, amount: 100000, arises: "2026-09-30", due: "2026-10-15", paid: "2027-01-31", asOf: "2027-03-31") == k(4306))
        // Paid on 31.12.2026, the last capped day: 14.88, and a 2027 close does not re-rate it.
        #expect(penalty(household, amount: 100000, arises: "2026-09-30", due: "2026-10-15", paid: "2026-12-31", asOf: "2027-03-31") == k(1488))
        // A legal entity from day 1 at 1/130: 10.2026 16 + 11.2026 30 + 12.2026 31 = 77 days at 9.5 %, 31 days (Jan) at 15.5 %:
        // 1000 × (77 × 0.095 + 31 × 0.155) / 130 = 1000 × (7.315 + 4.805) / 130 = 93.2307… → 93.23.
        #expect(penalty(legal, amount: 100000, arises: "2026-09-30", due: "2026-10-15", paid: "2027-01-31", asOf: "2027-03-31") == k(9323))
    }

    @Test func the2022MoratoriumRelievesOnlyOlderDebts() {
        // April 2022: 1,000.00 due 10.05.2022, paid 30.09.2022 (day 143), a current obligation under ПП №497:
        // 60 × 1/300 + 53 × 1/130 at min(9.5 %, 7.5 % on 30.09.2022) = 15.00 + 30.5769 = 45.5769… → 45.58.
        #expect(penalty(household, amount: 100000, arises: "2022-04-30", due: "2022-05-10", paid: "2022-09-30", asOf: "2022-10-31") == k(4558))
        // March 2022 (arose 31.03.2022) due 10.04.2022, paid on the same day: every day inside the window → 0.00.
        #expect(penalty(household, amount: 100000, arises: "2022-03-31", due: "2022-04-10", paid: "2022-09-30", asOf: "2022-10-31") == .zero)
        // … paid 31.10.2022: days 174–204 (October) count on from the window at 1/130: 1000 × 0.075 × 31/130 = 17.88.
        #expect(penalty(household, amount: 100000, arises: "2022-03-31", due: "2022-04-10", paid: "2022-10-31", asOf: "2022-11-30") == k(1788))
    }

    @Test func the2020MoratoriumRelievesEveryDebt() {
        // May 2020 due 10.06.2020, paid 31.01.2021: days 1–204 (through 31.12.2020) weigh nothing;
        // days 205–235 = 31 × 1/130 at 4.25 % = 10.1346… → 10.13.
        #expect(penalty(household, amount: 100000, arises: "2020-05-31", due: "2020-06-10", paid: "2021-01-31", asOf: "2021-02-28") == k(1013))
    }

    /// An independent model of the rule, day by day in exact rationals (not the engine's
    /// code): each day after the due date has its fraction by day number, weighs nothing
    /// in a moratorium that covers the obligation, and is rated by the key rate on the
    /// payment (calculation) day, capped when the day itself lies in the cap's window.
    func model(_ steps: [PenaltyPolicy.Step], amount: Int64, arises: CivilDate, due: CivilDate, through: CivilDate) -> Int128 {
        let base = keyRates.percentCenti(on: through)!
        var num: Int128 = 0
        var day = due.adding(days: 1), k = 1
        while day <= through {
            defer { day = day.adding(days: 1); k += 1 }
            guard let step = steps.last(where: { $0.fromDay <= k }) else { continue }
            let relieved = penaltyPolicy.moratoria.contains {
                $0.from <= day && day <= $0.to && ($0.covers == .all || arises < $0.from)
            }
            if relieved { continue }
            var rate = base
            for c in penaltyPolicy.rateCaps where c.from <= day && day <= c.to { rate = min(rate, c.percentCenti) }
            num += Int128(amount) * Int128(rate) * Int128(3900 / step.denominator)
        }
        return num   // in units of 1/(3900 × 10000) kopeck
    }

    @Test func randomHistoriesAcrossBothEdgesMatchTheModel() {
        var rng = SplitMix64(state: 16_2027)
        var compared = 0
        for _ in 0..<400 {
            let kind: AccountKind = rng.chance(25) ? .legal : .person
            let scale = kind == .legal ? legal : household
            let steps = kind == .legal ? penaltyPolicy.legal : penaltyPolicy.household
            // Periods from 2020-01 (the fixture's key rates start 10.02.2020) to 2027-06, so debts
            // cross 2020's and 2022's moratoria and the cap's end.
            let period = Period(year: 2020, month: 1)!.adding(months: Int(rng.int(0...89)))
            let arises = period.lastDay
            let due = period.next.date(day: rng.chance(50) ? 10 : 15)
            let amount = rng.int(1...500_000)
            let asOf = due.adding(days: Int(rng.int(1...900)))
            let paid: CivilDate? = rng.chance(30) ? nil : due.adding(days: Int(rng.int(-5...Int64(due.days(until: asOf)))))
            let o = Obligation(period: period, amount: k(amount), arisesOn: arises, dueDate: due)
            let pays = paid.map { [Payment(id: "1", accountId: "A", paidOn: $0, amount: k(amount))] } ?? []
            let a = allocatePayments(obligations: [o], payments: pays, asOf: asOf)
            let engine = cumulativePenalty(asOf: asOf, allocation: a, scale: scale, keyRates: keyRates)
            let through = paid ?? asOf
            let n = through > due ? model(steps, amount: amount, arises: arises, due: due, through: through) : 0
            let expected = Kopecks(Int64(divideRoundingHalfAwayFromZero(n * Int128(scale.scale) / 3900, Int128(scale.scale) * 10000)))
            #expect(engine == expected, "\(kind) \(period) due \(due) paid \(paid?.iso ?? "-") as of \(asOf)")
            compared += 1
        }
        #expect(compared == 400)
    }
}
