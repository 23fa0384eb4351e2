import BillingCore
import BillingInput
import BillingStore

/// The sums a registry's rows add up to, checked against its totals line.
struct RegistryTotals: Equatable {
    var count = 0
    var operation = Kopecks(0)
    var transferred = Kopecks(0)
    var commission = Kopecks(0)
}

/// `import registry FILE --bank NAME`: a bank's registry of accepted payments, read
/// line by line with the bank's template. The file is a financial document: when its
/// totals line disagrees with its rows nothing of it is stored.
func importBankRegistry(path: String, database: Database, options: ImportOptions,
                        progress: ((ImportProgress) -> Void)?) throws -> ImportReport {
    let template = try storedBankTemplate(database, name: options.bank ?? "", file: path)
    let reader = try LineReader(path: path, encoding: template.encoding, hashing: false)
    let hash = BackgroundFileHash(path: path)  // overlaps hashing with the import
    // Every account is looked up by the reader itself; SQLite's own probe per row only costs time.
    try database.execute("PRAGMA foreign_keys = OFF")
    defer { try? database.execute("PRAGMA foreign_keys = ON") }
    do {
        return try database.transaction {
            let run = try ImportRun(kind: .registry, path: path, database: database, options: options, progress: progress)
            let indexSQL = try dropPaymentsIndexForBulk(database, fileBytes: run.totalBytes)
            let registry = try RegistryReader(template: template, reader: reader, run: run, database: database, file: path,
                                              sha256: { try hash.wait() })
            try registry.readAll()
            let report = try registry.finish()
            if let indexSQL { try database.execute(indexSQL) }
            return report
        }
    } catch let done as AlreadyImported {
        return done.report
    }
}

/// A registry large next to the payments table: its account index is dropped inside the
/// transaction and rebuilt before commit (one sort instead of a million random index
/// inserts; a failed import rolls the drop back). Daily registries keep the index.
func dropPaymentsIndexForBulk(_ db: Database, fileBytes: Int) throws -> String? {
    let estimatedRows = Int64(fileBytes / 100)
    guard estimatedRows > 10_000, estimatedRows > (try db.scalarInt("SELECT coalesce(max(rowid), 0) FROM payments") ?? 0),
          let sql = try db.scalarText("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'payments_account'") else { return nil }
    try db.execute("DROP INDEX payments_account")
    return sql
}

/// The template stored by `import tariffs`, or exit 65 naming the templates there are.
func storedBankTemplate(_ db: Database, name: String, file: String) throws -> BankTemplate {
    guard let json = try db.scalarText("SELECT source_json FROM bank_templates WHERE name = ?", [.text(name)]) else {
        var names: [String] = []
        let s = try db.prepareUncached("SELECT name FROM bank_templates ORDER BY name")
        while try s.step() { names.append(s.text(0)) }
        throw ImportError(cause: .input, file: file, field: "--bank",
                          message: "нет шаблона реестра банка «\(name)»" + (names.isEmpty
                            ? "; шаблоны загружаются из tariffs/banks/ командой import tariffs"
                            : "; есть: " + names.joined(separator: ", ")))
    }
    return try loadBankTemplate(json: Array(json.utf8), file: "tariffs/banks/\(name).json")
}

/// One registry being read: rows are stored as they come (the transaction is rolled
/// back if the totals then disagree), the tally is compared at the end.
final class RegistryReader {
    let t: BankTemplate
    let reader: LineReader
    let run: ImportRun
    let database: Database
    let file: String
    let sink: BankPaymentSink
    let registryId: Int64
    var rows = RegistryTotals()
    var declared: RegistryTotals?
    var totalsLine = 0
    var orderNo: String?
    var orderDate: CivilDate?
    var orderNoLine = 0
    var lastDate: CivilDate?
    /// 0-based positions of the fields every row needs (-1: the template has none).
    struct Slots { var date, operation, commission, transferred, orderNo, orderDate, period, account: Int; var identity: [Int] }
    let ix: Slots
    let slot: [String: Int]

    let fileHash: () throws -> String

