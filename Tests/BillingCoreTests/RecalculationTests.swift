import Testing
@testable import BillingCore

@Suite struct RecalculationTests {
    @Test func spreadByDaysRemainderToCurrent() {
        // Streak: October (31 days), November (30); current December (31). Σ days = 92.
        // V = 400: Oct floor(400 × 31 / 92) = floor(134.78) = 134; Nov floor(400 × 30 / 92) = 130;
        // December gets 400 − 264 = 136.
        let streak = [EstimatedPeriod(period: p("2026-10"), method: .average, volumes: [110], billed: k(26895), benefit: .zero, days: 31),
                      EstimatedPeriod(period: p("2026-11"), method: .average, volumes: [110], billed: k(26895), benefit: .zero, days: 30)]
        let s = spreadActualVolume([400], streak: streak, currentDays: 31)
        #expect(s.streakShares == [[134], [130]])
        #expect(s.current == [136])
    }

    @Test func repricedDeltaPerPeriodWithGround() {
        // Billed 110 kWh × 2.4450 = 268.95 in each of Oct and Nov.
        // Oct repriced 134 × 2.4450 = 327.63 → delta 327.63 − 268.95 = 58.68.
        // Nov repriced 130 × 2.4450 = 317.85 → delta 48.90.
        let streak = [EstimatedPeriod(period: p("2026-10"), method: .average, volumes: [110], billed: k(26895), benefit: .zero, days: 31),
                      EstimatedPeriod(period: p("2026-11"), method: .average, volumes: [110], billed: k(26895), benefit: .zero, days: 30)]
        let r = makeRegion().recalculate(category: "urban_gas", zones: 1, streak: streak, actualVolumes: [400], currentDays: 31)
        #expect(r.current == [136])
        #expect(r.lines.map(\.amount) == [k(5868), k(4890)])
        #expect(r.lines.map(\.volumeDelta) == [24, 20])
        #expect(r.lines[0].ground == "Перерасчёт за 10.2026 по фактическим показаниям (п. 61 ПП РФ №354)")
        // One price repriced the share: the document prints it (24 × 2.4450 = 58.68).
        #expect(r.lines.map(\.price) == [PricePer10000(24450), PricePer10000(24450)])
    }

    @Test func creditWhenEstimateWasTooHighAndBenefitFoldsIn() {
        // Benefit 50%. Billed Nov 200 kWh: 489.00, benefit −244.50. Actual 60 kWh over Nov (30) + Dec (31):
        // Nov share floor(60 × 30 / 61) = 29 → 29 × 2.445 = 70.905 → 70.91; benefit −35.455 → −35.46.
        // Line = (70.91 − 35.46) − (489.00 − 244.50) = 35.45 − 244.50 = −209.05 (a credit).
        let streak = [EstimatedPeriod(period: p("2026-11"), method: .norm, volumes: [200], billed: k(48900), benefit: k(-24450), days: 30)]
        let r = makeRegion().recalculate(category: "benefit", zones: 1, streak: streak, actualVolumes: [60], currentDays: 31)
        #expect(r.lines.map(\.amount) == [k(-20905)])
        #expect(r.current == [31])
    }

    @Test func failedPeriodsTakeDaysButGetNoLine() {
        let streak = [EstimatedPeriod(period: p("2026-10"), method: .average, volumes: [110], billed: k(26895), benefit: .zero, days: 31, failed: true)]
        let r = makeRegion().recalculate(category: "urban_gas", zones: 1, streak: streak, actualVolumes: [62], currentDays: 31)
        #expect(r.lines.isEmpty)
        #expect(r.current == [31])
    }

    @Test func twoZoneSpreadPerZone() {
        // T1 100, T2 41 over Nov (30) + Dec (31): T1 floor(3000/61) = 49 → Dec 51; T2 floor(1230/61) = 20 → Dec 21.
        let streak = [EstimatedPeriod(period: p("2026-11"), method: .average, volumes: [50, 20], billed: .zero, benefit: .zero, days: 30)]
        let r = makeRegion().recalculate(category: "urban_gas", zones: 2, streak: streak, actualVolumes: [100, 41], currentDays: 31)
        #expect(r.lines[0].shares == [49, 20])
        #expect(r.current == [51, 21])
        // 49 × 2.80 = 137.20; 20 × 1.50 = 30.00 → 167.20 against 0 billed.
        #expect(r.lines[0].amount == k(16720))
        // Two zone prices: no single price to print.
        #expect(r.lines[0].price == nil)
    }
}
