import BillingCore

/// Everything one payment document shows, loaded by the pipeline from the
/// stored close of a period. Renderers turn it into HTML and JSON; nothing here
/// is computed again, so a closed period's documents never change.
public struct DocumentData: Sendable {
    public var period: Period
    public var account: Account
    public var supplier: Supplier
    public var regionTitle: String
    public var meters: [DocumentMeter]
    /// Energy, recalculation, benefit and penalty lines in stored order.
    public var lines: [DocumentLine]
    public var method: String
    public var volumeKwh: Int64
    public var charge: Kopecks
    public var recalculation: Kopecks
    public var benefit: Kopecks
    /// The penalty booked in this period (increment) and the cumulative total accrued.
    public var penalty: Kopecks
    public var penaltyTotal: Kopecks
    public var balanceIn: Kopecks
    public var payments: [DocumentPayment]
    public var paymentsTotal: Kopecks
    public var totalDue: Kopecks
    public var dueDate: CivilDate
    /// Up to 12 months ending with this period, oldest first.
    public var history: [HistoryBar]
    /// What ПП354 п.69 wants said beside the figures (tariff group, readings window, norm).
    public var context = DocumentContext()

    public init(period: Period, account: Account, supplier: Supplier, regionTitle: String, meters: [DocumentMeter],
                lines: [DocumentLine], method: String, volumeKwh: Int64, charge: Kopecks, recalculation: Kopecks,
                benefit: Kopecks, penalty: Kopecks, penaltyTotal: Kopecks, balanceIn: Kopecks,
                payments: [DocumentPayment], paymentsTotal: Kopecks, totalDue: Kopecks, dueDate: CivilDate,
                history: [HistoryBar]) {
        self.period = period; self.account = account; self.supplier = supplier; self.regionTitle = regionTitle
        self.meters = meters; self.lines = lines; self.method = method; self.volumeKwh = volumeKwh
        self.charge = charge; self.recalculation = recalculation; self.benefit = benefit; self.penalty = penalty
        self.penaltyTotal = penaltyTotal; self.balanceIn = balanceIn; self.payments = payments
        self.paymentsTotal = paymentsTotal; self.totalDue = totalDue; self.dueDate = dueDate; self.history = history
    }
}

/// A meter as the document shows it: previous and current register values and how
/// the period's volume was obtained.
public struct DocumentMeter: Sendable {
    public var meterId: String
    public var zones: Int
    public var ratio: Int64
    public var method: String          // actual | average | norm | control
    public var previous: [Int64]
    public var current: [Int64]?       // nil when estimated
    public var volumes: [Int64]        // per zone, after ratio
    public var readingSource: String   // the channel of the reading used, "" when estimated
    public var readingTakenOn: CivilDate?
    public var nextVerificationOn: CivilDate?
    public init(meterId: String, zones: Int, ratio: Int64, method: String, previous: [Int64], current: [Int64]?,
                volumes: [Int64], readingSource: String, readingTakenOn: CivilDate?, nextVerificationOn: CivilDate?) {
        self.meterId = meterId; self.zones = zones; self.ratio = ratio; self.method = method
        self.previous = previous; self.current = current; self.volumes = volumes
        self.readingSource = readingSource; self.readingTakenOn = readingTakenOn
        self.nextVerificationOn = nextVerificationOn
    }
}

public struct DocumentLine: Sendable {
    public var kind: ChargeKind
    public var meterId: String
    public var zone: String            // T1 | T2 | T3 | "" (single rate)
    public var tier: Int               // 0 = no tiers
    public var method: String
    public var volumeKwh: Int64
    public var price: PricePer10000
    public var amount: Kopecks
    public var ground: String
    public var refPeriod: String
    /// Lines of legal entities: net, rate and VAT (amount = net + VAT); nil for households.
    public var vat: VATPart?
    public init(kind: ChargeKind, meterId: String, zone: String, tier: Int, method: String, volumeKwh: Int64,
                price: PricePer10000, amount: Kopecks, ground: String, refPeriod: String, vat: VATPart? = nil) {
        self.kind = kind; self.meterId = meterId; self.zone = zone; self.tier = tier; self.method = method
        self.volumeKwh = volumeKwh; self.price = price; self.amount = amount; self.ground = ground
        self.refPeriod = refPeriod; self.vat = vat
    }
}

public struct DocumentPayment: Sendable {
    public var paymentId: String
    public var paidOn: CivilDate
    public var amount: Kopecks
    public var channel: String
    public init(paymentId: String, paidOn: CivilDate, amount: Kopecks, channel: String) {
        self.paymentId = paymentId; self.paidOn = paidOn; self.amount = amount; self.channel = channel
    }
}

public struct HistoryBar: Sendable {
    public var period: Period
    public var volumeKwh: Int64
    public var method: String
    public init(period: Period, volumeKwh: Int64, method: String) {
        self.period = period; self.volumeKwh = volumeKwh; self.method = method
    }
}

/// One reconciliation act: the parties, the range and the ledger rows in it.
public struct ActData: Sendable {
    public var number: String
    /// The act's date: the last day of the range (deterministic, not the wall clock).
    public var date: CivilDate
    public var from: CivilDate
    public var to: CivilDate
    public var supplier: Supplier
    /// One or several accounts of the same holder (a legal entity by INN).
    public var accounts: [Account]
    public var opening: Kopecks
    public var rows: [ActRow]
    /// Legal entities: the VAT within the charges and recalculations of the range; nil for households.
    public var vat: Kopecks?
    /// The last day billed when the range runs past the last closed period (SPEC): the
    /// act then says that later charges are not billed yet.
    public var billedThrough: CivilDate?
    public init(number: String, date: CivilDate, from: CivilDate, to: CivilDate, supplier: Supplier,
                accounts: [Account], opening: Kopecks, rows: [ActRow], vat: Kopecks? = nil, billedThrough: CivilDate? = nil) {
        self.number = number; self.date = date; self.from = from; self.to = to; self.supplier = supplier
        self.accounts = accounts; self.opening = opening; self.rows = rows; self.vat = vat; self.billedThrough = billedThrough
    }
}

public struct ActRow: Sendable {
    public var date: CivilDate
    public var kind: LedgerKind
    public var document: String
    public var accountId: String
    /// + = debit (raises what the customer owes), − = credit.
    public var amount: Kopecks
    public init(date: CivilDate, kind: LedgerKind, document: String, accountId: String, amount: Kopecks) {
        self.date = date; self.kind = kind; self.document = document; self.accountId = accountId; self.amount = amount
    }
}

/// The explanations a payment document carries beside its figures (ПП354 п.69).
public struct DocumentContext: Sendable {
    /// The tariff group: the category's title in the region file.
    public var categoryTitle = ""
    /// Days of the month readings are taken for the next period (the region's window).
    public var windowFirstDay: Int?
    public var windowLastDay: Int?
    /// The norm the account is billed by when no reading and no average apply:
    /// thousandths of a kWh per person a month, for these rooms and residents.
    public var normMilliKwhPerPerson: Int64?
    public var normRooms = 0
    public var normResidents = 0
    /// The penalty within the debt brought forward (the rest is energy); nil when none.
    public var penaltyInBalance: Kopecks?
    public init() {}
}