    init(template: BankTemplate, reader: LineReader, run: ImportRun, database: Database, file: String,
         sha256: @escaping () throws -> String) throws {
        t = template; self.reader = reader; self.run = run; self.database = database; self.file = file
        fileHash = sha256
        slot = template.fields
        func i(_ k: String) -> Int { template.fields[k] ?? -1 }
        ix = Slots(date: i("date"), operation: i("operation"), commission: i("commission"), transferred: i("transferred"),
                   orderNo: i("order_no"), orderDate: i("order_date"), period: i("period"), account: i("account"),
                   identity: template.identity.map(i))
        // Inserted first so the payments can point to it; completed (or rolled back) at the end.
        try database.run("""
            INSERT INTO bank_registries(bank, file_name, sha256, registry_date, order_no, rows, operation_sum, transferred_sum, commission, import_id)
            VALUES (?, ?, ?, '', '', 0, 0, 0, 0, ?)
            """, [.text(template.name), .text(file.split(separator: "/").last.map(String.init) ?? file), .text("pending-\(run.importId)"), .int(run.importId)])
        registryId = database.lastInsertRowID
        sink = try BankPaymentSink(database: database, importId: run.importId, sourceFile: file.split(separator: "/").last.map(String.init) ?? file)
    }

    func fail(_ message: String, line: Int? = nil, field: String? = nil) -> ImportError {
        ImportError(cause: .input, file: file, line: line, field: field, message: message)
    }

    func readAll() throws {
        var endSeen = false
        while try reader.next() {
            let line = reader.line
            if reader.lineNumber <= t.skipLines { continue }
            if line.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            if let totals = t.totals, line.starts(with: totals.prefix) {
                if declared != nil {
                    throw fail("вторая итоговая строка (первая в строке \(totalsLine))", line: reader.lineNumber)
                }
                declared = try parseTotals(Array(line.dropFirst(totals.prefix.count)), totals)
                totalsLine = reader.lineNumber
                if totals.position == .end { endSeen = true }
                continue
            }
            if !t.commentPrefix.isEmpty && line.starts(with: t.commentPrefix) { continue }
            if endSeen {
                throw fail("строка данных после итоговой строки \(totalsLine): файл склеен или итоговая строка стоит не в конце", line: reader.lineNumber)
            }
            try row(split(line))
        }
    }

    /// Fields as slices of the line: no copy per field.
    func split(_ line: [UInt8]) -> [BankField] {
        line.split(separator: t.delimiter, omittingEmptySubsequences: false)
    }

    func parseTotals(_ line: [UInt8], _ totals: BankTemplate.Totals) throws -> RegistryTotals {
        let f = split(line)
        func field(_ name: String) -> BankField? { totals.fields[name].map { $0 < f.count ? bankTrim(f[$0]) : [] } }
        func money(_ name: String) throws -> Kopecks {
            guard let b = field(name) else { return Kopecks(0) }
            guard let v = amount(b) else {
                throw fail("итоговая строка: не сумма «\(bankText(b))»", line: reader.lineNumber, field: "totals." + name)
            }
            return v
        }
        var d = RegistryTotals()
        let countText = field("count") ?? []
        guard let c = withBankBytes(countText, { FieldParse.integer($0) }), c >= 0, c < 1 << 40 else {
            throw fail("итоговая строка: не количество «\(bankText(countText))»", line: reader.lineNumber, field: "totals.count")
        }
        d.count = Int(c)
        d.operation = try money("operation")
        d.transferred = totals.fields["transferred"] != nil ? try money("transferred") : d.operation - (try money("commission"))
        d.commission = try money("commission")
        if let no = field("order_no") { try noteOrder(no: bankText(no), line: reader.lineNumber) }
        if let dt = field("order_date") {
            guard let date = withBankBytes(dt, { t.date($0) }) else {
                throw fail("итоговая строка: не дата «\(bankText(dt))» (\(t.dateFormat.rawValue))", line: reader.lineNumber, field: "totals.order_date")
            }
            try noteOrder(date: date, line: reader.lineNumber)
        }
        return d
    }

