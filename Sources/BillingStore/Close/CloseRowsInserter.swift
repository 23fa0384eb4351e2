import BillingCore

/// Stores the rows of one period's close: the account-period row (registry columns,
/// settlement, and the detail — lines, meter periods, payments booked), rejected
/// readings, and the posted recalculations it books. Every
/// statement is prepared once and reused for a million accounts; text values are
/// copied into one reusable buffer and bound as pointers into it, so SQLite copies
/// each value once, into the record, instead of a copy being allocated per value.
public final class CloseRowsInserter {
    private let period: String
    private let accountPeriod, reject, recalc: Statement
    private var row = RowTexts()

    public init(database db: Database, period: Period) throws {
        self.period = period.description
        accountPeriod = try db.prepareUncached("""
            INSERT INTO account_periods(account_id, period, region, method, volume_kwh, charge, recalculation, benefit,
                penalty, payments, balance_in, total_due, due_date, penalty_total, settlement, penalty_in, detail)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
            """)
        reject = try db.prepareUncached("INSERT OR REPLACE INTO reading_rejects(reading_id, period, reason) VALUES (?1, ?2, ?3)")
        recalc = try db.prepareUncached("UPDATE posted_recalcs SET booked_period = ?2 WHERE account_id = ?1 AND booked_period IS NULL")
    }

    /// The account's account_periods row: `r.row` in the region, with its settlement's text
    /// as the encoder wrote its bytes (`Settlement.encode(into:)`) and its detail
    /// (`AccountPeriodDetail.encode(r)`).
    public func insertAccountPeriod(_ r: AccountCloseResult, region: String, settlement: [UInt8], detail: [UInt8]) throws {
        let reg = r.row
        row.reset()
        row.add(r.accountId, at: 1); row.add(period, at: 2); row.add(region, at: 3); row.add(reg.method, at: 4)
        row.add(reg.dueDate.iso, at: 13); row.add(bytes: settlement, at: 15)
        accountPeriod.bindInt(reg.volumeKwh.value, at: 5)
        accountPeriod.bindInt(reg.charge.value, at: 6); accountPeriod.bindInt(reg.recalculation.value, at: 7)
        accountPeriod.bindInt(reg.benefit.value, at: 8); accountPeriod.bindInt(reg.penalty.value, at: 9)
        accountPeriod.bindInt(reg.payments.value, at: 10); accountPeriod.bindInt(reg.balanceIn.value, at: 11)
        accountPeriod.bindInt(reg.totalDue.value, at: 12)
        accountPeriod.bindInt(reg.penaltyTotal.value, at: 14)
        accountPeriod.bindInt(r.penaltyIn.value, at: 16)
        try detail.withUnsafeBufferPointer { d in
            accountPeriod.bindBlobNoCopy(d, at: 17)
            try row.run(accountPeriod)
        }
    }

    public func insertReject(_ x: RejectedReading) throws {
        row.reset()
        row.add(period, at: 2); row.add(x.reason, at: 3)
        reject.bindInt(x.readingId, at: 1)
        try row.run(reject)
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

    mutating func add(bytes text: [UInt8], at index: Int32) {
        let offset = bytes.count
        bytes.append(contentsOf: text)
        spans.append((index, offset, text.count))
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
