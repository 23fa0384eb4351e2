import BillingCore
import BillingStore

/// The `status` lines of money from banks: the last registries with their transfer,
/// registries whose transfer is missing or differs, and the unmatched payments.
func bankStatusLines(_ db: Database) throws -> String {
    var s = ""
    let n = try db.bankRegistryCount()
    if n > 0 {
        s += "реестры банков: \(n)\n"
        for r in try db.lastBankRegistries(limit: 10) {
            var line = "  \(r.bank) \(r.fileName) \(r.registryDate)"
            if !r.orderNo.isEmpty { line += " п/п №\(r.orderNo)" }
            line += ": \(r.rows) оп., \(r.operationSum.rublesString(separator: ",")) руб., перечислено \(r.transferredSum.rublesString(separator: ","))"
            line += ", комиссия \(r.commission.rublesString(separator: ",")), sha256 \(r.sha256.prefix(12))"
            line += " — " + transferState(document: r.transferDocument, amount: r.transferAmount, expected: r.transferredSum.value)
            s += line + "\n"
        }
        let open = try db.bankRegistriesWithoutMatchingTransfer()
        if open > 0 { s += "  реестры без совпадающего перечисления банка: \(open)\n" }
    }
    let u = try db.unassignedUnmatchedPayments()
    if u.count > 0 {
        s += "платежи без лицевого счёта: \(u.count), \(u.amount.rublesString(separator: ",")) руб. (energobill payments unmatched)\n"
    }
    return s
}

func transferState(document: String?, amount: Int64?, expected: Int64) -> String {
    guard document != nil, let amount else { return "перечисление банка не поступило" }
    if amount == expected { return "перечисление получено" }
    return "перечисление \(Kopecks(amount).rublesString(separator: ",")) руб. вместо \(Kopecks(expected).rublesString(separator: ","))"
}
