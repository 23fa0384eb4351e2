import BillingCore
import BillingInput
import BillingStore

/// `import statement FILE`: the incoming documents of a 1C bank statement to a
/// supplier's settlement account. Each is the bank's transfer for an imported
/// registry (it reconciles the registry), a payment of a known account (by the purpose
/// text, else by the payer's INN), or an unmatched payment held for the clerk.
func importBankStatement(path: String, database: Database, options: ImportOptions) throws -> ImportReport {
    let bytes = try readFileBytes(path)
    let st = try BankStatement1C.parse(bytes, file: path)
    for a in st.accounts where a.opening + a.received - a.writtenOff != a.closing {
        throw ImportError(cause: .input, file: path, line: a.line, field: "КонечныйОстаток",
                          message: "счёт \(a.account): начальный остаток \(a.opening.rublesString(separator: ",")) + поступило \(a.received.rublesString(separator: ",")) − списано \(a.writtenOff.rublesString(separator: ",")) = \((a.opening + a.received - a.writtenOff).rublesString(separator: ",")), а конечный остаток \(a.closing.rublesString(separator: ",")); ничего не загружено")
    }
    let sha = SHA256.hash(bytes)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return try database.write {
        let run = try ImportRun(kind: .statement, path: path, database: database, options: options, progress: nil)
        if try database.bankStatementSeen(sha256: sha) {
            var r = ImportReport(kind: .statement, file: path)
            r.alreadyImported = true; r.sha256 = sha
            return (r, .rollback)   // seen before: nothing of this run is kept
        }
        let booking = try StatementBooking(database: database, run: run, file: name)
        for d in st.documents { try booking.book(d, path: path) }
        try database.insertBankStatement(fileName: name, sha256: sha, from: CivilDate(st.header["ДатаНачала"] ?? ""),
                                         to: CivilDate(st.header["ДатаКонца"] ?? ""), documents: st.documents.count,
                                         received: booking.received, importId: run.importId)
        var report = try run.finish(sha256: sha)
        report.notes = booking.notes()
        return (report, .commit)
    }
}

/// Books the documents of one statement.
final class StatementBooking {
    let database: Database
    let run: ImportRun
    let sink: BankPaymentSink
    let supplierAccounts: Set<String>
    var received = Kopecks(0)
    var incoming = 0, booked = 0, transfers = 0, transferMismatches = 0
    var bookedSum = Kopecks(0), transferSum = Kopecks(0)

    init(database: Database, run: ImportRun, file: String) throws {
        self.database = database; self.run = run
        sink = try BankPaymentSink(database: database, importId: run.importId, sourceFile: file)
        var accounts = Set<String>()
        for (code, json) in try database.regionSources() {
            accounts.insert(try loadRegionRules(json: Array(json.utf8), file: "stored tariffs of \(code)").supplier.account)
        }
        supplierAccounts = accounts
    }

    func book(_ d: BankStatement1C.Document, path: String) throws {
        let to = d["ПолучательСчет"].isEmpty ? d["ПолучательРасчСчет"] : d["ПолучательСчет"]
        guard !d["ДатаПоступило"].isEmpty, supplierAccounts.contains(to) else { return }
        incoming += 1
        run.report.rowsRead += 1
        func fail(_ key: String, _ m: String) -> ImportError { ImportError(cause: .input, file: path, line: d.line, field: key, message: m + "; ничего не загружено") }
        guard let paidOn = CivilDate(d["ДатаПоступило"]) else { throw fail("ДатаПоступило", "не дата «\(d["ДатаПоступило"])»") }
        guard let docDate = CivilDate(d["Дата"]) else { throw fail("Дата", "не дата документа «\(d["Дата"])»") }
        var sumBytes = Array(d["Сумма"].utf8)
        guard let amount = sumBytes.withUnsafeMutableBufferPointer({ FieldParse.money(UnsafeBufferPointer($0)) }), amount.value > 0,
              amount.value.magnitude <= maxBankAmount, (received.value + amount.value).magnitude <= maxBankTotal else {
            throw fail("Сумма", "не сумма «\(d["Сумма"])»")
        }
        let number = d["Номер"]
        guard !number.isEmpty, Check.isText(number, max: 40) else { throw fail("Номер", "нет номера документа") }
        received += amount
        let id = derivedPaymentId("pp", [d["ПлательщикСчет"], d["ПлательщикИНН"], number, docDate.iso, String(amount.value)])
        if try reconcilesRegistry(id: id, number: number, date: docDate, amount: amount) { return }
        let purpose = d["НазначениеПлатежа"]
        var p = BankPayment(id: id, accountId: nil, paidOn: paidOn, amount: amount, channel: PaymentChannel.bankTransfer.rawValue,
                            period: purposePeriod(purpose), line: d.line)
        p.payer = String((d["Плательщик1"].isEmpty ? d["Плательщик"] : d["Плательщик1"]).prefix(300))
        p.payerINN = String(d["ПлательщикИНН"].prefix(12))
        p.purpose = String(purpose.prefix(1000))
        p.docNo = number; p.docDate = docDate
        switch try matchAccount(purpose: purpose, inn: p.payerINN) {
        case .success(let acc): p.accountId = acc
        case .failure(let why): p.reason = why.text
        }
        switch try sink.store(p) {
        case .stored: run.report.stored += 1; booked += 1; bookedSum += amount
        case .unmatched: run.report.stored += 1
        case .unchanged: run.report.unchanged += 1
        case .conflict: throw fail("Номер", "документ \(id) уже загружен с другой датой поступления")
        }
    }

