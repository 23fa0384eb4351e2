/// The facts the close works from, as plain values. The store loads them, the
/// pure core turns them into lines, ledger entries and meter state.

public enum AccountKind: String, Sendable, Hashable { case person, legal }
public enum Delivery: String, Sendable, Hashable { case paper, email }

/// A personal account (лицевой счёт) and what the norm and the document need of it.
public struct Account: Sendable, Hashable {
    public var id: String
    public var holder: String
    public var address: String
    public var region: String
    public var category: String
    public var kind: AccountKind
    public var inn: String
    public var kpp: String
    public var residents: Int
    public var rooms: Int
    /// Area in hundredths of a m² ("54.3" → 5430); 0 when unknown.
    public var areaCentiM2: Int64
    public var email: String
    public var phone: String
    public var delivery: Delivery
    public var openedOn: CivilDate?
    public var closedOn: CivilDate?
    /// + = debt at the start of the account's first period.
    public var openingBalance: Kopecks
    /// Consent to SMS messages (seed 003 "Смс-информирование").
    public var sms: Bool = false
    /// Legal entities: the supply contract the УПД names as its ground, and the EDO id.
    public var contract: String = ""
    public var contractDate: CivilDate? = nil
    public var edoId: String = ""

    public init(id: String, holder: String, address: String, region: String, category: String,
                kind: AccountKind = .person, inn: String = "", kpp: String = "", residents: Int = 1,
                rooms: Int = 1, areaCentiM2: Int64 = 0, email: String = "", phone: String = "",
                delivery: Delivery = .paper, openedOn: CivilDate? = nil, closedOn: CivilDate? = nil,
                openingBalance: Kopecks = .zero, sms: Bool = false, contract: String = "",
                contractDate: CivilDate? = nil, edoId: String = "") {
        self.sms = sms; self.contract = contract; self.contractDate = contractDate; self.edoId = edoId
        self.id = id; self.holder = holder; self.address = address; self.region = region
        self.category = category; self.kind = kind; self.inn = inn; self.kpp = kpp
        self.residents = residents; self.rooms = rooms; self.areaCentiM2 = areaCentiM2
        self.email = email; self.phone = phone; self.delivery = delivery
        self.openedOn = openedOn; self.closedOn = closedOn; self.openingBalance = openingBalance
    }
}

/// Register values of one meter reading: one per zone (T1 only for single-rate).
public struct Registers: Sendable, Hashable, CustomStringConvertible {
    public var values: [Int64]
    public init(_ values: [Int64]) { self.values = values }
    public var count: Int { values.count }
    public subscript(i: Int) -> Int64 { values[i] }
    public var description: String {
        switch values.count {
        case 1: return String(values[0])
        case 2: return String(values[0]) + "/" + String(values[1])
        default: return values.map(String.init).joined(separator: "/")
        }
    }
    /// `description`'s bytes appended to `out`.
    public func appendText(to out: inout [UInt8]) { appendInts(values, to: &out) }
}

/// A meter (прибор учёта) with its commissioning data.
public struct Meter: Sendable, Hashable {
    public var id: String
    public var accountId: String
    /// 1, 2 or 3 registers (T1; T1/T2; T1/T2/T3).
    public var zones: Int
    /// Integer digit capacity; readings of more digits are rejected.
    public var digits: Int
    /// Transformation coefficient: billed kWh = register delta × ratio.
    public var ratio: Int64
    public var accuracyClass: String
    public var installedOn: CivilDate
    public var nextVerificationOn: CivilDate?
    public var initial: Registers
    public var removedOn: CivilDate?

    public init(id: String, accountId: String, zones: Int, digits: Int, ratio: Int64 = 1,
                accuracyClass: String = "", installedOn: CivilDate, nextVerificationOn: CivilDate? = nil,
                initial: Registers, removedOn: CivilDate? = nil) {
        self.id = id; self.accountId = accountId; self.zones = zones; self.digits = digits
        self.ratio = ratio; self.accuracyClass = accuracyClass; self.installedOn = installedOn
        self.nextVerificationOn = nextVerificationOn; self.initial = initial; self.removedOn = removedOn
    }
}

/// The channel a reading came through (seeds 001–004). Control readings
/// (inspector, remote metering) win over customer-submitted ones.
public enum ReadingSource: String, Sendable, Hashable, CaseIterable {
    case lk, form, phone, ivr, sms, email, gosuslugi, office, inspector, askue
    public var isControl: Bool { self == .inspector || self == .askue }
}

/// A submitted meter reading as stored by the importer.
public struct Reading: Sendable, Hashable {
    public var id: Int64
    public var accountId: String
    public var meterId: String
    public var takenOn: CivilDate
    public var receivedAt: LocalTimestamp
    public var source: ReadingSource
    public var registers: Registers
    public var isCorrection: Bool

    public init(id: Int64, accountId: String, meterId: String, takenOn: CivilDate, receivedAt: LocalTimestamp,
                source: ReadingSource, registers: Registers, isCorrection: Bool = false) {
        self.id = id; self.accountId = accountId; self.meterId = meterId; self.takenOn = takenOn
        self.receivedAt = receivedAt; self.source = source; self.registers = registers
        self.isCorrection = isCorrection
    }
}

/// A payment as received from a bank or the cashier.
public struct Payment: Sendable, Hashable {
    public var id: String
    public var accountId: String
    public var paidOn: CivilDate
    public var amount: Kopecks
    public var channel: String
    /// The period the payer named, if any.
    public var period: Period?

    public init(id: String, accountId: String, paidOn: CivilDate, amount: Kopecks, channel: String = "", period: Period? = nil) {
        self.id = id; self.accountId = accountId; self.paidOn = paidOn; self.amount = amount
        self.channel = channel; self.period = period
    }
}

/// How a volume was obtained; printed on the document in words a customer understands.
public enum VolumeMethod: String, Sendable, Hashable {
    case actual, average, norm, control
    public var isEstimate: Bool { self == .average || self == .norm }
}