    func noteOrder(no: String? = nil, date: CivilDate? = nil, line: Int) throws {
        if let no {
            guard Check.isText(no, max: 40) else { throw fail("номер платёжного поручения «\(no)» не читается", line: line, field: "order_no") }
            if let old = orderNo, old != no {
                throw fail("номер платёжного поручения \(no), а в строке \(orderNoLine) — \(old): в реестре одно поручение", line: line, field: "order_no")
            }
            orderNo = no; orderNoLine = line
        }
        if let date {
            if let old = orderDate, old != date {
                throw fail("дата платёжного поручения \(date.russian), а выше — \(old.russian)", line: line, field: "order_date")
            }
            orderDate = date
        }
    }

    func row(_ f: [BankField]) throws {
        rows.count += 1
        run.report.rowsRead += 1
        if run.report.rowsRead % 100_000 == 0, let progress = run.progress {
            progress(ImportProgress(kind: .registry, file: file, rowsRead: run.report.rowsRead, bytesRead: reader.bytesRead, totalBytes: run.totalBytes))
        }
        // Positions looked up once per template, not per row.
        func at(_ i: Int) -> BankField { i >= 0 && i < f.count ? bankTrim(f[i]) : [] }
        func field(_ name: String) -> BankField { at(slot[name] ?? -1) }
        // Every amount that reads counts toward the tally, even on a rejected row: the bank's totals cover every row.
        let operation = amount(at(ix.operation))
        let commission = ix.commission < 0 ? Kopecks(0) : amount(at(ix.commission))
        let transferred = ix.transferred < 0 ? operation.map { $0 - (commission ?? Kopecks(0)) } : amount(at(ix.transferred))
        try addChecked(&rows.operation, operation, line: reader.lineNumber)
        try addChecked(&rows.transferred, transferred, line: reader.lineNumber)
        try addChecked(&rows.commission, commission, line: reader.lineNumber)
        if ix.orderNo >= 0 { try noteOrder(no: bankText(at(ix.orderNo)), line: reader.lineNumber) }
        if ix.orderDate >= 0 {
            let b = at(ix.orderDate)
            guard let d = withBankBytes(b, { t.date($0) }) else {
                throw fail("не дата платёжного поручения «\(bankText(b))» (\(t.dateFormat.rawValue))", line: reader.lineNumber, field: "order_date")
            }
            try noteOrder(date: d, line: reader.lineNumber)
        }
        guard f.count == t.fieldsPerRow else {
            return try reject(f, "", "в строке \(f.count) полей, в шаблоне \(t.name) — \(t.fieldsPerRow)")
        }
        guard let date = withBankBytes(at(ix.date), { t.date($0) }) else {
            return try reject(f, "date", "не дата «\(bankText(field("date")))» (\(t.dateFormat.rawValue))")
        }
        guard let op = operation else { return try reject(f, "operation", "не сумма «\(bankText(field("operation")))»") }
        guard op.value > 0 else { return try reject(f, "operation", "сумма операции должна быть больше нуля") }
        guard let com = commission else { return try reject(f, "commission", "не сумма «\(bankText(field("commission")))»") }
        guard let tr = transferred else { return try reject(f, "transferred", "не сумма «\(bankText(field("transferred")))»") }
        guard com.value >= 0, tr.value >= 0 else { return try reject(f, "commission", "отрицательная комиссия или сумма к перечислению") }
        guard op == tr + com else {
            return try reject(f, "operation", "сумма операции \(op.rublesString(separator: ",")) ≠ перечислено \(tr.rublesString(separator: ",")) + комиссия \(com.rublesString(separator: ","))")
        }
        var period: Period? = nil
        let pt = at(ix.period)
        if !pt.isEmpty {
            guard let p = withBankBytes(pt, { t.period($0) }) else {
                return try reject(f, "period", "не период «\(bankText(pt))» (\(t.periodFormat.rawValue))")
            }
            period = p
        }
        let identity = ix.identity.map { at($0) }
        if let empty = identity.firstIndex(where: { $0.isEmpty }) {
            return try reject(f, t.identity[empty], "пустое поле, которое идентифицирует операцию")
        }
        let accountText = bankText(at(ix.account))
        var p = BankPayment(id: derivedPaymentId(t.name, bytes: identity), accountId: nil, paidOn: date, amount: op, commission: com,
                            channel: registryChannel(t.name), period: period, line: reader.lineNumber)
        p.registryId = registryId
        if try sink.isKnownAccount(accountText) { p.accountId = accountText } else {
            let holder = bankText(field("holder")), address = bankText(field("address"))
            p.payer = String(holder.prefix(200))
            p.purpose = String((["ЛС " + accountText] + [address].filter { !$0.isEmpty }).joined(separator: "; ").prefix(500))
            p.reason = accountText.isEmpty ? "в строке реестра нет лицевого счёта" : "лицевой счёт \(accountText) не найден"
        }
        lastDate = max(lastDate ?? date, date)
        switch try sink.store(p) {
        case .stored: run.report.stored += 1
        case .unmatched: run.report.stored += 1
        case .unchanged: run.report.unchanged += 1
        case .conflict: try reject(f, "", "операция \(p.id) уже загружена с другой датой или суммой")
        }
    }

