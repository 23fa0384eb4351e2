import BillingCore

/// The Russian text of an import's reject reason, for the `reason_ru` column of the
/// rejects file: clerks read Russian, while `reason` stays the stable English text
/// scripts match on. Reasons are matched by their wording with the values (ids,
/// dates, counts) carried over; a reason already in Russian (bank registries) or
/// not listed here is kept as it is rather than guessed.
func russianRejectReason(_ reason: String) -> String {
    // An SMS names the register first: "T2: negative value".
    if reason.count > 4, reason.hasPrefix("T"), let colon = reason.firstIndex(of: ":"),
       reason.distance(from: reason.startIndex, to: colon) == 2 {
        let rest = String(reason[reason.index(colon, offsetBy: 2)...])
        let ru = russianRejectReason(rest)
        return ru == rest ? reason : String(reason[...colon]) + " " + ru
    }
    for rule in rejectReasonRules {
        if let values = rule.english.match(reason) { return rule.russian(values) }
    }
    return reason
}

/// A reason's English wording with `{}` where a value stands.
private struct ReasonPattern: Sendable {
    let literals: [String]
    init(_ pattern: String) { literals = pattern.components(separatedBy: "{}") }

    /// The values in the holes, or nil when `text` is not worded so. A value runs to
    /// the first occurrence of the literal after it; the last literal ends the text.
    func match(_ text: String) -> [String]? {
        guard text.hasPrefix(literals[0]) else { return nil }
        var rest = text.dropFirst(literals[0].count)
        var values: [String] = []
        for (i, literal) in literals.enumerated().dropFirst() {
            if i == literals.count - 1 {
                guard rest.hasSuffix(literal), rest.count >= literal.count else { return nil }
                values.append(String(rest.dropLast(literal.count)))
                return values
            }
            guard let r = rest.range(of: literal) else { return nil }
            values.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        return rest.isEmpty ? values : nil
    }
}

private struct ReasonRule: Sendable {
    let english: ReasonPattern
    let russian: @Sendable ([String]) -> String
    init(_ english: String, _ russian: @escaping @Sendable ([String]) -> String) {
        self.english = ReasonPattern(english); self.russian = russian
    }
    init(_ english: String, _ russian: String) { self.init(english) { _ in russian } }
}

/// "5" → "5 разрядов" and the like; a value that is no number is shown as it is.
private func counted(_ value: String, _ one: String, _ few: String, _ many: String) -> String {
    Int64(value).map { russianCount($0, one, few, many) } ?? value + " " + many
}

/// The latest data a payment date is measured against (ImportPayments' horizon).
private func russianHorizon(_ what: String) -> String {
    if let v = ReasonPattern("closed through {}").match(what) { return "закрыт период \(v[0])" }
    if let v = ReasonPattern("readings up to {}").match(what) { return "показания по \(v[0])" }
    return what
}

private let plainIdentifier = "не простой идентификатор (латинские буквы, цифры, - и _, не более 32 знаков)"

/// Longer wordings before the shorter ones they start with.
private let rejectReasonRules: [ReasonRule] = [
    // CSV structure
    ReasonRule("a quote opened on this line is never closed", "кавычка, открытая в этой строке, не закрыта"),
    ReasonRule("the row has {} fields, the header has {} (an unquoted delimiter or decimal comma?)") {
        "в строке \(counted($0[0], "поле", "поля", "полей")), в заголовке \($0[1]) (разделитель без кавычек или десятичная запятая?)"
    },
    ReasonRule("field {} is not valid UTF-8 (a Windows-1251 export? import it with --encoding cp1251)") {
        "поле \($0[0]) не в кодировке UTF-8 (выгрузка в Windows-1251? импортируйте с --encoding cp1251)"
    },
    // accounts
    ReasonRule("account {} already exists in region {}; an account cannot move to another region") {
        "лицевой счёт \($0[0]) уже есть в регионе \($0[1]); перевести лицевой счёт в другой регион нельзя"
    },
    ReasonRule("opening balance cannot change after the account has been billed", "входящее сальдо нельзя изменить после первого начисления по счёту"),
    ReasonRule("account id is empty", "номер лицевого счёта не указан"),
    ReasonRule("account id \"{}\" is not a plain identifier (letters, digits, - and _, at most 32)") { "номер лицевого счёта «\($0[0])» — " + plainIdentifier },
    ReasonRule("account id \"{}\" is not a plain identifier") { "номер лицевого счёта «\($0[0])» — " + plainIdentifier },
    ReasonRule("holder is empty", "владелец (ФИО или наименование) не указан"),
    ReasonRule("holder contains control characters or is too long", "в имени владельца управляющие символы, или оно слишком длинное"),
    ReasonRule("address is empty", "адрес не указан"),
    ReasonRule("address contains control characters or is too long", "в адресе управляющие символы, или он слишком длинный"),
    ReasonRule("unknown region \"{}\" (import its tariffs first)") { "неизвестный регион «\($0[0])» (сначала импортируйте его тарифы)" },
    ReasonRule("unknown category \"{}\" for region {}") { "неизвестная категория «\($0[0])» для региона \($0[1])" },
    ReasonRule("kind must be person or legal, not \"{}\"") { "kind — person (физическое лицо) или legal (юридическое), а не «\($0[0])»" },
    ReasonRule("INN must be 10 or 12 digits", "ИНН должен состоять из 10 или 12 цифр"),
    ReasonRule("INN {} has a wrong check digit (a typo?)") { "в ИНН \($0[0]) неверная контрольная цифра (опечатка?)" },
    ReasonRule("an INN is given for a private person (kind=person); a legal entity or sole trader needs kind=legal",
               "ИНН указан для физического лица (kind=person); юридическому лицу или ИП нужен kind=legal"),
    ReasonRule("a KPP is given for a private person (kind=person)", "КПП указан для физического лица (kind=person)"),
    ReasonRule("KPP must be 9 digits", "КПП должен состоять из 9 цифр"),
    ReasonRule("residents must be a whole number 0–99", "число проживающих — целое число от 0 до 99"),
    ReasonRule("rooms must be a whole number 1–99", "число комнат — целое число от 1 до 99"),
    ReasonRule("area must be a non-negative number of m² with at most 2 decimals",
               "площадь — неотрицательное число м² не более чем с 2 знаками после запятой"),
    ReasonRule("not an email address: \"{}\"") { "не адрес электронной почты: «\($0[0])»" },
    ReasonRule("phone contains control characters or is too long", "в телефоне управляющие символы, или он слишком длинный"),
    ReasonRule("delivery must be paper or email, not \"{}\"") { "delivery — paper (на бумаге) или email, а не «\($0[0])»" },
    ReasonRule("delivery by email needs an email address", "для доставки по электронной почте нужен её адрес"),
    ReasonRule("closed before it was opened", "дата закрытия раньше даты открытия"),
    ReasonRule("not an amount in rubles (at most 2 decimals): \"{}\"") { "не сумма в рублях (не более 2 знаков после запятой): «\($0[0])»" },
    ReasonRule("not an amount in rubles: \"{}\"") { "не сумма в рублях: «\($0[0])»" },
    ReasonRule("sms must be 1 (consent) or 0, not \"{}\"") { "sms — 1 (согласие) или 0, а не «\($0[0])»" },
    ReasonRule("consent to SMS needs a phone number", "для согласия на SMS нужен номер телефона"),
    ReasonRule("contract contains control characters or is too long", "в номере договора управляющие символы, или он слишком длинный"),
    ReasonRule("EDO id contains spaces or control characters, or is too long",
               "в идентификаторе ЭДО пробелы или управляющие символы, или он слишком длинный"),
    ReasonRule("impossible date/time \"{}\" (expected YYYY-MM-DD HH:MM[:SS])") { "невозможные дата и время «\($0[0])» (нужно ГГГГ-ММ-ДД ЧЧ:ММ[:СС])" },
    ReasonRule("impossible date/time \"{}\"") { "невозможные дата и время «\($0[0])»" },
    ReasonRule("impossible date \"{}\"") { "невозможная дата «\($0[0])»" },
    // meters
    ReasonRule("unknown account {}") { "неизвестный лицевой счёт \($0[0])" },
    ReasonRule("meter {} already has readings; {} cannot change (register a new meter)") {
        "по счётчику \($0[0]) уже есть показания; \($0[1]) изменить нельзя (зарегистрируйте новый счётчик)"
    },
    ReasonRule("meter id is empty", "номер счётчика не указан"),
    ReasonRule("meter id must be at most 64 characters without spaces", "номер счётчика — не более 64 знаков без пробелов"),
    ReasonRule("bad zones \"{}\": must be 1, 2 or 3") { "неверное число зон «\($0[0])»: должно быть 1, 2 или 3" },
    ReasonRule("bad digits \"{}\": must be a whole number 1–12") { "неверная разрядность «\($0[0])»: целое число от 1 до 12" },
    ReasonRule("ratio must be a whole number ≥ 1", "коэффициент трансформации — целое число не меньше 1"),
    ReasonRule("accuracy class is too long", "класс точности слишком длинный"),
    ReasonRule("removed before it was installed", "дата снятия раньше даты установки"),
    // payments
    ReasonRule("payment date {} is before the account was opened ({})") { "дата платежа \($0[0]) раньше открытия лицевого счёта (\($0[1]))" },
    ReasonRule("payment date {} is more than a year after the latest data ({}): a typo in the year?") {
        "дата платежа \($0[0]) более чем на год позже последних данных (\(russianHorizon($0[1]))): опечатка в годе?"
    },
    ReasonRule("payment date {} is before 2000: a typo in the year?") { "дата платежа \($0[0]) раньше 2000 года: опечатка в годе?" },
    ReasonRule("payment id already imported with different content", "платёж с этим номером уже загружен с другими данными"),
    ReasonRule("payment id is empty", "номер платежа не указан"),
    ReasonRule("payment id is too long or has control characters", "номер платежа слишком длинный или содержит управляющие символы"),
    ReasonRule("amount is empty", "сумма не указана"),
    ReasonRule("negative amount", "отрицательная сумма"),
    ReasonRule("amount must be more than zero", "сумма должна быть больше нуля"),
    ReasonRule("channel is too long or has control characters", "канал оплаты слишком длинный или содержит управляющие символы"),
    ReasonRule("unknown payment channel \"{}\" (known: {}, or their Russian names)") {
        "неизвестный канал оплаты «\($0[0])» (известны: \($0[1]) или их русские названия)"
    },
    ReasonRule("period must be YYYY-MM: \"{}\"") { "период — в виде ГГГГ-ММ: «\($0[0])»" },
    // readings and SMS
    ReasonRule("unknown meter {}") { "неизвестный счётчик \($0[0])" },
    ReasonRule("meter {} belongs to another account") { "счётчик \($0[0]) принадлежит другому лицевому счёту" },
    ReasonRule("taken after received (taken {}, received {})") { "показание снято позже, чем получено (снято \($0[0]), получено \($0[1]))" },
    ReasonRule("no meter of account {} is active on {}") { "у лицевого счёта \($0[0]) нет счётчика, действующего на \($0[1])" },
    ReasonRule("ambiguous: account {} has {} meters active on {}; give meter_id") {
        "неоднозначно: у лицевого счёта \($0[0]) на \($0[2]) \(counted($0[1], "действующий счётчик", "действующих счётчика", "действующих счётчиков")); укажите meter_id"
    },
    ReasonRule("ambiguous: account {} has {} {}-zone meters active on {}") {
        "неоднозначно: у лицевого счёта \($0[0]) действующих на \($0[3]) \($0[2])-зонных счётчиков: \($0[1])"
    },
    ReasonRule("source channel is empty", "канал получения показания (source) не указан"),
    ReasonRule("unknown source channel \"{}\"") { "неизвестный канал получения показания «\($0[0])»" },
    ReasonRule("wrong number of zone registers: meter {} has {} zone(s), the row has {} value(s)") {
        "неверное число показаний по зонам: у счётчика \($0[0]) \(counted($0[1], "зона", "зоны", "зон")), в строке \(counted($0[2], "значение", "значения", "значений"))"
    },
    ReasonRule("wrong number of zone registers: the SMS has {} value(s), the meter of account {} has {} zone(s)") {
        "неверное число показаний по зонам: в SMS \(counted($0[0], "значение", "значения", "значений")), у счётчика лицевого счёта \($0[1]) \(counted($0[2], "зона", "зоны", "зон"))"
    },
    ReasonRule("wrong number of zone registers: a {}-zone meter has no {}") { "неверное число показаний по зонам: у \($0[0])-зонного счётчика нет \($0[1])" },
    ReasonRule("wrong number of zone registers: a {}-zone meter needs {}") { "неверное число показаний по зонам: \($0[0])-зонному счётчику нужен \($0[1])" },
    ReasonRule("exceeds digit capacity ({} digits)") { "больше разрядности счётчика (\(counted($0[0], "разряд", "разряда", "разрядов")))" },
    ReasonRule("negative value", "отрицательное значение"),
    ReasonRule("non-numeric value \"{}\"") { "не число: «\($0[0])»" },
    ReasonRule("correction must be 0 or 1, not \"{}\"") { "correction — 0 или 1, а не «\($0[0])»" },
    ReasonRule("another reading of this meter in the file has the same received_at and other values (line {}); keep the right one or mark it as a correction") {
        "другое показание этого счётчика в файле получено в то же время с другими значениями (строка \($0[0])); оставьте верное или отметьте его как исправление (correction)"
    },
    ReasonRule("SMS text is empty", "текст SMS пуст"),
    ReasonRule("SMS text \"{}\" is not \"ACCOUNT T1 [T2 [T3]]\"") { "текст SMS «\($0[0])» не в виде «ЛИЦЕВОЙ_СЧЁТ T1 [T2 [T3]]»" },
    ReasonRule("SMS text \"{}\" does not start with an account number") { "текст SMS «\($0[0])» не начинается с номера лицевого счёта" },
    ReasonRule("phone \"{}\" is not the phone of any account; readings by SMS are taken only from a phone on file") {
        "телефон «\($0[0])» не указан ни у одного лицевого счёта; показания по SMS принимаются только с известного телефона"
    },
]
