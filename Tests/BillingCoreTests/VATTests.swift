import Testing
@testable import BillingCore

/// VAT of legal entities (SPEC "Legal entities: VAT and invoices"), figures worked by hand.
@Suite struct VATTests {
    static let rates = VATRates(changes: [Effective(from: d("2019-01-01"), value: 2000),
                                          Effective(from: d("2026-01-01"), value: 2200)])

    /// The test region with its `legal` category priced without VAT at 5.0000 ₽/kWh
    /// (every key); households are due on the 10th, legal entities on the 18th (the default).
    static func region() -> RegionRules {
        var r = makeRegion()
        r.categories["legal"]?.vatExcluded = true
        r.vatRates = rates
        let five = Dictionary(uniqueKeysWithValues: PriceKey.allCases.map { ($0, PricePer10000(50000)) })
        r.tariffs = r.tariffs.filter { $0.category != "legal" }
            + [TariffVersion(category: "legal", from: d("2020-01-01"), tiers: [TariffTier(upToKwh: nil, prices: five)])]
        return r
    }

    /// ПП442 п.82: a legal entity settles the month by the 18th of the next month.
    @Test func legalEntitiesAreDueOnThe18th() {
        let r = Self.region()
        #expect(r.dueDate(for: p("2025-01"), kind: .legal) == d("2025-02-18"))
        #expect(r.dueDate(for: p("2025-01"), kind: .person) == d("2025-02-10"))
        #expect(r.dueDate(for: p("2026-03"), kind: .person) == d("2026-04-15"))
    }

    @Test func rateInForceOnThePeriodsLastDay() {
        #expect(Self.rates.percentCenti(charging: p("2025-12")) == 2000)
        #expect(Self.rates.percentCenti(charging: p("2026-01")) == 2200)
        #expect(Self.rates.percentCenti(on: d("2025-12-31")) == 2000)
        #expect(Self.rates.percentCenti(on: d("2026-01-01")) == 2200)
    }

    @Test func tenThousandNet() {
        // 10 000,00 × 22% = 2 200,00 → 12 200,00; in 2025 × 20% = 2 000,00 → 12 000,00.
        let y2026 = VATPart.onNet(k(1_000_000), percentCenti: 2200)
        #expect(y2026.vat == k(220_000) && y2026.gross == k(1_220_000))
        let y2025 = VATPart.onNet(k(1_000_000), percentCenti: 2000)
        #expect(y2025.vat == k(200_000) && y2025.gross == k(1_200_000))
    }

    @Test func halfAKopeckRoundsAwayFromZero() {
        // 0,25 × 22% = 0,055 → 0,06; −0,25 → −0,06; 0,75 × 22% = 0,165 → 0,17; 0,02 × 22% = 0,0044 → 0.
        #expect(VATPart.onNet(k(25), percentCenti: 2200).vat == k(6))
        #expect(VATPart.onNet(k(-25), percentCenti: 2200).vat == k(-6))
        #expect(VATPart.onNet(k(75), percentCenti: 2200).vat == k(17))
        #expect(VATPart.onNet(k(2), percentCenti: 2200).vat == k(0))
        // Within an amount: 122,00 holds 22,00 at 22%; 0,61 holds 0,61 × 22/122 = 0,11 (0,11 exactly 0,1100).
        let within = VATPart.within(k(12_200), percentCenti: 2200)
        #expect(within.vat == k(2_200) && within.net == k(10_000))
        // 1,00 at 20%: 100 × 20/120 = 16,67 kop → 17; net 83.
        let odd = VATPart.within(k(100), percentCenti: 2000)
        #expect(odd.vat == k(17) && odd.net == k(83))
    }

    @Test func benefitAndPenaltyLinesCarryNoVAT() {
        let penalty = ChargeLine(kind: .penalty, amount: k(32_446))
        #expect(penalty.addingVAT(rates: Self.rates, period: p("2026-01")) == penalty)
        let benefit = ChargeLine(kind: .benefit, amount: k(-100))
        #expect(benefit.addingVAT(rates: Self.rates, period: p("2026-01")) == benefit)
    }

    /// 2 000 kWh × 5,0000 = 10 000,00 net in a 2026 period → VAT 2 200,00 → 12 200,00 owed.
    @Test func energyLineOfA2026Period() {
        var drv = CloseDriver(region: Self.region(), account: person(category: "legal", kind: .legal),
                              meters: [meter(initial: [0])])
        let r = drv.close(p("2026-01"), readings: [reading(1, taken: "2026-01-24", [2000])], payments: [])
        let energy = r.lines.filter { $0.kind == .energy }
        #expect(energy.count == 1)
        #expect(energy[0].vat == VATPart(net: k(1_000_000), ratePercentCenti: 2200, vat: k(220_000)))
        #expect(energy[0].amount == k(1_220_000))
        #expect(r.row.charge == k(1_220_000) && r.row.totalDue == k(1_220_000))
        #expect(r.ledger.map(\.amount) == [k(1_220_000)])
        #expect(checkInvariants([r], period: p("2026-01")).failures.isEmpty)
    }