    func reject(_ f: [BankField], _ field: String, _ reason: String) throws {
        run.report.rejected += 1
        let row = String(decoding: Array(f.joined(separator: [t.delimiter])), as: UTF8.self)
        try run.rejects.add(line: reader.lineNumber, row: row, field: field, reason: reason)
    }

    func finish() throws -> ImportReport {
        if t.totals != nil && declared == nil {
            throw fail("нет итоговой строки (начинается с «\(String(decoding: t.totals?.prefix ?? [], as: UTF8.self))»): файл обрезан? ничего не загружено")
        }
        if declared == nil && rows.count == 0 {
            throw fail("в файле нет ни одной строки реестра (шаблон \(t.name)): ничего не загружено")
        }
        if let d = declared {
            var diffs: [String] = []
            if d.count != rows.count { diffs.append("строк: в итогах \(d.count), в файле \(rows.count)") }
            func money(_ what: String, _ a: Kopecks, _ b: Kopecks) {
                if a != b { diffs.append("\(what): в итогах \(a.rublesString(separator: ",")), по строкам \(b.rublesString(separator: ",")), разница \((a - b).rublesString(separator: ","))") }
            }
            money("сумма операций", d.operation, rows.operation)
            money("перечислено", d.transferred, rows.transferred)
            money("комиссия", d.commission, rows.commission)
            if !diffs.isEmpty {
                throw fail("итоговая строка \(totalsLine) не сходится со строками, ничего не загружено: " + diffs.joined(separator: "; "), line: totalsLine)
            }
        }
        let sha = try fileHash()
        let orderNo = self.orderNo ?? ""
        let name = t.name
        let seen = try database.scalarInt("""
            SELECT count(*) FROM bank_registries WHERE id <> ?1 AND (sha256 = ?2 OR (?3 <> '' AND bank = ?4 AND order_no = ?3 AND order_date IS ?5))
            """, [.int(registryId), .text(sha), .text(orderNo), .text(name), .date(orderDate)]) ?? 0
        if seen > 0 {
            var r = ImportReport(kind: .registry, file: file)
            r.alreadyImported = true; r.sha256 = sha
            _ = run.rejects.abandon(keep: false)
            throw AlreadyImported(report: r)
        }
        let date = orderDate ?? lastDate
        try database.run("""
            UPDATE bank_registries SET sha256 = ?, registry_date = ?, order_no = ?, order_date = ?, rows = ?, operation_sum = ?,
                transferred_sum = ?, commission = ? WHERE id = ?
            """, [.text(sha), .text(date?.iso ?? ""), .text(orderNo), .date(orderDate), .int(Int64(rows.count)), .int(rows.operation.value),
                  .int(rows.transferred.value), .int(rows.commission.value), .int(registryId)])
        let reconciled = try reconcileHeldTransfer(database, registryId: registryId)
        var report = try run.finish(sha256: sha)
        var note = "реестр \(name)"
        if !orderNo.isEmpty { note += ", п/п № \(orderNo)" }
        if let orderDate { note += " от \(orderDate.russian)" }
        note += ": операций \(rows.count) на \(rows.operation.rublesString(separator: ",")) руб., перечислено \(rows.transferred.rublesString(separator: ",")), комиссия \(rows.commission.rublesString(separator: ","))"
        report.notes.append(note)
        if sink.unmatchedCount > 0 {
            report.notes.append("невыясненных платежей: \(sink.unmatchedCount) на \(sink.unmatchedSum.rublesString(separator: ",")) руб. (energobill payments unmatched)")
        }
        if let reconciled { report.notes.append("перечисление банка уже пришло в выписке: документ \(reconciled)") }
        return report
    }

