import Testing
@testable import BillingCore

@Suite struct AccountCloseTests {
    /// Average × 2 → norm → the actual reading arrives → п.61 recalculation lines.
    @Test func estimationSequenceThenRecalculation() {
        var policy = EstimationPolicy()
        policy.averageMaxPeriods = 2
        var drv = CloseDriver(region: makeRegion(estimation: policy), account: person(residents: 2, rooms: 2),
                              meters: [meter(initial: [1000])])
        let readings = [reading(1, taken: "2026-01-24", [1100]), reading(2, taken: "2026-02-24", [1220]),
                        reading(3, taken: "2026-03-24", [1330]), reading(4, taken: "2026-07-24", [1810])]
        for i in 0..<7 { drv.close(p("2026-01").adding(months: i), readings: readings, payments: []) }
        let r = drv.results
        #expect(r.map(\.row.method) == ["actual", "actual", "actual", "average", "average", "norm", "actual"])
        // Average: (100 + 120 + 110) / 3 = 110 kWh × 2.4450 = 268.95 in April and May.
        #expect(r[3].row.volumeKwh.value == 110 && r[3].row.charge == k(26895))
        #expect(r[4].row.charge == k(26895))
        // Norm: 62 kWh × 2 residents = 124 × 2.4450 = 303.18.
        #expect(r[5].row.volumeKwh.value == 124 && r[5].row.charge == k(30318))
        #expect(r[5].meterPeriods[0].current == nil)
        // July: 1810 − 1330 = 480 kWh since the last actual reading, spread over Apr (30), May (31),
        // Jun (30) and Jul (31), Σ = 122 days: Apr floor(480×30/122) = 118, May floor(480×31/122) = 121,
        // Jun 118, July the rest 480 − 357 = 123.
        // Apr: 118 × 2.445 = 288.51 − 268.95 = +19.56; May: 121 × 2.445 = 295.845 → 295.85 − 268.95 = +26.90;
        // Jun: 288.51 − 303.18 = −14.67. July's own: 123 × 2.445 = 300.735 → 300.74.
        let july = r[6]
        let recalcs = july.lines.filter { $0.kind == .recalculation }
        #expect(recalcs.map(\.refPeriod) == [p("2026-04"), p("2026-05"), p("2026-06")])
        #expect(recalcs.map(\.amount) == [k(1956), k(2690), k(-1467)])
        #expect(recalcs[2].ground == "Перерасчёт за 06.2026 по фактическим показаниям (п. 61 ПП РФ №354)")
        #expect(july.row.volumeKwh.value == 123 && july.row.charge == k(30074))
        #expect(july.row.recalculation == k(3179))
        #expect(july.meterPeriods[0].state.history == [[100], [120], [110], [123]])
        #expect(july.meterPeriods[0].state.streak.isEmpty)
        #expect(july.meterPeriods[0].previous == Registers([1330]) && july.meterPeriods[0].current == Registers([1810]))
        for (a, b) in zip(r, r.dropFirst()) { #expect(b.row.balanceIn == a.row.totalDue) }
    }

    @Test func failedMeterAveragesThenNormAndIgnoresReadings() {
        var drv = CloseDriver(region: makeRegion(), account: person(), meters: [meter(initial: [0], nextVerification: "2026-03-15")])
        let readings = [reading(1, taken: "2026-01-24", [100]), reading(2, taken: "2026-02-24", [220]),
                        reading(3, taken: "2026-03-24", [330]), reading(4, taken: "2026-05-24", [600])]
        for i in 0..<7 { drv.close(p("2026-01").adding(months: i), readings: readings, payments: []) }
        #expect(drv.results.map(\.row.method) == ["actual", "actual", "actual", "average", "average", "average", "norm"])
        #expect(drv.results[4].rejected == [RejectedReading(readingId: 4, reason: "meter failed verification")])
        #expect(drv.results[6].meterPeriods[0].state.failedStreak == 4)
    }

    @Test func registryIdentityPaymentsAndLateImport() {
        var drv = CloseDriver(region: makeRegion(), account: person(opening: 50000), meters: [meter(initial: [0])])
        let readings = (0..<4).map { reading(Int64($0 + 1), taken: p("2026-01").adding(months: $0).date(day: 24).iso,
                                             [Int64(100 * ($0 + 1))]) }
        let early = Payment(id: "P1", accountId: "1000000001", paidOn: d("2026-02-05"), amount: k(60000))
        let late = Payment(id: "P2", accountId: "1000000001", paidOn: d("2026-02-20"), amount: k(10000))
        let r1 = drv.close(p("2026-01"), readings: readings, payments: [])
        // Opening balance 500.00 + 100 kWh × 2.445 = 744.50.
        #expect(r1.row.balanceIn == k(50000) && r1.row.charge == k(24450) && r1.row.totalDue == k(74450))
        let r2 = drv.close(p("2026-02"), readings: readings, payments: [early])        // P2 not imported yet
        #expect(r2.row.payments == k(60000) && r2.bookedPaymentIds == ["P1"])
        let r3 = drv.close(p("2026-03"), readings: readings, payments: [early, late])  // P2 arrives late
        #expect(r3.row.payments == k(10000) && r3.bookedPaymentIds == ["P2"])
        #expect(r3.ledger.first { $0.kind == .payment }?.date == d("2026-02-20"))
        let r4 = drv.close(p("2026-04"), readings: readings, payments: [early, late])
        #expect(r4.row.payments == .zero)
        for r in drv.results {
            let row = r.row
            #expect(row.totalDue == row.balanceIn + row.charge + row.recalculation + row.benefit + row.penalty - row.payments)
            #expect(r.ledger.reduce(Kopecks.zero) { $0 + $1.amount } == row.totalDue - row.balanceIn)
        }
        let (failures, totals) = checkInvariants([r1], period: p("2026-01"))
        #expect(failures.isEmpty && totals.accounts == 1)
    }

    @Test func penaltyLineOfAnUnpaidOpeningBalance() {
        // Opening debt 1000.00 due 10.12.2025 (period before the first, January 2026 → Dec 2025 due 10.01.2026).
        // C = 31.03.2026: 2026-01-11 … 2026-03-31 = 21 + 28 + 31 = 80 days → 50 days at 1/300, rate 9.5% (cap).
        // 1000 × 0.095 × 50 / 300 = 15.8333 ₽; plus January's unpaid 303.18 due 10.02.2026: 49 days → 19 at 1/300:
        // 303.18 × 0.095 × 19 / 300 = 1.8241 ₽. Exactly: (100000 × 950 × 650 + 30318 × 950 × 247) / 39 000 000
        // = 68 864 118 700 / 39 000 000 = 1765.74 → 17.66 ₽ (one rounding of the total).
        var drv = CloseDriver(region: makeRegion(), account: person(opening: 100000), meters: [])
        drv.meters = []
        var pens: [Kopecks] = []
        for i in 0..<3 { pens.append(drv.close(p("2026-01").adding(months: i), readings: [], payments: []).row.penaltyTotal) }
        // Feb C = 28.02: 21 + 28 = 49 days → 19 days × 95 / 300 = 6.0167 → 6.02.
        #expect(pens == [.zero, k(602), k(1766)])
        #expect(drv.results[2].row.penalty == k(1164))   // 17.66 − 6.02
        #expect(drv.results[2].lines.last?.kind == .penalty)
        // An account without meters is billed by the norm: 124 kWh × 2.445 = 303.18.
        #expect(drv.results[0].row.method == "norm" && drv.results[0].row.charge == k(30318))
    }

    @Test func normChargedOnceForTwoMetersAndBenefitLine() {
        let acc = person(category: "benefit", residents: 2, rooms: 2)
        let meters = [meter("M2", installed: "2024-01-01"), meter("M1", installed: "2024-01-01")]
        let input = AccountCloseInput(account: acc, meters: meters)
        let r = closeAccount(input, period: p("2026-10"), region: makeRegion(), keyRates: keyRates, penalty: penaltyPolicy)
        // Both meters without history → norm, charged once on M1 (same installed_on, lower id): 124 kWh = 303.18;
        // benefit 50%: −151.59.
        #expect(r.row.method == "norm+norm")
        #expect(r.lines.filter { $0.kind == .energy }.map(\.meterId) == ["M1"])
        #expect(r.row.charge == k(30318) && r.row.benefit == k(-15159))
        #expect(r.lines.last?.kind == .benefit && r.lines.last?.ground == "Льгота 50%")
    }

    @Test func postedRecalculationIsBooked() {
        let input = AccountCloseInput(account: person(), meters: [],
                                      postedRecalcs: [PostedRecalc(refPeriod: p("2026-08"), amount: k(-1234), ground: "Ошибка тарифа")])
        let r = closeAccount(input, period: p("2026-10"), region: makeRegion(), keyRates: keyRates, penalty: penaltyPolicy)
        #expect(r.row.recalculation == k(-1234))
        #expect(r.ledger.contains { $0.kind == .recalculation && $0.document == "Ошибка тарифа" && $0.refPeriod == p("2026-08") })
    }

    @Test func unknownMeterReadingIsRejected() {
        let input = AccountCloseInput(account: person(), meters: [meter()],
                                      candidates: [reading(9, meter: "X", taken: "2026-10-24", [5])])
        let r = closeAccount(input, period: p("2026-10"), region: makeRegion(), keyRates: keyRates, penalty: penaltyPolicy)
        #expect(r.rejected == [RejectedReading(readingId: 9, reason: "unknown meter")])
    }

    @Test func invariantFailuresAreReportedAsData() {
        let r = closeAccount(AccountCloseInput(account: person()), period: p("2026-10"), region: makeRegion(),
                             keyRates: keyRates, penalty: penaltyPolicy)
        var broken = r
        broken.row.totalDue += k(1)
        let (failures, _) = checkInvariants([r, broken], period: p("2026-10"))
        #expect(failures.contains { $0.check == "registry identity" })
        #expect(failures.contains { $0.check == "one result per account" })
        #expect(failures.contains { $0.accountId == "" })
    }
}
