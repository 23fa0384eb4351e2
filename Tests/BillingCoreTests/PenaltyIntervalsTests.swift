import Testing
@testable import BillingCore

/// The claim's penalty table is the engine's penalty cut into rows: per slice the rows
/// add up to `PenaltyScale.numerator` exactly, and the kopecks of all rows to `cumulativePenalty`.
@Suite struct PenaltyIntervalsTests {
    let household = PenaltyScale(kind: .person, policy: penaltyPolicy)
    let legal = PenaltyScale(kind: .legal, policy: penaltyPolicy)

    /// January 2022, 1000.00 due 10.02.2022, still unpaid on 31.01.2027 (rate 15.5 % on that day):
    /// free 11.02–12.03 (30 days); 13.03–31.03 19 days at 1/300 and the 9.5 % cap; the ПП №497
    /// moratorium 01.04–11.05 (1/300) and 12.05–30.09 (1/130, day 91 is 12.05); 01.10.2022–31.12.2026
    /// 1553 days at 1/130 and 9.5 %; 01.01–31.01.2027 31 days at 1/130 and 15.5 %.
    @Test func rowsOfADebtThatCrossesEveryEdge() throws {
        let rows = try #require(household.intervals(amount: k(100000), due: d("2022-02-10"), arisesOn: d("2022-01-31"),
                                                    through: d("2027-01-31"), keyRates: keyRates))
        let shown = rows.map { "\($0.from) \($0.to) \($0.days) \($0.denominator ?? 0) \($0.ratePercentCenti) \($0.moratorium?.ground ?? "-")" }
        #expect(shown == [
            "2022-02-11 2022-03-12 30 0 950 -",
            "2022-03-13 2022-03-31 19 300 950 -",
            "2022-04-01 2022-05-11 41 300 950 ПП №497",
            "2022-05-12 2022-09-30 142 130 950 ПП №497",
            "2022-10-01 2026-12-31 1553 130 950 -",
            "2027-01-01 2027-01-31 31 130 1550 -",
        ])
        let unit = Int128(household.scale) * 10000
        // 1000 × 19/300 × 9.5 % = 6.0166…; 1000 × 1553/130 × 9.5 % = 1134.8846…; 1000 × 31/130 × 15.5 % = 36.9615…
        #expect(rows.map { $0.numerator * 100 / unit } == [0, 60166, 0, 0, 11348846, 369615])   // hundredths of a kopeck
        #expect(rows.reduce(Int128(0)) { $0 + $1.numerator }
                == household.numerator(amount: k(100000), due: d("2022-02-10"), arisesOn: d("2022-01-31"),
                                       through: d("2027-01-31"), keyRates: keyRates))
        // 6.0166 + 1134.8846 + 36.9615 = 1177.8628 → 1177.86; rows 6.02 + 1134.88 + 36.96.
        #expect(household.kopecksAddingUp(rows.map(\.numerator)) == [0, 602, 0, 0, 113488, 3696].map(k))
    }

    @Test func aDebtPaidInTimeHasNoRows() {
        #expect(household.intervals(amount: k(100000), due: d("2025-02-10"), arisesOn: d("2025-01-31"),
                                    through: d("2025-02-10"), keyRates: keyRates) == [])
    }

    @Test func kopecksAddUpToTheRoundedTotal() {
        // Three rows of exactly half a kopeck: 1.5 kopecks in all → 2; the first two take them.
        let half = Int128(household.scale) * 10000 / 2
        #expect(household.kopecksAddingUp([half, half, half]) == [k(1), k(1), k(0)])
        #expect(household.kopecksAddingUp([]) == [])
    }

    /// Seeded random histories over 2020–2028 (both moratoria, the cap and its end, rates
    /// above and below it), both account kinds: the rows of every slice add up to its
    /// numerator, cover its days one by one, and the kopecks of all rows are the engine's penalty.
    @Test func seededHistoriesAgreeToTheKopeck() throws {
        var rng = SplitMix64(state: 17_2026)
        for case_ in 0..<400 {
            let scale = case_ % 5 == 0 ? legal : household
            var obligations: [Obligation] = [], payments: [Payment] = []
            let start = Period(index: p("2020-02").index + Int(rng.int(0...70)))
            let months = Int(rng.int(1...30))
            for m in 0..<months {
                let period = start.adding(months: m)
                let amount = rng.chance(8) ? -rng.int(1...20_000) : rng.int(0...300_000)
                obligations.append(Obligation(period: period, amount: k(amount), arisesOn: period.lastDay,
                                              dueDate: period.next.date(day: Int(rng.int(10...15)))))
                for _ in 0..<Int(rng.int(0...2)) where rng.chance(60) {
                    let day = period.next.adding(months: Int(rng.int(0...14))).date(day: Int(rng.int(1...28)))
                    payments.append(Payment(id: "P\(case_)-\(m)-\(payments.count)", accountId: "A", paidOn: day,
                                            amount: k(rng.int(1...400_000)),
                                            period: rng.chance(20) ? period : nil))
                }
            }
            let asOf = start.adding(months: months + Int(rng.int(0...40))).date(day: Int(rng.int(1...31)))
            let allocation = allocatePayments(obligations: obligations, payments: payments, asOf: asOf)
            let slices = try #require(penaltySlices(asOf: asOf, allocation: allocation, scale: scale, keyRates: keyRates))
            var all: [Int128] = []
            for s in slices {
                let through = s.settledOn ?? asOf
                let o = s.obligation
                let exact = scale.numerator(amount: s.amount, due: o.dueDate, arisesOn: o.arisesOn, through: through,
                                            keyRates: keyRates)
                #expect(s.intervals.reduce(Int128(0)) { $0 + $1.numerator } == exact, "case \(case_)")
                #expect(s.intervals.first?.from == o.dueDate.adding(days: 1) && s.intervals.last?.to == through)
                #expect(s.intervals.reduce(0) { $0 + $1.days } == o.dueDate.days(until: through))
                for (a, b) in zip(s.intervals, s.intervals.dropFirst()) { #expect(a.to.adding(days: 1) == b.from) }
                all += s.intervals.map(\.numerator)
            }
            let rows = scale.kopecksAddingUp(all)
            let engine = cumulativePenalty(asOf: asOf, allocation: allocation, scale: scale, keyRates: keyRates)
            #expect(rows.reduce(.zero, +) == engine, "case \(case_)")
            let unit = Int128(scale.scale) * 10000
            for (r, n) in zip(rows, all) { #expect(Int128(r.value) * unit - n < unit && n - Int128(r.value) * unit < unit) }
        }
    }
}
