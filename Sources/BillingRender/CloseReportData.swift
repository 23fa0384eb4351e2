import BillingCore

/// What the month close reports about itself (SPEC: summary.json and
/// close-report.html): counts and volumes by method, money totals, rejected
/// readings with their reasons, the invariant check, the biggest debts and the
/// hashes of inputs and outputs. Filled by the pipeline; rendered here.
public struct CloseReportData: Sendable {
    public var period: Period
    public var regions: [String]
    public var accounts: Int
    public var documents: Int
    /// One row per method (actual, control, average, norm), in the order given.
    public var byMethod: [MethodCount]
    public var totals: ReportTotals
    /// Rejected readings by reason, in the order given, and the rows themselves.
    public var rejectedByReason: [ReasonCount]
    public var rejected: [ReportRejectedReading]
    /// Names of the invariants that were checked, and the failures (empty = passed).
    public var invariantsChecked: [String]
    public var invariantFailures: [String]
    public var topDebtors: [Debtor]
    public var inputHashes: [NamedHash]
    public var outputHashes: [NamedHash]
    /// Money in from banks (nil where no bank file was imported).
    public var moneyIn: MoneyInReport? = nil

    public init(period: Period, regions: [String], accounts: Int, documents: Int, byMethod: [MethodCount],
                totals: ReportTotals, rejectedByReason: [ReasonCount], rejected: [ReportRejectedReading],
                invariantsChecked: [String], invariantFailures: [String], topDebtors: [Debtor],
                inputHashes: [NamedHash], outputHashes: [NamedHash]) {
        self.period = period; self.regions = regions; self.accounts = accounts; self.documents = documents
        self.byMethod = byMethod; self.totals = totals; self.rejectedByReason = rejectedByReason
        self.rejected = rejected; self.invariantsChecked = invariantsChecked
        self.invariantFailures = invariantFailures; self.topDebtors = topDebtors
        self.inputHashes = inputHashes; self.outputHashes = outputHashes
    }

    public var invariantsPassed: Bool { invariantFailures.isEmpty }
}

/// Accounts (or meters) billed by one method and the volume they gave.
public struct MethodCount: Sendable, Hashable {
    public var method: String
    public var accounts: Int
    public var volumeKwh: Int64
    public init(method: String, accounts: Int, volumeKwh: Int64) {
        self.method = method; self.accounts = accounts; self.volumeKwh = volumeKwh
    }
}

/// The period's money over all accounts; `totalDue` = balanceIn + charge +
/// recalculation + benefit + penalty − payments.
public struct ReportTotals: Sendable, Hashable {
    public var balanceIn, charge, recalculation, benefit, penalty, payments, totalDue: Kopecks
    public init(balanceIn: Kopecks, charge: Kopecks, recalculation: Kopecks, benefit: Kopecks, penalty: Kopecks,
                payments: Kopecks, totalDue: Kopecks) {
        self.balanceIn = balanceIn; self.charge = charge; self.recalculation = recalculation
        self.benefit = benefit; self.penalty = penalty; self.payments = payments; self.totalDue = totalDue
    }
    public var addsUp: Bool { totalDue == balanceIn + charge + recalculation + benefit + penalty - payments }
}

public struct ReasonCount: Sendable, Hashable {
    public var reason: String
    public var count: Int
    public init(reason: String, count: Int) { self.reason = reason; self.count = count }
}

public struct ReportRejectedReading: Sendable, Hashable {
    public var accountId: String
    public var meterId: String
    public var receivedAt: LocalTimestamp
    public var reason: String
    public init(accountId: String, meterId: String, receivedAt: LocalTimestamp, reason: String) {
        self.accountId = accountId; self.meterId = meterId; self.receivedAt = receivedAt; self.reason = reason
    }
}

public struct Debtor: Sendable, Hashable {
    public var accountId: String
    public var holder: String
    public var totalDue: Kopecks
    public init(accountId: String, holder: String, totalDue: Kopecks) {
        self.accountId = accountId; self.holder = holder; self.totalDue = totalDue
    }
}

public struct NamedHash: Sendable, Hashable {
    public var name: String
    public var sha256: String
    public init(name: String, sha256: String) { self.name = name; self.sha256 = sha256 }
}
