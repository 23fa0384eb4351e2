import BillingCore

/// One ledger entry as a reconciliation act lists it (the `ledger` columns an act reads).
public struct LedgerRow: Sendable {
    public var accountId: String
    public var date: CivilDate
    public var kind: LedgerKind
    public var document: String
    public var amount: Kopecks
}
