// `energobill generate`: a synthetic but realistic data set at any scale.
//
// Accounts are generated one at a time from their own PRNG stream (seed, account
// index), and every row of an account is written before the next account starts,
// so memory does not grow with the number of accounts. The same options give the
// same bytes.

import BillingCore

public struct GeneratorOptions: Sendable {
    public var accounts: Int
    public var months: Int
    public var seed: UInt64
    public var outDir: String
    /// The last billing period; the data covers lastPeriod − months + 1 … lastPeriod
    /// (payments run into the month after it).
    public var lastPeriod: Period
    /// Region codes to populate (CHE, SVE, IRK, MOW).
    public var regions: [String]
    /// payments.csv, or bank registries and statements (`--payments-as registries`).
    public var paymentsAs: GeneratedPayments = .csv

    public init(accounts: Int, months: Int, seed: UInt64 = 1, outDir: String,
                lastPeriod: Period = Period(year: 2026, month: 10)!,
                regions: [String] = ["CHE", "SVE", "IRK", "MOW"]) {
        self.accounts = accounts; self.months = months; self.seed = seed
        self.outDir = outDir; self.lastPeriod = lastPeriod; self.regions = regions
    }

    public var firstPeriod: Period { lastPeriod.adding(months: -(months - 1)) }
}

public struct GeneratorReport: Sendable, Equatable, CustomStringConvertible {
    public var accounts = 0
    public var meters = 0
    public var readings = 0
    public var sms = 0
    public var payments = 0
    public var tariffFiles = 0
    public var registries = 0
    public var bytes: Int64 = 0
    public var firstPeriod: Period
    public var lastPeriod: Period
    public var outDir: String

    public var description: String {
        "generated " + String(accounts) + " accounts, " + String(meters) + " meters, "
            + String(readings) + " readings, " + String(sms) + " sms, " + String(payments)
            + " payments" + (registries > 0 ? " (as " + String(registries) + " bank registries in registries/)" : "")
            + ", " + String(tariffFiles) + " tariff files (" + firstPeriod.description
            + "…" + lastPeriod.description + ") in " + outDir
    }
}

/// Writes DIR/accounts.csv, meters.csv, readings.csv, payments.csv, sms.csv and DIR/tariffs/.
public func generateDataSet(_ options: GeneratorOptions, progress: (String) -> Void) throws -> GeneratorReport {
    guard options.accounts >= 0 else { throw GeneratorError.badOptions("--accounts must be ≥ 0") }
    guard options.months >= 1, options.months <= 240 else { throw GeneratorError.badOptions("--months must be 1…240") }
    guard !options.regions.isEmpty else { throw GeneratorError.badOptions("no regions") }
    var regions: [GeneratorRegion] = []
    for code in options.regions {
        guard let r = GeneratorCatalog.region(code) else {
            throw GeneratorError.badOptions("unknown region " + code + " (known: CHE, SVE, IRK, MOW)")
        }
        regions.append(r)
    }
    guard options.accounts < 89_000_000 else { throw GeneratorError.badOptions("--accounts must be < 89000000") }
    try generatorMakeDirectory(options.outDir)
    try generatorMakeDirectory(options.outDir + "/tariffs")

    var report = GeneratorReport(firstPeriod: options.firstPeriod, lastPeriod: options.lastPeriod, outDir: options.outDir)

    // Tariff data: one JSON per region (all known regions, so any subset imports), key rates, penalties.
    for r in GeneratorCatalog.regions {
        let sink = try GeneratorSink(path: options.outDir + "/tariffs/" + r.code + ".json")
        sink.text(GeneratorCatalog.regionJSON(r))
        try sink.close()
        report.bytes += sink.bytesWritten
        report.tariffFiles += 1
    }
    for (name, content) in [("key-rate.csv", GeneratorCatalog.keyRateCSV()), ("vat.csv", GeneratorCatalog.vatCSV),
                          ("penalty.json", GeneratorCatalog.penaltyJSON)] {
        let sink = try GeneratorSink(path: options.outDir + "/tariffs/" + name)
        sink.text(content)
        try sink.close()
        report.bytes += sink.bytesWritten
        report.tariffFiles += 1
    }

    let gen = try DataSetGenerator(options: options, regions: regions)
    let step = max(1, min(50_000, options.accounts / 20))
    for index in 0..<options.accounts {
        gen.account(index: index)
        if (index + 1) % step == 0 || index + 1 == options.accounts {
            progress("generate: " + String(index + 1) + "/" + String(options.accounts) + " accounts")
        }
    }
    try gen.close()
    report.accounts = gen.accounts.rows
    report.meters = gen.meters.rows
    report.readings = gen.readings.rows
    report.sms = gen.sms.rows
    report.payments = gen.payments.rows
    for s in [gen.accounts, gen.meters, gen.readings, gen.sms, gen.payments] { report.bytes += s.bytesWritten }
    if options.paymentsAs == .registries {
        progress("generate: payments as bank registries")
        report.registries = try writePaymentsAsRegistries(outDir: options.outDir, regionCodes: regions.map(\.code))
    }
    return report
}

