// The regions the generator knows and the sample tariff files it writes
// (docs/TARIFF-FORMAT.md shape). Prices are modeled on the real regions but the
// requisites are synthetic: every supplier says "sample": true.

import BillingCore

/// One region the generator can populate.
struct GeneratorRegion {
    let code: String
    /// The leading two digits of account numbers (the region's number).
    let prefix: Int
    let title: String
    let utcOffset: String
    let windowFirst: Int
    let windowLast: Int
    let supplierName: String
    let supplierInnBody: String   // 9 digits, the 10th is the checksum
    let bankName: String
    let bic: String
    /// Single-rate price in kopecks per kWh for 2025-07-01, per category
    /// (urban_gas, urban_electric, rural, legal); the first tier for tiered regions.
    let single: [Int]
    let tiered: Bool
    let cities: [[UInt8]]
    let villages: [[UInt8]]

    var kpp: String { String(prefix) + "5301001" }
}

enum GeneratorCatalog {
    static let categories = ["urban_gas", "urban_electric", "rural", "legal"]
    static let categoryBytes: [[UInt8]] = categories.map { Array($0.utf8) }

    static let regions: [GeneratorRegion] = [
        GeneratorRegion(
            code: "CHE", prefix: 74, title: "Челябинская область", utcOffset: "+05:00",
            windowFirst: 23, windowLast: 25,
            supplierName: "ООО «Уралэнергосбыт»", supplierInnBody: "745332020",
            bankName: "ПАО Сбербанк, Челябинское отделение №8597", bic: "047501602",
            single: [449, 314, 314, 890], tiered: false,
            cities: ["г. Челябинск", "г. Челябинск", "г. Магнитогорск", "г. Златоуст", "г. Миасс", "г. Копейск"].map(utf8Bytes),
            villages: ["Сосновский р-н, с. Долгодеревенское", "Кунашакский р-н, с. Кунашак",
                       "Сосновский р-н, п. Рощино", "Красноармейский р-н, с. Миасское"].map(utf8Bytes)),
        GeneratorRegion(
            code: "SVE", prefix: 66, title: "Свердловская область", utcOffset: "+05:00",
            windowFirst: 23, windowLast: 25,
            supplierName: "АО «ЭнергосбыТ Плюс», Свердловский филиал", supplierInnBody: "561205859",
            bankName: "Уральский банк ПАО Сбербанк", bic: "046577674",
            single: [584, 409, 409, 910], tiered: false,
            cities: ["г. Екатеринбург", "г. Екатеринбург", "г. Нижний Тагил", "г. Каменск-Уральский", "г. Первоуральск"].map(utf8Bytes),
            villages: ["Белоярский р-н, п. Белоярский", "Сысертский р-н, с. Кашино",
                       "Артёмовский р-н, с. Покровское", "Сысертский р-н, п. Бобровский"].map(utf8Bytes)),
        GeneratorRegion(
            code: "IRK", prefix: 38, title: "Иркутская область", utcOffset: "+08:00",
            windowFirst: 23, windowLast: 25,
            supplierName: "ООО «Иркутскэнергосбыт»", supplierInnBody: "380801160",
            bankName: "Байкальский банк ПАО Сбербанк", bic: "042520607",
            single: [170, 170, 170, 720], tiered: true,
            cities: ["г. Иркутск", "г. Иркутск", "г. Братск", "г. Ангарск", "г. Усолье-Сибирское"].map(utf8Bytes),
            villages: ["Иркутский р-н, с. Хомутово", "Иркутский р-н, п. Большая Речка",
                       "Иркутский р-н, с. Смоленщина", "Шелеховский р-н, с. Баклаши"].map(utf8Bytes)),
        GeneratorRegion(
            code: "MOW", prefix: 77, title: "г. Москва", utcOffset: "+03:00",
            windowFirst: 15, windowLast: 26,
            supplierName: "АО «Мосэнергосбыт»", supplierInnBody: "773606271",
            bankName: "ПАО Сбербанк, г. Москва", bic: "044525225",
            single: [890, 724, 724, 1150], tiered: false,
            cities: ["г. Москва"].map(utf8Bytes),
            villages: ["г. Москва, пос. Щаповское, д. Троицкое", "г. Москва, пос. Вороновское, д. Новогромово"].map(utf8Bytes)),
    ]

    static func region(_ code: String) -> GeneratorRegion? { regions.first { $0.code == code } }

    /// Tariff versions: effective date and the price level in per mille of 2025-07-01.
    static let versions: [(from: String, perMille: Int)] = [
        ("2023-07-01", 818), ("2024-07-01", 907), ("2025-07-01", 1000),
        ("2026-01-01", 1017), ("2026-10-01", 1117),
    ]

