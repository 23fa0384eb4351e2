import Testing
@testable import BillingCore

@Suite struct PricingTests {
    @Test func roundingHalfAwayFromZero() {
        // 1 kWh × 2.4450 ₽: 24450 / 100 = 244.5 kopecks → 245 (2.45 ₽).
        #expect(PricePer10000(24450).amount(for: KilowattHours(1)) == k(245))
        // The negative half: −244.5 → −245 (away from zero, not toward +∞).
        #expect(PricePer10000(24450).amount(for: KilowattHours(-1)) == k(-245))
        #expect(divideRoundingHalfAwayFromZero(Int64(-24449), 100) == -244)
        #expect(divideRoundingHalfAwayFromZero(Int128(-24450), 100) == -245)
    }

    @Test func singleTwoAndThreeZone() {
        let r = makeRegion()
        // Single: 150 kWh × 2.4450 = 366.75 ₽.
        let single = r.price(category: "urban_gas", period: p("2026-10"), zoneVolumes: [150])
        #expect(single.map(\.amount) == [k(36675)])
        #expect(single[0].zone == "" && single[0].tier == 1 && single[0].key == .single)
        // Two-zone: T1 100 × 2.80 = 280.00; T2 50 × 1.50 = 75.00.
        let two = r.price(category: "urban_gas", period: p("2026-10"), zoneVolumes: [100, 50])
        #expect(two.map(\.zone) == ["T1", "T2"])
        #expect(two.map(\.key) == [.day, .night])
        #expect(two.map(\.amount) == [k(28000), k(7500)])
        // Three-zone T1 peak 30 × 3.20 = 96.00; T2 night 50 × 1.50 = 75.00; T3 semi 20 × 2.445 = 48.90.
        let three = r.price(category: "urban_gas", period: p("2026-10"), zoneVolumes: [30, 50, 20])
        #expect(three.map(\.key) == [.peak, .night3, .semi])
        #expect(three.map(\.amount) == [k(9600), k(7500), k(4890)])
        // A norm on any meter: the single price.
        let norm = r.price(category: "urban_gas", period: p("2026-10"), zoneVolumes: [100], norm: true)
        #expect(norm.map(\.amount) == [k(24450)])
    }

    func irkutsk() -> RegionRules {
        func prices(_ day: Int64, _ night: Int64, _ single: Int64) -> [PriceKey: PricePer10000] {
            [.day: PricePer10000(day), .night: PricePer10000(night), .single: PricePer10000(single)]
        }
        return makeRegion(tariffs: [TariffVersion(category: "urban_gas", from: d("2025-07-01"), tiers: [
            TariffTier(upToKwh: 3900, prices: prices(18000, 10000, 15000)),
            TariffTier(upToKwh: 6000, prices: prices(27000, 15000, 22500)),
            TariffTier(upToKwh: nil, prices: prices(60000, 40000, 50000)),
        ])])
    }

    @Test func irkutskTiersWithZoneSplit() {
        // 4500 kWh, zones T1 3000 / T2 1500, thresholds 3900 / 6000.
        // Tier 1 = 3900: T1 = round(3900 × 3000 / 4500) = 2600, T2 = 3900 − 2600 = 1300.
        // Tier 2 = 600 (the last tier with volume): the rest of each zone, T1 400, T2 200.
        // Amounts: 2600 × 1.80 = 4680.00; 1300 × 1.00 = 1300.00; 400 × 2.70 = 1080.00; 200 × 1.50 = 300.00.
        let lines = irkutsk().price(category: "urban_gas", period: p("2025-10"), zoneVolumes: [3000, 1500])
        #expect(lines.map(\.tier) == [1, 1, 2, 2])
        #expect(lines.map(\.zone) == ["T1", "T2", "T1", "T2"])
        #expect(lines.map(\.volume.value) == [2600, 1300, 400, 200])
        #expect(lines.map(\.amount) == [k(468000), k(130000), k(108000), k(30000)])
    }

    @Test func tiersOfASecondMeterStartAfterTheFirst() {
        // The first meter used 3000 kWh; this one's 1500 kWh occupy 3000...4500: 900 in tier 1, 600 in tier 2.
        let lines = irkutsk().price(category: "urban_gas", period: p("2025-10"), zoneVolumes: [1500], precedingVolume: 3000)
        #expect(lines.map(\.volume.value) == [900, 600])
        #expect(lines.map(\.amount) == [k(135000), k(135000)])   // 900 × 1.50; 600 × 2.25
    }

    @Test func tierSplitNeverGoesNegative() {
        // Rounding half up could over-assign: tier 1 of 1 kWh for zones 1/1/0 (T1 takes it, T2 none).
        let split = splitAcrossTiers(tiers: [TariffTier(upToKwh: 1, prices: [:]), TariffTier(upToKwh: nil, prices: [:])],
                                     zoneVolumes: [1, 1, 0], offset: 0, days: 30, monthDays: 30)
        #expect(split == [[1, 0, 0], [0, 1, 0]])
    }

    @Test func tariffChangeInsideThePeriodSplitsByDays() {
        // July 2026 (31 days), a new version from 15 July: part 1 = 14 days, part 2 = 17 days.
        // 100 kWh: part 1 = floor(100 × 14 / 31) = 45, part 2 = 55 (the remainder to the later part).
        // 45 × 2.4450 = 110.025 → 110.03; 55 × 3.0000 = 165.00.
        let r = makeRegion(tariffs: [
            TariffVersion(category: "urban_gas", from: d("2026-01-01"), tiers: [TariffTier(upToKwh: nil, prices: standardPrices())]),
            TariffVersion(category: "urban_gas", from: d("2026-07-15"), tiers: [TariffTier(upToKwh: nil, prices: [.single: PricePer10000(30000)])]),
        ])
        #expect(r.tariffParts(category: "urban_gas", period: p("2026-07")).map(\.days) == [14, 17])
        let lines = r.price(category: "urban_gas", period: p("2026-07"), zoneVolumes: [100])
        #expect(lines.map(\.volume.value) == [45, 55])
        #expect(lines.map(\.amount) == [k(11003), k(16500)])
        #expect(r.tariff(category: "urban_gas", on: d("2026-07-14"))?.from == d("2026-01-01"))
        #expect(r.tariff(category: "urban_gas", on: d("2026-07-15"))?.from == d("2026-07-15"))
        #expect(r.tariff(category: "nope", on: d("2026-07-15")) == nil)
    }

    @Test func deadlineAndDueDate() {
        let r = makeRegion()
        #expect(r.deadline(for: p("2026-10")) == ts("2026-10-25 23:59:59"))
        // Due the 10th through the period February 2026, the 15th from March 2026.
        #expect(r.dueDate(for: p("2026-02")) == d("2026-03-10"))
        #expect(r.dueDate(for: p("2026-03")) == d("2026-04-15"))
        #expect(r.dueDate(for: p("2026-12")) == d("2027-01-15"))
    }
}
