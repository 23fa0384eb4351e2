import BillingCore

/// What a close stored for one account-period besides its registry columns, in one
/// compact binary (`account_periods.detail`, schema v9): the document lines, the meter
/// periods and the payments booked. Before v9 these were three tables with one row
/// each (lines, meter_periods, ledger) — about 5 M rows a month at a million accounts,
/// each repeating the period and account key; the close was bound by writing them.
/// The ledger is not stored: its entries are exactly what `buildLedger` makes of the
/// lines and payments (the close's own function), except where a database migrated
/// from v8 held entries that rule would not make again — those are kept as they were.
///
/// Format (version 1): a version byte, then four lists — meter periods, lines, payments
/// and the kept ledger (empty unless kept) — each a count followed by its items; integers
/// are LEB128 varints (signed ones zigzag), strings a varint byte count and UTF-8. Meters
/// come first so the next close reads their states without decoding the rest.
///
///     line:    kind u8 (0 energy 1 recalculation 2 benefit 3 penalty), meter_id, zone, tier,
///              method, volume_kwh, price, amount, ground, ref_period, vat flag u8 [net, rate, vat]
///     meter:   meter_id, method, flags u8 (1: reading id, 2: current registers), [reading_id],
///              prev_registers, [cur_registers], volumes, amount, state
///     payment: payment_id, paid_on (YYYY-MM-DD), amount (positive, as paid)
///     ledger:  (only when kept) date, kind u8 (0…4 as LedgerKind), document, amount, ref
public struct AccountPeriodDetail: Sendable, Hashable {
    public var lines: [StoredLine]
    public var meters: [StoredMeterPeriod]
    public var payments: [StoredPayment]
    /// nil: the ledger is derived (every close since v9); else the entries as stored before.
    public var keptLedger: [StoredLedgerEntry]?

    public init(lines: [StoredLine], meters: [StoredMeterPeriod], payments: [StoredPayment],
                keptLedger: [StoredLedgerEntry]? = nil) {
        self.lines = lines; self.meters = meters; self.payments = payments; self.keptLedger = keptLedger
    }

    static let version: UInt8 = 1
}

/// A meter's stored period: the columns `meter_periods` had (registers, volumes and
/// state in their text forms, which the readers already parse).
public struct StoredMeterPeriod: Sendable, Hashable {
    public var meterId: String
    public var method: String
    public var readingId: Int64?
    public var previousRegisters: String
    public var currentRegisters: String?
    public var volumes: String
    public var amount: Kopecks
    public var state: String
}

/// A meter's state as a close left it, as the next close continues from it.
public struct CarriedMeterState: Sendable {
    public var meterId: String
    /// nil when the stored text does not decode (then `unreadable` holds it).
    public var state: MeterState?
    public var unreadable: String?
    /// The state's stored text (encoding is canonical, so a decoded state encodes back to it).
    public var text: String { state?.encoded ?? unreadable ?? "" }
}

/// A payment a close booked (the ledger's payment entry before v9).
public struct StoredPayment: Sendable, Hashable {
    public var paymentId: String
    public var paidOn: CivilDate
    public var amount: Kopecks
}

/// A ledger entry kept from before v9, as its row was.
public struct StoredLedgerEntry: Sendable, Hashable {
    public var date: CivilDate
    public var kind: LedgerKind
    public var document: String
    public var amount: Kopecks
    public var ref: String
}

