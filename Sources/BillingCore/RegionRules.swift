/// Everything a region's tariff file says, parsed into integers: the supplier,
/// the reading window, due days, estimation policy, categories, norms and
/// effective-dated tariffs. One value per region, loaded once per close.
public struct RegionRules: Sendable, Hashable {
    public var code: String
    public var title: String
    /// Minutes east of UTC ("+05:00" → 300).
    public var utcOffsetMinutes: Int
    public var supplier: Supplier
    public var readingWindows: [Effective<ReadingWindow>]
    public var dueDays: [Effective<Int>]
    public var estimation: EstimationPolicy
    public var categories: [String: Category]
    /// norms[stove] → rooms 1...4 (index 0...3) → residents 1...5+ (index 0...4), in thousandths of a kWh per person.
    public var norms: [Stove: [[Int64]]]
    public var tariffs: [TariffVersion]
    /// Price keys for T1/T2 of a two-zone meter and T1/T2/T3 of a three-zone meter.
    public var twoZoneKeys: [PriceKey]
    public var threeZoneKeys: [PriceKey]
    /// VAT rates (`tariffs/vat.csv`), set beside the region's own file when the rules are
    /// loaded; only categories with `"vat": "excluded"` use them.
    public var vatRates = VATRates(changes: [])
    /// ПП442 п.82 for legal entities: the month is settled by this day of the next month
    /// (`due_day_legal`, default 18) …
    public var dueDaysLegal: [Effective<Int>] = [Effective(from: CivilDate(year: 1900, month: 1, day: 1)!, value: 18)]
    /// … after advances of a percent of the month's expected cost by days of the month itself
    /// (`advances_legal`, default 30 % by the 10th and 40 % by the 25th).
    public var advancesLegal: [LegalAdvance] = [LegalAdvance(day: 10, percentCenti: 3000), LegalAdvance(day: 25, percentCenti: 4000)]

    public init(code: String, title: String, utcOffsetMinutes: Int, supplier: Supplier,
                readingWindows: [Effective<ReadingWindow>], dueDays: [Effective<Int>],
                estimation: EstimationPolicy, categories: [String: Category], norms: [Stove: [[Int64]]],
                tariffs: [TariffVersion], twoZoneKeys: [PriceKey] = [.day, .night],
                threeZoneKeys: [PriceKey] = [.peak, .night3, .semi]) {
        self.code = code; self.title = title; self.utcOffsetMinutes = utcOffsetMinutes
        self.supplier = supplier; self.readingWindows = readingWindows; self.dueDays = dueDays
        self.estimation = estimation; self.categories = categories; self.norms = norms
        self.tariffs = tariffs; self.twoZoneKeys = twoZoneKeys; self.threeZoneKeys = threeZoneKeys
    }
}

/// A value that applies from a date on, until the next entry's `from`.
public struct Effective<Value: Sendable & Hashable>: Sendable, Hashable {
    public var from: CivilDate
    public var value: Value
    public init(from: CivilDate, value: Value) { self.from = from; self.value = value }
}

extension Array {
    /// The entry in force on `date`: the greatest `from` ≤ date (entries sorted by `from`).
    public func inForce<V>(on date: CivilDate) -> V? where Element == Effective<V> {
        var found: V? = nil
        for e in self { if e.from <= date { found = e.value } else { break } }
        return found
    }
}

public struct Supplier: Sendable, Hashable {
    public var name, inn, kpp, account, bank, bic, corrAccount: String
    /// True when the requisites are sample values, not the supplier's published ones.
    public var isSample: Bool
    /// Postal address, phone, the e-mail the documents are sent from and the website
    /// ("" when not given); the payment document prints them (ПП354 п.69 б).
    public var address = "", phone = "", email = "", site = ""
    public init(name: String, inn: String, kpp: String, account: String, bank: String, bic: String,
                corrAccount: String, isSample: Bool = false, address: String = "", phone: String = "", email: String = "") {
        self.name = name; self.inn = inn; self.kpp = kpp; self.account = account; self.bank = bank
        self.bic = bic; self.corrAccount = corrAccount; self.isSample = isSample
        self.address = address; self.phone = phone; self.email = email
    }
}

/// One advance payment of a legal entity: `percentCenti` (30% → 3000) of the month's
/// expected cost, due on `day` of the month itself.
public struct LegalAdvance: Sendable, Hashable {
    public var day: Int
    public var percentCenti: Int64
    public init(day: Int, percentCenti: Int64) { self.day = day; self.percentCenti = percentCenti }
}

/// Days of the month in which readings are accepted for that month.
public struct ReadingWindow: Sendable, Hashable {
    public var firstDay: Int
    public var lastDay: Int
    public init(firstDay: Int, lastDay: Int) { self.firstDay = firstDay; self.lastDay = lastDay }
}

