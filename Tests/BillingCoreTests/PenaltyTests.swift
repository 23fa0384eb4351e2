import Testing
@testable import BillingCore

@Suite struct PenaltyTests {
    let household = PenaltyScale(kind: .person, policy: penaltyPolicy)
    let legal = PenaltyScale(kind: .legal, policy: penaltyPolicy)

    func penalty(_ scale: PenaltyScale, amount: Int64, due: String, paid: String?, asOf: String) -> Kopecks {
        let o = Obligation(period: nil, amount: k(amount), arisesOn: d(due).adding(days: -10), dueDate: d(due))
        let pays = paid.map { [Payment(id: "1", accountId: "A", paidOn: d($0), amount: k(amount))] } ?? []
        let a = allocatePayments(obligations: [o], payments: pays, asOf: d(asOf))
        return cumulativePenalty(asOf: d(asOf), allocation: a, scale: scale, keyRates: keyRates)
    }

    @Test func commonScaleIsTheLCM() {
        #expect(household.scale == 3900)   // LCM(300, 130)
        #expect(legal.scale == 130)
    }

    @Test func householdByHand() {
        // 1000.00 due 2025-11-10, paid 2026-03-01: days 2025-11-11 … 2026-03-01 = 20 + 31 + 31 + 28 + 1 = 111.
        // Days 1–30 free; 31–90 = 60 days at 1/300; 91–111 = 21 days at 1/130.
        // Rate on 2026-03-01: key 15.5% capped at 9.5%.
        // 1000 × 0.095 × (60/300 + 21/130) = 95 × 0.361538… = 34.3461… → 34.35 ₽.
        // Exactly: (60 × 13 + 21 × 30) = 1410 / 3900; 100000 × 950 × 1410 / (3900 × 10000) = 3434.615 → 3435.
        #expect(penalty(household, amount: 100000, due: "2025-11-10", paid: "2026-03-01", asOf: "2026-03-31") == k(3435))
        // Paid on day 30: nothing.
        #expect(penalty(household, amount: 100000, due: "2025-11-10", paid: "2025-12-10", asOf: "2026-03-31") == .zero)
    }

    @Test func legalFromDayOne() {
        // The same debt for a legal entity: 111 days at 1/130: 1000 × 0.095 × 111 / 130 = 81.1153… → 81.12 ₽.
        #expect(penalty(legal, amount: 100000, due: "2025-11-10", paid: "2026-03-01", asOf: "2026-03-31") == k(8112))
    }

    @Test func moratoriumDaysCountButWeighNothing() {
        // 1000.00 due 2022-03-10, paid 2022-10-31: days 2022-03-11 … 2022-10-31 = 235.
        // Moratorium 2022-04-01 … 2022-09-30 = days 22 … 204 weigh 0 (they still count, so day 205 is 01.10).
        // Weighted: days 205–235 = 31 days at 1/130. Rate on 31.10.2022: key 7.5% (< cap 9.5%).
        // 1000 × 0.075 × 31 / 130 = 17.8846 → 17.88 ₽.
        #expect(penalty(household, amount: 100000, due: "2022-03-10", paid: "2022-10-31", asOf: "2022-10-31") == k(1788))
    }

    @Test func lowerKeyRateBeatsTheCap() {
        // 2023: key 7.5% < cap 9.5%. 1000.00 due 2023-01-10, paid 2023-05-10: 21 + 28 + 31 + 30 + 10 = 120 days.
        // 60 days at 1/300 + 30 days at 1/130: 1000 × 0.075 × (0.2 + 0.230769) = 32.3077 → 32.31 ₽.
        #expect(penalty(household, amount: 100000, due: "2023-01-10", paid: "2023-05-10", asOf: "2023-05-31") == k(3231))
    }

    @Test func unpaidRunsThroughCalculationDayAtItsRate() {
        // Unpaid 1000.00 due 2025-11-10, C = 2026-01-31: 20 + 31 + 31 = 82 days → 52 days at 1/300.
        // Rate on C: 16% capped 9.5%. 1000 × 0.095 × 52 / 300 = 16.4667 → 16.47 ₽.
        #expect(penalty(household, amount: 100000, due: "2025-11-10", paid: nil, asOf: "2026-01-31") == k(1647))
    }

    @Test func cumulativeIncrementAcrossCloses() {
        // The same unpaid debt closed at the end of January then February: the increment of February is
        // total(28.02) − total(31.01). Feb: 110 days: 60 at 1/300 + 20 at 1/130 → 95 × (0.2 + 0.153846) = 33.6154 → 33.62.
        let jan = penalty(household, amount: 100000, due: "2025-11-10", paid: nil, asOf: "2026-01-31")
        let feb = penalty(household, amount: 100000, due: "2025-11-10", paid: nil, asOf: "2026-02-28")
        #expect(feb == k(3362))
        #expect(feb - jan == k(1715))
    }

    @Test func generalStepsUseTheLCM() {
        // Three steps 1/100 from day 1, 1/150 from day 11, 1/7 from day 21: LCM = 2100.
        let policy = PenaltyPolicy(household: [.init(fromDay: 1, denominator: 100), .init(fromDay: 11, denominator: 150),
                                               .init(fromDay: 21, denominator: 7)], legal: [], rateCaps: [], moratoria: [])
        let s = PenaltyScale(kind: .person, policy: policy)
        #expect(s.scale == 2100)
        // 25 days: 10 × 21 + 10 × 14 + 5 × 300 = 1850.
        #expect(s.weightSum(due: d("2026-01-10"), days: 25) == 1850)
    }

    @Test func oneRoundingOfTheAccountTotal() {
        // Two slices of 0.5 kopeck each round to 1 kopeck together, not 1 + 1.
        // 100 kopecks, legal 1/130, 9.5%: per day 100 × 950 × 1 / 1300000 = 0.0731 kop;
        // 7 days each for two obligations: 0.5115 each → total 1.0231 → 1 kopeck (two roundings would give 2).
        let os = [Obligation(period: nil, amount: k(100), arisesOn: d("2025-10-31"), dueDate: d("2025-11-10")),
                  Obligation(period: nil, amount: k(100), arisesOn: d("2025-10-31"), dueDate: d("2025-11-10"))]
        let a = allocatePayments(obligations: os, payments: [], asOf: d("2025-11-17"))
        #expect(cumulativePenalty(asOf: d("2025-11-17"), allocation: a, scale: legal, keyRates: keyRates) == k(1))
    }
}