    /// Tier multipliers in percent for tiered regions (population categories only).
    static let tierPercent = [100, 200, 310]
    static let tierBounds = [3900, 6000]

    /// Norms: kWh per person per month by stove, rooms 1..4, residents 1..5+.
    static let norms: [(stove: String, rooms: [[String]])] = [
        ("gas", [["150", "93", "72", "59", "51"], ["174", "108", "84", "68", "59"],
                 ["189", "117", "91", "74", "64"], ["198", "123", "95", "77", "67"]]),
        ("electric", [["180", "111", "86", "70", "61"], ["210", "130", "101", "82", "71"],
                      ["227", "141", "109", "88", "77"], ["238", "147", "114", "93", "80"]]),
    ]

    /// Bank of Russia key rate (DOMAIN.md reference data).
    static let keyRates: [(String, String)] = [
        ("2019-12-16", "6.25"),
        ("2020-02-10", "6.00"), ("2020-04-27", "5.50"), ("2020-06-22", "4.50"), ("2020-07-27", "4.25"),
        ("2021-03-22", "4.50"), ("2021-04-26", "5.00"), ("2021-06-15", "5.50"), ("2021-07-26", "6.50"),
        ("2021-09-13", "6.75"), ("2021-10-25", "7.50"), ("2021-12-20", "8.50"),
        ("2022-02-14", "9.50"), ("2022-02-28", "20.00"), ("2022-04-11", "17.00"), ("2022-05-04", "14.00"),
        ("2022-05-27", "11.00"), ("2022-06-14", "9.50"), ("2022-07-25", "8.00"), ("2022-09-19", "7.50"),
        ("2023-07-24", "8.50"), ("2023-08-15", "12.00"), ("2023-09-18", "13.00"), ("2023-10-30", "15.00"),
        ("2023-12-18", "16.00"),
        ("2024-07-29", "18.00"), ("2024-09-16", "19.00"), ("2024-10-28", "21.00"),
        ("2025-06-09", "20.00"), ("2025-07-28", "18.00"), ("2025-09-15", "17.00"), ("2025-10-27", "16.50"),
        ("2025-12-22", "16.00"),
        ("2026-02-16", "15.50"),
    ]

    /// 10-digit INN checksum (weights 2 4 10 3 5 9 4 6 8).
    static func innChecksum(_ nine: [Int]) -> Int {
        let w = [2, 4, 10, 3, 5, 9, 4, 6, 8]
        var s = 0
        for i in 0..<9 { s += nine[i] * w[i] }
        return s % 11 % 10
    }

    static func inn(body: String) -> String {
        let digits = body.utf8.map { Int($0) - 48 }
        return body + String(innChecksum(digits))
    }

    /// Kopecks (2 decimals) → "4.49".
    static func price(_ kop: Int) -> String { Kopecks(Int64(kop)).rublesString() }

    static func scaled(_ kop: Int, _ perMille: Int) -> Int { (kop * perMille + 500) / 1000 }
    static func pct(_ kop: Int, _ percent: Int) -> Int { (kop * percent + 50) / 100 }

    static func rateObject(single s: Int, upTo: Int?) -> String {
        var o = "{ "
        if let u = upTo { o += "\"up_to_kwh\": " + String(u) + ", " }
        o += "\"single\": \"" + price(s) + "\", \"day\": \"" + price(pct(s, 115))
        o += "\", \"night\": \"" + price(pct(s, 57)) + "\", \"peak\": \"" + price(pct(s, 125))
        o += "\", \"semi\": \"" + price(s) + "\", \"night3\": \"" + price(pct(s, 57)) + "\" }"
        return o
    }

    static func quote(_ s: String) -> String { "\"" + s + "\"" }

