import BillingCore

extension Schema {
    /// v9. One row per account-period: the document lines, meter periods and booked
    /// payments go into `account_periods.detail` (`AccountPeriodDetail`), and the
    /// tables `lines`, `meter_periods` and `ledger` go. The SQL only adds the column;
    /// `fillPeriodDetails` moves the rows and drops the tables, in the same transaction.
    static let v9 = """
    ALTER TABLE account_periods ADD COLUMN detail BLOB;
    """

    /// Builds every stored account-period's detail from the v8 tables, one period at a
    /// time (each a range scan of the three period-first tables, merged by account).
    /// A ledger the close's rule would make again from the lines and payments is not
    /// kept; any other (rows from an older build) is kept entry by entry, so acts read
    /// exactly what they read before.
    static func fillPeriodDetails(_ db: Database) throws {
        let periods = try db.prepareUncached("SELECT DISTINCT period FROM account_periods ORDER BY period")
        var all: [String] = []
        while try periods.step() { all.append(periods.text(0)) }
        let update = try db.prepareUncached("UPDATE account_periods SET detail = ?3 WHERE period = ?1 AND account_id = ?2")
        for p in all {
            let period = Period(p)
            // Read the period's keys first: the updates below must not run under an open scan of the same rows.
            let rows = try db.prepareUncached("SELECT account_id FROM account_periods WHERE period = ?1 ORDER BY account_id")
            try rows.bind([.text(p)])
            var keys: [String] = []
            while try rows.step() { keys.append(rows.text(0)) }
            let lines = try db.prepareUncached("SELECT \(StoredLine.columnList) FROM lines WHERE period = ?1 ORDER BY account_id, seq")
            try lines.bind([.text(p)])
            let lineCursor = try GroupedCursor(lines) { try StoredLine.decode($0) }
            let meters = try db.prepareUncached("""
                SELECT account_id, meter_id, method, reading_id, prev_registers, cur_registers, volumes, amount, state
                FROM meter_periods WHERE period = ?1 ORDER BY account_id, meter_id
                """)
            try meters.bind([.text(p)])
            let meterCursor = try GroupedCursor(meters) { s in
                StoredMeterPeriod(meterId: s.text(1), method: s.text(2), readingId: s.optInt(3), previousRegisters: s.text(4),
                                  currentRegisters: s.optText(5), volumes: s.text(6), amount: Kopecks(s.int(7)), state: s.text(8))
            }
            let ledger = try db.prepareUncached("""
                SELECT account_id, date, kind, document, amount, ref FROM ledger WHERE period = ?1 ORDER BY account_id, seq
                """)
            try ledger.bind([.text(p)])
            let ledgerCursor = try GroupedCursor(ledger) { s in
                StoredLedgerEntry(date: try s.storedDate(1, "ledger", "л/с \(s.text(0)), период \(p)"),
                                  kind: try s.storedCode(2, "ledger", "л/с \(s.text(0)), период \(p)"),
                                  document: s.text(3), amount: Kopecks(s.int(4)), ref: s.text(5))
            }
            for id in keys {
                let entries = try ledgerCursor.rows(for: id)
                let paid = entries.filter { $0.kind == .payment }
                    .map { StoredPayment(paymentId: $0.ref, paidOn: $0.date, amount: Kopecks(0) - $0.amount) }
                var detail = AccountPeriodDetail(lines: try lineCursor.rows(for: id), meters: try meterCursor.rows(for: id),
                                                 payments: paid)
                if period.map({ detail.ledger(period: $0) }) != entries {
                    detail.keptLedger = entries
                }
                update.bindText(p, at: 1); update.bindText(id, at: 2); update.bindBlob(detail.encoded, at: 3)
                try update.runOnce()
            }
        }
        try db.execute("""
            DROP TABLE lines;
            DROP TABLE meter_periods;
            DROP TABLE ledger;
            """)
    }
}
