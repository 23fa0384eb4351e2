import Testing
import BillingCore
@testable import BillingInput

/// A small but complete region file (two-tier tariff, a benefit category).
let regionFixture = #"""
{
  "region": "TST", "title": "Тестовая область", "utc_offset": "+05:00",
  "supplier": { "name": "ООО «Тестэнергосбыт»", "inn": "7453320202", "kpp": "745301001",
    "account": "40702810000000000001", "bank": "ПАО Банк", "bic": "047501602", "corr_account": "30101810000000000602", "sample": true },
  "reading_window": [ { "from": "2020-01-01", "first_day": 23, "last_day": 25 } ],
  "due_day": [ { "from": "2020-01-01", "day": 10 }, { "from": "2026-03-01", "day": 15 } ],
  "estimation": { "average_periods": 6, "average_min_periods": 3, "average_max_periods": 6,
    "norm_coefficient": "1.5", "max_monthly_kwh": 10000 },
  "categories": {
    "urban_gas": { "title": "Город, газ", "stove": "gas", "rural": false },
    "benefit": { "title": "Льгота", "stove": "electric", "rural": true, "benefit_percent": "50", "benefit_ground": "Закон №1" }
  },
  "norms": {
    "gas": { "1": ["86", "53", "41", "33", "29.5"], "2": ["1","1","1","1","1"], "3": ["1","1","1","1","1"], "4": ["1","1","1","1","1"] },
    "electric": { "1": ["1","1","1","1","1"], "2": ["1","1","1","1","1"], "3": ["1","1","1","1","1"], "4": ["1","1","1","1","1"] }
  },
  "tariffs": [
    { "category": "urban_gas", "from": "2025-07-01",
      "rates": [ { "single": "5.27", "day": "5.80", "night": "3.16", "peak": "6.32", "semi": "5.27", "night3": "3.16" } ] },
    { "category": "benefit", "from": "2025-07-01",
      "rates": [ { "up_to_kwh": 3900, "single": "1.246", "day": "1.3", "night": "1", "peak": "1.5", "semi": "1.246", "night3": "1" },
                 { "single": "2", "day": "2", "night": "2", "peak": "2", "semi": "2", "night3": "2" } ] }
  ],
  "registers": { "two": ["day", "night"], "three": ["peak", "night3", "semi"] }
}
"""#

@Suite struct TariffFileTests {
    @Test func regionJSONMapsToRules() throws {
        let r = try loadRegionRules(json: bytes(regionFixture), file: "tariffs/TST.json")
        #expect(r.code == "TST" && r.utcOffsetMinutes == 300)
        #expect(r.supplier.bic == "047501602" && r.supplier.isSample)
        #expect(r.readingWindows == [Effective(from: CivilDate(year: 2020, month: 1, day: 1)!, value: ReadingWindow(firstDay: 23, lastDay: 25))])
        #expect(r.dueDays.inForce(on: CivilDate(year: 2026, month: 3, day: 1)!) == 15)
        #expect(r.estimation.normCoefficient == 15000 && r.estimation.averageMaxPeriodsLegal == 3)
        #expect(r.categories["benefit"]?.benefitPercentCenti == 5000)
        #expect(r.norms[.gas]?[0] == [86000, 53000, 41000, 33000, 29500])
        let benefit = r.tariffs.first { $0.category == "benefit" }!
        #expect(benefit.tiers.count == 2 && benefit.tiers[0].upToKwh == 3900 && benefit.tiers[1].upToKwh == nil)
        #expect(benefit.tiers[0].prices[.single] == PricePer10000(12460))
        #expect(r.threeZoneKeys == [.peak, .night3, .semi])
    }

    @Test func errorsNameFileAndJSONPath() {
        func err(_ from: String, _ to: String) -> String {
            let text = regionFixture.replacingOccurrences(of: from, with: to)
            do { _ = try loadRegionRules(json: bytes(text), file: "tariffs/TST.json"); return "no error" } catch { return "\(error)" }
        }
        #expect(err(#""up_to_kwh": 3900, "single": "1.246", "day": "1.3", "night": "1""#,
                    #""up_to_kwh": 3900, "single": "1.246", "day": "1.3", "night": "cheap""#)
                == "tariffs/TST.json: tariffs[1].rates[0].night: not a price: \"cheap\"")
        #expect(err(#""category": "urban_gas", "from""#, #""category": "urban_oil", "from""#)
                == "tariffs/TST.json: tariffs[0].category: unknown category \"urban_oil\" (not in categories)")
        #expect(err(#""bic": "047501602""#, #""bic": "0475""#) == "tariffs/TST.json: supplier.bic: expected 9 digits")
        #expect(err(#""up_to_kwh": 3900, "#, "").hasPrefix("tariffs/TST.json: tariffs[1].rates[0]: up_to_kwh is required"))
        #expect(err(#""title": "Тестовая область","#, "").hasSuffix("title: missing"))
        #expect(err(#""utc_offset": "+05:00""#, #""utc_offset": 5"#).hasPrefix("tariffs/TST.json: utc_offset: expected a string"))
        #expect(err("\"region\": \"TST\",", "\"region\": \"TST\"") .hasPrefix("tariffs/TST.json: 2:"))
    }

    @Test func keyRatesAndPenaltyPolicy() throws {
        let dir = tempDir()
        writeFile(dir + "/key-rate.csv", "from,percent\n2022-02-28,20.00\n2022-04-11,17\n")
        let rates = try loadKeyRates(path: dir + "/key-rate.csv")
        #expect(rates.percentCenti(on: CivilDate(year: 2022, month: 3, day: 1)!) == 2000)
        #expect(rates.percentCenti(on: CivilDate(year: 2023, month: 1, day: 1)!) == 1700)
        let p = try loadPenaltyPolicy(json: bytes(#"""
        { "household": { "steps": [ { "from_day": 31, "fraction": "1/300" }, { "from_day": 91, "fraction": "1/130" } ] },
          "legal": { "steps": [ { "from_day": 1, "fraction": "1/130" } ] },
          "rate_caps": [ { "from": "2022-02-28", "to": "2026-12-31", "percent": "9.5", "ground": "ПП №474" } ],
          "moratoria": [ { "from": "2022-04-01", "to": "2022-09-30", "covers": "arisen_before_start", "ground": "ПП №497" } ] }
        """#), file: "penalty.json")
        #expect(p.household.map(\.denominator) == [300, 130] && p.legal[0].fromDay == 1)
        #expect(p.rateCaps[0].percentCenti == 950 && p.moratoria.count == 1 && p.moratoria[0].covers == .arisenBeforeStart)
    }
}
