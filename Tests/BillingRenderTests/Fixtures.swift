import BillingCore
@testable import BillingRender

/// A realistic document and act: three three-zone meters (actual, average,
/// control), a tiered zone, recalculation, benefit and penalty lines, two
/// payments. Amounts are computed with the core's own rounding so totals add up.
enum Fixture {
    static let supplier = Supplier(name: "ООО «Иркутскэнергосбыт»", inn: "3808166404", kpp: "380801001",
                                   account: "40702810918350100123", bank: "Байкальский банк ПАО Сбербанк",
                                   bic: "042520607", corrAccount: "30101810900000000607", isSample: true)

    static func account(holder: String = "Иванова Мария Петровна") -> Account {
        Account(id: "100234-А", holder: holder, address: "г. Иркутск, ул. Байкальская, д. 105А, кв. 17",
                region: "IRK", category: "urban_electric", residents: 3, rooms: 2, areaCentiM2: 5430)
    }

    static func date(_ s: String) -> CivilDate { CivilDate(s)! }
    static func line(_ kind: ChargeKind, _ meter: String, _ zone: String, tier: Int = 0, method: String = "actual",
                     kwh: Int64, price: Int64, ground: String = "", ref: String = "") -> DocumentLine {
        DocumentLine(kind: kind, meterId: meter, zone: zone, tier: tier, method: method, volumeKwh: kwh,
                     price: PricePer10000(price), amount: PricePer10000(price).amount(for: KilowattHours(kwh)),
                     ground: ground, refPeriod: ref)
    }

    static let meters = [
        DocumentMeter(meterId: "011234567", zones: 3, ratio: 1, method: "actual", previous: [12000, 5000, 8000],
                      current: [12150, 5090, 8120], volumes: [150, 90, 120], readingSource: "lk",
                      readingTakenOn: date("2026-10-23"), nextVerificationOn: date("2031-06-30")),
        DocumentMeter(meterId: "022345678", zones: 3, ratio: 1, method: "average", previous: [3000, 1500, 2000],
                      current: nil, volumes: [80, 40, 60], readingSource: "", readingTakenOn: nil,
                      nextVerificationOn: nil),
        DocumentMeter(meterId: "033456789", zones: 3, ratio: 10, method: "control", previous: [400, 200, 300],
                      current: [830, 250, 350], volumes: [4300, 500, 500], readingSource: "inspector",
                      readingTakenOn: date("2026-10-20"), nextVerificationOn: date("2029-01-31")),
    ]

    static let energyLines: [DocumentLine] = [
        line(.energy, "011234567", "T1", kwh: 150, price: 23440),
        line(.energy, "011234567", "T2", kwh: 90, price: 10270),
        line(.energy, "011234567", "T3", kwh: 120, price: 19530),
        line(.energy, "022345678", "T1", method: "average", kwh: 80, price: 23440),
        line(.energy, "022345678", "T2", method: "average", kwh: 40, price: 10270),
        line(.energy, "022345678", "T3", method: "average", kwh: 60, price: 19530),
        line(.energy, "033456789", "T1", tier: 1, method: "control", kwh: 3900, price: 23440),
        line(.energy, "033456789", "T1", tier: 2, method: "control", kwh: 400, price: 41460),
        line(.energy, "033456789", "T2", method: "control", kwh: 500, price: 10270),
        line(.energy, "033456789", "T3", method: "control", kwh: 500, price: 19530),
    ]
    static let recalcLines: [DocumentLine] = [
        line(.recalculation, "022345678", "", method: "actual", kwh: -35, price: 12460,
             ground: "Перерасчёт среднего по фактическим показаниям", ref: "2026-08"),
        line(.recalculation, "011234567", "T1", kwh: 12, price: 23440,
             ground: "Исправление ошибки в показаниях (заявление от 02.10.2026)", ref: "2026-09"),
        DocumentLine(kind: .recalculation, meterId: "", zone: "", tier: 0, method: "", volumeKwh: 0,
                     price: PricePer10000(0), amount: Kopecks(-15000), ground: "Компенсация за перерыв электроснабжения",
                     refPeriod: "2026-09"),
    ]
    static let benefitLine = DocumentLine(kind: .benefit, meterId: "", zone: "", tier: 0, method: "", volumeKwh: 0,
                                          price: PricePer10000(0), amount: Kopecks(-25000),
                                          ground: "Льгота многодетной семье, 30 % в пределах нормы", refPeriod: "")
    static let penaltyLine = DocumentLine(kind: .penalty, meterId: "", zone: "", tier: 0, method: "", volumeKwh: 0,
                                          price: PricePer10000(0), amount: Kopecks(1234),
                                          ground: "Пени, ст. 155 ЖК РФ", refPeriod: "")

