import BillingCore
import BillingInput
import BillingRender
import BillingStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `energobill import KIND PATH` reads.
public enum ImportKind: String, Sendable, CaseIterable {
    case tariffs, accounts, meters, readings, sms, payments, registry, statement
}

/// Options of one import run.
public struct ImportOptions: Sendable {
    /// Any bad row fails the whole import with nothing stored.
    public var strict: Bool
    public var encoding: TextEncoding
    /// The OUT directory; rejects go to OUT/rejects/<file>-<run>-rejects.csv.
    public var outDir: String
    /// The registry template (`import registry --bank NAME`).
    public var bank: String?
    public init(strict: Bool = false, encoding: TextEncoding = .utf8, outDir: String = "out", bank: String? = nil) {
        self.strict = strict; self.encoding = encoding; self.outDir = outDir; self.bank = bank
    }
}

/// What an import did, for the one-line summary and the `imports` table.
public struct ImportReport: Sendable {
    public var kind: ImportKind
    public var file: String
    public var rowsRead = 0
    /// Rows inserted or updated.
    public var stored = 0
    /// Of `stored`, rows that replaced different existing content (accounts, meters, regions).
    public var updated = 0
    /// Rows already present with identical content.
    public var unchanged = 0
    public var rejected = 0
    public var warnings: [String] = []
    public var rejectsFile: String?
    /// The same bytes were imported before (readings, sms): nothing was done.
    public var alreadyImported = false
    public var sha256 = ""
    /// What a bank registry or statement brought besides the row counts (totals, unmatched).
    public var notes: [String] = []

    public init(kind: ImportKind, file: String) { self.kind = kind; self.file = file }

    /// "import readings r.csv: 1000000 строк прочитано, сохранено 999998, без изменений 0, отклонено 2 → out/rejects/r-7-rejects.csv"
    /// (the command as typed, then the counts for the operator, in Russian).
    public var summary: String {
        if alreadyImported { return "import \(kind.rawValue) \(file): файл уже загружен, ничего не изменилось" }
        var s = "import \(kind.rawValue) \(file): " + russianCount(Int64(rowsRead), "строка прочитана", "строки прочитаны", "строк прочитано")
            + ", сохранено \(stored)"
        if updated > 0 { s += " (из них обновлено \(updated))" }
        s += ", без изменений \(unchanged), отклонено \(rejected)"
        if let rejectsFile { s += " → \(rejectsFile)" }
        for n in notes { s += "\n  " + n }
        return s
    }
}

/// Progress of a long import, reported about every 100,000 rows.
public struct ImportProgress: Sendable {
    public var kind: ImportKind
    public var file: String
    public var rowsRead: Int
    public var bytesRead: Int
    public var totalBytes: Int
}

/// An import that stored nothing: the file cannot be read, a required column is
/// missing, the tariff data is invalid, or `--strict` met a bad row. The CLI maps
/// it to exit 65.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public enum Cause: Sendable { case input, strict }
    public var cause: Cause
    public var file: String
    public var line: Int?
    public var field: String?
    public var message: String
    public var rejectsFile: String?
    public init(cause: Cause, file: String, line: Int? = nil, field: String? = nil, message: String, rejectsFile: String? = nil) {
        self.cause = cause; self.file = file; self.line = line; self.field = field; self.message = message
        self.rejectsFile = rejectsFile
    }
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let field, !field.isEmpty { s += ": \(field)" }
        s += ": " + message
        if let rejectsFile { s += " (all bad rows: \(rejectsFile))" }
        return s
    }
}

