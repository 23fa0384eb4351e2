import BillingCore
import BillingInput
import BillingStore
#if canImport(Glibc)
import Glibc
#endif

/// Meters and accounts held in memory for the readings import, so that every row is
/// validated without a query. What a row needs of its meter sits in one 40-byte
/// record (`MeterHot`), so validating a row costs one hash probe and one record read.
final class MeterBook {
    struct MeterHot {
        /// The owning account's id inline (accounts are plain identifiers, at most 32 bytes).
        var acc: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var accLen: Int32 = 0
        var zones: Int8 = 0
        var digits: Int8 = 0
        /// Last row of this meter stored by the current import (chain into the fingerprints).
        var head: Int32 = -1
    }
    let meterIndex: ByteKeyTable
    let hot: UnsafeMutablePointer<MeterHot>
    let meterCount: Int32
    /// Meter ids as bytes at stable addresses, bound to SQLite without a copy.
    private let idArena: UnsafeMutablePointer<UInt8>
    private let idStart: [Int]
    private let installedDay: [Int32]
    private let removedDay: [Int32]
    /// All account ids, one after another; hashed only when a row needs an account
    /// lookup (no meter_id, or a meter that is not the account's), so the common
    /// path never pays for it.
    private let accountArena: [UInt8]
    private let accountEnds: [Int]
    private var accountTable: ByteKeyTable?
    /// Each account's meters: `accountMeters[accountMeterStart[a]..<accountMeterStart[a + 1]]`.
    private var accountMeterStart: [Int32] = []
    private var accountMeters: [Int32] = []

    init(_ database: Database) throws {
        meterIndex = ByteKeyTable(capacity: try database.meterCount())
        var arena: [UInt8] = [], ends: [Int] = [0]
        try database.forEachAccountId { arena.append(contentsOf: $0); ends.append(arena.count) }
        accountArena = arena; accountEnds = ends
        var list: [MeterHot] = []
        var ids: [UInt8] = []
        var idStart = [0]
        var installed: [Int32] = [], removed: [Int32] = []
        let index = meterIndex
        try database.forEachMeter { m in
            let accId = m.accountId
            guard accId.count <= 32, let inst = m.installedOn else { return }
            var h = MeterHot()
            withUnsafeMutableBytes(of: &h.acc) { $0.copyMemory(from: UnsafeRawBufferPointer(accId)) }
            h.accLen = Int32(accId.count)
            h.zones = Int8(truncatingIfNeeded: m.zones); h.digits = Int8(truncatingIfNeeded: m.digits)
            let k = index.insert(m.meterId)
            guard Int(k) == list.count else {
                throw BillingError(.failed, "счётчик \(Bytes.string(m.meterId)) записан в таблице meters дважды: база данных повреждена "
                    + "— проверьте её командой 'energobill check'; ничего не записано")
            }
            ids.append(contentsOf: m.meterId); idStart.append(ids.count)
            list.append(h)
            installed.append(Int32(inst.dayNumber))
            removed.append(m.removedOn.map { Int32($0.dayNumber) } ?? Int32.max)
        }
        installedDay = installed; removedDay = removed
        meterCount = Int32(list.count)
        hot = .allocate(capacity: max(list.count, 1))
        hot.initialize(from: list, count: list.count)
        self.idStart = idStart
        idArena = .allocate(capacity: max(ids.count, 1))
        idArena.initialize(from: ids, count: ids.count)
    }

