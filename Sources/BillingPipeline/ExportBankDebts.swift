#if canImport(Glibc)
import Glibc
#endif
import BillingCore
import BillingInput
import BillingStore

/// `export debts --bank NAME --as-of DATE`: the debt registry a bank loads to take
/// payments by account number — per supplier (INN + settlement account)
/// `OUT/banks/<INN>_<account>_<NNN>_<MMYY>.txt`, cp1251, `;`:
/// account; holder; address; period (MMYYYY); debt — one line per account that owes.
/// The debt is the last closed period's total due (up to DATE's month) less every
/// payment up to DATE that close did not book. NNN is the next number free in
/// OUT/banks, so an earlier file sent to the bank is never replaced.
public func exportBankDebts(_ ws: Workspace, bank: String, asOf: CivilDate) throws -> [String] {
    let db = ws.database
    guard try db.bankTemplateExists(name: bank) else {
        throw BillingError(.badInput, "нет шаблона банка «\(bank)»; шаблоны загружаются из tariffs/banks/ командой import tariffs")
    }
    var suppliers: [String: Supplier] = [:]
    for (code, json) in try db.regionSources() {
        suppliers[code] = try loadRegionRules(json: Array(json.utf8), file: "stored tariffs of \(code)").supplier
    }
    let debts = try db.bankDebts(asOf: asOf)
    struct File { var supplier: Supplier; var text = ""; var count = 0; var total = Kopecks(0) }
    var files: [String: File] = [:]
    while let d = try debts.next() {
        let debt = d.debt
        guard debt.value > 0, let supplier = suppliers[d.region], let period = d.period else { continue }
        let key = supplier.inn + "_" + supplier.account
        var f = files[key] ?? File(supplier: supplier)
        f.text += [d.accountId, debtField(d.holder), debtField(d.address), period.mmyyyy, debt.rublesString(separator: ",")].joined(separator: ";") + "\r\n"
        f.count += 1; f.total += debt
        files[key] = f
    }
    let out = OutputFiles(root: ws.outDir)
    try out.makeDirectory("banks")
    let mmyy = (asOf.month < 10 ? "0" : "") + String(asOf.month) + String(String(asOf.year).suffix(2))
    var lines: [String] = []
    for key in files.keys.sorted() {
        guard let f = files[key] else { continue }
        var n = 1
        var path = ""
        repeat {
            let nnn = String(repeating: "0", count: max(0, 3 - String(n).count)) + String(n)
            path = out.path("banks", "\(key)_\(nnn)_\(mmyy).txt")
            n += 1
        } while access(path, F_OK) == 0
        try OutputFiles.write(CP1251.encode(f.text), to: path)
        lines.append("реестр задолженности для \(bank) на \(asOf.russian), \(f.supplier.name): счетов \(f.count), долг \(f.total.rublesString(separator: ",")) руб. → \(path)")
    }
    if lines.isEmpty { lines.append("на \(asOf.russian) нет счетов с долгом по закрытым периодам; файл не записан") }
    return lines
}

/// A holder or address as a field of a `;` file without quoting: no delimiter, no line breaks.
private func debtField(_ s: String) -> String {
    String(s.unicodeScalars.map { $0 == ";" ? "," : ($0.value < 32 ? " " : Character($0)) })
}
