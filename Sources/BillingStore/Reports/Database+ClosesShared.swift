import BillingCore

// Two reads of `closes` the close's store work (branch store-close,
// Sources/BillingStore/Close/Database+Closes.swift) defines the same way, with the same
// SQL: when both branches meet, this file goes and theirs stays.
extension Database {
    /// Whether `region` is closed for `period`.
    public func isClosed(region: String, period: Period) throws -> Bool {
        try scalarInt("SELECT 1 FROM closes WHERE region = ? AND period = ?", [.text(region), .text(period.description)]) != nil
    }

    /// The last period closed in `region` (nil: none, or a stored period that does not parse).
    public func lastClosedPeriod(region: String) throws -> Period? {
        try scalarText("SELECT max(period) FROM closes WHERE region = ?", [.text(region)]).flatMap(Period.init)
    }
}