extension AccountPeriodDetail {
    /// The detail of a close's result, as the compute workers encode it.
    public static func encode(_ r: AccountCloseResult) -> [UInt8] {
        var w = DetailWriter()
        w.byte(version)
        w.uint(UInt64(r.meterPeriods.count))
        for m in r.meterPeriods {
            w.meter(meterId: m.meterId, method: m.method.rawValue, readingId: m.readingId, hasCurrent: m.current != nil,
                    previous: { m.previous.appendText(to: &$0) }, current: { m.current?.appendText(to: &$0) },
                    volumes: { Registers(m.volumes).appendText(to: &$0) }, amount: m.billed.value,
                    state: { m.state.encode(into: &$0) })
        }
        w.uint(UInt64(r.lines.count))
        for l in r.lines {
            w.line(kind: l.kind, meterId: l.meterId, zone: l.zone, tier: l.tier, method: l.method?.rawValue ?? "",
                   volume: l.volumeKwh.value, price: l.price?.value ?? 0, amount: l.amount.value, ground: l.ground,
                   refPeriod: l.refPeriod?.description ?? "", vat: l.vat)
        }
        var paid = 0
        for e in r.ledger where e.kind == .payment { paid += 1 }
        w.uint(UInt64(paid))
        for e in r.ledger where e.kind == .payment {
            w.string(e.paymentId ?? ""); w.text { e.date.appendISO(to: &$0) }; w.int(-e.amount.value)
        }
        w.uint(0)
        return w.bytes
    }

    /// The encoded form (the migration from v8 and the tests build details field by field).
    public var encoded: [UInt8] {
        var w = DetailWriter()
        w.byte(Self.version)
        w.uint(UInt64(meters.count))
        for m in meters {
            w.meter(meterId: m.meterId, method: m.method, readingId: m.readingId, hasCurrent: m.currentRegisters != nil,
                    previous: { $0.append(contentsOf: m.previousRegisters.utf8) },
                    current: { $0.append(contentsOf: (m.currentRegisters ?? "").utf8) },
                    volumes: { $0.append(contentsOf: m.volumes.utf8) }, amount: m.amount.value,
                    state: { $0.append(contentsOf: m.state.utf8) })
        }
        w.uint(UInt64(lines.count))
        for l in lines {
            w.line(kind: l.kind, meterId: l.meterId, zone: l.zone, tier: l.tier, method: l.method, volume: l.volumeKwh,
                   price: l.price.value, amount: l.amount.value, ground: l.ground, refPeriod: l.refPeriod, vat: l.vat)
        }
        w.uint(UInt64(payments.count))
        for p in payments { w.string(p.paymentId); w.string(p.paidOn.iso); w.int(p.amount.value) }
        w.uint(UInt64(keptLedger?.count ?? 0))
        for e in keptLedger ?? [] {
            w.string(e.date.iso); w.byte(DetailCodes.ledgerKinds.firstIndex(of: e.kind).map(UInt8.init) ?? 0)
            w.string(e.document); w.int(e.amount.value); w.string(e.ref)
        }
        return w.bytes
    }

    /// Decodes what `encode`/`encoded` wrote; nil for anything else (a damaged value).
    public init?(bytes: UnsafeBufferPointer<UInt8>) {
        var r = DetailReader(bytes: bytes)
        guard r.byte() == Self.version, let meters = r.meters(), let nLines = r.count() else { return nil }
        var lines: [StoredLine] = []
        lines.reserveCapacity(nLines)
        for _ in 0..<nLines {
            guard let k = r.byte(), Int(k) < DetailCodes.chargeKinds.count, let meter = r.string(), let zone = r.string(),
                  let tier = r.uint(), tier <= 1_000_000, let method = r.string(), let volume = r.int(), let price = r.int(),
                  let amount = r.int(), let ground = r.string(), let ref = r.string(), let vat = r.vat() else { return nil }
            lines.append(StoredLine(kind: DetailCodes.chargeKinds[Int(k)], meterId: meter, zone: zone, tier: Int(tier),
                                    method: method, volumeKwh: volume, price: PricePer10000(price), amount: Kopecks(amount),
                                    ground: ground, refPeriod: ref, vat: vat.part))
        }
        guard let nPayments = r.count() else { return nil }
        var payments: [StoredPayment] = []
        payments.reserveCapacity(nPayments)
        for _ in 0..<nPayments {
            guard let id = r.string(), let date = r.date(), let amount = r.int() else { return nil }
            payments.append(StoredPayment(paymentId: id, paidOn: date, amount: Kopecks(amount)))
        }
        guard let nKept = r.count() else { return nil }
        var kept: [StoredLedgerEntry]?
        if nKept > 0 {
            var entries: [StoredLedgerEntry] = []
            for _ in 0..<nKept {
                guard let date = r.date(), let k = r.byte(), Int(k) < DetailCodes.ledgerKinds.count, let document = r.string(),
                      let amount = r.int(), let ref = r.string() else { return nil }
                entries.append(StoredLedgerEntry(date: date, kind: DetailCodes.ledgerKinds[Int(k)], document: document,
                                                 amount: Kopecks(amount), ref: ref))
            }
            kept = entries
        }
        guard r.atEnd else { return nil }
        self.init(lines: lines, meters: meters, payments: payments, keptLedger: kept)
    }