    /// The account id table (built on first use) and each account's run of meters.
    var accounts: ByteKeyTable {
        if let t = accountTable { return t }
        let t = ByteKeyTable(capacity: accountEnds.count)
        accountArena.withUnsafeBufferPointer { a in
            for i in 0..<(accountEnds.count - 1) { t.insert(UnsafeBufferPointer(rebasing: a[accountEnds[i]..<accountEnds[i + 1]])) }
        }
        // Grouped by a counting sort: the meters are read in stored order, which is
        // the order of the files they came from and need not be by account.
        var accountOf = [Int32](repeating: -1, count: Int(meterCount))
        var start = [Int32](repeating: 0, count: t.count + 1)
        for k in 0..<Int(meterCount) {
            let acc = withUnsafeBytes(of: hot[k].acc) { raw in
                t.find(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: Int(hot[k].accLen)))
            }
            accountOf[k] = acc
            if acc >= 0 { start[Int(acc) + 1] += 1 }
        }
        for a in 0..<t.count { start[a + 1] += start[a] }
        var next = start, list = [Int32](repeating: 0, count: Int(start[t.count]))
        for k in 0..<Int(meterCount) where accountOf[k] >= 0 {
            let a = Int(accountOf[k])
            list[Int(next[a])] = Int32(k); next[a] += 1
        }
        accountMeterStart = start; accountMeters = list
        accountTable = t
        return t
    }

    func meterId(_ k: Int32) -> String { Bytes.string(id(k)) }

    deinit { hot.deallocate(); idArena.deallocate() }

    @inline(__always) func id(_ k: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: idArena + idStart[Int(k)], count: idStart[Int(k) + 1] - idStart[Int(k)])
    }

    /// True when meter `k` exists and its id is exactly `key`.
    @inline(__always) func idEquals(_ k: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard k < meterCount else { return false }
        let from = idStart[Int(k)], n = idStart[Int(k) + 1] - from
        guard n == key.count, let base = key.baseAddress else { return false }
        return memcmp(idArena + from, base, n) == 0
    }

    /// True when the meter belongs to the account written as `key`.
    @inline(__always) func meter(_ k: Int32, ownedBy key: UnsafeBufferPointer<UInt8>) -> Bool {
        let h = hot[Int(k)]
        guard Int(h.accLen) == key.count, let base = key.baseAddress else { return false }
        return withUnsafeBytes(of: h.acc) { memcmp($0.baseAddress!, base, key.count) == 0 }
    }

    /// The account's meters active on `day` (optionally with that zone count).
    func active(account: Int32, day: Int32, zones wanted: Int? = nil) -> [Int32] {
        _ = accounts
        return accountMeters[Int(accountMeterStart[Int(account)])..<Int(accountMeterStart[Int(account) + 1])].filter { k in
            installedDay[Int(k)] <= day && day <= removedDay[Int(k)] && (wanted == nil || Int(hot[Int(k)].zones) == wanted)
        }
    }
}

/// The validated form of one reading row, ready to bind.
struct PendingReading {
    var account: UnsafeBufferPointer<UInt8>
    var meter: Int32
    var taken: CivilDate
    var received: LocalTimestamp
    var source: Int
    var values: (Int64, Int64, Int64)
    var zones: Int
    var correction: Bool
}

private let sourceNames: [[UInt8]] = ReadingSource.allCases.map { Array($0.rawValue.utf8) }

/// The source names at a stable address, bound to SQLite without a copy.
private nonisolated(unsafe) let sourceArena: (UnsafeMutablePointer<UInt8>, [Int]) = {
    let all = sourceNames.flatMap { $0 }
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: all.count)
    p.initialize(from: all, count: all.count)
    var ends = [0]
    for n in sourceNames { ends.append(ends.last! + n.count) }
    return (p, ends)
}()

@inline(__always) func sourceBytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: sourceArena.0 + sourceArena.1[i], count: sourceArena.1[i + 1] - sourceArena.1[i])
}