/// Imports one file (or, for tariffs, a folder) in one transaction.
@discardableResult
public func runImport(kind: ImportKind, path: String, database: Database, options: ImportOptions = ImportOptions(),
                      progress: ((ImportProgress) -> Void)? = nil) throws -> ImportReport {
    try database.migrate()
    do {
        switch kind {
        case .tariffs: return try importTariffs(path: path, database: database, options: options)
        case .accounts: return try importAccounts(path: path, database: database, options: options, progress: progress)
        case .meters: return try importMeters(path: path, database: database, options: options, progress: progress)
        case .readings: return try importReadings(path: path, database: database, options: options, progress: progress, sms: false)
        case .sms: return try importReadings(path: path, database: database, options: options, progress: progress, sms: true)
        case .payments: return try importPayments(path: path, database: database, options: options, progress: progress)
        case .registry: return try importBankRegistry(path: path, database: database, options: options, progress: progress)
        case .statement: return try importBankStatement(path: path, database: database, options: options)
        }
    } catch let e as InputError {
        throw ImportError(cause: .input, file: e.file, line: e.line, field: e.field, message: e.message)
    } catch let e as TariffFileError {
        throw ImportError(cause: .input, file: e.file, field: e.path.isEmpty ? nil : e.path, message: e.message)
    }
}

// MARK: - shared driver

/// Collects bad rows: OUT/rejects/<base>-<run>-rejects.csv (line,row,field,reason,reason_ru:
/// the English reason stays the stable text, `reason_ru` is the clerk's) and the
/// `rejects` table. The file is written to a temporary name and put in place only
/// when the import finishes.
final class RejectSink {
    let kind: ImportKind
    let file: String
    let importId: Int64
    let finalPath: String
    let tempPath: String
    private var out: UnsafeMutablePointer<FILE>?
    private let insert: RejectInserter
    private(set) var count = 0
    private(set) var first: (line: Int, field: String, reason: String)?
    /// A reject waiting for the `rejects` table.
    struct Pending: Sendable { var line: Int64; var field: String; var reason: String; var row: String }
    /// When true, table rows are collected (`takePending`) for the thread that owns the
    /// connection instead of being inserted at once.
    var deferTable = false
    private var pending: [Pending] = []

    func takePending() -> [Pending] {
        defer { pending.removeAll() }
        return pending
    }

    init(kind: ImportKind, file: String, importId: Int64, options: ImportOptions, database: Database) throws {
        self.kind = kind; self.file = file; self.importId = importId
        let dir = options.outDir + "/rejects"
        // The run number keeps every import's audit trail: another file of the same name never replaces it.
        finalPath = dir + "/" + RejectSink.baseName(file) + "-\(importId)-rejects.csv"
        tempPath = finalPath + ".partial"
        insert = try database.rejectInserter(importId: importId)
    }

    static func baseName(_ path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        let safe = String(name.unicodeScalars.map { s -> Character in
            let v = s.value
            let ok = (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 45 || v == 95 || v == 46
            return ok ? Character(s) : "_"
        })
        return safe.isEmpty ? "input" : safe
    }

    func add(line: Int, row: String, field: String, reason: String) throws {
        if out == nil {
            try makeDirectories(String(finalPath[..<finalPath.lastIndex(of: "/")!]))
            guard let f = fopen(tempPath, "w") else {
                throw InputError(file: tempPath, message: "cannot write the rejects file: " + String(cString: strerror(errno)))
            }
            out = f
            let dialect = CSVDialect.current
            let header = dialect.preamble + dialect.render(Array("line,row,field,reason,reason_ru\n".utf8))
            fwrite(header, 1, header.count, f)
        }
        if first == nil { first = (line, field, reason) }
        count += 1
        let text = String(line) + "," + csvTextField(row) + "," + csvTextField(field) + "," + csvTextField(reason)
            + "," + csvTextField(russianRejectReason(reason)) + "\n"
        let record = CSVDialect.current.render(Array(text.utf8))
        fwrite(record, 1, record.count, out)
        if deferTable { pending.append(Pending(line: Int64(line), field: field, reason: reason, row: row)); return }
        try insert.insert(line: Int64(line), field: field, reason: reason, row: row)
    }

    /// Puts the file in place (or removes one that a rolled-back run of the same number left).
    func finish() -> String? {
        if let out { fclose(out); self.out = nil; rename(tempPath, finalPath); return finalPath }
        unlink(finalPath)
        return nil
    }

    /// Keeps the file (strict mode shows every bad row) or drops it.
    func abandon(keep: Bool) -> String? {
        if let out { fclose(out); self.out = nil }
        else { return nil }
        if keep { rename(tempPath, finalPath); return finalPath }
        unlink(tempPath)
        return nil
    }

    deinit { if let out { fclose(out); unlink(tempPath) } }
}

func makeDirectories(_ path: String) throws {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
        current += "/" + part
        if mkdir(current, 0o755) != 0 && errno != EEXIST {
            throw InputError(file: current, message: "cannot create the directory: " + String(cString: strerror(errno)))
        }
    }
}

