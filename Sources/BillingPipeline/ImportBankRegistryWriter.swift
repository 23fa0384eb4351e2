import BillingCore
import BillingInput
import BillingStore
import Dispatch
import Foundation

/// One registry row on its way to SQLite: a payment of a known account (its texts in
/// the batch's byte area, in stored form), a payment to hold as unmatched, or a reject.
/// Rejects travel in the same queue so the rejects file keeps the file's line order
/// even when the writer finds a conflict.
struct RegistryBatchRow {
    enum Kind: UInt8 { case paid, held, reject }
    var kind = Kind.paid
    /// held / reject: the index in `held` / `rejects`.
    var index = 0
    var idAt = 0, idLen = 0
    var accountAt = 0, accountLen = 0
    /// paid_on as YYYY-MM-DD (10 bytes), then the period as YYYY-MM (periodLen 0: none).
    var dateAt = 0, periodLen = 0
    /// Where the line is in the file (as the file has it), for the reject a conflict turns into.
    var lineAt = 0, lineLen = 0
    var amount: Int64 = 0, commission: Int64 = 0
    var line: Int64 = 0
}

/// Rows filled by the parsing thread and drained by the writing thread; the byte area
/// is reused from batch to batch, so a row costs no allocation.
final class RegistryBatch: ImportBatch, @unchecked Sendable {
    static let rowLimit = 4096
    /// A batch is handed over at this many bytes too: a file of very long lines stays in bounded memory.
    static let byteLimit = 4 << 20
    // Filled by one thread, then drained by the other, never both at once: no run-time exclusivity checks.
    @exclusivity(unchecked) var rows: [RegistryBatchRow] = []
    @exclusivity(unchecked) private(set) var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity = 1 << 20
    @exclusivity(unchecked) private(set) var used = 0
    @exclusivity(unchecked) var held: [BankPayment] = []
    @exclusivity(unchecked) var rejects: [RejectSink.Pending] = []

    init() {
        bytes = .allocate(capacity: capacity)
        rows.reserveCapacity(RegistryBatch.rowLimit)
    }
    deinit { bytes.deallocate() }

    var isFull: Bool { rows.count >= RegistryBatch.rowLimit || used >= RegistryBatch.byteLimit }

    /// Room for `n` more bytes at `bytes + used` (the area may move: offsets stay valid).
    @inline(__always) func reserve(_ n: Int) {
        guard used + n > capacity else { return }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, used + n))
        bigger.update(from: bytes, count: used)
        bytes.deallocate()
        bytes = bigger; capacity = max(capacity * 2, used + n)
    }

    /// Copies `b` in; returns its offset.
    @inline(__always) func append(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        reserve(b.count)
        let at = used
        if let base = b.baseAddress, b.count > 0 { (bytes + at).update(from: base, count: b.count) }
        used += b.count
        return at
    }

    /// `n` bytes the caller writes itself; returns their offset.
    @inline(__always) func claim(_ n: Int) -> Int {
        reserve(n)
        let at = used
        used += n
        return at
    }

    func clear() { rows.removeAll(keepingCapacity: true); used = 0; held.removeAll(); rejects.removeAll() }
}

/// The SQLite side of `import registry`: one batch at a time, on the thread of the
/// import's `ImportBatchPipe` (a large registry) or when the batch is handed over.
final class RegistryBatchWriter: @unchecked Sendable {
    private let sink: BankPaymentSink
    private let rejectSink: RejectSink
    private let encoding: TextEncoding
    private let registryId: Int64
    /// The channel's bytes at a stable address, bound without a copy.
    private let channel: UnsafeMutablePointer<UInt8>
    private let channelLen: Int
    @exclusivity(unchecked) private(set) var stored = 0
    @exclusivity(unchecked) private(set) var unchanged = 0
    @exclusivity(unchecked) private(set) var rejected = 0
    private let lineReader: RegistryLineReader

    init(sink: BankPaymentSink, rejects: RejectSink, path: String, encoding: TextEncoding, channel: String, registryId: Int64) {
        self.sink = sink; rejectSink = rejects; self.encoding = encoding; self.registryId = registryId
        lineReader = RegistryLineReader(path: path)
        let c = Array(channel.utf8)
        channelLen = c.count
        self.channel = .allocate(capacity: max(c.count, 1))
        self.channel.initialize(from: c, count: c.count)
    }

    deinit { channel.deallocate() }

    func write(_ b: RegistryBatch) throws {
        let base = b.bytes
        let channel = UnsafeBufferPointer(start: self.channel, count: channelLen)
        for r in b.rows {
            let outcome: BankPaymentSink.Outcome
            switch r.kind {
            case .reject:
                let j = b.rejects[r.index]
                rejected += 1
                try rejectSink.add(line: Int(j.line), row: j.row, field: j.field, reason: j.reason)
                continue
            case .held:
                outcome = try sink.store(b.held[r.index])
            case .paid:
                // One row a statement: several rows in one INSERT cost SQLite more (it copies the bound values).
                outcome = try sink.storeRow(id: UnsafeBufferPointer(start: base + r.idAt, count: r.idLen),
                                            account: UnsafeBufferPointer(start: base + r.accountAt, count: r.accountLen),
                                            paidOn: UnsafeBufferPointer(start: base + r.dateAt, count: 10),
                                            amount: r.amount, commission: r.commission, channel: channel,
                                            period: r.periodLen > 0 ? UnsafeBufferPointer(start: base + r.dateAt + 10, count: r.periodLen) : nil,
                                            line: r.line, registryId: registryId)
            }
            switch outcome {
            case .stored, .unmatched: stored += 1
            case .unchanged: unchanged += 1
            case .conflict:
                rejected += 1
                let id = r.kind == .held ? b.held[r.index].id : Bytes.string(UnsafeBufferPointer(start: base + r.idAt, count: r.idLen))
                try rejectSink.add(line: Int(r.line), row: lineReader.text(at: r.lineAt, count: r.lineLen, encoding),
                                   field: "", reason: "операция \(id) уже загружена с другой датой или суммой")
            }
        }
    }
}