    /// Only the meter periods (they come first): what the next close continues from.
    public static func meters(bytes: UnsafeBufferPointer<UInt8>) -> [StoredMeterPeriod]? {
        var r = DetailReader(bytes: bytes)
        guard r.byte() == version else { return nil }
        return r.meters()
    }

    /// Each meter's id and the state its period left, the state decoded straight from the
    /// bytes (the next close reads a million of these); a state that does not decode keeps
    /// its text for the message. nil: the detail is damaged.
    public static func carriedStates(bytes: UnsafeBufferPointer<UInt8>) -> [CarriedMeterState]? {
        var r = DetailReader(bytes: bytes)
        guard r.byte() == version, let n = r.count() else { return nil }
        var out: [CarriedMeterState] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let m = r.meterFields() else { return nil }
            let id = String(decoding: m.id, as: UTF8.self), text = m.state
            if let state = MeterState(encoded: text) {
                out.append(CarriedMeterState(meterId: id, state: state, unreadable: nil))
            } else {
                out.append(CarriedMeterState(meterId: id, state: nil, unreadable: String(decoding: text, as: UTF8.self)))
            }
        }
        return out
    }

    /// The money of the lines and of the ledger by kind, read without building a String
    /// (the close's stored-totals proof and `check` read a million of these); nil: damaged.
    public static func sums(bytes: UnsafeBufferPointer<UInt8>) -> DetailSums? {
        var r = DetailReader(bytes: bytes)
        guard r.byte() == version, r.skipMeters(), let nLines = r.count() else { return nil }
        var t = DetailSums()
        var hasEnergy = false
        for _ in 0..<nLines {
            guard let k = r.byte(), Int(k) < DetailCodes.chargeKinds.count, r.skipString(), r.skipString(), r.uint() != nil,
                  r.skipString(), r.int() != nil, r.int() != nil, let amount = r.int(), r.skipString(), r.skipString(),
                  let vat = r.vat() else { return nil }
            t.lines[Int(k)] &+= amount
            if let v = vat.part { t.vat &+= v.vat.value }
            if k == 0 { hasEnergy = true } else { t.ledger[Int(k)] &+= amount }
        }
        if hasEnergy { t.ledger[0] = t.lines[0] }
        guard let nPayments = r.count() else { return nil }
        for _ in 0..<nPayments {
            guard r.skipString(), r.skipString(), let amount = r.int() else { return nil }
            t.ledger[4] &-= amount
        }
        guard let nKept = r.count() else { return nil }
        if nKept > 0 {
            t.ledger = [0, 0, 0, 0, 0]
            for _ in 0..<nKept {
                guard r.skipString(), let k = r.byte(), Int(k) < DetailCodes.ledgerKinds.count, r.skipString(),
                      let amount = r.int(), r.skipString() else { return nil }
                t.ledger[Int(k)] &+= amount
            }
        }
        guard r.atEnd else { return nil }
        return t
    }

    /// The account-period's ledger in booking order: the kept entries, or those the
    /// close's rule makes of the lines and payments. The charge entry is the sum of the
    /// energy lines (what the close proved equal to the registry's charge column), so the
    /// ledger depends on the detail alone and `check` can hold it against the registry.
    public func ledger(period: Period) -> [StoredLedgerEntry] {
        if let kept = keptLedger { return kept }
        var charge = Kopecks.zero
        for l in lines where l.kind == .energy { charge += l.amount }
        let paid = payments.map { Payment(id: $0.paymentId, accountId: "", paidOn: $0.paidOn, amount: $0.amount) }
        let charged = lines.map { l in
            ChargeLine(kind: l.kind, amount: l.amount, ground: l.ground, refPeriod: Period(l.refPeriod))
        }
        return buildLedger(lines: charged, payments: paid, period: period, charge: charge).map { e in
            StoredLedgerEntry(date: e.date, kind: e.kind, document: e.document, amount: e.amount,
                              ref: e.paymentId ?? e.refPeriod?.description ?? "")
        }
    }
}

