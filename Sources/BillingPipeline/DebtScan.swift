import BillingCore
import BillingStore

/// One account's debt facts for a date, as debtors, notices and claims read them
/// (RULES.md "Debtors"): the stored obligations (opening balance, each closed
/// period's charge + recalculation + benefit), the penalty lines the closes booked,
/// and the account's payments.
struct AccountDebt {
    var account: Account
    var region: RegionRules
    var past: [PastPeriod]
    var obligations: [Obligation]
    var penaltyCharges: [PenaltyCharge]
    /// Payments with paid_on ≤ the scan's date, or every payment when the scan asked for later ones too.
    var payments: [Payment]

    /// The allocation as of `asOf`, as the close makes it.
    func allocation(asOf: CivilDate) -> Allocation {
        allocatePayments(obligations: obligations, payments: payments, penaltyCharges: penaltyCharges, asOf: asOf)
    }
}

/// Streams every account with closed periods (or only `account`) in id order inside
/// one read transaction. `laterPayments`: also load payments dated after `asOf`.
func scanAccountDebts(_ db: Database, rules: StoredRules, asOf: CivilDate, account only: String? = nil,
                      laterPayments: Bool = false, _ body: (AccountDebt) throws -> Void) throws {
    try db.read {
        let accounts = try db.allAccounts(only: only)
        let history = try db.pastPeriods(try closedPeriods(db, before: asOf.period.next), account: only)
        let payments = try db.paymentsByAccount(paidBy: laterPayments ? nil : asOf, account: only)
        let goLive = try goLiveDays(db)
        while let account = try accounts.next() {
            let past = try history.rows(for: account.id)
            // Payments dated before the region's go-live are part of its opening balance.
            let paysAll = try payments.rows(for: account.id)
            guard let first = past.first, let region = rules.regions[account.region] else { continue }
            let liveFrom = goLive[account.region] ?? first.period.firstDay
            let pays = paysAll.filter { $0.paidOn >= liveFrom }
            if account.openingBalance.value != 0,
               region.dueDays.inForce(on: first.period.previous.firstDay) as Int? == nil {
                throw BillingError(.badInput, "регион \(region.code): нет срока оплаты (due_day) на период \(first.period.previous) "
                                   + "(срок входящего сальдо л/с \(account.id)); добавьте due_day с \(first.period.previous.firstDay.russian) или раньше и импортируйте тарифы")
            }
            let debts = historyDebts(account, history: past, firstPeriod: first.period, region: region)
            try body(AccountDebt(account: account, region: region, past: past, obligations: debts.obligations,
                                 penaltyCharges: debts.penaltyCharges, payments: pays))
        }
    }
}

/// Key rates run on from their first decision, so the day after the oldest due date
/// covers every day a penalty as of `asOf` is rated on; else exit 65 naming the gap.
func checkKeyRatesCover(_ debt: AccountDebt, asOf: CivilDate, rules: StoredRules) throws {
    if let oldest = debt.obligations.map(\.dueDate).min(), oldest < asOf,
       rules.keyRates.percentCenti(on: oldest.adding(days: 1)) == nil {
        throw BillingError(.badInput, keyRateGapMessage(rules.keyRates, needed: oldest.adding(days: 1),
                                                         why: "день после срока оплаты самого раннего долга л/с \(debt.account.id)"))
    }
}