/// ПП354 п.59–60 as region data.
public struct EstimationPolicy: Sendable, Hashable {
    public var averagePeriods: Int = 6
    public var averageMinPeriods: Int = 3
    public var averageMaxPeriods: Int = 6
    public var averageMaxPeriodsLegal: Int = 3
    public var failedMeterAveragePeriods: Int = 3
    public var failedMeterAveragePeriodsLegal: Int = 2
    /// Increasing coefficient for the norm, in ten-thousandths (1.5 → 15000; 10000 = off).
    public var normCoefficient: Int64 = 10000
    /// Plausibility ceiling for one month's consumption, kWh.
    public var maxMonthlyKwh: Int64 = 10000
    public init() {}
}

public enum Stove: String, Sendable, Hashable { case gas, electric }

public struct Category: Sendable, Hashable {
    public var code: String
    public var title: String
    public var stove: Stove
    public var rural: Bool
    /// Benefit as a percent in hundredths (50% → 5000); 0 = none.
    public var benefitPercentCenti: Int64
    public var benefitGround: String
    /// Prices are quoted without VAT (`"vat": "excluded"`, legal entities): VAT is added per
    /// energy and recalculation line. Household prices include VAT (the default).
    public var vatExcluded: Bool
    public init(code: String, title: String, stove: Stove, rural: Bool,
                benefitPercentCenti: Int64 = 0, benefitGround: String = "", vatExcluded: Bool = false) {
        self.code = code; self.title = title; self.stove = stove; self.rural = rural
        self.benefitPercentCenti = benefitPercentCenti; self.benefitGround = benefitGround
        self.vatExcluded = vatExcluded
    }
}

/// The price keys of SPEC's tariff file.
public enum PriceKey: String, Sendable, Hashable, CaseIterable {
    case single, day, night, peak, semi, night3
}

/// One category's prices from a date on; `tiers` has one element unless the
/// region prices by volume tiers (Irkutsk).
public struct TariffVersion: Sendable, Hashable {
    public var category: String
    public var from: CivilDate
    public var tiers: [TariffTier]
    public init(category: String, from: CivilDate, tiers: [TariffTier]) {
        self.category = category; self.from = from; self.tiers = tiers
    }
}

public struct TariffTier: Sendable, Hashable {
    /// Cumulative monthly upper bound in kWh; nil for the last tier.
    public var upToKwh: Int64?
    public var prices: [PriceKey: PricePer10000]
    public init(upToKwh: Int64?, prices: [PriceKey: PricePer10000]) {
        self.upToKwh = upToKwh; self.prices = prices
    }
}

/// Bank of Russia key rate changes, sorted by date. Percent in hundredths (9.5% → 950).
public struct KeyRates: Sendable, Hashable {
    public var changes: [Effective<Int64>]
    public init(changes: [Effective<Int64>]) { self.changes = changes }
    public func percentCenti(on date: CivilDate) -> Int64? { changes.inForce(on: date) }
}

/// ЖК ст.155 п.14 / ФЗ-35 ст.37 as data: steps of the daily fraction, rate caps, moratoria.
public struct PenaltyPolicy: Sendable, Hashable {
    public struct Step: Sendable, Hashable {
        public var fromDay: Int
        /// The daily fraction of the rate is 1/denominator (300, 130).
        public var denominator: Int64
        public init(fromDay: Int, denominator: Int64) { self.fromDay = fromDay; self.denominator = denominator }
    }
    public struct RateCap: Sendable, Hashable {
        public var from: CivilDate, to: CivilDate
        public var percentCenti: Int64
        public var ground: String
        public init(from: CivilDate, to: CivilDate, percentCenti: Int64, ground: String) {
            self.from = from; self.to = to; self.percentCenti = percentCenti; self.ground = ground
        }
    }
    public struct Moratorium: Sendable, Hashable {
        /// Which obligations a moratorium relieves: every debt (ПП №424 of 2020), or only
        /// those that arose before it began (the bankruptcy moratorium, ПП №497 of 2022).
        public enum Covers: String, Sendable, Hashable, CaseIterable {
            case all
            case arisenBeforeStart = "arisen_before_start"
        }
        public var from: CivilDate, to: CivilDate
        public var covers: Covers
        public var ground: String
        public init(from: CivilDate, to: CivilDate, covers: Covers = .all, ground: String) {
            self.from = from; self.to = to; self.covers = covers; self.ground = ground
        }
    }
    public var household: [Step]
    public var legal: [Step]
    public var rateCaps: [RateCap]
    public var moratoria: [Moratorium]
    /// ПП354 п.117–119: a household is warned when its overdue debt exceeds this many
    /// monthly payments at the norm, and given this many days to pay.
    public var noticeMonths: Int = 2
    public var noticeDays: Int = 20
    public init(household: [Step], legal: [Step], rateCaps: [RateCap], moratoria: [Moratorium],
                noticeMonths: Int = 2, noticeDays: Int = 20) {
        self.household = household; self.legal = legal; self.rateCaps = rateCaps; self.moratoria = moratoria
        self.noticeMonths = noticeMonths; self.noticeDays = noticeDays
    }
}