// MARK: - The generator

private struct GMeter {
    var id: Int
    var zones: Int
    var digits: Int
    var installedDay: Int
    var nextVerificationDay: Int
    var removedDay: Int?
    var i1: Int, i2: Int, i3: Int
}

private struct ReadingRow {
    var key: Int          // received_at as seconds since 1970 (local)
    var seq: Int
    var account: Int
    var meter: Int        // 0 = empty field
    var takenDay: Int
    var source: Int
    var n: Int            // registers written
    var t1: Int, t2: Int, t3: Int
    var correction: Bool
}

private struct SmsRow {
    var key: Int
    var seq: Int
    var n: Int
    var t1: Int, t2: Int, t3: Int
}

private struct PaymentRow {
    var paidDay: Int
    var seq: Int
    var amount: Int64
    var channel: Int
    var namedPeriod: Int   // period index or -1
    var idPeriod: Int      // period index used in the payment id
    var idSeq: Int
}

private enum Source {
    static let names: [StaticString] = ["lk", "form", "phone", "ivr", "sms", "email", "gosuslugi", "office", "inspector", "askue"]
    static let lk = 0, form = 1, phone = 2, ivr = 3, sms = 4, email = 5, gosuslugi = 6, office = 7, inspector = 8, askue = 9
    /// Household channel weights (lk, form, phone, ivr, sms, email, gosuslugi, office).
    static let householdWeights = [34, 10, 5, 8, 12, 5, 18, 8]
}

private enum Channel {
    static let names: [StaticString] = ["sberbank", "vtb", "pochta", "lk", "terminal", "sbp", "kassa", "bank_transfer"]
    static let householdWeights = [40, 8, 10, 15, 8, 14, 5]
    static let bankTransfer = 7
}

/// Season factor in percent by month (January first).
private let seasonPercent = [135, 125, 110, 95, 85, 80, 80, 82, 90, 105, 120, 135]

private final class DataSetGenerator {
    let options: GeneratorOptions
    let regions: [GeneratorRegion]
    let pFirst: Int
    let pLast: Int
    let accounts: GeneratorSink
    let meters: GeneratorSink
    let readings: GeneratorSink
    let sms: GeneratorSink
    let payments: GeneratorSink

