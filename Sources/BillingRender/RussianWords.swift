import BillingCore

/// The Russian words the documents print: month names, how a volume was
/// obtained, reading channels, line kinds and zone names. Static tables, no locale.
enum RussianWords {
    static let monthNominative = ["январь", "февраль", "март", "апрель", "май", "июнь",
                                  "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
    static let monthShort = ["янв", "фев", "мар", "апр", "май", "июн",
                             "июл", "авг", "сен", "окт", "ноя", "дек"]

    /// "октябрь 2026".
    static func period(_ p: Period) -> String { monthNominative[p.month - 1] + " " + String(p.year) }

    /// "окт 26": a chart label.
    static func shortPeriod(_ p: Period) -> String {
        monthShort[p.month - 1] + " " + String(p.year % 100 < 10 ? "0" : "") + String(p.year % 100)
    }

    /// How the volume was obtained, in words a customer understands.
    static func method(_ m: String) -> String {
        switch m {
        case "actual": return "по показаниям"
        case "control": return "контрольное показание"
        case "average": return "по среднемесячному объёму (п. 59 ПП РФ №354)"
        case "norm": return "по нормативу (п. 60 ПП РФ №354)"
        default: return m
        }
    }

    static func isEstimate(_ m: String) -> Bool { m == "average" || m == "norm" }

    /// The channel a reading came through.
    static func source(_ s: String) -> String {
        switch s {
        case "lk": return "личный кабинет"
        case "form": return "форма на сайте"
        case "phone": return "по телефону"
        case "ivr": return "автоинформатор"
        case "sms": return "SMS"
        case "email": return "эл. почта"
        case "gosuslugi": return "Госуслуги"
        case "office": return "в офисе"
        case "inspector": return "контролёр"
        case "askue": return "АСКУЭ (дистанционно)"
        default: return s
        }
    }

    static func lineKind(_ k: ChargeKind) -> String {
        switch k {
        case .energy: "Электроэнергия"
        case .recalculation: "Перерасчёт"
        case .benefit: "Льгота"
        case .penalty: "Пени"
        }
    }

    static func actKind(_ k: LedgerKind) -> String {
        switch k {
        case .charge: "Начисление"
        case .recalculation: "Перерасчёт"
        case .benefit: "Льгота"
        case .penalty: "Пени"
        case .payment: "Оплата"
        }
    }

    /// "Т1 (пик)" etc. by the meter's zone count (DOMAIN "Zones": T1 peak / T2 night /
    /// T3 semi-peak for three zones; T1 day / T2 night for two).
    static func zone(_ zone: String, zones: Int) -> String {
        switch (zone, zones) {
        case ("", _), ("T1", 1): return "круглосуточно"
        case ("T1", 2): return "Т1 (день)"
        case ("T2", 2), ("T2", 3): return "Т2 (ночь)"
        case ("T1", 3): return "Т1 (пик)"
        case ("T3", 3): return "Т3 (полупик)"
        case ("T1", _): return "Т1"
        case ("T2", _): return "Т2"
        case ("T3", _): return "Т3"
        default: return zone
        }
    }

    static func zoneCode(index: Int) -> String { ["T1", "T2", "T3"][Swift.min(index, 2)] }
}