/// `import readings FILE` and `import sms FILE`. Readings have no id: a file whose
/// bytes were imported before (same sha256) is skipped, and a row equal to a stored
/// reading (meter, taken_on, received_at, source, registers, correction) is counted
/// as unchanged instead of being stored again.
func importReadings(path: String, database: Database, options: ImportOptions,
                    progress: ((ImportProgress) -> Void)?, sms: Bool) throws -> ImportReport {
    let reader = try CSVReader(path: path, displayName: path, encoding: options.encoding, hashing: false)
    let hash = BackgroundFileHash(path: path)  // overlaps hashing with the import
    let cols = sms
        ? try reader.columns(required: ["received_at", "text"], optional: ["phone"])
        : try reader.columns(required: ["account_id", "taken_on", "received_at", "source", "t1"],
                             optional: ["meter_id", "t2", "t3", "correction"])
    // Every meter_id is checked against the in-memory copy of `meters` read inside the
    // same write transaction, so SQLite's per-row foreign key probe is redundant here.
    // (foreign_keys can only change outside a transaction.)
    try database.setForeignKeys(false)
    defer { try? database.setForeignKeys(true) }
    // A large file into an empty table is a bulk load (its rows written once, see
    // `Database.write(bulk:)`); looked at again inside the transaction for the index.
    let bulk = try fileBytes(path) / 40 > 10_000 && database.readingsReceivedRange() == nil
    return try database.write(bulk: bulk) {
        let run = try ImportRun(kind: sms ? .sms : .readings, path: path, database: database, options: options, progress: progress)
        run.report.warnings = cols.warnings
        // Building the received_at index once after a bulk load is cheaper than
        // maintaining it row by row; the index is recreated from its own stored SQL
        // inside the same transaction.
        let storedRange = try database.readingsReceivedRange().map { (ReadingImporter.key($0.0), ReadingImporter.key($0.1)) }
        // Deferred only into an empty table: a row that may equal a stored reading
        // is probed through this index, and without it every probe scans the table.
        let estimatedRows = Int64(run.totalBytes / 40)
        var index: Database.DroppedIndex? = nil
        if estimatedRows > 10_000 && storedRange == nil {
            index = try database.drop(.readingsReceived)
        }
        var importer = try ReadingImporter(database: database, run: run, storedRange: storedRange)
        do {
            if sms {
                try importer.sms(reader, cols, phones: cols["phone"] >= 0 ? try phonesOnFile(database) : nil)
            } else {
                try importer.readings(reader, cols)
            }
            try importer.finish()
        } catch {
            importer.stopWriter()  // the connection must be idle before the rollback
            throw error
        }
        if let index { try database.rebuild(index) }
        let sha = try hash.wait()
        if try run.seenBefore(sha256: sha) {
            var r = ImportReport(kind: run.report.kind, file: path)
            r.alreadyImported = true; r.sha256 = sha; r.warnings = cols.warnings
            _ = run.rejects.abandon(keep: false)
            return (r, .rollback)   // seen before: nothing of this run is kept
        }
        return (try run.finish(sha256: sha), .commit)
    }
}

struct ReadingImporter {
    let run: ImportRun
    let book: MeterBook
    let writer: ReadingWriter
    let pipe: ImportBatchPipe<ReadingBatch>
    var batch: ReadingBatch
    /// Range of received_at (seconds) stored before this import: a row outside it
    /// cannot duplicate an earlier import.
    var lo = Int64.max, hi = Int64.min
    /// Fingerprints of the rows stored by this import, chained per meter (a meter has a
    /// few rows in a file, so the walk is short and touches no big hash table). A hit
    /// counts as an in-file duplicate without a query: two different rows of one meter
    /// would have to agree in all 64 bits. Rows that may repeat an earlier import are
    /// probed by an exact query in the writer instead (see `probe` below).
    var fingerprints: [UInt64] = []
    var previousOfMeter: [Int32] = []
    /// Per stored row: its received_at key and a hash of its register values, so two
    /// rows of one meter at the same moment with different values are a conflict.
    var moments: [Int64] = []
    var valueHashes: [UInt64] = []
    var lines: [Int32] = []
    /// Counted here, not in the shared report, to keep the hot loop free of class accesses.
    var rows = 0

    @inline(__always) mutating func tick(_ r: CSVReader) {
        rows += 1
        if rows % 100_000 == 0, let progress = run.progress {
            progress(ImportProgress(kind: run.report.kind, file: run.report.file, rowsRead: rows,
                                    bytesRead: r.bytesRead, totalBytes: run.totalBytes))
        }
    }

    func stopWriter() { try? pipe.finish() }

    /// Hands the last batch to the writer and waits for it; then the counts are final.
    mutating func finish() throws {
        batch.rejects = run.rejects.takePending()
        batch.sortByMoment()
        try pipe.submit(batch)
        try pipe.finish()
        run.report.rowsRead = rows; run.report.stored = writer.stored; run.report.unchanged = writer.unchanged
    }

