import BillingCore

/// Shared test fixtures: a small region with round prices, key rates of DOMAIN.md
/// and the penalty policy of ЖК ст.155 / ФЗ-35.
func d(_ s: String) -> CivilDate { CivilDate(s)! }
func p(_ s: String) -> Period { Period(s)! }
func ts(_ s: String) -> LocalTimestamp { LocalTimestamp(s)! }
func k(_ v: Int64) -> Kopecks { Kopecks(v) }

/// Prices of one tier: single 2.4450, day 2.80, night 1.50, peak 3.20, semi 2.4450, night3 1.50.
func standardPrices(scale: Int64 = 1) -> [PriceKey: PricePer10000] {
    [.single: PricePer10000(24450 * scale), .day: PricePer10000(28000 * scale), .night: PricePer10000(15000 * scale),
     .peak: PricePer10000(32000 * scale), .semi: PricePer10000(24450 * scale), .night3: PricePer10000(15000 * scale)]
}

func makeRegion(tariffs: [TariffVersion]? = nil, estimation: EstimationPolicy = EstimationPolicy()) -> RegionRules {
    let row: [Int64] = [100000, 62000, 48000, 39000, 34000]   // 100, 62, 48, 39, 34 kWh per person
    let row4: [Int64] = [150000, 93000, 72000, 58000, 45500]  // 4+ rooms: ... 45.5 kWh per person for 5+
    let table = [row, row, row, row4]
    return RegionRules(
        code: "TST", title: "Test", utcOffsetMinutes: 300,
        supplier: Supplier(name: "S", inn: "1", kpp: "2", account: "3", bank: "B", bic: "4", corrAccount: "5"),
        readingWindows: [Effective(from: d("2020-01-01"), value: ReadingWindow(firstDay: 23, lastDay: 25))],
        dueDays: [Effective(from: d("2020-01-01"), value: 10), Effective(from: d("2026-03-01"), value: 15)],
        estimation: estimation,
        categories: [
            "urban_gas": Category(code: "urban_gas", title: "Gas", stove: .gas, rural: false),
            "benefit": Category(code: "benefit", title: "Benefit", stove: .gas, rural: false,
                                benefitPercentCenti: 5000, benefitGround: "Льгота 50%"),
            "legal": Category(code: "legal", title: "Legal", stove: .electric, rural: false),
        ],
        norms: [.gas: table, .electric: table],
        tariffs: tariffs ?? [
            TariffVersion(category: "urban_gas", from: d("2020-01-01"), tiers: [TariffTier(upToKwh: nil, prices: standardPrices())]),
            TariffVersion(category: "benefit", from: d("2020-01-01"), tiers: [TariffTier(upToKwh: nil, prices: standardPrices())]),
            TariffVersion(category: "legal", from: d("2020-01-01"), tiers: [TariffTier(upToKwh: nil, prices: standardPrices(scale: 2))]),
        ])
}

let keyRates = KeyRates(changes: [
    ("2020-02-10", 600), ("2020-04-27", 550), ("2020-06-22", 450), ("2020-07-27", 425),
    ("2021-03-22", 450), ("2021-04-26", 500), ("2021-06-15", 550), ("2021-07-26", 650), ("2021-09-13", 675),
    ("2021-10-25", 750), ("2021-12-20", 850),
    ("2022-02-14", 950), ("2022-02-28", 2000), ("2022-04-11", 1700), ("2022-05-04", 1400), ("2022-05-27", 1100),
    ("2022-06-14", 950), ("2022-07-25", 800), ("2022-09-19", 750),
    ("2023-07-24", 850), ("2023-08-15", 1200), ("2023-09-18", 1300), ("2023-10-30", 1500), ("2023-12-18", 1600),
    ("2024-07-29", 1800), ("2024-09-16", 1900), ("2024-10-28", 2100),
    ("2025-06-09", 2000), ("2025-07-28", 1800), ("2025-09-15", 1700), ("2025-10-27", 1650), ("2025-12-22", 1600),
    ("2026-02-16", 1550),
].map { Effective(from: d($0.0), value: Int64($0.1)) })

let penaltyPolicy = PenaltyPolicy(
    household: [.init(fromDay: 31, denominator: 300), .init(fromDay: 91, denominator: 130)],
    legal: [.init(fromDay: 1, denominator: 130)],
    rateCaps: [.init(from: d("2022-02-28"), to: d("2026-12-31"), percentCenti: 950, ground: "ПП №474")],
    moratoria: [.init(from: d("2020-04-06"), to: d("2020-12-31"), ground: "ПП №424"),
                .init(from: d("2022-04-01"), to: d("2022-09-30"), covers: .arisenBeforeStart, ground: "ПП №497")])

func person(_ id: String = "1000000001", category: String = "urban_gas", residents: Int = 2, rooms: Int = 2,
            opening: Int64 = 0, kind: AccountKind = .person) -> Account {
    Account(id: id, holder: "H", address: "A", region: "TST", category: category, kind: kind,
            residents: residents, rooms: rooms, openingBalance: Kopecks(opening))
}

func meter(_ id: String = "M1", account: String = "1000000001", zones: Int = 1, digits: Int = 5,
           installed: String = "2020-01-01", initial: [Int64]? = nil, nextVerification: String? = nil,
           removed: String? = nil, ratio: Int64 = 1) -> Meter {
    Meter(id: id, accountId: account, zones: zones, digits: digits, ratio: ratio, installedOn: d(installed),
          nextVerificationOn: nextVerification.map(d), initial: Registers(initial ?? Array(repeating: 0, count: zones)),
          removedOn: removed.map(d))
}

func reading(_ id: Int64, meter: String = "M1", account: String = "1000000001", taken: String, received: String? = nil,
             source: ReadingSource = .lk, _ values: [Int64], correction: Bool = false) -> Reading {
    Reading(id: id, accountId: account, meterId: meter, takenOn: d(taken),
            receivedAt: ts(received ?? (taken + " 12:00:00")), source: source, registers: Registers(values),
            isCorrection: correction)
}