/// An account-period's money by kind: `lines` in ChargeKind order (energy, recalculation,
/// benefit, penalty), `ledger` in LedgerKind order (charge … payment), and the VAT of its lines.
public struct DetailSums: Sendable {
    public var lines: [Int64] = [0, 0, 0, 0]
    public var ledger: [Int64] = [0, 0, 0, 0, 0]
    public var vat: Int64 = 0
    public var ledgerTotal: Int64 { ledger.reduce(0, &+) }
}

enum DetailCodes {
    static let chargeKinds: [ChargeKind] = [.energy, .recalculation, .benefit, .penalty]
    static let ledgerKinds: [LedgerKind] = [.charge, .recalculation, .benefit, .penalty, .payment]
}

struct DetailWriter {
    var bytes: [UInt8] = []
    init() { bytes.reserveCapacity(256) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }
    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 { bytes.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }
    mutating func int(_ v: Int64) { uint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { b in uint(UInt64(b.count)); bytes.append(contentsOf: b) }
    }

    /// A string `write` appends in place, behind its byte count: one length byte is held
    /// for it and widened after in the rare case the text runs to 128 bytes or more.
    @inline(__always)
    mutating func text(_ write: (inout [UInt8]) -> Void) {
        let at = bytes.count
        bytes.append(0)
        write(&bytes)
        var n = bytes.count - at - 1
        guard n >= 0x80 else { bytes[at] = UInt8(n); return }
        var prefix: [UInt8] = []
        while n >= 0x80 { prefix.append(UInt8(truncatingIfNeeded: n) | 0x80); n >>= 7 }
        prefix.append(UInt8(n))
        bytes.replaceSubrange(at..<(at + 1), with: prefix)
    }

    mutating func line(kind: ChargeKind, meterId: String, zone: String, tier: Int, method: String, volume: Int64,
                       price: Int64, amount: Int64, ground: String, refPeriod: String, vat: VATPart?) {
        byte(DetailCodes.chargeKinds.firstIndex(of: kind).map(UInt8.init) ?? 0)
        string(meterId); string(zone); uint(UInt64(max(0, tier))); string(method)
        int(volume); int(price); int(amount); string(ground); string(refPeriod)
        if let v = vat { byte(1); int(v.net.value); int(v.ratePercentCenti); int(v.vat.value) } else { byte(0) }
    }

    /// The meter layout. Its texts are written in place by the closures (`current` only
    /// when `hasCurrent`), so the close's encoder builds no String for them.
    @inline(__always)
    mutating func meter(meterId: String, method: String, readingId: Int64?, hasCurrent: Bool,
                        previous: (inout [UInt8]) -> Void, current: (inout [UInt8]) -> Void,
                        volumes: (inout [UInt8]) -> Void, amount: Int64, state: (inout [UInt8]) -> Void) {
        string(meterId); string(method)
        byte((readingId == nil ? 0 : 1) | (hasCurrent ? 2 : 0))
        if let id = readingId { int(id) }
        text(previous)
        if hasCurrent { text(current) }
        text(volumes); int(amount); text(state)
    }
}

