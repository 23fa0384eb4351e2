/// What the previous close left for the account: its total due, its cumulative
/// penalty, and whether P is the account's first period (then balance_in is the
/// account's opening balance and the other two are ignored).
public struct PreviousClose: Sendable, Hashable {
    public var totalDue: Kopecks
    public var penaltyTotal: Kopecks
    public var isFirstPeriod: Bool
    public init(totalDue: Kopecks = .zero, penaltyTotal: Kopecks = .zero, isFirstPeriod: Bool) {
        self.totalDue = totalDue; self.penaltyTotal = penaltyTotal; self.isFirstPeriod = isFirstPeriod
    }
    public static let first = PreviousClose(isFirstPeriod: true)
}

/// An earlier closed period of the account as the payment allocation sees it:
/// charge + recalculation + benefit, its due date, and the penalty line booked in it.
public struct PastPeriod: Sendable, Hashable {
    public var period: Period
    public var amount: Kopecks
    public var dueDate: CivilDate
    public var penalty: Kopecks
    public init(period: Period, amount: Kopecks, dueDate: CivilDate, penalty: Kopecks = .zero) {
        self.period = period; self.amount = amount; self.dueDate = dueDate; self.penalty = penalty
    }
}

/// A recalculation decided outside the close (`recalc --post`), booked by this close.
public struct PostedRecalc: Sendable, Hashable {
    public var refPeriod: Period
    public var amount: Kopecks
    public var ground: String
    public init(refPeriod: Period, amount: Kopecks, ground: String) {
        self.refPeriod = refPeriod; self.amount = amount; self.ground = ground
    }
}

/// Everything the close of period P needs for one account, loaded by the store.
/// `candidates` are the readings that count for P by the deadline rule; `states`
/// are the meter states after P−1 (absent → `MeterState.initial`); `payments` are
/// all of the account's payments with paid_on ≤ P's last day, `bookedPaymentIds`
/// those already booked by earlier closes; `penaltyBooked` = Σ penalty lines booked.
/// With `carried` (the settlement P−1's close left), `history` is not needed and
/// `payments` are only those paid after P−1's last day; without it, the allocation
/// is replayed from `history` and every payment.
public struct AccountCloseInput: Sendable {
    public var account: Account
    public var meters: [Meter]
    public var candidates: [Reading]
    public var states: [String: MeterState]
    public var previous: PreviousClose
    public var history: [PastPeriod]
    public var payments: [Payment]
    public var bookedPaymentIds: Set<String>
    public var penaltyBooked: Kopecks
    public var postedRecalcs: [PostedRecalc]
    public var carried: Settlement?
    public init(account: Account, meters: [Meter] = [], candidates: [Reading] = [], states: [String: MeterState] = [:],
                previous: PreviousClose = .first, history: [PastPeriod] = [], payments: [Payment] = [],
                bookedPaymentIds: Set<String> = [], penaltyBooked: Kopecks = .zero, postedRecalcs: [PostedRecalc] = [],
                carried: Settlement? = nil) {
        self.account = account; self.meters = meters; self.candidates = candidates; self.states = states
        self.previous = previous; self.history = history; self.payments = payments
        self.bookedPaymentIds = bookedPaymentIds; self.penaltyBooked = penaltyBooked; self.postedRecalcs = postedRecalcs
        self.carried = carried
    }
}

/// The kind of a document line.
public enum ChargeKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case energy, recalculation, benefit, penalty
    /// The order of a document: energy, recalculations, the benefit, the penalty.
    public static func < (a: ChargeKind, b: ChargeKind) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// One line of the payment document. Energy lines carry meter, zone, tier,
/// method, volume and price; recalculation lines carry the recalculated period
/// (`refPeriod`) and the ground; benefit and penalty lines carry a ground.
/// `meterId` is "" for the norm of an account without meters and for account-level lines.
public struct ChargeLine: Sendable, Hashable {
    public var kind: ChargeKind
    public var meterId: String
    public var zone: String
    public var tier: Int
    public var method: VolumeMethod?
    public var volumeKwh: KilowattHours
    public var price: PricePer10000?
    public var amount: Kopecks
    public var ground: String
    public var refPeriod: Period?
    /// Lines of a VAT-excluded category: the net amount, the rate and the VAT (amount = net + vat).
    public var vat: VATPart?
    public init(kind: ChargeKind, meterId: String = "", zone: String = "", tier: Int = 0, method: VolumeMethod? = nil,
                volumeKwh: KilowattHours = .zero, price: PricePer10000? = nil, amount: Kopecks,
                ground: String = "", refPeriod: Period? = nil, vat: VATPart? = nil) {
        self.kind = kind; self.meterId = meterId; self.zone = zone; self.tier = tier; self.method = method
        self.volumeKwh = volumeKwh; self.price = price; self.amount = amount; self.ground = ground
        self.refPeriod = refPeriod; self.vat = vat
    }
}

