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
