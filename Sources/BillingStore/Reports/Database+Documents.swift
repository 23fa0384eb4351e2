import BillingCore

/// An account's stored close of a period as its payment document shows it: the
/// account row and the `account_periods` figures.
public struct DocumentAccountPeriod: Sendable {
    public var account: Account
    public var method: String
    public var volumeKwh: Int64
    public var charge, recalculation, benefit, penalty, penaltyTotal, balanceIn, payments, totalDue: Kopecks
    /// nil when the stored due date does not parse; `unreadableDueDate` then holds its text.
    public var dueDate: CivilDate?
    public var unreadableDueDate: String
    /// The part of the debt brought forward that is penalty (NULL stored: zero).
    public var penaltyIn: Kopecks
}

/// A meter's stored period (`meter_periods` with its meter and the reading used).
/// (The account id is the grouping key, not decoded per row.)
public struct DocumentMeterPeriod: Sendable {
    public var meterId: String
    public var zones: Int
    public var ratio: Int64
    public var method: String
    /// Register values and zone volumes in their stored form ("123/45").
    public var previousRegisters: String
    public var currentRegisters: String?
    public var volumes: String
    /// The channel of the reading used, "" when estimated.
    public var readingSource: String
    public var readingTakenOn: CivilDate?
    public var nextVerificationOn: CivilDate?
}

/// A payment a close booked: its ledger entry and the payment's channel.
public struct BookedPayment: Sendable {
    public var paymentId: String
    public var paidOn: CivilDate
    public var amount: Kopecks
    public var channel: String
}

/// One closed period's volume of an account (the documents' 12-month history).
public struct PeriodVolume: Sendable {
    public var period: Period
    public var volumeKwh: Int64
    public var method: String
}

/// The sorted scans the payment documents of a closed period are merge-joined from.
extension Database {
    private static let documentPeriodColumns = [
        "method", "volume_kwh", "charge", "recalculation", "benefit", "penalty", "penalty_total",
        "balance_in", "payments", "total_due", "due_date", "penalty_in",
    ]

    /// Every account closed in `period`, in id order, with its stored figures.
    public func documentAccountPeriods(period: Period) throws -> RowCursor<DocumentAccountPeriod> {
        let s = try prepareUncached("""
            SELECT \(AccountRecord.columnList(alias: "a")),
                   \(Self.documentPeriodColumns.map { "ap." + $0 }.joined(separator: ", "))
            FROM account_periods ap JOIN accounts a ON a.account_id = ap.account_id
            WHERE ap.period = ? ORDER BY ap.account_id
            """)
        try s.expectColumns(AccountRecord.columns)
        let o = Int32(AccountRecord.columns.count)
        try s.expectColumns(Self.documentPeriodColumns, at: o)
        try s.bind([.text(period.description)])
        return RowCursor(s) { s in
            let due = s.date(o + 10)
            return DocumentAccountPeriod(
                account: AccountRecord.decode(s), method: s.text(o), volumeKwh: s.int(o + 1), charge: Kopecks(s.int(o + 2)),
                recalculation: Kopecks(s.int(o + 3)), benefit: Kopecks(s.int(o + 4)), penalty: Kopecks(s.int(o + 5)),
                penaltyTotal: Kopecks(s.int(o + 6)), balanceIn: Kopecks(s.int(o + 7)), payments: Kopecks(s.int(o + 8)),
                totalDue: Kopecks(s.int(o + 9)), dueDate: due, unreadableDueDate: due == nil ? s.text(o + 10) : "",
                penaltyIn: Kopecks(s.int(o + 11)))
        }
    }

    /// The meter periods of `period` by account, each account's meters in installation order.
    public func documentMeterPeriods<Row>(period: Period, _ row: @escaping (DocumentMeterPeriod) -> Row) throws -> GroupedCursor<Row> {
        let s = try prepareUncached("""
            SELECT mp.account_id, mp.meter_id, m.zones, m.ratio, mp.method, mp.prev_registers, mp.cur_registers,
                   mp.volumes, coalesce(r.source, ''), r.taken_on, m.next_verification_on
            FROM meter_periods mp JOIN meters m ON m.meter_id = mp.meter_id
            LEFT JOIN readings r ON r.id = mp.reading_id
            WHERE mp.period = ? ORDER BY mp.account_id, m.installed_on, mp.meter_id
            """)
        try s.bind([.text(period.description)])
        return try GroupedCursor(s) { s in
            row(DocumentMeterPeriod(meterId: s.text(1), zones: Int(s.int(2)), ratio: s.int(3),
                                    method: s.text(4), previousRegisters: s.text(5), currentRegisters: s.optText(6),
                                    volumes: s.text(7), readingSource: s.text(8), readingTakenOn: s.date(9),
                                    nextVerificationOn: s.date(10)))
        }
    }

    /// The payments the close of `period` booked, from its ledger (a range scan), by account in booking order.
    public func bookedPayments<Row>(period: Period, _ row: @escaping (BookedPayment) -> Row) throws -> GroupedCursor<Row> {
        let s = try prepareUncached("""
            SELECT l.account_id, l.ref, l.date, -l.amount, coalesce(p.channel, '') FROM ledger l
            LEFT JOIN payments p ON p.payment_id = l.ref
            WHERE l.period = ? AND l.kind = 'payment' ORDER BY l.account_id, l.seq
            """)
        try s.bind([.text(period.description)])
        return try GroupedCursor(s) { s in
            row(BookedPayment(paymentId: s.text(1),
                              paidOn: try s.storedDate(2, "ledger", "л/с \(s.text(0)), платёж \(s.text(1))"),
                              amount: Kopecks(s.int(3)), channel: s.text(4)))
        }
    }

    /// Each account's volume in each of `periods`, merged by account in period order.
    public func volumeHistory<Row>(periods: [Period], _ row: @escaping (PeriodVolume) -> Row) throws -> PeriodMergeCursor<Row> {
        try PeriodMergeCursor(self, periods: periods, sql: """
            SELECT account_id, period, volume_kwh, method FROM account_periods WHERE period = ?1 ORDER BY account_id
            """) { s in
            row(PeriodVolume(period: try s.storedPeriod(1, "account_periods", "л/с \(s.text(0))"), volumeKwh: s.int(2),
                             method: s.text(3)))
        }
    }
}
