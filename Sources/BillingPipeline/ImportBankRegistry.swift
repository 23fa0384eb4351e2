import BillingCore
import BillingInput
import BillingStore
#if canImport(Glibc)
import Glibc
#endif

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
    let lines = try RegistryLines(path: path, encoding: template.encoding)
    // Every account is looked up by the reader itself; SQLite's own probe per row only costs time.
    try database.setForeignKeys(false)
    defer { try? database.setForeignKeys(true) }
    let bulk = try isBulkPaymentsLoad(database, fileBytes: fileBytes(path))
    return try database.write(bulk: bulk) {
        let run = try ImportRun(kind: .registry, path: path, database: database, options: options, progress: progress)
        let indexes = bulk ? try dropPaymentsIndexes(database) : []
        let registry = try RegistryReader(template: template, lines: lines, run: run, database: database, file: path,
                                          sha256: { try lines.sha256() })
        do {
            try registry.readAll()
            try registry.drain()
        } catch {
            registry.stopWriter()  // the connection must be idle before the rollback
            throw error
        }
        let (report, completion) = try registry.finish()
        // The rebuild's sort may use a second core (SQLite's sorter threads; the result is the same).
        if completion == .commit { for index in indexes { try database.rebuild(index, sorterThreads: 2) } }
        return (report, completion)
    }
}

/// A registry large next to the payments table is loaded in bulk: its rows are written
/// once (`Database.write(bulk:)`), and the two account-keyed indexes (per account; per
/// month and account, the close's scan) are dropped inside the transaction and rebuilt
/// before commit — a sort each instead of a million random inserts into each; a failed or
/// repeated import rolls the drop back. Daily registries keep them.
func isBulkPaymentsLoad(_ db: Database, fileBytes: Int) throws -> Bool {
    let estimatedRows = Int64(fileBytes / 100)
    return try estimatedRows > 10_000 && estimatedRows > db.paymentsRowBound()
}

func dropPaymentsIndexes(_ db: Database) throws -> [Database.DroppedIndex] {
    try [Database.BulkIndex.paymentsAccount, .paymentsMonth].compactMap { try db.drop($0) }
}

/// The template stored by `import tariffs`, or exit 65 naming the templates there are.
func storedBankTemplate(_ db: Database, name: String, file: String) throws -> BankTemplate {
    guard let json = try db.bankTemplateSource(name: name) else {
        let names = try db.bankTemplateNames()
        throw ImportError(cause: .input, file: file, field: "--bank",
                          message: "нет шаблона реестра банка «\(name)»" + (names.isEmpty
                            ? "; шаблоны загружаются из tariffs/banks/ командой import tariffs"
                            : "; есть: " + names.joined(separator: ", ")))
    }
    return try loadBankTemplate(json: Array(json.utf8), file: "tariffs/banks/\(name).json")
}

