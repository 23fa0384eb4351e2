import BillingCore

/// The court claim pack of one debtor as of a date: the debt statement (charges,
/// payments and debt by period) and the penalty calculation, row by row.
public struct ClaimData: Sendable {
    public struct PenaltyRow: Sendable, Hashable {
        public var period: Period?
        public var debt: Kopecks
        /// The day this part of the debt was paid, nil while unpaid.
        public var settledOn: CivilDate?
        public var interval: PenaltyInterval
        public var penalty: Kopecks
        public init(period: Period?, debt: Kopecks, settledOn: CivilDate?, interval: PenaltyInterval, penalty: Kopecks) {
            self.period = period; self.debt = debt; self.settledOn = settledOn; self.interval = interval; self.penalty = penalty
        }
    }
    public var asOf: CivilDate
    public var account: Account
    public var supplier: Supplier
    public var periods: [DebtLine]
    public var payments: [Payment]
    /// Overpayment not yet set off.
    public var advance: Kopecks
    public var penaltyRows: [PenaltyRow]
    public var penaltyTotal: Kopecks
    /// Penalty lines the closes booked through the date, and the part of them paid.
    public var penaltyBooked: Kopecks
    public var penaltyPaid: Kopecks
    /// Ground of the daily fractions ("ч. 14 ст. 155 ЖК РФ" or "ст. 37 ФЗ-35").
    public var ground: String
    public var lastClosed: Period?

    public init(asOf: CivilDate, account: Account, supplier: Supplier, periods: [DebtLine], payments: [Payment],
                advance: Kopecks, penaltyRows: [PenaltyRow], penaltyTotal: Kopecks, penaltyBooked: Kopecks,
                penaltyPaid: Kopecks, ground: String, lastClosed: Period?) {
        self.asOf = asOf; self.account = account; self.supplier = supplier; self.periods = periods
        self.payments = payments; self.advance = advance; self.penaltyRows = penaltyRows; self.penaltyTotal = penaltyTotal
        self.penaltyBooked = penaltyBooked; self.penaltyPaid = penaltyPaid; self.ground = ground; self.lastClosed = lastClosed
    }

    /// Debt past its due date on the date of the claim.
    public var overdueDebt: Kopecks {
        periods.filter { $0.dueDate < asOf }.reduce(.zero) { $0 + $1.unpaid }
    }
    public var penaltyClaimed: Kopecks { max(.zero, penaltyTotal - penaltyPaid) }
}

/// "9,5" / "15,5" / "21" / "7,25": a percent in hundredths, decimal comma, no trailing zeros.
func percentPrinted(_ centi: Int64) -> String {
    let whole = String(centi / 100), frac = centi % 100
    if frac == 0 { return whole }
    return whole + "," + (frac % 10 == 0 ? String(frac / 10) : (frac < 10 ? "0" : "") + String(frac))
}

/// "1000,00 × 49 × 1/300 × 9,5%", the form courts check a row by; relief rows name their ground.
public func penaltyFormula(_ row: ClaimData.PenaltyRow) -> String {
    let i = row.interval
    if let m = i.moratorium { return "мораторий (" + m.ground + "): 0" }
    return row.debt.rublesString(separator: ",") + " × " + String(i.days) + " × "
        + (i.denominator.map { "1/" + String($0) } ?? "0") + " × " + percentPrinted(i.ratePercentCenti) + "%"
}

/// "opening" for the opening balance, else "2025-10": the CSV code of a debt.
func periodCode(_ p: Period?) -> String { p?.description ?? "opening" }
