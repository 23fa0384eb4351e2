import BillingCore
import BillingStore

/// The `status` lines of money from banks: the last registries with their transfer,
/// registries whose transfer is missing or differs, and the unmatched payments.
func bankStatusLines(_ db: Database) throws -> String {
    var s = ""
    let n = try db.scalarInt("SELECT count(*) FROM bank_registries") ?? 0
    if n > 0 {
        s += "реестры банков: \(n)\n"
        let r = try db.prepareUncached("""
            SELECT bank, file_name, registry_date, order_no, rows, operation_sum, transferred_sum, commission, sha256,
                   transfer_document, transfer_amount
            FROM bank_registries ORDER BY registry_date DESC, id DESC LIMIT 10
            """)
        while try r.step() {
            var line = "  \(r.text(0)) \(r.text(1)) \(r.text(2))"
            if !r.text(3).isEmpty { line += " п/п №\(r.text(3))" }
            line += ": \(r.int(4)) оп., \(Kopecks(r.int(5)).rublesString(separator: ",")) руб., перечислено \(Kopecks(r.int(6)).rublesString(separator: ","))"
            line += ", комиссия \(Kopecks(r.int(7)).rublesString(separator: ",")), sha256 \(r.text(8).prefix(12))"
            line += " — " + transferState(document: r.optText(9), amount: r.optInt(10), expected: r.int(6))
            s += line + "\n"
        }
        let open = try db.scalarInt("""
            SELECT count(*) FROM bank_registries WHERE transfer_document IS NULL OR transfer_amount <> transferred_sum
            """) ?? 0
        if open > 0 { s += "  реестры без совпадающего перечисления банка: \(open)\n" }
    }
    let u = try db.prepareUncached("SELECT count(*), coalesce(sum(amount), 0) FROM unmatched_payments WHERE assigned_account IS NULL")
    if try u.step(), u.int(0) > 0 {
        s += "платежи без лицевого счёта: \(u.int(0)), \(Kopecks(u.int(1)).rublesString(separator: ",")) руб. (energobill payments unmatched)\n"
    }
    return s
}

func transferState(document: String?, amount: Int64?, expected: Int64) -> String {
    guard document != nil, let amount else { return "перечисление банка не поступило" }
    if amount == expected { return "перечисление получено" }
    return "перечисление \(Kopecks(amount).rublesString(separator: ",")) руб. вместо \(Kopecks(expected).rublesString(separator: ","))"
}