    /// `storedRange`: min and max received_at (seconds) already stored, read while the
    /// received_at index still exists.
    init(database: Database, run: ImportRun, storedRange: (Int64, Int64)?) throws {
        self.run = run
        book = try MeterBook(database)
        let inserter = try database.readingInserter(importId: run.importId)
        if let range = storedRange { lo = range.0; hi = range.1 }
        let rejectInsert = try database.rejectInserter(importId: run.importId, cached: false)
        run.rejects.deferTable = true
        let writer = ReadingWriter(book: book, inserter: inserter, rejects: rejectInsert)
        self.writer = writer
        pipe = try ImportBatchPipe(batches: (0..<3).map { _ in ReadingBatch() }, threaded: true, what: "показаний", write: writer.write)
        batch = pipe.take()
        fingerprints.reserveCapacity(min(max(run.totalBytes / 48, 1024), 20_000_000))
        previousOfMeter.reserveCapacity(fingerprints.capacity)
        moments.reserveCapacity(fingerprints.capacity)
        valueHashes.reserveCapacity(fingerprints.capacity)
        lines.reserveCapacity(fingerprints.capacity)
    }

    @inline(__always) static func key(_ t: LocalTimestamp) -> Int64 { Int64(t.date.dayNumber) * 86400 + Int64(t.secondOfDay) }

    // MARK: readings CSV

    mutating func readings(_ r: CSVReader, _ c: CSVColumns) throws {
        let cAcc = c["account_id"], cMeter = c["meter_id"], cTaken = c["taken_on"], cRecv = c["received_at"]
        let cSource = c["source"], cCorr = c["correction"]
        let cT = [c["t1"], c["t2"], c["t3"]]
        let tNames = ["t1", "t2", "t3"]
        let names = sourceNames
        var lastMeter: Int32 = -1
        while try r.next() {
            tick(r)
            if let problem = r.problem { try run.reject(r, field: "", reason: problem); continue }
            let accBytes = r.field(cAcc)
            let meterBytes = r.field(cMeter)
            // With a meter_id, one lookup finds the meter and its account; the account id
            // is then checked by a plain byte compare.
            var meter: Int32 = -1
            var acc: Int32 = -1
            if meterBytes.count > 0 {
                // Exports are usually sorted by account, and so were the meters' files: try
                // the previous row's meter and the meter stored after it before probing
                // the hash table.
                if lastMeter >= 0 && book.idEquals(lastMeter + 1, meterBytes) { meter = lastMeter + 1 }
                else if lastMeter >= 0 && book.idEquals(lastMeter, meterBytes) { meter = lastMeter }
                else { meter = book.meterIndex.find(meterBytes) }
                lastMeter = meter
                if meter >= 0 && book.meter(meter, ownedBy: accBytes) { acc = Int32.max }  // known: no account lookup needed
            }
            if acc < 0 {
                acc = book.accounts.find(accBytes)
                guard acc >= 0 else {
                    let accKey = Bytes.string(accBytes)
                    if accBytes.count == 0 { try run.reject(r, field: "account_id", reason: "account id is empty") }
                    else if !Check.isPlainIdentifier(accBytes) { try run.reject(r, field: "account_id", reason: "account id \"\(accKey)\" is not a plain identifier") }
                    else { try run.reject(r, field: "account_id", reason: "unknown account \(accKey)") }
                    continue
                }
                if meterBytes.count > 0 {
                    guard meter >= 0 else { try run.reject(r, field: "meter_id", reason: "unknown meter \(Bytes.string(meterBytes))"); continue }
                    try run.reject(r, field: "meter_id", reason: "meter \(Bytes.string(meterBytes)) belongs to another account"); continue
                }
            }
            guard let taken = CivilDate.parse(r.field(cTaken)) else {
                try run.reject(r, field: "taken_on", reason: "impossible date \"\(r.string(cTaken))\""); continue
            }
            guard let received = LocalTimestamp.parse(r.field(cRecv)) else {
                try run.reject(r, field: "received_at", reason: "impossible date/time \"\(r.string(cRecv))\" (expected YYYY-MM-DD HH:MM[:SS])"); continue
            }
            if received.date < taken {
                try run.reject(r, field: "taken_on", reason: "taken after received (taken \(taken.iso), received \(received))"); continue
            }
            if meter < 0 {
                let found = book.active(account: acc, day: Int32(taken.dayNumber))
                guard found.count == 1 else {
                    let accKey = Bytes.string(accBytes)
                    try run.reject(r, field: "meter_id", reason: found.isEmpty
                        ? "no meter of account \(accKey) is active on \(taken.iso)"
                        : "ambiguous: account \(accKey) has \(found.count) meters active on \(taken.iso); give meter_id")
                    continue
                }
                meter = found[0]
            }
            let sField = Bytes.trim(r.field(cSource))
            var source = -1
            for i in 0..<names.count where sField.count == names[i].count {
                let name = names[i]
                var same = true
                for j in 0..<name.count { var b = sField[j]; if b >= 65 && b <= 90 { b += 32 }; if b != name[j] { same = false; break } }
                if same { source = i; break }
            }
            guard source >= 0 else {
                try run.reject(r, field: "source", reason: sField.count == 0 ? "source channel is empty" : "unknown source channel \"\(Bytes.string(sField))\""); continue
            }
            let zones = Int(book.hot[Int(meter)].zones), digits = Int(book.hot[Int(meter)].digits)
            var values: (Int64, Int64, Int64) = (0, 0, 0)
            var problem: (String, String)? = nil
            var presentCount = 0, firstWrong = -1
            for z in 0..<3 {
                let present = r.field(cT[z]).count > 0
                if present { presentCount += 1 }
                if firstWrong < 0 && present != (z < zones) { firstWrong = z }
            }
            if firstWrong >= 0 {
                problem = (tNames[firstWrong],
                           "wrong number of zone registers: meter \(book.meterId(meter)) has \(zones) zone(s), the row has \(presentCount) value(s)")
            } else {
                for z in 0..<zones {
                    switch FieldParse.register(r.field(cT[z]), digits: digits) {
                    case .success(let v):
                        if z == 0 { values.0 = v } else if z == 1 { values.1 = v } else { values.2 = v }
                    case .failure(.tooManyDigits): problem = (tNames[z], "exceeds digit capacity (\(digits) digits)")
                    case .failure(.negative): problem = (tNames[z], "negative value")
                    case .failure(.notNumeric): problem = (tNames[z], "non-numeric value \"\(r.string(cT[z]))\"")
                    }
                    if problem != nil { break }
                }
            }
            if let (f, why) = problem { try run.reject(r, field: f, reason: why); continue }
            var correction = false
            let cf = Bytes.trim(r.field(cCorr))
            if cf.count > 0 {
                if cf.count == 1 && (cf[0] == 48 || cf[0] == 49) { correction = cf[0] == 49 }
                else if Bytes.equalsLower(cf, "true") { correction = true }
                else if Bytes.equalsLower(cf, "false") { correction = false }
                else { try run.reject(r, field: "correction", reason: "correction must be 0 or 1, not \"\(Bytes.string(cf))\""); continue }
            }
            guard accBytes.count <= 32 else {
                try run.reject(r, field: "account_id", reason: "account id \"\(Bytes.string(accBytes))\" is not a plain identifier"); continue
            }
            if let conflict = try store(PendingReading(account: Bytes.trim(accBytes), meter: meter, taken: taken, received: received, source: source,
                                                       values: values, zones: zones, correction: correction), line: r.line) {
                try run.reject(r, field: "received_at", reason: conflict)
            }
        }
    }