    /// The region JSON of docs/TARIFF-FORMAT.md.
    static func regionJSON(_ r: GeneratorRegion) -> String {
        let inn = inn(body: r.supplierInnBody)
        let account = "40702810" + String(r.prefix) + "00005" + String(r.prefix) + "123"   // 20 digits
        let corr = "30101810" + "400000000" + String(r.bic.suffix(3))                      // 20 digits
        var j = "{\n"
        j += "  \"region\": " + quote(r.code) + ",\n"
        j += "  \"title\": " + quote(r.title) + ",\n"
        j += "  \"utc_offset\": " + quote(r.utcOffset) + ",\n"
        j += "  \"supplier\": {\n"
        j += "    \"name\": " + quote(r.supplierName) + ", \"inn\": " + quote(inn) + ", \"kpp\": " + quote(r.kpp) + ",\n"
        j += "    \"account\": " + quote(account) + ", \"bank\": " + quote(r.bankName) + ", \"bic\": " + quote(r.bic) + ",\n"
        j += "    \"corr_account\": " + quote(corr) + ",\n"
        j += "    \"sample\": true\n"
        j += "  },\n"
        j += "  \"reading_window\": [ { \"from\": \"2020-01-01\", \"first_day\": " + String(r.windowFirst)
        j += ", \"last_day\": " + String(r.windowLast) + " } ],\n"
        j += "  \"due_day\": [ { \"from\": \"2020-01-01\", \"day\": 10 }, { \"from\": \"2026-03-01\", \"day\": 15 } ],\n"
        j += "  \"estimation\": {\n"
        j += "    \"average_periods\": 6, \"average_min_periods\": 3,\n"
        j += "    \"average_max_periods\": 6, \"average_max_periods_legal\": 3,\n"
        j += "    \"failed_meter_average_periods\": 3, \"failed_meter_average_periods_legal\": 2,\n"
        j += "    \"norm_coefficient\": \"1\", \"max_monthly_kwh\": 10000\n"
        j += "  },\n"
        j += "  \"categories\": {\n"
        j += "    \"urban_gas\":      { \"title\": \"Городское население, газовые плиты\", \"stove\": \"gas\", \"rural\": false },\n"
        j += "    \"urban_electric\": { \"title\": \"Городское население, электроплиты\", \"stove\": \"electric\", \"rural\": false },\n"
        j += "    \"rural\":          { \"title\": \"Сельское население\", \"stove\": \"electric\", \"rural\": true },\n"
        j += "    \"legal\":          { \"title\": \"Прочие потребители (юридические лица)\", \"stove\": \"electric\", \"rural\": false, \"vat\": \"excluded\" }\n"
        j += "  },\n"
        j += "  \"norms\": {\n"
        for (ni, n) in norms.enumerated() {
            j += "    " + quote(n.stove) + ": { "
            for (ri, row) in n.rooms.enumerated() {
                j += quote(String(ri + 1)) + ": [" + row.map(quote).joined(separator: ", ") + "]"
                j += ri + 1 < n.rooms.count ? ", " : " }"
            }
            j += ni + 1 < norms.count ? ",\n" : "\n"
        }
        j += "  },\n"
        j += "  \"tariffs\": [\n"
        var entries: [String] = []
        for (ci, cat) in categories.enumerated() {
            for v in versions {
                let s = scaled(r.single[ci], v.perMille)
                var e = "    { \"category\": " + quote(cat) + ", \"from\": " + quote(v.from) + ",\n      \"rates\": [ "
                if r.tiered && cat != "legal" {
                    e += rateObject(single: s, upTo: tierBounds[0]) + ",\n                 "
                    e += rateObject(single: pct(s, tierPercent[1]), upTo: tierBounds[1]) + ",\n                 "
                    e += rateObject(single: pct(s, tierPercent[2]), upTo: nil)
                } else {
                    e += rateObject(single: s, upTo: nil)
                }
                e += " ] }"
                entries.append(e)
            }
        }
        j += entries.joined(separator: ",\n") + "\n  ],\n"
        j += "  \"registers\": { \"two\": [\"day\", \"night\"], \"three\": [\"peak\", \"night3\", \"semi\"] }\n"
        j += "}\n"
        return j
    }

    /// The VAT rates the generated legal categories (prices without VAT) use, as tariffs/vat.csv ships them.
    static let vatCSV = "from,percent\n2004-01-01,18\n2019-01-01,20\n2026-01-01,22\n"

    static func keyRateCSV() -> String {
        var s = "from,percent\n"
        for (d, p) in keyRates { s += d + "," + p + "\n" }
        return s
    }

    static let penaltyJSON = """
    {
      "household": { "steps": [ { "from_day": 31, "fraction": "1/300" }, { "from_day": 91, "fraction": "1/130" } ] },
      "legal":     { "steps": [ { "from_day": 1,  "fraction": "1/130" } ] },
      "rate_caps": [ { "from": "2022-02-28", "to": "2026-12-31", "percent": "9.5",
                       "ground": "ПП РФ от 26.03.2022 №474 (ред. ПП №329 от 18.03.2025)" } ],
      "moratoria": [ { "from": "2020-04-06", "to": "2020-12-31", "covers": "all", "ground": "ПП РФ от 02.04.2020 №424" },
                     { "from": "2022-04-01", "to": "2022-09-30", "covers": "arisen_before_start", "ground": "ПП РФ от 28.03.2022 №497" } ]
    }

    """
}