/// One registry being read: rows are stored as they come (the transaction is rolled
/// back if the totals then disagree), the tally is compared at the end. A large
/// registry is parsed here while `RegistryBatchWriter` stores the previous batch on its
/// own thread; the accounts are then looked up in memory, not in SQLite.
final class RegistryReader {
    let t: BankTemplate
    let lines: RegistryLines
    let run: ImportRun
    let database: Database
    let file: String
    let sink: BankPaymentSink
    let registryId: Int64
    let writer: RegistryBatchWriter
    let pipe: ImportBatchPipe<RegistryBatch>
    @exclusivity(unchecked) var batch: RegistryBatch
    /// Every account id, for a registry large enough to be written on its own thread
    /// (the connection then belongs to the writer); nil: each new id is asked of SQLite.
    let accounts: ByteKeyTable?
    // Touched by the parsing thread alone, row after row: no run-time exclusivity checks.
    @exclusivity(unchecked) var f: RegistryRowFields
    @exclusivity(unchecked) var rows = RegistryTotals()
    var declared: RegistryTotals?
    var totalsLine = 0
    var orderNo: String?
    var orderDate: CivilDate?
    @exclusivity(unchecked) var orderNoLine = 0
    @exclusivity(unchecked) var lastDate: CivilDate?
    /// 0-based positions of the fields every row needs (-1: the template has none).
    struct Slots { var date, operation, commission, transferred, orderNo, orderDate, period, account, holder, address: Int; var identity: [Int] }
    let ix: Slots
    let channel: String
    /// The template's name as bytes (payment ids start with it).
    let source: [UInt8]
    /// Dates, periods and order numbers repeat from row to row: the last one read is kept.
    @exclusivity(unchecked) var lastDateBytes: [UInt8] = []
    @exclusivity(unchecked) var lastDateValue: CivilDate?
    @exclusivity(unchecked) var lastDateISO: [UInt8] = []
    @exclusivity(unchecked) var lastPeriodBytes: [UInt8] = []
    @exclusivity(unchecked) var lastPeriodValue: Period?
    @exclusivity(unchecked) var lastPeriodText: [UInt8] = []
    @exclusivity(unchecked) var lastOrderNoBytes: [UInt8]?
    @exclusivity(unchecked) var lastOrderDateBytes: [UInt8]?

    let fileHash: () throws -> String

    init(template: BankTemplate, lines: RegistryLines, run: ImportRun, database: Database, file: String,
         sha256: @escaping () throws -> String) throws {
        t = template; self.lines = lines; self.run = run; self.database = database; self.file = file
        fileHash = sha256
        func i(_ k: String) -> Int { template.fields[k] ?? -1 }
        ix = Slots(date: i("date"), operation: i("operation"), commission: i("commission"), transferred: i("transferred"),
                   orderNo: i("order_no"), orderDate: i("order_date"), period: i("period"), account: i("account"),
                   holder: i("holder"), address: i("address"), identity: template.identity.map(i))
        channel = registryChannel(template.name)
        source = Array(template.name.utf8)
        f = RegistryRowFields(delimiter: template.delimiter, encoding: template.encoding, fields: template.fieldsPerRow)
        // Inserted first so the payments can point to it; completed (or rolled back) at the end.
        registryId = try database.insertPendingRegistry(bank: template.name, fileName: file.split(separator: "/").last.map(String.init) ?? file,
                                                        importId: run.importId)
        sink = try BankPaymentSink(database: database, importId: run.importId, sourceFile: file.split(separator: "/").last.map(String.init) ?? file)
        // Worth a thread and a copy of the account ids only when the file is large and
        // the ids are not many more than its rows.
        let estimatedRows = run.totalBytes / 100
        let accountRows = Int(try database.accountsRowBound())
        if estimatedRows > 10_000 && accountRows <= estimatedRows * 8 {
            let table = ByteKeyTable(capacity: max(accountRows, 16))
            try database.forEachAccountId { table.insert($0) }
            accounts = table
        } else {
            accounts = nil
        }
        let writer = RegistryBatchWriter(sink: sink, rejects: run.rejects, path: file, encoding: template.encoding, channel: channel,
                                         registryId: registryId)
        self.writer = writer
        let threaded = accounts != nil
        pipe = try ImportBatchPipe(batches: (0..<(threaded ? 3 : 1)).map { _ in RegistryBatch() }, threaded: threaded,
                                   what: "реестра", write: writer.write)
        batch = pipe.take()
    }

    deinit { f.deallocate() }

    func fail(_ message: String, line: Int? = nil, field: String? = nil) -> ImportError {
        ImportError(cause: .input, file: file, line: line, field: field, message: message)
    }

    /// True when the line, read as UTF-8, starts with `prefix` (an ASCII prefix is compared with the file's own bytes).
    func line(_ l: UnsafeBufferPointer<UInt8>, startsWith prefix: [UInt8]) -> Bool {
        if prefix.allSatisfy({ $0 < 0x80 }) || t.encoding == .utf8 { return l.starts(with: prefix) }
        return registryLineUTF8(l, t.encoding).starts(with: prefix)
    }