    // MARK: sms CSV: received_at,phone,text with text "ACCOUNT T1 [T2 [T3]]"

    /// `phones`: the phones on file (by `phoneKey`), nil when the file has no phone column.
    mutating func sms(_ r: CSVReader, _ c: CSVColumns, phones: Set<String>?) throws {
        let cRecv = c["received_at"], cText = c["text"], cPhone = c["phone"]
        let smsSource = ReadingSource.allCases.firstIndex(of: .sms) ?? 0
        while try r.next() {
            tick(r)
            if let problem = r.problem { try run.reject(r, field: "", reason: problem); continue }

            guard let received = LocalTimestamp.parse(r.field(cRecv)) else {
                try run.reject(r, field: "received_at", reason: "impossible date/time \"\(r.string(cRecv))\""); continue
            }
            let text = r.field(cText)
            var tokens: [UnsafeBufferPointer<UInt8>] = []
            var i = 0, s = -1
            while i <= text.count {
                let isSpace: Bool
                var width = 1
                if i == text.count { isSpace = true }
                else if text[i] == 32 || text[i] == 9 || text[i] == 10 || text[i] == 13 { isSpace = true }
                else if text[i] == 0xC2 && i + 1 < text.count && text[i + 1] == 0xA0 { isSpace = true; width = 2 }
                else { isSpace = false }
                if isSpace {
                    if s >= 0 { tokens.append(UnsafeBufferPointer(rebasing: text[s..<i])); s = -1 }
                } else if s < 0 { s = i }
                i += width
            }
            let shown = Bytes.string(Bytes.trim(text))
            guard tokens.count >= 2 && tokens.count <= 4 else {
                try run.reject(r, field: "text", reason: tokens.isEmpty ? "SMS text is empty"
                               : "SMS text \"\(shown)\" is not \"ACCOUNT T1 [T2 [T3]]\""); continue
            }
            let accKey = Bytes.string(tokens[0])
            let acc = book.accounts.find(tokens[0])
            guard acc >= 0 else {
                try run.reject(r, field: "text", reason: Check.isPlainIdentifier(tokens[0]) ? "unknown account \(accKey)"
                               : "SMS text \"\(shown)\" does not start with an account number"); continue
            }
            let n = tokens.count - 1
            let taken = received.date
            let found = book.active(account: acc, day: Int32(taken.dayNumber), zones: n)
            guard found.count == 1 else {
                let any = book.active(account: acc, day: Int32(taken.dayNumber))
                let reason: String
                if found.count > 1 { reason = "ambiguous: account \(accKey) has \(found.count) \(n)-zone meters active on \(taken.iso)" }
                else if any.isEmpty { reason = "no meter of account \(accKey) is active on \(taken.iso)" }
                else { reason = "wrong number of zone registers: the SMS has \(n) value(s), the meter of account \(accKey) has \(book.hot[Int(any[0])].zones) zone(s)" }
                try run.reject(r, field: "text", reason: reason); continue
            }
            let meter = found[0]
            let digits = Int(book.hot[Int(meter)].digits)
            var values: (Int64, Int64, Int64) = (0, 0, 0)
            var problem: String? = nil
            for z in 0..<n {
                switch FieldParse.register(tokens[z + 1], digits: digits) {
                case .success(let v): if z == 0 { values.0 = v } else if z == 1 { values.1 = v } else { values.2 = v }
                case .failure(.tooManyDigits): problem = "T\(z + 1): exceeds digit capacity (\(digits) digits)"
                case .failure(.negative): problem = "T\(z + 1): negative value"
                case .failure(.notNumeric): problem = "T\(z + 1): non-numeric value \"\(Bytes.string(tokens[z + 1]))\""
                }
                if problem != nil { break }
            }
            if let problem { try run.reject(r, field: "text", reason: problem); continue }
            guard tokens[0].count <= 32 else {
                try run.reject(r, field: "text", reason: "account id \"\(accKey)\" is not a plain identifier"); continue
            }
            // The text is checked first: its reason says more than the sender's.
            let phone = r.string(cPhone)
            if let phones, !phones.contains(phoneKey(phone)) {
                try run.reject(r, field: "phone", reason: "phone \"\(phone)\" is not the phone of any account; readings by SMS are taken only from a phone on file")
                continue
            }
            if let conflict = try store(PendingReading(account: tokens[0], meter: meter, taken: taken, received: received,
                                                       source: smsSource, values: values, zones: n, correction: false),
                                        line: r.line) {
                try run.reject(r, field: "received_at", reason: conflict)
            }
        }
    }