    // Name tables.
    let surnames: [[UInt8]] = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
                               "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
                               "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
                               "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
                               "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв"].map(utf8Bytes)
    let maleNames: [[UInt8]] = ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Владимир", "Николай", "Иван",
                                "Михаил", "Евгений", "Юрий", "Олег", "Виктор", "Павел", "Игорь", "Константин"].map(utf8Bytes)
    let femaleNames: [[UInt8]] = ["Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Анна", "Мария",
                                  "Екатерина", "Галина", "Людмила", "Надежда", "Валентина", "Юлия", "Марина", "Любовь"].map(utf8Bytes)
    let malePatronymics: [[UInt8]] = ["Александрович", "Сергеевич", "Иванович", "Петрович", "Николаевич", "Владимирович",
                                      "Михайлович", "Юрьевич", "Викторович", "Андреевич", "Васильевич", "Геннадьевич"].map(utf8Bytes)
    let femalePatronymics: [[UInt8]] = ["Александровна", "Сергеевна", "Ивановна", "Петровна", "Николаевна", "Владимировна",
                                        "Михайловна", "Юрьевна", "Викторовна", "Андреевна", "Васильевна", "Геннадьевна"].map(utf8Bytes)
    let streets: [[UInt8]] = ["ул. Ленина", "ул. Советская", "пр. Победы", "ул. Гагарина", "ул. Мира", "ул. Молодёжная",
                              "ул. Кирова", "ул. Пушкина", "ул. Садовая", "ул. Строителей", "ул. Лесная", "ул. Школьная",
                              "ул. Октябрьская", "ул. Набережная", "ул. Заречная", "пр. Комсомольский", "ул. Труда",
                              "ул. Энтузиастов", "ул. Чкалова", "ул. 8 Марта"].map(utf8Bytes)
    let companies: [[UInt8]] = ["Уралтехсервис", "Вектор", "Меридиан", "Альянс", "Горизонт", "СтройИнвест", "Северная звезда",
                                "Технопарк", "Гарант", "Лидер", "Байкал-Сервис", "Кристалл", "Продторг", "АвтоМастер"].map(utf8Bytes)
    let companyForms: [[UInt8]] = ["ООО «", "АО «", "ООО ТД «", "ООО ПКФ «"].map(utf8Bytes)
    let flatPrefix = utf8Bytes(", кв. ")
    let officePrefix = utf8Bytes(", офис ")
    let housePrefix = utf8Bytes(", д. ")
    let closeQuote = utf8Bytes("»")
    let regionBytes: [[UInt8]]

    var lastFirstMeter = 0
    let levels: [Int]
    /// The last day a payment can carry: the end of the month after lastPeriod.
    let paymentHorizon: Int
    var rrows: [ReadingRow] = []
    var srows: [SmsRow] = []
    var prows: [PaymentRow] = []
    var name: [UInt8] = []
    var address: [UInt8] = []
    var meterList: [GMeter] = []

    init(options: GeneratorOptions, regions: [GeneratorRegion]) throws {
        self.options = options
        self.regions = regions
        self.pFirst = options.firstPeriod.index
        self.pLast = options.lastPeriod.index
        let d = options.outDir + "/"
        accounts = try GeneratorSink(path: d + "accounts.csv")
        meters = try GeneratorSink(path: d + "meters.csv")
        readings = try GeneratorSink(path: d + "readings.csv")
        sms = try GeneratorSink(path: d + "sms.csv")
        payments = try GeneratorSink(path: d + "payments.csv")
        regionBytes = regions.map { utf8Bytes($0.code) }
        paymentHorizon = options.lastPeriod.next.lastDay.dayNumber
        levels = (options.firstPeriod.index...options.lastPeriod.index + 1).map(DataSetGenerator.level)
        accounts.ascii("account_id,holder,address,region,category,kind,inn,kpp,residents,rooms,area_m2,email,phone,delivery,opened_on,closed_on,opening_balance\n")
        meters.ascii("meter_id,account_id,zones,digits,ratio,accuracy_class,installed_on,next_verification_on,initial_t1,initial_t2,initial_t3,removed_on\n")
        readings.ascii("account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction\n")
        sms.ascii("received_at,phone,text\n")
        payments.ascii("payment_id,account_id,paid_on,amount,channel,period\n")
        rrows.reserveCapacity(64); srows.reserveCapacity(32); prows.reserveCapacity(32)
        name.reserveCapacity(128); address.reserveCapacity(256)
    }

    func close() throws {
        for s in [accounts, meters, readings, sms, payments] { try s.close() }
    }

    @inline(__always) func periodFirstDay(_ p: Int) -> Int { Period(index: p).firstDay.dayNumber }
    @inline(__always) func dayCount(_ p: Int) -> Int { Period(index: p).dayCount }
    /// Day number of day `d` (clamped) of period p.
    @inline(__always) func day(_ p: Int, _ d: Int) -> Int { Period(index: p).date(day: d).dayNumber }
    /// The due day in the month after p: 10 through 2026-02, 15 from 2026-03.
    @inline(__always) func dueDay(_ p: Int) -> Int { p >= 2026 * 12 + 2 ? 15 : 10 }

    /// Price level in per mille of 2025-07-01 for period p (precomputed per period).
    @inline(__always) func perMille(_ p: Int) -> Int { levels[p - pFirst] }

    static func level(_ p: Int) -> Int {
        var level = GeneratorCatalog.versions[0].perMille
        for v in GeneratorCatalog.versions {
            let y = Int(v.from.prefix(4))!, m = Int(v.from.dropFirst(5).prefix(2))!
            if y * 12 + m - 1 <= p { level = v.perMille }
        }
        return level
    }

    // MARK: one account

    func account(index: Int) {
        var rng = GeneratorRandom(seed: options.seed, stream: UInt64(index))
        let regionIndex = rng.below(regions.count)
        let region = regions[regionIndex]
        let accountId = region.prefix * 100_000_000 + 10_000_000 + index
        let isLegal = rng.chance(30)
        let category: Int = isLegal ? 3 : rng.weighted([50, 30, 20])
        let residents = isLegal ? 0 : 1 + rng.weighted([25, 30, 25, 12, 8])
        let rooms = isLegal ? 0 : 1 + rng.weighted([30, 40, 22, 8])
        let female = rng.chance(520)

        // Lifecycle.
        let lifecycle = rng.below(1000)
        let isNew = lifecycle < 25 && pLast - pFirst >= 3
        let isClosed = !isNew && lifecycle >= 25 && lifecycle < 32 && pLast - pFirst >= 5
        let openedDay: Int
        var startP = pFirst
        if isNew {
            startP = rng.range(pFirst + 1, pLast - 1)
            openedDay = day(startP, rng.range(1, 28))
        } else {
            let lo = CivilDate(year: 2005, month: 1, day: 1)!.dayNumber
            openedDay = rng.range(lo, periodFirstDay(pFirst) - 400)
        }
        var endP = pLast
        var closedDay: Int? = nil
        if isClosed {
            endP = rng.range(pFirst + 3, pLast - 1)
            closedDay = day(endP, rng.range(1, 28))
        }
        let balanceDraw = rng.below(1000)
        var openingBalance: Int64? = nil
        if !isNew {
            if balanceDraw < 30 { openingBalance = Int64(rng.range(500, 25_000) * 100 + rng.below(100)) }
            else if balanceDraw < 50 { openingBalance = -Int64(rng.range(100, 3_000) * 100 + rng.below(100)) }
        }

        // ---- accounts.csv
        let a = accounts
        a.beginRow()
        a.uint(UInt64(accountId)); a.comma()
        name.removeAll(keepingCapacity: true)
        address.removeAll(keepingCapacity: true)
        var inn = 0, kpp = 0
        if isLegal {
            name += companyForms[rng.below(companyForms.count)]
            name += companies[rng.below(companies.count)]
            name += closeQuote
            var nine: [Int] = [region.prefix / 10, region.prefix % 10]
            for _ in 0..<7 { nine.append(rng.below(10)) }
            var v = 0
            for dg in nine { v = v * 10 + dg }
            inn = v * 10 + GeneratorCatalog.innChecksum(nine)
            kpp = (region.prefix * 100 + rng.range(1, 60)) * 100_000 + 1001
        } else {
            let sur = surnames[rng.below(surnames.count)]
            name += sur
            if female { name += utf8Bytes("а") }
            name.append(32)
            name += female ? femaleNames[rng.below(femaleNames.count)] : maleNames[rng.below(maleNames.count)]
            name.append(32)
            name += female ? femalePatronymics[rng.below(femalePatronymics.count)] : malePatronymics[rng.below(malePatronymics.count)]
            if category == 2 {
                address += region.villages[rng.below(region.villages.count)]
            } else {
                address += region.cities[rng.below(region.cities.count)]
            }
        }
        // Street, house, flat/office (rebuilt uniformly for both kinds).
        if isLegal {
            address.removeAll(keepingCapacity: true)
            address += region.cities[rng.below(region.cities.count)]
        }
        address.append(44); address.append(32)
        address += streets[rng.below(streets.count)]
        address += housePrefix
        appendNumber(&address, rng.range(1, 150))
        if isLegal {
            address += officePrefix; appendNumber(&address, rng.range(1, 40))
        } else if category != 2 {
            address += flatPrefix; appendNumber(&address, rng.range(1, 300))
        }
        a.quoted(name); a.comma()
        a.quoted(address); a.comma()
        a.bytes(regionBytes[regionIndex]); a.comma()
        a.bytes(GeneratorCatalog.categoryBytes[category]); a.comma()
        if isLegal { a.ascii("legal,"); a.uint(UInt64(inn)); a.comma(); a.padded(kpp, 9); a.ascii(",,,") }
        else { a.ascii("person,,,"); a.uint(UInt64(residents)); a.comma(); a.uint(UInt64(rooms)); a.comma() }
        let area = isLegal ? rng.range(300, 4000) : rooms * 170 + rng.range(50, 200)
        a.uint(UInt64(area / 10)); a.byte(46); a.uint(UInt64(area % 10)); a.comma()
        let hasEmail = isLegal || rng.chance(550)
        if hasEmail { a.ascii("ls"); a.uint(UInt64(accountId)); a.ascii("@example.ru") }
        a.comma()
        let phone = 79_000_000_000 + rng.below(1_000_000_000)
        a.byte(43); a.uint(UInt64(phone)); a.comma()
        if hasEmail && (isLegal || rng.chance(600)) { a.ascii("email,") } else { a.ascii("paper,") }
        a.date(dayNumber: openedDay); a.comma()
        if let c = closedDay { a.date(dayNumber: c) }
        a.comma()
        if let b = openingBalance { a.rubles(b) }
        a.newline()
        a.rows += 1

        // ---- meters
        meterList.removeAll(keepingCapacity: true)
        let noMeter = rng.chance(5)
        let zonesDraw = rng.below(1000)
        let zones = zonesDraw < 700 ? 1 : (zonesDraw < 950 ? 2 : 3)
        let digits = zones == 1 && rng.chance(450) ? 5 : 6
        let baseMeterId = 100_000_000 + index * 4
        var replaceP = -1, replaceDay = 0
        if !noMeter {
            var installed: Int
            var i1 = 0, i2 = 0, i3 = 0
            if isNew {
                installed = openedDay
                i1 = rng.range(0, 30); i2 = zones >= 2 ? rng.range(0, 10) : 0; i3 = zones == 3 ? rng.range(0, 10) : 0
            } else {
                let lo = max(openedDay, CivilDate(year: 2011, month: 1, day: 1)!.dayNumber)
                let hi = periodFirstDay(pFirst) - 20
                installed = lo < hi ? rng.range(lo, hi) : hi
                let cap = digits == 5 ? 60_000 : 400_000
                i1 = rng.range(1_000, cap)
                i2 = zones >= 2 ? i1 * rng.range(25, 55) / 100 : 0
                i3 = zones == 3 ? i1 * rng.range(60, 120) / 100 : 0
            }
            var nextVerification = installed + 16 * 365 + 3
            if !isNew && rng.chance(20) && pLast - pFirst >= 4 {
                nextVerification = day(rng.range(pFirst, pLast - 2), rng.range(1, 28))
            }
            // Rollover candidates: a 5-digit meter near 99999.
            if digits == 5 && !isNew && rng.chance(12) { i1 = 99_999 - rng.range(150, 900) }
            meterList.append(GMeter(id: baseMeterId, zones: zones, digits: digits, installedDay: installed,
                                    nextVerificationDay: nextVerification, removedDay: nil, i1: i1, i2: i2, i3: i3))
            if !isNew && !isClosed && rng.chance(12) && pLast - pFirst >= 3 {
                replaceP = rng.range(pFirst + 1, pLast - 1)
                replaceDay = day(replaceP, rng.range(3, 20))
                meterList[0].removedDay = replaceDay
                let newZones = zones == 1 && rng.chance(500) ? 2 : zones
                meterList.append(GMeter(id: baseMeterId + 1, zones: newZones, digits: 6, installedDay: replaceDay,
                                        nextVerificationDay: replaceDay + 16 * 365 + 3, removedDay: nil,
                                        i1: rng.range(0, 5), i2: newZones >= 2 ? rng.range(0, 3) : 0, i3: newZones == 3 ? rng.range(0, 3) : 0))
            }
        }
        for m in meterList {
            let w = meters
            w.beginRow()
            w.uint(UInt64(m.id)); w.comma()
            w.uint(UInt64(accountId)); w.comma()
            w.uint(UInt64(m.zones)); w.comma()
            w.uint(UInt64(m.digits)); w.ascii(",1,")
            if m.zones == 1 { w.ascii("2.0,") } else { w.ascii("1.0,") }
            w.date(dayNumber: m.installedDay); w.comma()
            w.date(dayNumber: m.nextVerificationDay); w.comma()
            w.uint(UInt64(m.i1)); w.comma()
            if m.zones >= 2 { w.uint(UInt64(m.i2)) }
            w.comma()
            if m.zones == 3 { w.uint(UInt64(m.i3)) }
            w.comma()
            if let r = m.removedDay { w.date(dayNumber: r) }
            w.newline()
            w.rows += 1
        }

        // ---- consumption profile
        var base: Int
        switch category {
        case 0: base = 50 + 40 * residents
        case 1: base = 110 + 60 * residents
        case 2: base = 140 + 70 * residents
        default: base = rng.range(400, 4_500)
        }
        if region.tiered && category != 3 && rng.chance(60) { base = rng.range(2_200, 3_600) }
        if !isLegal && rng.chance(10) { base = rng.range(0, 10) }     // an empty flat
        let personal = rng.range(70, 130)
        let nightShare = rng.range(20, 40)
        let peakShare = rng.range(25, 35)
        let night3Share = rng.range(20, 35)
        let habitDraw = rng.below(1000)
        let missPerMille: Int
        var streakStart = -1, streakEnd = -1
        if isLegal || habitDraw < 850 { missPerMille = 15 }
        else if habitDraw < 940 { missPerMille = 300 }
        else if habitDraw < 980 {
            missPerMille = 15
            streakStart = rng.range(startP + 3, max(startP + 3, pLast - 1))
            streakEnd = streakStart + rng.range(3, 7)
        } else { missPerMille = 1000 }
        let legalAskue = isLegal && rng.chance(600)
        let preferredSource = rng.weighted(Source.householdWeights)

        // payer profile
        let payerDraw = rng.below(1000)
        let payerType: Int   // 0 regular, 1 late, 2 partial, 3 over, 4 debtor, 5 irregular
        if isLegal { payerType = payerDraw < 750 ? 0 : 1 }
        else if payerDraw < 720 { payerType = 0 }
        else if payerDraw < 800 { payerType = 1 }
        else if payerDraw < 850 { payerType = 2 }
        else if payerDraw < 890 { payerType = 3 }
        else if payerDraw < 920 { payerType = 4 }
        else { payerType = 5 }
        let debtorStop = rng.range(pFirst + 1, max(pFirst + 1, pLast - 2))
        let namesPeriod = rng.chance(250)
        let roundsUp = rng.chance(400)
        let channel = isLegal ? Channel.bankTransfer : rng.weighted(Channel.householdWeights)
        var advanceLeft: Int64 = openingBalance.map { $0 < 0 ? -$0 : 0 } ?? 0
        var carried: Int64 = 0

        rrows.removeAll(keepingCapacity: true)
        srows.removeAll(keepingCapacity: true)
        prows.removeAll(keepingCapacity: true)
        var seq = 0

        // Opening debt: half of the debtors settle it in the first month.
        if let b = openingBalance, b > 0, rng.chance(500) {
            prows.append(PaymentRow(paidDay: day(startP, rng.range(5, 25)), seq: seq, amount: b, channel: channel,
                                    namedPeriod: -1, idPeriod: startP, idSeq: 0))
            seq += 1
        }

        // Register state per meter (true values) and the last value written.
        var s1 = meterList.first?.i1 ?? 0, s2 = meterList.first?.i2 ?? 0, s3 = meterList.first?.i3 ?? 0
        var current = 0          // index into meterList of the active meter
        var skipNext = false
        var oldFinal = (0, 0, 0)

        for p in startP...endP {
            let per = Period(index: p)
            let month = per.month
            var season = seasonPercent[month - 1]
            if isLegal { season = (season + 100) / 2 }
            var v = base * personal * season * rng.range(88, 112) / 1_000_000
            if p == startP && isNew { v = v * (per.dayCount - CivilDate(dayNumber: openedDay).day + 1) / per.dayCount }
            if v < 0 { v = 0 }

            // Charge estimate for the payment (kopecks), from the true volume.
            let price = region.single[category] * perMille(p) / 1000
            var kwhPriced = v * 100
            if !meterList.isEmpty {
                let z = meterList[current].zones
                if z == 2 { kwhPriced = v * (100 - nightShare) * 115 / 100 + v * nightShare * 57 / 100 }
                if z == 3 { kwhPriced = v * peakShare * 125 / 100 + v * night3Share * 57 / 100 + v * (100 - peakShare - night3Share) }
            }
            var charge = Int64(kwhPriced * price / 100)
            if region.tiered && category != 3 && v > 3_900 { charge += Int64((v - 3_900) * price) }
            // Legal prices are quoted without VAT: the payer pays it on top (20% to 2025, 22% from 2026).
            if isLegal { charge = charge * (Period(index: p).year >= 2026 ? 122 : 120) / 100 }

            if !meterList.isEmpty {
                // Meter replacement inside p: the old meter's final reading, the new meter starts.
                if p == replaceP {
                    let part = v * 2 / 5
                    let m = meterList[0]
                    addConsumption(part, zones: m.zones, &s1, &s2, &s3, nightShare, peakShare, night3Share, digits: m.digits)
                    let t = replaceDay * 86_400 + rng.range(9 * 3600, 17 * 3600)
                    rrows.append(ReadingRow(key: t, seq: seq, account: accountId, meter: m.id, takenDay: replaceDay,
                                            source: rng.chance(500) ? Source.office : Source.inspector, n: m.zones,
                                            t1: s1, t2: s2, t3: s3, correction: false))
                    seq += 1
                    oldFinal = (s1, s2, s3)
                    current = 1
                    s1 = meterList[1].i1; s2 = meterList[1].i2; s3 = meterList[1].i3
                    v -= part
                }
                let m = meterList[current]
                addConsumption(v, zones: m.zones, &s1, &s2, &s3, nightShare, peakShare, night3Share, digits: m.digits)

                if p == endP, let c = closedDay {
                    // The final reading on the closing day.
                    let t = c * 86_400 + rng.range(9 * 3600, 17 * 3600)
                    rrows.append(ReadingRow(key: t, seq: seq, account: accountId, meter: m.id, takenDay: c,
                                            source: Source.office, n: m.zones, t1: s1, t2: s2, t3: s3, correction: false))
                    seq += 1
                } else if !(isNew && p == startP) {
                    var submit = !rng.chance(missPerMille)
                    if p >= streakStart && p <= streakEnd { submit = false }
                    if skipNext { submit = submit && rng.chance(500); skipNext = false }
                    let wFirst = day(p, region.windowFirst)
                    let wLast = day(p, region.windowLast)
                    var source = legalAskue ? Source.askue : (isLegal ? Source.lk : preferredSource)
                    if !legalAskue && rng.chance(200) { source = rng.weighted(Source.householdWeights) }
                    var rd = rng.range(wFirst, wLast)
                    var sec = rng.range(7 * 3600, 86_399)
                    if source == Source.askue { rd = wFirst; sec = rng.range(3600, 3 * 3600) }
                    if source == Source.office { sec = rng.range(9 * 3600, 18 * 3600) }
                    var late = false
                    if submit && source != Source.askue && rng.chance(20) {
                        late = true
                        rd = wLast + rng.range(1, 4)
                        skipNext = true
                    }
                    let taken = (!late && rng.chance(200) && rd > wFirst) ? rd - 1 : rd
                    let special = rng.below(10_000)
                    if submit {
                        if source == Source.sms {
                            srows.append(SmsRow(key: rd * 86_400 + sec, seq: seq, n: m.zones, t1: s1, t2: s2, t3: s3))
                            seq += 1
                        } else {
                            let row = ReadingRow(key: rd * 86_400 + sec, seq: seq, account: accountId, meter: m.id,
                                                 takenDay: taken, source: source, n: m.zones, t1: s1, t2: s2, t3: s3,
                                                 correction: false)
                            if special >= 65 && special < 95 && !late {
                                // A typo, then its correction the same day.
                                var typo = row
                                typo.t1 += rng.range(100, 900)
                                rrows.append(typo); seq += 1
                                var fix = row
                                fix.seq = seq; seq += 1
                                fix.key = min(row.key + rng.range(600, 7_200), rd * 86_400 + 86_399)
                                fix.correction = true
                                rrows.append(fix)
                            } else {
                                rrows.append(row); seq += 1
                                if special >= 95 && special < 125 {
                                    var dup = row; dup.seq = seq; seq += 1
                                    rrows.append(dup)
                                }
                            }
                        }
                    }
                    // A bad reading of one kind or another, received in the window.
                    if special < 65 {
                        let bd = rng.range(wFirst, wLast)
                        var bad = ReadingRow(key: bd * 86_400 + rng.range(8 * 3600, 22 * 3600), seq: seq,
                                             account: accountId, meter: m.id, takenDay: bd, source: Source.lk,
                                             n: m.zones, t1: s1, t2: s2, t3: s3, correction: false)
                        var keep = true
                        var pow = 1
                        for _ in 0..<m.digits { pow *= 10 }
                        switch special {
                        case 0..<10: bad.t1 = pow + s1 % pow                          // too many digits
                        case 10..<20:                                                  // lower than previous
                            let low = s1 - v - max(rng.range(200, 1_500), (s1 - v) / 20)   // below any earlier reading
                            if m.digits == 6 && low > 0 { bad.t1 = low } else { keep = false }
                        case 20..<30:                                                  // implausible consumption
                            if s1 + 200_000 < pow { bad.t1 = s1 + 200_000 } else { keep = false }
                        case 30..<40: bad.n = m.zones == 1 ? 2 : 1                    // wrong register count
                            if m.zones == 1 { bad.t2 = rng.range(100, 5_000) }
                        case 40..<45: bad.account = region.prefix * 100_000_000 + 99_999_999   // unknown account
                        case 45..<50: bad.meter = 999_999_999                          // unknown meter
                        case 50..<55:                                                  // meter of another account
                            if lastFirstMeter != 0 { bad.meter = lastFirstMeter } else { keep = false }
                        default:                                                       // taken after received
                            bad.takenDay = bd + rng.range(2, 5)
                        }
                        if keep { rrows.append(bad); seq += 1 }
                    } else if special >= 125 && special < 175 {
                        // An inspector's control reading earlier in the month.
                        let cd = day(p, rng.range(5, max(5, region.windowFirst - 3)))
                        rrows.append(ReadingRow(key: cd * 86_400 + rng.range(10 * 3600, 17 * 3600), seq: seq,
                                                account: accountId, meter: m.id, takenDay: cd, source: Source.inspector,
                                                n: m.zones, t1: m.zones == 1 && s1 >= v / 2 ? s1 - v / 2 : s1, t2: s2, t3: s3,
                                                correction: false))
                        seq += 1
                    }
                    // A reading on the removed meter a month after the replacement.
                    if replaceP >= 0 && p == replaceP + 1 && accountId % 3 == 0 {
                        let bd = rng.range(wFirst, wLast)
                        rrows.append(ReadingRow(key: bd * 86_400 + rng.range(8 * 3600, 22 * 3600), seq: seq,
                                                account: accountId, meter: meterList[0].id, takenDay: bd, source: Source.lk,
                                                n: meterList[0].zones, t1: oldFinal.0 + 150, t2: oldFinal.1, t3: oldFinal.2,
                                                correction: false))
                        seq += 1
                    }
                }
            }

            // ---- payment for p, in the month after p
            if isNew && p == startP && charge == 0 { continue }
            if advanceLeft > 0 {
                let used = min(advanceLeft, charge)
                advanceLeft -= used
                charge -= used
                if charge == 0 { continue }
            }
            if payerType == 4 && p >= debtorStop { continue }
            var amount = charge + carried
            carried = 0
            if payerType == 5 && rng.chance(250) { carried = amount; continue }
            let due = dueDay(p)
            var payDay: Int
            switch payerType {
            case 1: payDay = day(p + 1, due).advanced(by: rng.range(5, 45))
            case 2: payDay = day(p + 1, rng.range(1, due)); amount = amount * Int64(rng.range(40, 90)) / 100
            case 3: payDay = day(p + 1, rng.range(1, due)); amount = (amount / 10_000 + 1 + Int64(rng.range(0, 5))) * 10_000
            default:
                payDay = day(p + 1, rng.range(1, due + 2))
                if rng.chance(60) { payDay = day(p + 1, due).advanced(by: rng.range(1, 20)) }
            }
            if payerType == 2 && rng.chance(300) { amount = charge }
            if roundsUp { amount = (amount + 99) / 100 * 100 }
            if let c = closedDay, payDay < c { payDay = c }
            if amount <= 0 || payDay > paymentHorizon { continue }   // not paid yet when the data set ends
            prows.append(PaymentRow(paidDay: payDay, seq: seq, amount: amount, channel: channel,
                                    namedPeriod: namesPeriod || rng.chance(30) ? p : -1, idPeriod: p, idSeq: 1))
            seq += 1
        }
        lastFirstMeter = meterList.first?.id ?? 0

        // ---- write the account's rows in time order
        rrows.sort { $0.key != $1.key ? $0.key < $1.key : $0.seq < $1.seq }
        let r = readings
        for row in rrows {
            r.beginRow()
            r.uint(UInt64(row.account)); r.comma()
            if row.meter != 0 { r.uint(UInt64(row.meter)) }
            r.comma()
            r.date(dayNumber: row.takenDay); r.comma()
            r.timestamp(dayNumber: row.key / 86_400, second: row.key % 86_400); r.comma()
            r.ascii(Source.names[row.source]); r.comma()
            r.uint(UInt64(row.t1)); r.comma()
            if row.n >= 2 { r.uint(UInt64(row.t2)) }
            r.comma()
            if row.n >= 3 { r.uint(UInt64(row.t3)) }
            r.comma()
            r.byte(row.correction ? 49 : 48)
            r.newline()
            r.rows += 1
        }
        srows.sort { $0.key != $1.key ? $0.key < $1.key : $0.seq < $1.seq }
        for row in srows {
            sms.beginRow()
            sms.timestamp(dayNumber: row.key / 86_400, second: row.key % 86_400); sms.comma()
            sms.byte(43); sms.uint(UInt64(phone)); sms.comma()
            sms.uint(UInt64(accountId)); sms.byte(32); sms.uint(UInt64(row.t1))
            if row.n >= 2 { sms.byte(32); sms.uint(UInt64(row.t2)) }
            if row.n >= 3 { sms.byte(32); sms.uint(UInt64(row.t3)) }
            sms.newline()
            sms.rows += 1
        }
        prows.sort { $0.paidDay != $1.paidDay ? $0.paidDay < $1.paidDay : $0.seq < $1.seq }
        for row in prows {
            let w = payments
            w.beginRow()
            w.byte(80); w.uint(UInt64(accountId)); w.byte(45)
            let ip = Period(index: row.idPeriod)
            w.padded(ip.year, 4); w.padded(ip.month, 2); w.byte(45); w.uint(UInt64(row.idSeq)); w.comma()
            w.uint(UInt64(accountId)); w.comma()
            w.date(dayNumber: row.paidDay); w.comma()
            w.rubles(row.amount); w.comma()
            w.ascii(Channel.names[row.channel]); w.comma()
            if row.namedPeriod >= 0 { w.period(Period(index: row.namedPeriod)) }
            w.newline()
            w.rows += 1
        }
    }

    @inline(__always)
    func addConsumption(_ v: Int, zones: Int, _ s1: inout Int, _ s2: inout Int, _ s3: inout Int,
                        _ nightShare: Int, _ peakShare: Int, _ night3Share: Int, digits: Int) {
        var pow = 1
        for _ in 0..<digits { pow *= 10 }
        switch zones {
        case 1: s1 += v
        case 2:
            let n = v * nightShare / 100
            s1 += v - n; s2 += n
        default:
            let pk = v * peakShare / 100, nt = v * night3Share / 100
            s1 += pk; s2 += nt; s3 += v - pk - nt
        }
        s1 %= pow; s2 %= pow; s3 %= pow   // the display rolls over past 10^digits − 1
    }

    func appendNumber(_ a: inout [UInt8], _ v: Int) {
        a += Array(String(v).utf8)
    }
}