/// A meter period's fields as `DetailReader.meterFields` reads them, texts as slices of the detail.
struct MeterFields {
    var id, method: UnsafeBufferPointer<UInt8>
    var readingId: Int64?
    var previous: UnsafeBufferPointer<UInt8>
    var current: UnsafeBufferPointer<UInt8>?
    var volumes: UnsafeBufferPointer<UInt8>
    var amount: Int64
    var state: UnsafeBufferPointer<UInt8>
}

/// A line's VAT as read: `part` nil for a line without VAT.
struct LineVAT { var part: VATPart? }

/// Reads the format strictly: every read is bounds-checked and returns nil past the end.
struct DetailReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    var atEnd: Bool { i == bytes.count }

    mutating func byte() -> UInt8? {
        guard i < bytes.count else { return nil }
        defer { i += 1 }
        return bytes[i]
    }

    mutating func uint() -> UInt64? {
        var v: UInt64 = 0, shift: UInt64 = 0
        while i < bytes.count, shift < 64 {
            let b = bytes[i]; i += 1
            v |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return v }
            shift += 7
        }
        return nil
    }

    mutating func int() -> Int64? {
        guard let u = uint() else { return nil }
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// A list's length; bounded by the bytes left, so a damaged count cannot ask for a huge array.
    mutating func count() -> Int? {
        guard let n = uint(), n <= UInt64(bytes.count - i) else { return nil }
        return Int(n)
    }

    mutating func string() -> String? {
        guard let n = count() else { return nil }
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + n)]), as: UTF8.self)
        i += n
        return s
    }

    /// A string's bytes, in place.
    mutating func slice() -> UnsafeBufferPointer<UInt8>? {
        guard let n = count() else { return nil }
        defer { i += n }
        return UnsafeBufferPointer(rebasing: bytes[i..<(i + n)])
    }

    mutating func skipString() -> Bool {
        guard let n = count() else { return false }
        i += n
        return true
    }

    /// A line's VAT part: flag 0 (none) or 1 and three integers; nil when damaged.
    mutating func vat() -> LineVAT? {
        guard let flag = byte() else { return nil }
        if flag == 0 { return LineVAT(part: nil) }
        guard flag == 1, let net = int(), let rate = int(), let tax = int() else { return nil }
        return LineVAT(part: VATPart(net: Kopecks(net), ratePercentCenti: rate, vat: Kopecks(tax)))
    }

    /// One meter period as stored, its texts left in place: the one reading of the
    /// meter layout, which `meters`, `skipMeters` and `carriedStates` share.
    @inline(__always)
    mutating func meterFields() -> MeterFields? {
        guard let id = slice(), let method = slice(), let flags = byte(), flags < 4 else { return nil }
        var reading: Int64?
        if flags & 1 != 0 { guard let v = int() else { return nil }; reading = v }
        guard let previous = slice() else { return nil }
        var current: UnsafeBufferPointer<UInt8>?
        if flags & 2 != 0 { guard let v = slice() else { return nil }; current = v }
        guard let volumes = slice(), let amount = int(), let state = slice() else { return nil }
        return MeterFields(id: id, method: method, readingId: reading, previous: previous, current: current,
                           volumes: volumes, amount: amount, state: state)
    }

    mutating func meters() -> [StoredMeterPeriod]? {
        guard let n = count() else { return nil }
        var out: [StoredMeterPeriod] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let m = meterFields() else { return nil }
            func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
            out.append(StoredMeterPeriod(meterId: text(m.id), method: text(m.method), readingId: m.readingId,
                                         previousRegisters: text(m.previous), currentRegisters: m.current.map(text),
                                         volumes: text(m.volumes), amount: Kopecks(m.amount), state: text(m.state)))
        }
        return out
    }

    mutating func skipMeters() -> Bool {
        guard let n = count() else { return false }
        for _ in 0..<n { guard meterFields() != nil else { return false } }
        return true
    }

    mutating func date() -> CivilDate? {
        guard let n = count() else { return nil }
        let d = CivilDate.parse(UnsafeBufferPointer(rebasing: bytes[i..<(i + n)]))
        i += n
        return d
    }
}