    /// The bank's payment order for a registry: same order no. and date, amount = the registry's transferred sum.
    func reconcilesRegistry(id: String, number: String, date: CivilDate, amount: Kopecks) throws -> Bool {
        let candidates = try database.registriesForTransfer(orderNo: number, date: date)
        if candidates.contains(where: { $0.transferDocument == id }) { run.report.unchanged += 1; transfers += 1; return true }
        if let r = candidates.first(where: { $0.transferDocument == nil && $0.transferredSum == amount }) {
            try database.setRegistryTransfer(id: r.id, document: id, amount: amount)
            run.report.stored += 1; transfers += 1; transferSum += amount
            return true
        }
        // Same order, other amount: the registry is flagged and the money held, so none of it is invisible.
        if let r = candidates.first(where: { $0.transferDocument == nil }) {
            try database.setRegistryTransfer(id: r.id, document: id, amount: amount)
            transferMismatches += 1
        }
        return false
    }

    struct NoMatch: Error { var text: String }

    func matchAccount(purpose: String, inn: String) throws -> Result<String, NoMatch> {
        var found: [String] = []
        for run in digitRuns(purpose) where run.count == 10 && !found.contains(run) {
            if try sink.isKnownAccount(run) { found.append(run) }
        }
        if found.count == 1 { return .success(found[0]) }
        if found.count > 1 { return .failure(NoMatch(text: "в назначении несколько лицевых счетов: " + found.joined(separator: ", "))) }
        guard !inn.isEmpty else { return .failure(NoMatch(text: "в назначении нет известного лицевого счёта, ИНН плательщика не указан")) }
        let byInn = try database.legalAccountIds(inn: inn, limit: 2)
        if byInn.count == 1 { return .success(byInn[0]) }
        return .failure(NoMatch(text: byInn.isEmpty
            ? "в назначении нет известного лицевого счёта, ИНН \(inn) не найден"
            : "в назначении нет лицевого счёта, а у ИНН \(inn) несколько договоров"))
    }

    func notes() -> [String] {
        var n = ["выписка: поступлений \(incoming) на \(received.rublesString(separator: ",")) руб.; разнесено \(booked) на \(bookedSum.rublesString(separator: ","))"
                 + ", перечислений банков по реестрам \(transfers) на \(transferSum.rublesString(separator: ","))"]
        if sink.unmatchedCount > 0 {
            n.append("невыясненных платежей: \(sink.unmatchedCount) на \(sink.unmatchedSum.rublesString(separator: ",")) руб. (energobill payments unmatched)")
        }
        if transferMismatches > 0 {
            n.append("перечислений с номером поручения реестра, но другой суммой: \(transferMismatches) (отложены как невыясненные; см. status)")
        }
        return n
    }
}

/// Maximal runs of ASCII digits in a text.
func digitRuns(_ s: String) -> [String] {
    var out: [String] = [], cur = ""
    for c in s.unicodeScalars {
        if c.value >= 48 && c.value <= 57 { cur.unicodeScalars.append(c) } else if !cur.isEmpty { out.append(cur); cur = "" }
    }
    if !cur.isEmpty { out.append(cur) }
    return out
}

/// The period a payer names after "за": "за 10.2026", "за октябрь 2026", "за октября 2026 г.".
func purposePeriod(_ purpose: String) -> Period? {
    let stems = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]
    let words = purpose.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "\t" }).map(String.init)
    for (i, w) in words.enumerated() where w == "за" && i + 1 < words.count {
        let next = words[i + 1].trimmingCharacters(in: ".")
        let mmyyyy = next.split(separator: ".")
        if mmyyyy.count == 2, mmyyyy[0].count == 2, mmyyyy[1].count == 4, let m = Int(mmyyyy[0]), let y = Int(mmyyyy[1]) {
            return Period(year: y, month: m)
        }
        guard i + 2 < words.count, let y = Int(words[i + 2].prefix(4)), words[i + 2].prefix(4).count == 4 else { continue }
        for (m, stem) in stems.enumerated() where next.hasPrefix(stem) {
            if stem == "ма" && next != "май" && next != "мая" { continue }
            if stem == "март" && next.hasPrefix("мая") { continue }
            return Period(year: y, month: m + 1)
        }
    }
    return nil
}

private extension String {
    func trimmingCharacters(in chars: String) -> String {
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
