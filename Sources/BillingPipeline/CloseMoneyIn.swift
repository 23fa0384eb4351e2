import BillingCore
import BillingRender
import BillingStore

/// Records money in as of the end of the period being closed, inside the close's
/// transaction; nothing when no bank file was ever imported (a plain CSV setup keeps
/// its summary as it was).
func recordMoneyIn(_ db: Database, period: Period) throws {
    guard try db.hasBankData() else { return }
    try db.saveMoneyIn(try db.moneyInFigures(period: period))
}

func loadMoneyIn(_ db: Database, period: Period) throws -> MoneyInReport? {
    guard let m = try db.moneyIn(period: period) else { return nil }
    return MoneyInReport(asOf: period.lastDay, received: m.received, onAccounts: m.onAccounts, bookedInPeriod: m.bookedInPeriod,
                         unmatched: m.unmatched, unmatchedCount: m.unmatchedCount, registries: m.registries,
                         commission: m.commission, registriesWithoutTransfer: m.registriesWithoutTransfer)
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
