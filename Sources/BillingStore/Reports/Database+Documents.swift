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

    /// The meter periods of `period` by account, each account's meters in installation
    /// order, with the meter's zones, ratio and verification date and the reading used.
    /// The meters are scanned by account; a stored meter that has since moved to another
    /// account is found by its id, so a closed document keeps every meter it had.
    public func documentMeterPeriods<Row>(period: Period, _ row: @escaping (DocumentMeterPeriod) -> Row) throws -> GroupedCursor<Row> {
        typealias MeterFacts = (id: String, installed: String, zones: Int, ratio: Int64, verification: CivilDate?)
        let s = try prepareUncached("SELECT account_id, detail FROM account_periods WHERE period = ? ORDER BY account_id")
        let p = period.description
        try s.bind([.text(p)])
        let columns = "meter_id, installed_on, zones, ratio, next_verification_on"
        let facts: (Statement, Int32) -> MeterFacts = { s, c in
            (id: s.text(c), installed: s.text(c + 1), zones: Int(s.int(c + 2)), ratio: s.int(c + 3), verification: s.date(c + 4))
        }
        let m = try prepareUncached("SELECT account_id, \(columns) FROM meters ORDER BY account_id, installed_on, meter_id")
        let meters = try GroupedCursor(m) { s in facts(s, 1) }
        let moved = try prepareUncached("SELECT \(columns) FROM meters WHERE meter_id = ?1")
        let reading = try prepareUncached("SELECT source, taken_on FROM readings WHERE id = ?1")
        return try GroupedCursor(s) { s, out in
            let stored = try s.periodDetailMeters(1, period: p)
            guard !stored.isEmpty else { return }
            var found = try meters.rows(for: s.text(0)).filter { f in stored.contains { $0.meterId == f.id } }
            if found.count < stored.count {
                for mp in stored where !found.contains(where: { $0.id == mp.meterId }) {
                    moved.bindText(mp.meterId, at: 1)
                    if try moved.step() { found.append(facts(moved, 0)) }
                    moved.reset()
                }
                found.sort { ($0.installed, $0.id) < ($1.installed, $1.id) }
            }
            for meter in found {
                guard let mp = stored.first(where: { $0.meterId == meter.id }) else { continue }
                var source = "", takenOn: CivilDate?
                if let id = mp.readingId {
                    reading.bindInt(id, at: 1)
                    if try reading.step() { source = reading.text(0); takenOn = reading.date(1) }
                    reading.reset()
                }
                out.append(row(DocumentMeterPeriod(meterId: mp.meterId, zones: meter.zones, ratio: meter.ratio, method: mp.method,
                                                   previousRegisters: mp.previousRegisters, currentRegisters: mp.currentRegisters,
                                                   volumes: mp.volumes, readingSource: source, readingTakenOn: takenOn,
                                                   nextVerificationOn: meter.verification)))
            }
        }
    }

    /// The payments the close of `period` booked, by account in booking order, with each payment's channel.
    public func bookedPayments<Row>(period: Period, _ row: @escaping (BookedPayment) -> Row) throws -> GroupedCursor<Row> {
        let s = try prepareUncached("SELECT account_id, detail FROM account_periods WHERE period = ? ORDER BY account_id")
        let p = period.description
        try s.bind([.text(p)])
        let channel = try prepareUncached("SELECT channel FROM payments WHERE payment_id = ?1")
        return try GroupedCursor(s) { s, out in
            for b in try s.periodDetail(1, period: p).payments {
                channel.bindText(b.paymentId, at: 1)
                let c = try channel.step() ? channel.text(0) : ""
                channel.reset()
                out.append(row(BookedPayment(paymentId: b.paymentId, paidOn: b.paidOn, amount: b.amount, channel: c)))
            }
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