    func readAll() throws {
        var endSeen = false
        let totalsPrefix = t.totals?.prefix
        while try lines.next() {
            let line = lines.line
            if lines.lineNumber <= t.skipLines { continue }
            if line.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            if let totals = t.totals, let prefix = totalsPrefix, self.line(line, startsWith: prefix) {
                if declared != nil {
                    throw fail("вторая итоговая строка (первая в строке \(totalsLine))", line: lines.lineNumber)
                }
                declared = try parseTotals(Array(registryLineUTF8(line, t.encoding).dropFirst(prefix.count)), totals)
                totalsLine = lines.lineNumber
                if totals.position == .end { endSeen = true }
                continue
            }
            if !t.commentPrefix.isEmpty && self.line(line, startsWith: t.commentPrefix) { continue }
            if endSeen {
                throw fail("строка данных после итоговой строки \(totalsLine): файл склеен или итоговая строка стоит не в конце", line: lines.lineNumber)
            }
            f.cut(line)
            try row()
        }
    }

    /// Hands the last rows to the writer and waits for them; then the counts are final.
    func drain() throws {
        try pipe.submit(batch)
        try pipe.finish()
        run.report.rowsRead = rows.count
        run.report.stored += writer.stored
        run.report.unchanged += writer.unchanged
        run.report.rejected += writer.rejected
    }

