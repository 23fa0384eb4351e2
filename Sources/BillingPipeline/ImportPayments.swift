import BillingCore
import BillingInput
import BillingStore

/// `import payments FILE`: keyed by payment_id. A payment seen before with the same
/// content is unchanged; with different content it is ALWAYS rejected (money that was
/// booked is never silently rewritten).
func importPayments(path: String, database: Database, options: ImportOptions,
                    progress: ((ImportProgress) -> Void)?) throws -> ImportReport {
    let reader = try CSVReader(path: path, displayName: path, encoding: options.encoding)
    let cols = try reader.columns(required: ["payment_id", "account_id", "paid_on", "amount"], optional: ["channel", "period"])
    return try database.transaction {
        let run = try ImportRun(kind: .payments, path: path, database: database, options: options, progress: progress)
        run.report.warnings = cols.warnings
        let horizon = try paymentHorizon(database)
        while try reader.next() {
            run.tick(reader)
            if let problem = reader.problem { try run.reject(reader, field: "", reason: problem); continue }
            let p: Payment
            switch parsePayment(reader, cols) {
            case .failure(let e): try run.reject(reader, field: e.field, reason: e.reason); continue
            case .success(let v): p = v
            }
            guard let openedOn = try database.accountOpenedOn(p.accountId) else {
                try run.reject(reader, field: "account_id", reason: "unknown account \(p.accountId)"); continue
            }
            if let openedOn, p.paidOn < openedOn {
                try run.reject(reader, field: "paid_on", reason: "payment date \(p.paidOn.russian) is before the account was opened (\(openedOn.russian))")
                continue
            }
            if let horizon, p.paidOn > horizon.date {
                try run.reject(reader, field: "paid_on", reason: "payment date \(p.paidOn.russian) is more than a year after the latest data (\(horizon.what)): a typo in the year?")
                continue
            }
            if let old = try database.storedPayment(id: p.id) {
                if old == p { run.report.unchanged += 1 }
                else { try run.reject(reader, field: "payment_id", reason: "payment id already imported with different content") }
                continue
            }
            try database.insertPayment(p, importId: run.importId, line: Int64(reader.line))
            run.report.stored += 1
        }
        return try run.finish(sha256: try reader.sha256())
    }
}

private func parsePayment(_ r: CSVReader, _ c: CSVColumns) -> Result<Payment, RowProblem> {
    func fail(_ f: String, _ why: String) -> Result<Payment, RowProblem> { .failure(RowProblem(field: f, reason: why)) }
    let id = r.string(c["payment_id"])
    guard !id.isEmpty else { return fail("payment_id", "payment id is empty") }
    guard Check.isText(id, max: 64) else { return fail("payment_id", "payment id is too long or has control characters") }
    let acc = r.field(c["account_id"])
    guard acc.count > 0 else { return fail("account_id", "account id is empty") }
    guard Check.isPlainIdentifier(acc) else { return fail("account_id", "account id \"\(Bytes.string(acc))\" is not a plain identifier") }
    guard let paidOn = FieldParse.date(r.field(c["paid_on"])) else { return fail("paid_on", "impossible date \"\(r.string(c["paid_on"]))\"") }
    let amountText = r.string(c["amount"])
    guard !amountText.isEmpty else { return fail("amount", "amount is empty") }
    guard let amount = FieldParse.money(r.field(c["amount"])) else {
        return fail("amount", "not an amount in rubles (at most 2 decimals): \"\(amountText)\"")
    }
    guard amount.value > 0 else { return fail("amount", amount.value < 0 ? "negative amount" : "amount must be more than zero") }
    let channelText = r.string(c["channel"])
    guard Check.isText(channelText, max: 100) else { return fail("channel", "channel is too long or has control characters") }
    var channel = ""
    if !channelText.isEmpty {
        guard let known = PaymentChannel(named: channelText) else {
            return fail("channel", "unknown payment channel \"\(channelText)\" (known: \(PaymentChannel.codeList), or their Russian names)")
        }
        channel = known.rawValue
    }
    // Dates no supplier's ledger holds: a typo of the year, not a payment.
    guard paidOn.year >= 2000 else { return fail("paid_on", "payment date \(paidOn.russian) is before 2000: a typo in the year?") }
    var period: Period? = nil
    let pt = r.string(c["period"])
    if !pt.isEmpty {
        guard let p = Period(pt) ?? periodFromRussian(pt) else { return fail("period", "period must be YYYY-MM: \"\(pt)\"") }
        period = p
    }
    return .success(Payment(id: id, accountId: Bytes.string(acc), paidOn: paidOn, amount: amount, channel: channel, period: period))
}

/// "10.2026" (MM.YYYY), as banks print the payment period.
private func periodFromRussian(_ s: String) -> Period? {
    let b = Array(s.utf8)
    guard b.count == 7, b[2] == 46, let m = Int(String(s.prefix(2))), let y = Int(String(s.suffix(4))) else { return nil }
    return Period(year: y, month: m)
}

/// No payment is dated more than a year after everything else the database knows
/// (the last closed period, the latest reading received); nil when it knows nothing
/// yet. Data-bound, not the wall clock, so an import gives the same result on any day.
private func paymentHorizon(_ db: Database) throws -> (date: CivilDate, what: String)? {
    var latest: (CivilDate, String)? = nil
    let known = try db.latestDataDates()
    if let p = known.closedThrough {
        latest = (p.lastDay, "closed through \(p)")
    }
    if let d = known.readingsUpTo, latest.map({ d > $0.0 }) ?? true {
        latest = (d, "readings up to \(d.russian)")
    }
    guard let (day, what) = latest else { return nil }
    return (day.adding(days: 366), what)
}