    static func document(holder: String = "Иванова Мария Петровна", balanceIn: Kopecks = Kopecks(150_000),
                         payments: [DocumentPayment]? = nil) -> DocumentData {
        let sum = { (ls: [DocumentLine]) in ls.reduce(Kopecks.zero) { $0 + $1.amount } }
        let charge = sum(energyLines), recalc = sum(recalcLines), benefit = benefitLine.amount
        let penalty = penaltyLine.amount
        let pays = payments ?? [
            DocumentPayment(paymentId: "P-1001", paidOn: date("2026-10-05"), amount: Kopecks(150_000),
                            channel: "Сбербанк Онлайн"),
            DocumentPayment(paymentId: "P-1002", paidOn: date("2026-10-20"), amount: Kopecks(20_000), channel: "касса"),
        ]
        let paid = pays.reduce(Kopecks.zero) { $0 + $1.amount }
        let history = (0..<12).map { i -> HistoryBar in
            let p = Period("2026-10")!.adding(months: i - 11)
            return HistoryBar(period: p, volumeKwh: Int64(5200 + (i * 37) % 400 - (i % 3) * 150),
                              method: i == 4 || i == 5 ? "average" : (i == 11 ? "control" : "actual"))
        }
        return DocumentData(period: Period("2026-10")!, account: account(holder: holder), supplier: supplier,
                            regionTitle: "Иркутская область", meters: meters,
                            lines: energyLines + recalcLines + [benefitLine, penaltyLine],
                            method: "actual+average+control", volumeKwh: 5840, charge: charge,
                            recalculation: recalc, benefit: benefit, penalty: penalty,
                            penaltyTotal: Kopecks(5890), balanceIn: balanceIn, payments: pays, paymentsTotal: paid,
                            totalDue: balanceIn + charge + recalc + benefit + penalty - paid,
                            dueDate: date("2026-11-15"), history: history)
    }

    static func act(holder: String = "Иванова Мария Петровна", rows: [ActRow]? = nil,
                    opening: Kopecks = Kopecks(150_000)) -> ActData {
        let r = rows ?? [
            ActRow(date: date("2026-07-31"), kind: .charge, document: "Счёт за июль 2026", accountId: "100234-А",
                   amount: Kopecks(123_456)),
            ActRow(date: date("2026-08-05"), kind: .payment, document: "Платёж P-0901 (Сбербанк Онлайн)",
                   accountId: "100234-А", amount: Kopecks(-273_456)),
            ActRow(date: date("2026-08-31"), kind: .charge, document: "Счёт за август 2026", accountId: "100234-А",
                   amount: Kopecks(98_700)),
            ActRow(date: date("2026-08-31"), kind: .recalculation, document: "Перерасчёт за июль 2026",
                   accountId: "100234-А", amount: Kopecks(-4_321)),
            ActRow(date: date("2026-09-30"), kind: .penalty, document: "Пени за сентябрь 2026",
                   accountId: "100234-А", amount: Kopecks(1_234)),
            ActRow(date: date("2026-09-30"), kind: .charge, document: "Счёт за сентябрь 2026",
                   accountId: "100234-А", amount: Kopecks(110_050)),
        ]
        return ActData(number: "100234-А/2026-3", date: date("2026-09-30"), from: date("2026-07-01"),
                       to: date("2026-09-30"), supplier: supplier, accounts: [account(holder: holder)],
                       opening: opening, rows: r)
    }

    /// A fixed stand-in for the QR SVG: goldens do not depend on the QR encoder.
    static let dummyQR = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\" fill=\"#999\"/><rect x=\"2\" y=\"2\" width=\"6\" height=\"6\" fill=\"#fff\"/></svg>"
    /// A fixed stand-in for the chart SVG, for the same reason.
    static let dummyChart = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 700 100\"><rect width=\"700\" height=\"100\" fill=\"#eee\"/></svg>"
    /// Fixed words for the act golden.
    static func dummyWords(_ k: Kopecks) -> String { "сумма прописью (" + k.rublesString() + ")" }

    static func documentHTML(_ d: DocumentData = document()) -> [UInt8] {
        var out: [UInt8] = []
        out.raw(documentPageHead(title: documentTitle(d)))
        renderDocumentBody(d, qrSVG: dummyQR, chartSVG: dummyChart, into: &out)
        out.raw(documentPageTail)
        return out
    }
}