/// One meter's period: how its volume was obtained, the registers shown on the
/// document (previous = last accepted; current = the reading used, nil when
/// estimated), the per-zone volume of P, the energy billed on it and its new state.
public struct MeterPeriodResult: Sendable, Hashable {
    public var meterId: String
    public var method: VolumeMethod
    public var previous: Registers
    public var current: Registers?
    public var readingId: Int64?
    public var source: ReadingSource?
    public var volumes: [Int64]
    public var billed: Kopecks
    public var state: MeterState
    public init(meterId: String, method: VolumeMethod, previous: Registers, current: Registers?, readingId: Int64?,
                source: ReadingSource?, volumes: [Int64], billed: Kopecks, state: MeterState) {
        self.meterId = meterId; self.method = method; self.previous = previous; self.current = current
        self.readingId = readingId; self.source = source; self.volumes = volumes; self.billed = billed; self.state = state
    }
}

/// The account's row of `registry.csv` (SPEC), plus the cumulative penalty total.
public struct RegistryRow: Sendable, Hashable {
    public var accountId: String
    public var period: Period
    public var method: String
    public var volumeKwh: KilowattHours
    public var charge: Kopecks
    public var recalculation: Kopecks
    public var benefit: Kopecks
    public var penalty: Kopecks
    public var payments: Kopecks
    public var balanceIn: Kopecks
    public var totalDue: Kopecks
    public var dueDate: CivilDate
    public var penaltyTotal: Kopecks
    public init(accountId: String, period: Period, method: String, volumeKwh: KilowattHours, charge: Kopecks,
                recalculation: Kopecks, benefit: Kopecks, penalty: Kopecks, payments: Kopecks, balanceIn: Kopecks,
                totalDue: Kopecks, dueDate: CivilDate, penaltyTotal: Kopecks) {
        self.accountId = accountId; self.period = period; self.method = method; self.volumeKwh = volumeKwh
        self.charge = charge; self.recalculation = recalculation; self.benefit = benefit; self.penalty = penalty
        self.payments = payments; self.balanceIn = balanceIn; self.totalDue = totalDue; self.dueDate = dueDate
        self.penaltyTotal = penaltyTotal
    }
}

/// The kind of a ledger entry (SPEC act kinds without opening/closing).
public enum LedgerKind: String, Sendable, Hashable { case charge, recalculation, benefit, penalty, payment }

/// One booked movement of the account: + raises what the customer owes (debit),
/// − lowers it (credit). Period entries are dated P's last day, payments paid_on.
public struct LedgerEntry: Sendable, Hashable {
    public var date: CivilDate
    public var kind: LedgerKind
    public var document: String
    public var amount: Kopecks
    public var refPeriod: Period?
    public var paymentId: String?
    public init(date: CivilDate, kind: LedgerKind, document: String, amount: Kopecks,
                refPeriod: Period? = nil, paymentId: String? = nil) {
        self.date = date; self.kind = kind; self.document = document; self.amount = amount
        self.refPeriod = refPeriod; self.paymentId = paymentId
    }
}

/// Everything the close of P produced for one account. Meters absent from
/// `meterPeriods` (removed before P, not yet installed) keep their state.
public struct AccountCloseResult: Sendable, Hashable {
    public var accountId: String
    public var period: Period
    public var lines: [ChargeLine]
    public var meterPeriods: [MeterPeriodResult]
    public var rejected: [RejectedReading]
    public var superseded: [Int64]
    public var duplicates: [Int64]
    public var row: RegistryRow
    public var ledger: [LedgerEntry]
    public var bookedPaymentIds: [String]
    /// The allocation state after P, P's penalty line included (the next close's `carried`).
    public var settlement: Settlement
    /// The penalty still owed within `row.balanceIn` as P−1's close left it (the rest is energy).
    public var penaltyIn: Kopecks
    public init(accountId: String, period: Period, lines: [ChargeLine], meterPeriods: [MeterPeriodResult],
                rejected: [RejectedReading], superseded: [Int64], duplicates: [Int64], row: RegistryRow,
                ledger: [LedgerEntry], bookedPaymentIds: [String], settlement: Settlement, penaltyIn: Kopecks = .zero) {
        self.accountId = accountId; self.period = period; self.lines = lines; self.meterPeriods = meterPeriods
        self.rejected = rejected; self.superseded = superseded; self.duplicates = duplicates; self.row = row
        self.ledger = ledger; self.bookedPaymentIds = bookedPaymentIds; self.settlement = settlement
        self.penaltyIn = penaltyIn
    }
}
