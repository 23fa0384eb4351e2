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
    guard try db.scalarInt("SELECT count(*) FROM bank_templates WHERE name = ?", [.text(bank)]) ?? 0 > 0 else {
        throw BillingError(.badInput, "нет шаблона банка «\(bank)»; шаблоны загружаются из tariffs/banks/ командой import tariffs")
    }
    var suppliers: [String: Supplier] = [:]
    let r = try db.prepareUncached("SELECT code, source_json FROM regions ORDER BY code")
    while try r.step() { suppliers[r.text(0)] = try loadRegionRules(json: Array(r.text(1).utf8), file: "stored tariffs of \(r.text(0))").supplier }
    let s = try db.prepareUncached("""
        WITH last AS (SELECT account_id, max(period) AS period FROM account_periods WHERE period <= ?1 GROUP BY account_id),
        due AS (
            SELECT l.account_id, l.period, ap.region, ap.total_due, c.payments_watermark AS wm,
                   date(l.period || '-01', '+1 month', '-1 day') AS pend
            FROM last l JOIN account_periods ap ON ap.period = l.period AND ap.account_id = l.account_id
            JOIN closes c ON c.region = ap.region AND c.period = l.period)
        SELECT a.account_id, a.holder, a.address, d.region, d.period,
               d.total_due - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.account_id = d.account_id AND p.paid_on <= ?2
                                       AND (p.paid_on > d.pend OR p.rowid > d.wm)), 0)
        FROM due d JOIN accounts a USING (account_id)
        ORDER BY a.account_id
        """)
    try s.bind([.text(asOf.period.description), .text(asOf.iso)])
    struct File { var supplier: Supplier; var text = ""; var count = 0; var total = Kopecks(0) }
    var files: [String: File] = [:]
    while try s.step() {
        let debt = Kopecks(s.int(5))
        guard debt.value > 0, let supplier = suppliers[s.text(3)], let period = Period(s.text(4)) else { continue }
        let key = supplier.inn + "_" + supplier.account
        var f = files[key] ?? File(supplier: supplier)
        f.text += [s.text(0), debtField(s.text(1)), debtField(s.text(2)), period.mmyyyy, debt.rublesString(separator: ",")].joined(separator: ";") + "\r\n"
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