/// One import run's bookkeeping: the `imports` row, the reject sink, the report.
final class ImportRun {
    let database: Database
    let options: ImportOptions
    var report: ImportReport
    let importId: Int64
    let rejects: RejectSink
    let progress: ((ImportProgress) -> Void)?
    var totalBytes = 0

    init(kind: ImportKind, path: String, database: Database, options: ImportOptions,
         progress: ((ImportProgress) -> Void)?) throws {
        self.database = database; self.options = options; self.progress = progress
        report = ImportReport(kind: kind, file: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        importId = try database.insertImport(kind: kind.rawValue, fileName: name)
        rejects = try RejectSink(kind: kind, file: path, importId: importId, options: options, database: database)
        totalBytes = fileBytes(path)
    }

    func reject(_ reader: CSVReader, field: String, reason: String) throws {
        report.rejected += 1
        try rejects.add(line: reader.line, row: reader.recordText, field: field, reason: reason)
    }

    @inline(__always) func tick(_ reader: CSVReader) {
        report.rowsRead += 1
        if report.rowsRead % 100_000 == 0, let progress {
            progress(ImportProgress(kind: report.kind, file: report.file, rowsRead: report.rowsRead,
                                    bytesRead: reader.bytesRead, totalBytes: totalBytes))
        }
    }

    /// Records the run; in strict mode any reject fails the import (rolled back by the caller).
    func finish(sha256: String) throws -> ImportReport {
        report.sha256 = sha256
        if options.strict, let first = rejects.first {
            let kept = rejects.abandon(keep: true)
            throw ImportError(cause: .strict, file: report.file, line: first.line, field: first.field,
                              message: "\(first.reason); --strict: \(report.rejected) bad row(s), nothing was stored", rejectsFile: kept)
        }
        try database.completeImport(id: importId, sha256: sha256, rowsRead: report.rowsRead, stored: report.stored,
                                    unchanged: report.unchanged, rejected: report.rejected)
        report.rejectsFile = rejects.finish()
        return report
    }

    /// The same bytes were imported before as this kind.
    func seenBefore(sha256: String) throws -> Bool {
        try database.importSeenBefore(kind: report.kind.rawValue, sha256: sha256, excluding: importId)
    }
}


// MARK: - field checks shared by importers

enum Check {
    /// Letters, digits, '-', '_', at most 32: can never become a path outside OUT.
    static func isPlainIdentifier(_ f: UnsafeBufferPointer<UInt8>) -> Bool {
        guard f.count >= 1 && f.count <= 32 else { return false }
        for c in f {
            let ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45 || c == 95
            if !ok { return false }
        }
        return true
    }
    static func isPlainIdentifier(_ s: String) -> Bool {
        var a = Array(s.utf8)
        return a.withUnsafeMutableBufferPointer { isPlainIdentifier(UnsafeBufferPointer($0)) }
    }

    /// Free text without control characters, at most `max` bytes.
    static func isText(_ s: String, max: Int = 1000) -> Bool {
        s.utf8.count <= max && !s.unicodeScalars.contains { $0.value < 32 || $0.value == 127 }
    }

    static func digits(_ s: String, counts: Set<Int>) -> Bool {
        counts.contains(s.utf8.count) && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}

extension String {
    /// The bytes of the string as an UnsafeBufferPointer for the byte parsers.
    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var a = Array(utf8)
        return a.withUnsafeMutableBufferPointer { body(UnsafeBufferPointer($0)) }
    }
}

/// The file's size in bytes (0 when it cannot be read: the import then names the file).
func fileBytes(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : 0
}