    func stopWriter() { try? pipe.finish() }

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
                throw fail("итоговая строка: не сумма «\(bankText(b))»", line: lines.lineNumber, field: "totals." + name)
            }
            return v
        }
        var d = RegistryTotals()
        let countText = field("count") ?? []
        guard let c = withBankBytes(countText, { FieldParse.integer($0) }), c >= 0, c < 1 << 40 else {
            throw fail("итоговая строка: не количество «\(bankText(countText))»", line: lines.lineNumber, field: "totals.count")
        }
        d.count = Int(c)
        d.operation = try money("operation")
        d.transferred = totals.fields["transferred"] != nil ? try money("transferred") : d.operation - (try money("commission"))
        d.commission = try money("commission")
        if let no = field("order_no") { try noteOrder(no: bankText(no), line: lines.lineNumber) }
        if let dt = field("order_date") {
            guard let date = withBankBytes(dt, { t.date($0) }) else {
                throw fail("итоговая строка: не дата «\(bankText(dt))» (\(t.dateFormat.rawValue))", line: lines.lineNumber, field: "totals.order_date")
            }
            try noteOrder(date: date, line: lines.lineNumber)
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

    func row() throws {
        rows.count += 1
        if rows.count % 100_000 == 0, let progress = run.progress {
            progress(ImportProgress(kind: .registry, file: file, rowsRead: rows.count, bytesRead: lines.bytesRead, totalBytes: run.totalBytes))
        }
        let lineNo = lines.lineNumber
        // Every amount that reads counts toward the tally, even on a rejected row: the bank's totals cover every row.
        let operation = amount(f.utf8(ix.operation))
        let commission = ix.commission < 0 ? Kopecks(0) : amount(f.utf8(ix.commission))
        let transferred = ix.transferred < 0 ? operation.map { $0 - (commission ?? Kopecks(0)) } : amount(f.utf8(ix.transferred))
        try addChecked(&rows.operation, operation, line: lineNo)
        try addChecked(&rows.transferred, transferred, line: lineNo)
        try addChecked(&rows.commission, commission, line: lineNo)
        if ix.orderNo >= 0 {
            let b = f.utf8(ix.orderNo)
            if let last = lastOrderNoBytes, sameBytes(last, b) { orderNoLine = lineNo } else {
                try noteOrder(no: Bytes.string(b), line: lineNo)
                lastOrderNoBytes = Array(b)
            }
        }
        if ix.orderDate >= 0 {
            let b = f.utf8(ix.orderDate)
            if lastOrderDateBytes.map({ !sameBytes($0, b) }) ?? true {
                guard let d = t.date(b) else {
                    throw fail("не дата платёжного поручения «\(Bytes.string(b))» (\(t.dateFormat.rawValue))", line: lineNo, field: "order_date")
                }
                try noteOrder(date: d, line: lineNo)
                lastOrderDateBytes = Array(b)
            }
        }
        guard f.count == t.fieldsPerRow else {
            return try reject("", "в строке \(f.count) полей, в шаблоне \(t.name) — \(t.fieldsPerRow)")
        }
        let dateBytes = f.utf8(ix.date)
        if !sameBytes(lastDateBytes, dateBytes) || lastDateISO.isEmpty {
            lastDateValue = t.date(dateBytes)
            lastDateBytes = Array(dateBytes)
            lastDateISO = lastDateValue.map { Array($0.iso.utf8) } ?? []
        }
        guard let date = lastDateValue else {
            return try reject("date", "не дата «\(Bytes.string(dateBytes))» (\(t.dateFormat.rawValue))")
        }
        guard let op = operation else { return try reject("operation", "не сумма «\(Bytes.string(f.utf8(ix.operation)))»") }
        guard op.value > 0 else { return try reject("operation", "сумма операции должна быть больше нуля") }
        guard let com = commission else { return try reject("commission", "не сумма «\(Bytes.string(f.utf8(ix.commission)))»") }
        guard let tr = transferred else { return try reject("transferred", "не сумма «\(Bytes.string(f.utf8(ix.transferred)))»") }
        guard com.value >= 0, tr.value >= 0 else { return try reject("commission", "отрицательная комиссия или сумма к перечислению") }
        guard op == tr + com else {
            return try reject("operation", "сумма операции \(op.rublesString(separator: ",")) ≠ перечислено \(tr.rublesString(separator: ",")) + комиссия \(com.rublesString(separator: ","))")
        }
        var period: Period? = nil
        let pt = f.utf8(ix.period)
        if !pt.isEmpty {
            if !sameBytes(lastPeriodBytes, pt) || lastPeriodText.isEmpty {
                lastPeriodValue = t.period(pt)
                lastPeriodBytes = Array(pt)
                lastPeriodText = lastPeriodValue.map { Array($0.description.utf8) } ?? []
            }
            guard let p = lastPeriodValue else {
                return try reject("period", "не период «\(Bytes.string(pt))» (\(t.periodFormat.rawValue))")
            }
            period = p
        }
        for (k, i) in ix.identity.enumerated() where f.utf8(i).isEmpty {
            return try reject(t.identity[k], "пустое поле, которое идентифицирует операцию")
        }
        let accountBytes = f.utf8(ix.account)
        let known: Bool
        if let accounts { known = Check.isPlainIdentifier(accountBytes) && accounts.find(accountBytes) >= 0 }
        else { known = try sink.isKnownAccount(Bytes.string(accountBytes)) }
        lastDate = max(lastDate ?? date, date)
        var r = RegistryBatchRow()
        r.line = Int64(lineNo)
        r.amount = op.value; r.commission = com.value
        r.lineAt = lines.lineOffset; r.lineLen = f.line.count
        if known {
            r.kind = .paid
            (r.idAt, r.idLen) = appendPaymentId()
            r.accountAt = batch.append(accountBytes); r.accountLen = accountBytes.count
            r.dateAt = lastDateISO.withUnsafeBufferPointer { batch.append($0) }
            if period != nil {
                r.periodLen = lastPeriodText.count
                _ = lastPeriodText.withUnsafeBufferPointer { batch.append($0) }
            }
        } else {
            let accountText = Bytes.string(accountBytes)
            let identity = ix.identity.map { ArraySlice(f.utf8($0)) }
            var p = BankPayment(id: derivedPaymentId(t.name, bytes: identity), accountId: nil, paidOn: date, amount: op, commission: com,
                                channel: channel, period: period, line: lineNo)
            p.registryId = registryId
            let holder = Bytes.string(f.utf8(ix.holder)), address = Bytes.string(f.utf8(ix.address))
            p.payer = String(holder.prefix(200))
            p.purpose = String((["ЛС " + accountText] + [address].filter { !$0.isEmpty }).joined(separator: "; ").prefix(500))
            p.reason = accountText.isEmpty ? "в строке реестра нет лицевого счёта" : "лицевой счёт \(accountText) не найден"
            r.kind = .held
            r.index = batch.held.count
            batch.held.append(p)
        }
        try enqueue(r)
    }

    /// The payment id (`derivedPaymentId`) written straight into the batch: the readable
    /// form when it is one, else the hashed one built the slow way.
    func appendPaymentId() -> (Int, Int) {
        var n = source.count
        var plain = true
        for i in ix.identity {
            let b = f.utf8(i)
            n += 1 + b.count
            if plain { for c in b where c < 33 || c > 126 || c == 47 { plain = false; break } }
        }
        if plain && n <= 64 {
            let at = batch.claim(n)
            var o = batch.bytes + at
            source.withUnsafeBufferPointer { s in if let b = s.baseAddress { o.update(from: b, count: s.count) } }
            o += source.count
            for i in ix.identity {
                let b = f.utf8(i)
                o.pointee = 47; o += 1
                if let base = b.baseAddress { o.update(from: base, count: b.count); o += b.count }
            }
            return (at, n)
        }
        var id = derivedPaymentId(t.name, bytes: ix.identity.map { ArraySlice(f.utf8($0)) })
        return id.withUTF8 { (batch.append($0), $0.count) }
    }

    func enqueue(_ r: RegistryBatchRow) throws {
        batch.rows.append(r)
        if batch.isFull {
            try pipe.submit(batch)
            batch = pipe.take()
        }
    }

    /// Queued with the rows, so the rejects file follows the file's line order.
    func reject(_ field: String, _ reason: String) throws {
        var r = RegistryBatchRow()
        r.kind = .reject
        r.line = Int64(lines.lineNumber)
        r.index = batch.rejects.count
        batch.rejects.append(RejectSink.Pending(line: Int64(lines.lineNumber), field: field, reason: reason, row: f.text()))
        try enqueue(r)
    }

    /// The report, and whether the import stands: a registry seen before (the same bytes,
    /// or the same bank, order and date) rolls back everything this run wrote.
    func finish() throws -> (ImportReport, TransactionCompletion) {
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
        if try database.registrySeenBefore(excluding: registryId, sha256: sha, bank: name, orderNo: orderNo, orderDate: orderDate) {
            var r = ImportReport(kind: .registry, file: file)
            r.alreadyImported = true; r.sha256 = sha
            _ = run.rejects.abandon(keep: false)
            return (r, .rollback)
        }
        let date = orderDate ?? lastDate
        try database.completeRegistry(id: registryId, RegistryCompletion(
            sha256: sha, registryDate: date, orderNo: orderNo, orderDate: orderDate, rows: rows.count,
            operation: rows.operation, transferred: rows.transferred, commission: rows.commission))
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
        return (report, .commit)
    }

    /// At most 10 billion rubles a payment: anything larger is a damaged field, and sums of such fields could overflow.
    func amount(_ b: BankField) -> Kopecks? {
        guard let v = withBankBytes(b, { t.amount($0) }), v.value.magnitude <= maxBankAmount else { return nil }
        return v
    }

    func amount(_ b: UnsafeBufferPointer<UInt8>) -> Kopecks? {
        guard let v = t.amount(b), v.value.magnitude <= maxBankAmount else { return nil }
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
    try db.settleRegistryFromHeldTransfer(registryId: registryId).map { "№ \($0)" }
}

@inline(__always) func sameBytes(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let bb = b.baseAddress, b.count > 0 else { return true }
    return a.withUnsafeBufferPointer { p in p.baseAddress.map { memcmp($0, bb, b.count) == 0 } ?? false }
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