    /// Households keep VAT-included prices: no split on their lines.
    @Test func householdLinesStayAsTheyWere() {
        var drv = CloseDriver(region: Self.region(), account: person(), meters: [meter(initial: [0])])
        let r = drv.close(p("2026-01"), readings: [reading(1, taken: "2026-01-24", [100])], payments: [])
        #expect(r.lines.allSatisfy { $0.vat == nil })
        #expect(r.row.charge == k(24_450))
    }

    /// Aug–Oct 2025 actual (1 000 kWh each), Nov and Dec 2025 average (1 000 kWh), the
    /// actual reading of January 2026 (6 100): 3 100 kWh over Nov (30 days), Dec (31),
    /// Jan (31) = 92 days → Nov ⌊3100×30/92⌋ = 1 010, Dec ⌊3100×31/92⌋ = 1 044, Jan 1 046.
    /// Nov: (1 010 − 1 000) × 5 = 50,00 net + 20% 10,00 = 60,00; Dec: 44 × 5 = 220,00 + 44,00
    /// = 264,00 (both 2025 periods at 20%); Jan: 1 046 × 5 = 5 230,00 + 22% 1 150,60 = 6 380,60.
    @Test func recalculationOfA2025PeriodIn2026CarriesTwentyPercent() {
        var drv = CloseDriver(region: Self.region(), account: person(category: "legal", kind: .legal),
                              meters: [meter(initial: [0])])
        let readings = [reading(1, taken: "2025-08-24", [1000]), reading(2, taken: "2025-09-24", [2000]),
                        reading(3, taken: "2025-10-24", [3000]), reading(4, taken: "2026-01-24", [6100])]
        for i in 0..<6 { drv.close(p("2025-08").adding(months: i), readings: readings, payments: []) }
        let r = drv.results
        #expect(r.map(\.row.method) == ["actual", "actual", "actual", "average", "average", "actual"])
        #expect(r[3].row.charge == k(600_000))     // 5 000,00 + 1 000,00 VAT
        let jan = r[5]
        let recalcs = jan.lines.filter { $0.kind == .recalculation }
        #expect(recalcs.map(\.refPeriod) == [p("2025-11"), p("2025-12")])
        #expect(recalcs.map(\.vat) == [VATPart(net: k(5_000), ratePercentCenti: 2000, vat: k(1_000)),
                                       VATPart(net: k(22_000), ratePercentCenti: 2000, vat: k(4_400))])
        #expect(recalcs.map(\.amount) == [k(6_000), k(26_400)])
        #expect(jan.row.charge == k(638_060) && jan.row.recalculation == k(32_400))
        #expect(checkInvariants([jan], period: p("2026-01")).failures.isEmpty)
    }

    /// A recalculation posted with `recalc --post` is a difference of amounts with VAT:
    /// 120,00 for December 2025 holds 20,00 at 20%.
    @Test func postedRecalculationHoldsItsVAT() {
        var drv = CloseDriver(region: Self.region(), account: person(category: "legal", kind: .legal),
                              meters: [meter(initial: [0])])
        let r = drv.close(p("2026-01"), readings: [reading(1, taken: "2026-01-24", [0])], payments: [],
                          posted: [PostedRecalc(refPeriod: p("2025-12"), amount: k(12_000), ground: "Перерасчёт")])
        let line = r.lines.first { $0.kind == .recalculation }
        #expect(line?.vat == VATPart(net: k(10_000), ratePercentCenti: 2000, vat: k(2_000)))
        #expect(line?.amount == k(12_000) && r.row.recalculation == k(12_000))
    }

    /// A legal debt of January 2025 (12 000,00 with VAT) due 18.02.2025, paid 27.03.2025:
    /// 37 days (19.02–27.03) × 1/130 × 9,5% (the ПП №474 cap; the key rate was 21%)
    /// = 12 000 × 37 × 0,095 / 130 = 324,4615… → 324,46, with no VAT on the penalty line.
    @Test func legalPenaltyCarriesNoVAT() {
        var account = person(category: "legal", opening: 1_200_000, kind: .legal)
        account.openedOn = d("2025-01-01")
        var drv = CloseDriver(region: Self.region(), account: account, meters: [meter(initial: [0])])
        let readings = [reading(1, taken: "2025-02-24", [0]), reading(2, taken: "2025-03-24", [0])]
        let paid = Payment(id: "P1", accountId: account.id, paidOn: d("2025-03-27"), amount: k(1_200_000))
        drv.close(p("2025-02"), readings: readings, payments: [paid])
        let march = drv.close(p("2025-03"), readings: readings, payments: [paid])
        #expect(march.row.penaltyTotal == k(32_446))
        let penalty = march.lines.filter { $0.kind == .penalty }
        #expect(penalty.count == 1 && penalty[0].vat == nil)
        #expect(march.lines.filter { $0.kind == .energy }.allSatisfy { $0.amount == .zero })
    }
}
