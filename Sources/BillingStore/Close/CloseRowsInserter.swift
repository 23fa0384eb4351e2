import BillingCore

/// Stores the rows of one period's close: registry row, document lines, meter periods,
/// rejected readings, ledger entries, and the posted recalculations it books. Every
/// statement is prepared once and reused for a million accounts; text values are
/// copied into one reusable buffer and bound as pointers into it, so SQLite copies
/// each value once, into the record, instead of a copy being allocated per value.
public final class CloseRowsInserter {
    private let period: String
    private let accountPeriod, line, meterPeriod, reject, ledger, recalc: Statement
    private var row = RowTexts()

    public init(database db: Database, period: Period) throws {
        self.period = period.description
        accountPeriod = try db.prepareUncached("""
            INSERT INTO account_periods(account_id, period, region, method, volume_kwh, charge, recalculation, benefit,
                penalty, payments, balance_in, total_due, due_date, penalty_total, settlement, penalty_in)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            """)
        line = try db.prepareUncached(StoredLine.insertSQL)
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

    /// The account's account_periods row: `r.row` in the region, with its encoded settlement.
    public func insertAccountPeriod(_ r: AccountCloseResult, region: String, settlement: String) throws {
        let reg = r.row
        row.reset()
        row.add(r.accountId, at: 1); row.add(period, at: 2); row.add(region, at: 3); row.add(reg.method, at: 4)
        row.add(reg.dueDate.iso, at: 13); row.add(settlement, at: 15)
        accountPeriod.bindInt(reg.volumeKwh.value, at: 5)
        accountPeriod.bindInt(reg.charge.value, at: 6); accountPeriod.bindInt(reg.recalculation.value, at: 7)
        accountPeriod.bindInt(reg.benefit.value, at: 8); accountPeriod.bindInt(reg.penalty.value, at: 9)
        accountPeriod.bindInt(reg.payments.value, at: 10); accountPeriod.bindInt(reg.balanceIn.value, at: 11)
        accountPeriod.bindInt(reg.totalDue.value, at: 12)
        accountPeriod.bindInt(reg.penaltyTotal.value, at: 14)
        accountPeriod.bindInt(r.penaltyIn.value, at: 16)
        try row.run(accountPeriod)
    }

    /// Document line number `seq` (from 1) of the account.
    public func insertLine(_ l: ChargeLine, seq: Int, accountId id: String) throws {
        row.reset()
        row.add(id, at: 1); row.add(period, at: 2); row.add(l.kind.rawValue, at: 4); row.add(l.meterId, at: 5)
        row.add(l.zone, at: 6); row.add(l.method?.rawValue ?? "", at: 8); row.add(l.ground, at: 12)
        row.add(l.refPeriod?.description ?? "", at: 13)
        line.bindInt(Int64(seq), at: 3); line.bindInt(Int64(l.tier), at: 7)
        line.bindInt(l.volumeKwh.value, at: 9); line.bindInt(l.price?.value ?? 0, at: 10)
        line.bindInt(l.amount.value, at: 11)
        if let v = l.vat {
            line.bindInt(v.net.value, at: 14); line.bindInt(v.ratePercentCenti, at: 15); line.bindInt(v.vat.value, at: 16)
        } else {
            line.bindNull(at: 14); line.bindNull(at: 15); line.bindNull(at: 16)
        }
        try row.run(line)
    }

    /// A meter's period with its texts already encoded (previous and current registers,
    /// volumes, the new state; `current` nil: estimated, stored as NULL).
    public func insertMeterPeriod(_ m: MeterPeriodResult, accountId id: String, previous: String, current: String?,
                                  volumes: String, state: String) throws {
        row.reset()
        row.add(m.meterId, at: 1); row.add(period, at: 2); row.add(id, at: 3); row.add(m.method.rawValue, at: 4)
        row.add(previous, at: 6); row.add(volumes, at: 8); row.add(state, at: 10)
        if let rid = m.readingId { meterPeriod.bindInt(rid, at: 5) } else { meterPeriod.bindNull(at: 5) }
        if let c = current { row.add(c, at: 7) } else { meterPeriod.bindNull(at: 7) }
        meterPeriod.bindInt(m.billed.value, at: 9)
        try row.run(meterPeriod)
    }

    public func insertReject(_ x: RejectedReading) throws {
        row.reset()
        row.add(period, at: 2); row.add(x.reason, at: 3)
        reject.bindInt(x.readingId, at: 1)
        try row.run(reject)
    }

    /// Ledger entry number `seq` (from 1) of the account.
    public func insertLedger(_ e: LedgerEntry, seq: Int, accountId id: String) throws {
        row.reset()
        row.add(id, at: 1); row.add(period, at: 2); row.add(e.date.iso, at: 3); row.add(e.kind.rawValue, at: 4)
        row.add(e.document, at: 5); row.add(e.paymentId ?? e.refPeriod?.description ?? "", at: 7)
        ledger.bindInt(Int64(seq), at: 8); ledger.bindInt(e.amount.value, at: 6)
        try row.run(ledger)
    }

    /// Marks the account's posted recalculations booked by this period.
    public func markRecalcsBooked(accountId id: String) throws {
        recalc.bindText(id, at: 1); recalc.bindText(period, at: 2)
        try recalc.runOnce()
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
