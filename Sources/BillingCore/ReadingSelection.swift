/// The reasons a reading is rejected at close, worded for the clerk who reads
/// the close report. These exact strings are stored and printed.
public enum RejectionReason {
    public static let digitCapacity = "exceeds digit capacity"
    public static let registerCount = "wrong number of registers"
    public static let lowerThanPrevious = "lower than previous"
    public static let implausible = "implausible consumption"
    public static let meterRemoved = "meter removed"
    public static let meterNotInstalled = "meter not installed yet"
    public static let accountClosed = "account closed"
    public static let takenAfterReceived = "taken after received"
    public static let meterFailed = "meter failed verification"
    /// A candidate naming a meter the account does not have (decision, see RULES.md).
    public static let unknownMeter = "unknown meter"

    /// The reason as the close report prints it; stored data and summary.json keep the code.
    public static func russian(_ code: String) -> String {
        switch code {
        case digitCapacity: "больше разрядов, чем у счётчика"
        case registerCount: "число зон не совпадает со счётчиком"
        case lowerThanPrevious: "меньше предыдущего показания"
        case implausible: "неправдоподобный расход"
        case meterRemoved: "счётчик уже снят"
        case meterNotInstalled: "счётчик ещё не установлен"
        case accountClosed: "лицевой счёт закрыт"
        case takenAfterReceived: "снято позже, чем получено"
        case meterFailed: "истёк срок поверки счётчика"
        case unknownMeter: "у лицевого счёта нет такого счётчика"
        default: code
        }
    }
}

/// A reading that was not used, with the reason a clerk reads.
public struct RejectedReading: Sendable, Hashable {
    public var readingId: Int64
    public var reason: String
    public init(readingId: Int64, reason: String) { self.readingId = readingId; self.reason = reason }
}

/// The outcome of choosing one meter's reading for a period: the reading used
/// (if any) with its per-zone volumes after the ratio, the rejected candidates
/// with reasons, the valid candidates that lost on priority or were replaced by
/// a correction (superseded), and the exact duplicates that were ignored.
public struct ReadingSelection: Sendable, Hashable {
    public var chosen: Reading?
    /// Per register: delta (with rollover) × ratio. Empty when nothing was chosen.
    public var volumes: [Int64]
    public var rejected: [RejectedReading]
    public var superseded: [Int64]
    public var duplicates: [Int64]
}

/// The meter's last accepted register values and the period they were billed in.
public struct PreviousReading: Sendable, Hashable {
    public var registers: Registers
    /// nil for a meter with only its commissioning reading.
    public var period: Period?
    public init(registers: Registers, period: Period?) { self.registers = registers; self.period = period }
}

/// True when the meter's verification has lapsed for P: next_verification_on < P's first day.
public func meterFailed(_ meter: Meter, in period: Period) -> Bool {
    guard let next = meter.nextVerificationOn else { return false }
    return next < period.firstDay
}

/// Chooses the reading of one meter for period P from its candidates (RULES.md
/// "Reading selection" and "Validation at close"). `candidates` are this meter's
/// readings that count for P by the deadline rule.
public func selectReading(meter: Meter, account: Account, period: Period, candidates: [Reading],
                          previous: PreviousReading, policy: EstimationPolicy) -> ReadingSelection {
    var out = ReadingSelection(chosen: nil, volumes: [], rejected: [], superseded: [], duplicates: [])
    if candidates.isEmpty { return out }
    // 1. Exact duplicates collapse to the earliest received (then the first by id): the
    // repeat of a submission is what is ignored, whatever order the rows were stored in.
    let byArrival = candidates.sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }
    var unique: [Reading] = []
    unique.reserveCapacity(byArrival.count)
    for r in byArrival {
        if unique.contains(where: { $0.takenOn == r.takenOn && $0.registers == r.registers
            && $0.source == r.source && $0.isCorrection == r.isCorrection }) {
            out.duplicates.append(r.id)
        } else {
            unique.append(r)
        }
    }
    // 2. A correction replaces every non-correction reading of the same taken_on.
    var live: [Reading] = []
    for r in unique {
        if !r.isCorrection && unique.contains(where: { $0.isCorrection && $0.takenOn == r.takenOn }) {
            out.superseded.append(r.id)
        } else {
            live.append(r)
        }
    }
    // 3. Priority: control first, then received_at descending, then id descending.
    live.sort { a, b in
        if a.source.isControl != b.source.isControl { return a.source.isControl }
        if a.receivedAt != b.receivedAt { return b.receivedAt < a.receivedAt }
        return a.id > b.id
    }
    let failed = meterFailed(meter, in: period)
    let months = Int64(max(1, (previous.period ?? meter.installedOn.period).months(until: period)))
    for r in live {
        if failed {
            out.rejected.append(RejectedReading(readingId: r.id, reason: RejectionReason.meterFailed))
            continue
        }
        if out.chosen != nil { out.superseded.append(r.id); continue }
        switch validate(r, meter: meter, account: account, previous: previous.registers,
                        ceiling: policy.maxMonthlyKwh * months) {
        case .failure(let reason): out.rejected.append(RejectedReading(readingId: r.id, reason: reason))
        case .success(let volumes): out.chosen = r; out.volumes = volumes
        }
    }
    return out
}

/// Why a reading cannot be used, or its per-zone volumes after ratio.
enum Validation { case success([Int64]), failure(String) }

/// Validates one reading against the meter, the account and the last accepted registers.
func validate(_ r: Reading, meter: Meter, account: Account, previous: Registers, ceiling: Int64) -> Validation {
    if r.takenOn > r.receivedAt.date { return .failure(RejectionReason.takenAfterReceived) }
    if let removed = meter.removedOn, r.takenOn > removed { return .failure(RejectionReason.meterRemoved) }
    if r.takenOn < meter.installedOn { return .failure(RejectionReason.meterNotInstalled) }
    if let closed = account.closedOn, r.takenOn > closed { return .failure(RejectionReason.accountClosed) }
    if r.registers.count != meter.zones || previous.count != meter.zones {
        return .failure(RejectionReason.registerCount)
    }
    var capacity: Int64 = 1
    for _ in 0..<min(max(meter.digits, 1), 18) { capacity *= 10 }
    var deltas = [Int64](repeating: 0, count: meter.zones)
    var rolled = false
    var sum: Int64 = 0
    for z in 0..<meter.zones {
        let cur = r.registers[z], prev = previous[z]
        if cur < 0 || cur >= capacity { return .failure(RejectionReason.digitCapacity) }
        if cur >= prev {
            deltas[z] = cur - prev
        } else {
            rolled = true
            deltas[z] = capacity - prev + cur
            if deltas[z] <= 0 { return .failure(RejectionReason.lowerThanPrevious) }
        }
        sum += deltas[z]
    }
    if sum > ceiling {
        return .failure(rolled ? RejectionReason.lowerThanPrevious : RejectionReason.implausible)
    }
    for z in 0..<meter.zones { deltas[z] *= meter.ratio }
    return .success(deltas)
}

extension RegionRules {
    /// The period a reading received at `t` counts for: P with deadline(P−1) < t ≤ deadline(P).
    public func billingPeriod(receivedAt t: LocalTimestamp) -> Period {
        let p = t.date.period
        if t <= deadline(for: p.previous) { return p.previous }
        return t <= deadline(for: p) ? p : p.next
    }
}
