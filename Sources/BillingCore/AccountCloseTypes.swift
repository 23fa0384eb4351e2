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

/// Where the close of P takes the account's payment allocation from — the close's one
/// decision between the fast path and the full one, made by `PaymentBasis.choose`.
public enum PaymentBasis: Sendable, Hashable {
    /// Continue from the settlement P−1's close left (its text form); `newPayments` are
    /// those paid after P−1's last day, none of them booked yet.
    case carried(Settlement, newPayments: [Payment])
    /// Replay the allocation from the account's closed history and every payment since
    /// go-live; `booked` are the ids earlier closes booked (P−1's watermark).
    case replay(history: [PastPeriod], payments: [Payment], booked: Set<String>)

    /// Carry unless a payment no close has booked is dated on or before P−1's last day:
    /// such a back-dated payment changes how closed periods were paid, so the allocation
    /// (and the penalty it drives) is replayed. `replay` is asked only when needed.
    /// `recent` are the payments since P−1's close as the store hands them (`payment`
    /// reads one); `isBooked(i)` tells whether `recent[i]` was booked by a close before P.
    public static func choose<T>(period: Period, settlement: Settlement?, recent: [T], payment: (T) -> Payment,
                                 isBooked: (Int) -> Bool, replay: () throws -> PaymentBasis) rethrows -> PaymentBasis {
        let boundary = period.previous.lastDay
        if let settlement, !recent.indices.contains(where: { payment(recent[$0]).paidOn <= boundary && !isBooked($0) }) {
            var newPayments: [Payment] = []
            newPayments.reserveCapacity(recent.count)
            for r in recent {
                let p = payment(r)
                if p.paidOn > boundary { newPayments.append(p) }
            }
            return .carried(settlement, newPayments: newPayments)
        }
        return try replay()
    }

    /// `choose` over plain payments.
    public static func choose(period: Period, settlement: Settlement?, recent: [Payment],
                              isBooked: (Int) -> Bool, replay: () throws -> PaymentBasis) rethrows -> PaymentBasis {
        try choose(period: period, settlement: settlement, recent: recent, payment: { $0 }, isBooked: isBooked, replay: replay)
    }

    public var isCarried: Bool { if case .carried = self { true } else { false } }

    /// Payments this close books: not booked before and paid by P's last day, in (paid_on, id) order.
    func newPayments(through lastDay: CivilDate) -> [Payment] {
        var out: [Payment]
        switch self {
        case .carried(_, let p): out = p.filter { $0.paidOn <= lastDay }
        case .replay(_, let p, let booked): out = p.filter { $0.paidOn <= lastDay && !booked.contains($0.id) }
        }
        out.sort { ($0.paidOn, $0.id) < ($1.paidOn, $1.id) }
        return out
    }
}

/// Everything the close of period P needs for one account, loaded by the store.
/// `candidates` are the readings that count for P by the deadline rule; `states`
/// are the meter states after P−1 (absent → `MeterState.initial`); `basis` is where the
/// payment allocation continues from; `penaltyBooked` = Σ penalty lines booked.
public struct AccountCloseInput: Sendable {
    public var account: Account
    public var meters: [Meter]
    public var candidates: [Reading]
    public var states: [String: MeterState]
    public var previous: PreviousClose
    public var basis: PaymentBasis
    public var penaltyBooked: Kopecks
    public var postedRecalcs: [PostedRecalc]
    public init(account: Account, meters: [Meter] = [], candidates: [Reading] = [], states: [String: MeterState] = [:],
                previous: PreviousClose = .first, basis: PaymentBasis = .replay(history: [], payments: [], booked: []),
                penaltyBooked: Kopecks = .zero, postedRecalcs: [PostedRecalc] = []) {
        self.account = account; self.meters = meters; self.candidates = candidates; self.states = states
        self.previous = previous; self.basis = basis; self.penaltyBooked = penaltyBooked; self.postedRecalcs = postedRecalcs
    }

    /// A closed account stays on the books while it owes or is owed anything: nothing
    /// due, no posted recalculation waiting, no payment not yet booked.
    public var isSettled: Bool {
        let balance = previous.isFirstPeriod ? account.openingBalance : previous.totalDue
        guard balance == .zero && postedRecalcs.isEmpty else { return false }
        switch basis {
        case .carried(_, let p): return p.isEmpty
        case .replay(_, let p, let booked): return !p.contains { !booked.contains($0.id) }
        }
    }
}

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
    public var amount: Kopecks
    public var refPeriod: Period?
    public var paymentId: String?
    /// What `document` is made of. The text is put together only when it is read (acts):
    /// a close books millions of entries and reads none of their texts.
    private var text: LedgerText

    public init(date: CivilDate, kind: LedgerKind, document: String, amount: Kopecks,
                refPeriod: Period? = nil, paymentId: String? = nil) {
        self.init(date: date, kind: kind, text: .given(document), amount: amount, refPeriod: refPeriod, paymentId: paymentId)
    }

    init(date: CivilDate, kind: LedgerKind, text: LedgerText, amount: Kopecks, refPeriod: Period? = nil, paymentId: String? = nil) {
        self.date = date; self.kind = kind; self.text = text; self.amount = amount
        self.refPeriod = refPeriod; self.paymentId = paymentId
    }

    /// The entry as an act names it: "Оплата № … от ДД.ММ.ГГГГ", "Начисление за ММ.ГГГГ",
    /// "Пени за ММ.ГГГГ", or the line's own ground.
    public var document: String {
        switch text {
        case .payment: "Оплата № " + (paymentId ?? "") + " от " + date.russian
        case .charge(let p): "Начисление за " + pad2(p.month) + "." + pad4(p.year)
        case .penalty(let p): "Пени за " + pad2(p.month) + "." + pad4(p.year)
        case .given(let s): s
        }
    }

    public static func == (a: LedgerEntry, b: LedgerEntry) -> Bool {
        a.date == b.date && a.kind == b.kind && a.amount == b.amount && a.refPeriod == b.refPeriod
            && a.paymentId == b.paymentId && a.document == b.document
    }

    public func hash(into h: inout Hasher) {
        h.combine(date); h.combine(kind); h.combine(amount); h.combine(refPeriod); h.combine(paymentId); h.combine(document)
    }
}

/// The parts a ledger entry's text is made of (`LedgerEntry.document`).
enum LedgerText: Sendable {
    /// A payment, named by the entry's payment id and date.
    case payment
    /// P's charge, or its penalty, named by the period billed.
    case charge(Period), penalty(Period)
    /// A line's ground (recalculations, benefits), or a text given whole.
    case given(String)
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
