import BillingCore
import BillingRender
import BillingStore

/// Records money in as of the end of the period being closed, inside the close's
/// transaction; nothing when no bank file was ever imported (a plain CSV setup keeps
/// its summary as it was).
func recordMoneyIn(_ db: Database, period: Period) throws {
    let any = try db.scalarInt("""
        SELECT EXISTS(SELECT 1 FROM bank_registries) OR EXISTS(SELECT 1 FROM bank_statements) OR EXISTS(SELECT 1 FROM unmatched_payments)
        """) ?? 0
    guard any != 0 else { return }
    let end = SQLValue.text(period.lastDay.iso)
    // Assigned payments are in both tables with the same id and amount: the union counts them once.
    let received = try db.scalarInt("""
        SELECT coalesce(sum(amount), 0) FROM (SELECT payment_id, amount FROM payments WHERE paid_on <= ?1
                                              UNION SELECT payment_id, amount FROM unmatched_payments WHERE paid_on <= ?1)
        """, [end]) ?? 0
    let onAccounts = try db.scalarInt("SELECT coalesce(sum(amount), 0) FROM payments WHERE paid_on <= ?", [end]) ?? 0
    let booked = try db.scalarInt("SELECT coalesce(-sum(amount), 0) FROM ledger WHERE period = ? AND kind = 'payment'", [.text(period.description)]) ?? 0
    let u = try db.prepareUncached("SELECT count(*), coalesce(sum(amount), 0) FROM unmatched_payments WHERE assigned_account IS NULL AND paid_on <= ?")
    try u.bind([end]); _ = try u.step()
    let (uCount, uSum) = (u.int(0), u.int(1))
    u.reset()
    let r = try db.prepareUncached("""
        SELECT count(*), coalesce(sum(commission), 0),
               coalesce(sum(transfer_document IS NULL OR transfer_amount <> transferred_sum), 0)
        FROM bank_registries WHERE registry_date <= ?
        """)
    try r.bind([end]); _ = try r.step()
    let values: [SQLValue] = [.text(period.description), .int(received), .int(onAccounts), .int(booked), .int(uSum), .int(uCount),
                              .int(r.int(0)), .int(r.int(1)), .int(r.int(2))]
    r.reset()
    try db.run("INSERT OR REPLACE INTO close_money_in VALUES (?,?,?,?,?,?,?,?,?)", values)
}

func loadMoneyIn(_ db: Database, period: Period) throws -> MoneyInReport? {
    let s = try db.prepareUncached("SELECT received, on_accounts, booked_in_period, unmatched, unmatched_count, registries, commission, registries_without_transfer FROM close_money_in WHERE period = ?")
    try s.bind([.text(period.description)])
    guard try s.step() else { return nil }
    return MoneyInReport(asOf: period.lastDay, received: Kopecks(s.int(0)), onAccounts: Kopecks(s.int(1)), bookedInPeriod: Kopecks(s.int(2)),
                         unmatched: Kopecks(s.int(3)), unmatchedCount: Int(s.int(4)), registries: Int(s.int(5)),
                         commission: Kopecks(s.int(6)), registriesWithoutTransfer: Int(s.int(7)))
}

/// The "money_in" block of summary.json (before "outputs").
func appendMoneyInJSON(_ m: MoneyInReport?, to w: inout ByteWriter) {
    guard let m else { return }
    w.append("  \"money_in\": {\n    \"as_of\": \"\(m.asOf.iso)\",\n")
    w.append("    \"received\": \"\(m.received)\",\n    \"on_accounts\": \"\(m.onAccounts)\",\n")
    w.append("    \"unmatched\": \"\(m.unmatched)\",\n    \"unmatched_count\": \(m.unmatchedCount),\n")
    w.append("    \"booked_in_period\": \"\(m.bookedInPeriod)\",\n    \"bank_registries\": \(m.registries),\n")
    w.append("    \"bank_commission\": \"\(m.commission)\",\n    \"registries_without_transfer\": \(m.registriesWithoutTransfer),\n")
    w.append("    \"checked\": \"received = on_accounts + unmatched\",\n    \"holds\": \(m.holds)\n  },\n")
}
