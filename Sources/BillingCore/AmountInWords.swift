/// A money amount in Russian words for the closing sentence of a
/// reconciliation act: rubles in words, kopecks as two digits, e.g.
/// "одна тысяча двести тридцать четыре рубля 56 копеек". Lower case (callers
/// capitalise); the sign is dropped because the sentence states in whose
/// favour the balance is.
public func rublesInWords(_ amount: Kopecks) -> String {
    let magnitude = amount.value.magnitude
    let rubles = magnitude / 100
    let kopecks = Int(magnitude % 100)
    var words = [String]()
    if rubles == 0 {
        words.append("ноль")
    } else {
        // Group 0 is units (rubles, masculine), group 1 thousands (feminine), …
        var groups = [Int]()
        var rest = rubles
        while rest > 0 { groups.append(Int(rest % 1000)); rest /= 1000 }
        for g in stride(from: groups.count - 1, through: 0, by: -1) where groups[g] != 0 {
            let n = groups[g]
            words += RussianNumerals.triad(n, feminine: g == 1)
            if g > 0 { words.append(RussianNumerals.scales[g].form(n)) }
        }
    }
    words.append(RussianNumerals.ruble.form(Int(rubles % 1000)))
    words.append((kopecks < 10 ? "0" : "") + String(kopecks))
    words.append(RussianNumerals.kopeck.form(kopecks))
    return words.joined(separator: " ")
}

enum RussianNumerals {
    /// Singular, paucal (2–4) and plural forms of a counted noun.
    struct Noun {
        let one: String, few: String, many: String
        /// Russian agreement: 1, 21, 101 → one; 2–4, 22–24 → few; 11–14 and
        /// everything else → many. Depends only on the last two digits.
        func form(_ n: Int) -> String {
            let lastTwo = n % 100
            if (11...14).contains(lastTwo) { return many }
            switch n % 10 {
            case 1: return one
            case 2, 3, 4: return few
            default: return many
            }
        }
    }

    static let ruble = Noun(one: "рубль", few: "рубля", many: "рублей")
    static let kopeck = Noun(one: "копейка", few: "копейки", many: "копеек")

    /// Index = power of 1000. Int64 kopecks reach about 92 quadrillion rubles.
    static let scales: [Noun] = [
        Noun(one: "", few: "", many: ""),
        Noun(one: "тысяча", few: "тысячи", many: "тысяч"),
        Noun(one: "миллион", few: "миллиона", many: "миллионов"),
        Noun(one: "миллиард", few: "миллиарда", many: "миллиардов"),
        Noun(one: "триллион", few: "триллиона", many: "триллионов"),
        Noun(one: "квадриллион", few: "квадриллиона", many: "квадриллионов"),
        Noun(one: "квинтиллион", few: "квинтиллиона", many: "квинтиллионов"),
    ]

    static let hundreds = ["", "сто", "двести", "триста", "четыреста", "пятьсот",
                           "шестьсот", "семьсот", "восемьсот", "девятьсот"]
    static let tens = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят",
                       "шестьдесят", "семьдесят", "восемьдесят", "девяносто"]
    static let teens = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
                        "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"]
    static let units = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]

    /// Words for 1…999; `feminine` for тысяча, which takes одна/две.
    static func triad(_ n: Int, feminine: Bool) -> [String] {
        var words = [String]()
        if n / 100 > 0 { words.append(hundreds[n / 100]) }
        let lastTwo = n % 100
        if (10...19).contains(lastTwo) {
            words.append(teens[lastTwo - 10])
            return words
        }
        if lastTwo / 10 > 0 { words.append(tens[lastTwo / 10]) }
        let u = lastTwo % 10
        if u > 0 {
            if feminine && u == 1 { words.append("одна") } else if feminine && u == 2 { words.append("две") } else { words.append(units[u]) }
        }
        return words
    }
}