    /// At most 10 billion rubles a payment: anything larger is a damaged field, and sums of such fields could overflow.
    func amount(_ b: BankField) -> Kopecks? {
        guard let v = withBankBytes(b, { t.amount($0) }), v.value.magnitude <= maxBankAmount else { return nil }
        return v
    }

    func addChecked(_ sum: inout Kopecks, _ v: Kopecks?, line: Int) throws {
        guard let v else { return }
        let (r, overflow) = sum.value.addingReportingOverflow(v.value)
        guard !overflow, r.magnitude <= maxBankTotal else { throw fail("суммы реестра вне разумных пределов: файл повреждён", line: line) }
        sum = Kopecks(r)
    }
}

/// 10 000 000 000,00 руб. per payment, 10^16 kopecks in a file.
let maxBankAmount: UInt64 = 1_000_000_000_000
let maxBankTotal: UInt64 = 10_000_000_000_000_000

/// A statement imported before the registry may hold the bank's transfer for it as an
/// unmatched payment: it is the registry's money, not a payment of its own.
func reconcileHeldTransfer(_ db: Database, registryId: Int64) throws -> String? {
    let s = try db.prepareUncached("""
        SELECT u.payment_id, u.doc_no, u.amount FROM unmatched_payments u JOIN bank_registries r ON r.id = ?1
        WHERE u.assigned_account IS NULL AND u.registry_id IS NULL AND u.doc_no = r.order_no AND r.order_no <> ''
          AND u.doc_date IS r.order_date AND u.amount = r.transferred_sum AND u.channel = 'bank_transfer'
        ORDER BY u.payment_id LIMIT 1
        """)
    try s.bind([.int(registryId)])
    guard try s.step() else { return nil }
    let id = s.text(0), doc = s.text(1), amount = s.int(2)
    s.reset()
    try db.run("DELETE FROM unmatched_payments WHERE payment_id = ?", [.text(id)])
    try db.run("UPDATE bank_registries SET transfer_document = ?, transfer_amount = ? WHERE id = ?", [.text(id), .int(amount), .int(registryId)])
    return "№ \(doc)"
}

/// A field of a registry line: a slice of the line, never copied.
typealias BankField = ArraySlice<UInt8>

@inline(__always) func bankTrim(_ b: BankField) -> BankField {
    var a = b.startIndex, e = b.endIndex
    while a < e && (b[a] == 32 || b[a] == 9) { a += 1 }
    while e > a && (b[e - 1] == 32 || b[e - 1] == 9) { e -= 1 }
    return b[a..<e]
}

@inline(__always) func bankText(_ b: BankField) -> String { String(decoding: b, as: UTF8.self) }

@inline(__always) func withBankBytes<T>(_ b: BankField, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    b.withUnsafeBufferPointer { body($0) }
}

/// The payment channel (a code of the closed list documents print) of a registry's
/// rows: Sberbank's own layouts are "sberbank", any other bank's "bank".
func registryChannel(_ template: String) -> String {
    (template.hasPrefix("sber") ? PaymentChannel.sberbank : PaymentChannel.bank).rawValue
}
