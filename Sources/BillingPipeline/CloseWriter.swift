import BillingCore
import BillingStore

/// Stores one account's close: registry row, document lines, meter periods,
/// rejected readings, ledger entries, booked payments and posted recalculations.
/// Every statement is prepared once and reused for a million accounts.
final class CloseWriter {
    private let period: String
    private let accountPeriod, line, meterPeriod, reject, ledger, recalc: Statement

    /// Numbers the period's invoices (УПД) of legal entities, in account order.
    private let invoices: InvoiceNumbering

    init(database db: Database, period: Period, suppliers: [String: Supplier] = [:]) throws {
        self.period = period.description
        invoices = try InvoiceNumbering(database: db, period: period, suppliers: suppliers)
        accountPeriod = try db.prepareUncached("""
            INSERT INTO account_periods(account_id, period, region, method, volume_kwh, charge, recalculation, benefit,
                penalty, payments, balance_in, total_due, due_date, penalty_total, settlement, penalty_in)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            """)
        line = try db.prepareUncached("""
            INSERT INTO lines(account_id, period, seq, kind, meter_id, zone, tier, method, volume_kwh, price, amount, ground, ref_period,
                net, vat_rate, vat)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            """)
        meterPeriod = try db.prepareUncached("""
            INSERT INTO meter_periods(meter_id, period, account_id, method, reading_id, prev_registers, cur_registers, volumes, amount, state)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        reject = try db.prepareUncached("INSERT OR REPLACE INTO reading_rejects(reading_id, period, reason) VALUES (?1, ?2, ?3)")
        ledger = try db.prepareUncached("""
            INSERT INTO ledger(account_id, period, date, kind, document, amount, ref, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        recalc = try db.prepareUncached("UPDATE posted_recalcs SET booked_period = ?2 WHERE account_id = ?1 AND booked_period IS NULL")
    }

    /// Per-account proofs that failed (the close aborts when any did).
    private(set) var failures: [String] = []
    /// The period's money by kind over exactly the rows written (the totals proof).
    private(set) var totals = PeriodTotals()

    /// Text values of one row, copied into one reusable buffer and bound as
    /// pointers into it: SQLite then copies each value once, into the record, instead
    /// of allocating a copy per bound value.
    private var row = RowTexts()

    func store(_ r: AccountCloseResult, input: AccountCloseInput, texts: AccountTexts) throws {
        let id = r.accountId
        let reg = r.row
        check(r, input: input)
        row.reset()
        row.add(id, at: 1); row.add(period, at: 2); row.add(input.account.region, at: 3); row.add(reg.method, at: 4)
        row.add(reg.dueDate.iso, at: 13); row.add(texts.settlement, at: 15)
        accountPeriod.bindInt(reg.volumeKwh.value, at: 5)
        accountPeriod.bindInt(reg.charge.value, at: 6); accountPeriod.bindInt(reg.recalculation.value, at: 7)
        accountPeriod.bindInt(reg.benefit.value, at: 8); accountPeriod.bindInt(reg.penalty.value, at: 9)
        accountPeriod.bindInt(reg.payments.value, at: 10); accountPeriod.bindInt(reg.balanceIn.value, at: 11)
        accountPeriod.bindInt(reg.totalDue.value, at: 12)
        accountPeriod.bindInt(reg.penaltyTotal.value, at: 14)
        accountPeriod.bindInt(r.penaltyIn.value, at: 16)
        try row.run(accountPeriod)
        totals.registry.add(reg)
        for (seq, l) in r.lines.enumerated() {
            row.reset()
            row.add(id, at: 1); row.add(period, at: 2); row.add(l.kind.rawValue, at: 4); row.add(l.meterId, at: 5)
            row.add(l.zone, at: 6); row.add(l.method?.rawValue ?? "", at: 8); row.add(l.ground, at: 12)
            row.add(l.refPeriod?.description ?? "", at: 13)
            line.bindInt(Int64(seq + 1), at: 3); line.bindInt(Int64(l.tier), at: 7)
            line.bindInt(l.volumeKwh.value, at: 9); line.bindInt(l.price?.value ?? 0, at: 10)
            line.bindInt(l.amount.value, at: 11)
            if let v = l.vat {
                line.bindInt(v.net.value, at: 14); line.bindInt(v.ratePercentCenti, at: 15); line.bindInt(v.vat.value, at: 16)
            } else {
                line.bindNull(at: 14); line.bindNull(at: 15); line.bindNull(at: 16)
            }
            try row.run(line)
            totals.lines.add(l.kind, l.amount.value)
        }
        for (m, t) in zip(r.meterPeriods, texts.meters) {
            row.reset()
            row.add(m.meterId, at: 1); row.add(period, at: 2); row.add(id, at: 3); row.add(m.method.rawValue, at: 4)
            row.add(t.previous, at: 6); row.add(t.volumes, at: 8); row.add(t.state, at: 10)
            if let rid = m.readingId { meterPeriod.bindInt(rid, at: 5) } else { meterPeriod.bindNull(at: 5) }
            if let c = t.current { row.add(c, at: 7) } else { meterPeriod.bindNull(at: 7) }
            meterPeriod.bindInt(m.billed.value, at: 9)
            try row.run(meterPeriod)
        }
        for x in r.rejected {
            row.reset()
            row.add(period, at: 2); row.add(x.reason, at: 3)
            reject.bindInt(x.readingId, at: 1)
            try row.run(reject)
        }
        for (seq, e) in r.ledger.enumerated() {
            row.reset()
            row.add(id, at: 1); row.add(period, at: 2); row.add(e.date.iso, at: 3); row.add(e.kind.rawValue, at: 4)
            row.add(e.document, at: 5); row.add(e.paymentId ?? e.refPeriod?.description ?? "", at: 7)
            ledger.bindInt(Int64(seq + 1), at: 8); ledger.bindInt(e.amount.value, at: 6)
            try row.run(ledger)
            totals.ledger.add(e.kind, e.amount.value)
        }
        // An invoice documents a sale: none for a period whose VAT lines are all zero.
        if r.lines.contains(where: { ($0.vat?.net ?? .zero) != .zero }) {
            try invoices.assign(accountId: id, region: input.account.region)
        }
        if !input.postedRecalcs.isEmpty {
            recalc.bindText(id, at: 1); recalc.bindText(period, at: 2)
            try recalc.runOnce()
        }
    }

    /// The per-account half of the close's proof (DOMAIN "Invariants"): the registry
    /// identity, the ledger adding up to the movement, the balance carried over,
    /// and the lines agreeing with the registry columns.
    private func check(_ r: AccountCloseResult, input: AccountCloseInput) {
        guard failures.count < 50 else { return }
        let row = r.row, id = r.accountId
        let movement = row.charge + row.recalculation + row.benefit + row.penalty - row.payments
        if row.totalDue != row.balanceIn + movement {
            failures.append("л/с \(id): итог к оплате \(row.totalDue) ≠ входящее сальдо \(row.balanceIn) + движение за период \(movement)")
        }
        let ledgerSum = r.ledger.reduce(Kopecks.zero) { $0 + $1.amount }
        if ledgerSum != movement { failures.append("л/с \(id): проводки \(ledgerSum) ≠ движению по реестру \(movement)") }
        let expectedIn = input.previous.isFirstPeriod ? input.account.openingBalance : input.previous.totalDue
        if row.balanceIn != expectedIn {
            failures.append("л/с \(id): входящее сальдо \(row.balanceIn) ≠ исходящему сальдо прошлого периода \(expectedIn)")
        }
        var energy = Kopecks.zero, recalculation = Kopecks.zero, benefit = Kopecks.zero, penalty = Kopecks.zero
        var net = Kopecks.zero, vat = Kopecks.zero, withVAT = Kopecks.zero
        for l in r.lines {
            if let part = l.vat {
                if part.net + part.vat != l.amount { failures.append("л/с \(id): строка без НДС \(part.net) + НДС \(part.vat) ≠ сумме \(l.amount)") }
                net += part.net; vat += part.vat; withVAT += l.amount
            }
            switch l.kind {
            case .energy: energy += l.amount
            case .recalculation: recalculation += l.amount
            case .benefit: benefit += l.amount
            case .penalty: penalty += l.amount
            }
        }
        if net + vat != withVAT { failures.append("л/с \(id): без НДС \(net) + НДС \(vat) ≠ сумме с НДС \(withVAT)") }
        let pairs: [(String, Kopecks, Kopecks)] = [("электроэнергия", energy, row.charge), ("перерасчёт", recalculation, row.recalculation),
                                                   ("льгота", benefit, row.benefit), ("пени", penalty, row.penalty)]
        for (kind, lines, registry) in pairs where lines != registry {
            failures.append("л/с \(id): \(kind) — строки документа \(lines) ≠ реестру \(registry)")
        }
    }
}

/// The texts of an account's rows that take real work to build (encoded meter
/// states and settlement, register lists), made by the compute workers so the
/// storing thread only copies bytes.
struct AccountTexts {
    struct MeterTexts {
        var previous: String
        var current: String?
        var volumes: String
        var state: String
    }
    var settlement: String
    var meters: [MeterTexts]

    init(_ r: AccountCloseResult) {
        settlement = r.settlement.encoded
        meters = r.meterPeriods.map { m in
            MeterTexts(previous: m.previous.description, current: m.current?.description,
                       volumes: Registers(m.volumes).description, state: m.state.encoded)
        }
    }
}

/// One row's text values in one buffer, bound without copies (SQLITE_STATIC):
/// the buffer is neither changed nor moved between binding and the step.
struct RowTexts {
    private var bytes: [UInt8] = []
    private var spans: [(index: Int32, offset: Int, count: Int)] = []

    init() {
        bytes.reserveCapacity(4096)
        spans.reserveCapacity(16)
    }

    /// Starts a row. The buffer always holds a byte, so even an empty value gets a
    /// non-null pointer (a null pointer would bind SQL NULL, not '').
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        bytes.append(0)
    }

    mutating func add(_ s: String, at index: Int32) {
        let offset = bytes.count
        bytes.append(contentsOf: s.utf8)
        spans.append((index, offset, bytes.count - offset))
    }

    /// Binds the texts into `statement` (its other parameters already bound) and runs it once.
    func run(_ statement: Statement) throws {
        try bytes.withUnsafeBufferPointer { base in
            for s in spans {
                statement.bindTextNoCopy(UnsafeBufferPointer(rebasing: base[s.offset..<(s.offset + s.count)]), at: s.index)
            }
            try statement.runOnce()
        }
    }
}
