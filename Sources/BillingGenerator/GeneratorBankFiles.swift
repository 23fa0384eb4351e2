import BillingCore
import BillingInput

/// How `generate` writes the payments: as payments.csv (default) or as the banks send
/// them (`--payments-as registries`): one `sber-12` registry per supplier and month
/// with its totals line and a 1% commission, and per supplier a 1C statement with the
/// bank's transfer for each registry. payments.csv then holds only its header.
public enum GeneratedPayments: String, Sendable, CaseIterable { case csv, registries }

/// The shipped tariffs/banks/sber-12.json, written beside the generated tariffs so the
/// generated folder imports on its own (a test keeps the two identical).
let generatorSber12Template = """
{
  "bank": "sber-12",
  "title": "ПАО Сбербанк: реестр принятых платежей, 12 полей",
  "encoding": "cp1251",
  "delimiter": ";",
  "fields_per_row": 12,
  "date_format": "DD.MM.YYYY",
  "period_format": "MMYYYY",
  "amounts": "rubles",
  "fields": {
    "date": 1, "time": 2, "branch": 3, "cashier": 4, "operation_id": 5, "account": 6,
    "holder": 7, "address": 8, "period": 9, "operation": 10, "transferred": 11, "commission": 12
  },
  "identity": ["date", "branch", "cashier", "operation_id"],
  "totals": {
    "prefix": "=",
    "position": "end",
    "fields": { "count": 1, "operation": 2, "transferred": 3, "commission": 4, "order_no": 5, "order_date": 6 }
  }
}

"""

/// Rewrites DIR/payments.csv into DIR/registries/; returns the number of registries.
func writePaymentsAsRegistries(outDir: String, regionCodes: [String]) throws -> Int {
    var suppliers: [String: Supplier] = [:]
    for code in regionCodes { suppliers[code] = try loadRegionRules(path: outDir + "/tariffs/" + code + ".json").supplier }
    try generatorMakeDirectory(outDir + "/tariffs/banks")
    let template = try GeneratorSink(path: outDir + "/tariffs/banks/sber-12.json")
    template.text(generatorSber12Template)
    try template.close()
    var holders: [String: (region: String, holder: String, address: String)] = [:]
    let acc = try CSVReader(path: outDir + "/accounts.csv")
    let ac = try acc.columns(required: ["account_id", "region", "holder", "address"], optional: [])
    while try acc.next() {
        holders[acc.string(ac["account_id"])] = (acc.string(ac["region"]), acc.string(ac["holder"]), acc.string(ac["address"]))
    }
    try generatorMakeDirectory(outDir + "/registries")
    // The registry's totals line; the generator keeps its own so it needs nothing of the importer.
    struct Totals { var count = 0, operation = Kopecks(0), transferred = Kopecks(0), commission = Kopecks(0) }
    struct Open { var sink: GeneratorSink; var totals = Totals(); var month: Period; var region: String }
    var open: [String: Open] = [:]
    let pay = try CSVReader(path: outDir + "/payments.csv")
    let pc = try pay.columns(required: ["payment_id", "account_id", "paid_on", "amount"], optional: ["channel", "period"])
    while try pay.next() {
        let id = pay.string(pc["account_id"])
        guard let who = holders[id], let paidOn = FieldParse.date(pay.field(pc["paid_on"])),
              let amount = FieldParse.money(pay.field(pc["amount"])) else { continue }
        let key = who.region + "_" + paidOn.period.description
        if open[key] == nil {
            open[key] = Open(sink: try GeneratorSink(path: outDir + "/registries/sber-12_" + key + ".txt"), month: paidOn.period, region: who.region)
        }
        let commission = Kopecks(divideRoundingHalfAwayFromZero(amount.value, 100))
        let period = Period(pay.string(pc["period"]))
        let line = [paidOn.russian, "12:00:00", "8597", "0001", pay.string(pc["payment_id"]), id, who.holder.replacingSemicolons,
                    who.address.replacingSemicolons, period?.mmyyyy ?? "", amount.rublesString(separator: ","),
                    (amount - commission).rublesString(separator: ","), commission.rublesString(separator: ",")].joined(separator: ";")
        open[key]?.sink.beginRow()
        for b in CP1251.encode(line) { open[key]?.sink.byte(b) }
        open[key]?.sink.byte(13); open[key]?.sink.byte(10)
        open[key]?.totals.count += 1
        open[key]?.totals.operation += amount
        open[key]?.totals.transferred += amount - commission
        open[key]?.totals.commission += commission
    }
    var transfers: [String: [(no: Int, date: CivilDate, amount: Kopecks)]] = [:]
    for (i, key) in open.keys.sorted().enumerated() {
        guard let o = open[key] else { continue }
        let orderNo = 10_001 + i, orderDate = o.month.next.firstDay
        let t = o.totals
        let totals = "=\(t.count);\(t.operation.rublesString(separator: ","));\(t.transferred.rublesString(separator: ","));"
            + "\(t.commission.rublesString(separator: ","));\(orderNo);\(orderDate.russian)\r\n"
        o.sink.beginRow(); o.sink.text(totals)
        try o.sink.close()
        transfers[o.region, default: []].append((orderNo, orderDate, t.transferred))
    }
    for region in transfers.keys.sorted() {
        guard let s = suppliers[region], let list = transfers[region] else { continue }
        let received = list.reduce(Kopecks(0)) { $0 + $1.amount }
        var text = "1CClientBankExchange\r\nВерсияФормата=1.03\r\nКодировка=Windows\r\nОтправитель=energobill generate\r\n"
        text += "СекцияРасчСчет\r\nРасчСчет=\(s.account)\r\nНачальныйОстаток=0.00\r\nВсегоПоступило=\(received)\r\n"
        text += "ВсегоСписано=0.00\r\nКонечныйОстаток=\(received)\r\nКонецРасчСчет\r\n"
        for t in list {
            text += "СекцияДокумент=Платежное поручение\r\nНомер=\(t.no)\r\nДата=\(t.date.russian)\r\nСумма=\(t.amount)\r\n"
            text += "ПлательщикСчет=30301810000000000001\r\nПлательщикИНН=7707083893\r\nПлательщик1=ПАО Сбербанк\r\n"
            text += "ПолучательСчет=\(s.account)\r\nПолучательИНН=\(s.inn)\r\nДатаПоступило=\(t.date.russian)\r\n"
            text += "НазначениеПлатежа=Перечисление средств по реестру № \(t.no)\r\nКонецДокумента\r\n"
        }
        text += "КонецФайла\r\n"
        let sink = try GeneratorSink(path: outDir + "/registries/statement_" + region + ".txt")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            sink.beginRow()
            for b in CP1251.encode(String(line)) { sink.byte(b) }
            sink.byte(10)
        }
        try sink.close()
    }
    let header = try GeneratorSink(path: outDir + "/payments.csv")
    header.text("payment_id,account_id,paid_on,amount,channel,period\n")
    try header.close()
    return open.count
}

private extension String {
    var replacingSemicolons: String { String(map { $0 == ";" ? "," : $0 }) }
}