    // MARK: store

    private func writeDate(_ d: CivilDate, _ p: UnsafeMutablePointer<UInt8>) {
        let y = d.year
        p[0] = UInt8(48 + y / 1000 % 10); p[1] = UInt8(48 + y / 100 % 10); p[2] = UInt8(48 + y / 10 % 10); p[3] = UInt8(48 + y % 10)
        p[4] = 45; p[5] = UInt8(48 + d.month / 10); p[6] = UInt8(48 + d.month % 10)
        p[7] = 45; p[8] = UInt8(48 + d.day / 10); p[9] = UInt8(48 + d.day % 10)
    }

    /// Stores the row, or returns why not: another row of this file for the same meter
    /// and moment with other register values (which one is right is the clerk's call).
    private mutating func store(_ p: PendingReading, line: Int) throws -> String? {
        guard p.account.count <= 32 else {
            throw BillingError(.failed, "номер лицевого счёта длиннее 32 байт дошёл до записи показаний: ничего не записано")
        }
        let row = batch.rows + batch.count
        let raw = UnsafeMutableRawPointer(row).assumingMemoryBound(to: UInt8.self)
        let acc = raw + MemoryLayout<BatchRow>.offset(of: \BatchRow.account)!
        if let base = p.account.baseAddress { acc.update(from: base, count: p.account.count) }
        row.pointee.accountLen = Int32(p.account.count)
        let taken = raw + MemoryLayout<BatchRow>.offset(of: \BatchRow.dates)!, recv = taken + 10
        writeDate(p.taken, taken)
        writeDate(p.received.date, recv)
        let s = p.received.secondOfDay, h = s / 3600, m = s / 60 % 60, sec = s % 60
        recv[10] = 32; recv[11] = UInt8(48 + h / 10); recv[12] = UInt8(48 + h % 10); recv[13] = 58
        recv[14] = UInt8(48 + m / 10); recv[15] = UInt8(48 + m % 10); recv[16] = 58
        recv[17] = UInt8(48 + sec / 10); recv[18] = UInt8(48 + sec % 10)
        let key = ReadingImporter.key(p.received)
        var fp = UInt64(bitPattern: Int64(p.meter)) &* 0x9E3779B97F4A7C15
        fp = (fp ^ UInt64(bitPattern: key)) &* 0xBF58476D1CE4E5B9
        fp = (fp ^ UInt64(bitPattern: Int64(p.taken.dayNumber) << 8 | Int64(p.source) << 1 | (p.correction ? 1 : 0))) &* 0x94D049BB133111EB
        fp = (fp ^ UInt64(bitPattern: p.values.0)) &* 0x9E3779B97F4A7C15
        fp = (fp ^ UInt64(bitPattern: p.values.1 &* 31 &+ p.values.2)) &* 0xBF58476D1CE4E5B9
        fp ^= fp >> 29
        var vh = UInt64(bitPattern: p.values.0) &* 0x9E3779B97F4A7C15
        vh = (vh ^ UInt64(bitPattern: p.values.1)) &* 0xBF58476D1CE4E5B9
        vh = (vh ^ UInt64(bitPattern: p.values.2)) &* 0x94D049BB133111EB
        var repeated = false
        let k0 = book.hot[Int(p.meter)].head
        var k = k0
        while k >= 0 {
            if fingerprints[Int(k)] == fp { repeated = true; break }
            if !p.correction && moments[Int(k)] == key && valueHashes[Int(k)] != vh {
                return "another reading of this meter in the file has the same received_at and other values (line \(lines[Int(k)])); keep the right one or mark it as a correction"
            }
            k = previousOfMeter[Int(k)]
        }
        previousOfMeter.append(k0)
        moments.append(key); valueHashes.append(vh); lines.append(Int32(clamping: line))
        book.hot[Int(p.meter)].head = Int32(fingerprints.count)
        fingerprints.append(fp)
        row.pointee.meter = p.meter; row.pointee.source = UInt8(p.source); row.pointee.values = p.values
        row.pointee.zones = Int8(p.zones); row.pointee.correction = p.correction; row.pointee.line = Int64(line)
        row.pointee.moment = key
        // A 64-bit fingerprint over every field, matched within the same meter's chain,
        // is taken as the in-file duplicate it almost surely is: probing the table
        // instead would scan it whole while its received_at index is deferred.
        row.pointee.duplicate = repeated
        row.pointee.probe = !repeated && key >= lo && key <= hi
        batch.count += 1
        if batch.count == ReadingBatch.capacity {
            batch.rejects = run.rejects.takePending()
            batch.sortByMoment()
            try pipe.submit(batch)
            batch = pipe.take()
        }
        return nil
    }
}

/// A phone as digits without the country prefix: "+7 912 000-00-01", "89120000001"
/// and "79120000001" are one phone.
func phoneKey(_ text: String) -> String {
    let digits = String(text.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }.map(Character.init))
    return digits.count > 10 ? String(digits.suffix(10)) : digits
}

/// Every account's phone, by `phoneKey`.
private func phonesOnFile(_ db: Database) throws -> Set<String> {
    Set(try db.accountPhones().map(phoneKey))
}
