#if canImport(Glibc)
import Glibc
#endif
import BillingCore
import BillingInput
import BillingStore

/// `check`: the whole database verified the way an auditor would — SQLite's own
/// integrity and foreign-key checks, every closed period's invariants proved again
/// from the stored rows, the output files against the hashes recorded when they were
/// last written, and no file with personal data readable by others (152-ФЗ).
public struct CheckReport: Sendable {
    public var periods = 0
    public var filesCompared = 0
    public var problems: [String] = []
}

public func runCheck(_ ws: Workspace) throws -> CheckReport {
    let db = ws.database
    var report = CheckReport()
    report.problems += try db.integrityProblems().map { "база данных: \($0)" }
    // One snapshot for the whole proof: a close committed meanwhile never mixes two states.
    try db.read {
        for period in try closedPeriods(db) {
            report.periods += 1
            report.problems += try checkStoredTotals(db, period: period).map { "\(period): \($0)" }
            report.problems += try accountInvariantFailures(db, period: period).map { "\(period): \($0)" }
        }
        // Folders (documents, invoices, mail) are recorded as one digest over many files; the
        // single files are compared here.
        for output in try db.recordedOutputFiles() {
            let path = ws.outDir + "/" + output.period + "/" + output.file
            report.filesCompared += 1
            guard let bytes = readWholeFile(path) else { report.problems.append("файл отсутствует: \(path)"); continue }
            if SHA256.hash(bytes) != output.sha256 {
                report.problems.append("файл изменён после записи: \(path) (sha256 \(SHA256.hash(bytes)), записан \(output.sha256))")
            }
        }
    }
    report.problems += worldReadable([ws.dbPath]).map { "доступен всем на чтение: \($0)" }
    report.problems += worldReadableTree(ws.outDir).map { "доступен всем на чтение: \($0)" }
    return report
}

/// The per-account half of the proof over a stored period: each row adds up, its
/// opening equals the previous period's closing (or the account's opening balance
/// in its first period), and its ledger entries add up to the change.
private func accountInvariantFailures(_ db: Database, period: Period) throws -> [String] {
    var out: [String] = []
    out += try db.unbalancedAccountPeriods(period: period).map { "л/с \($0): входящее сальдо + начисления − оплаты ≠ итог к оплате" }
    out += try db.brokenBalanceChains(period: period).map { "л/с \($0): входящее сальдо ≠ итогу предыдущего периода" }
    out += try db.ledgerMismatches(period: period).map { "л/с \($0): проводки периода ≠ изменению сальдо" }
    return out
}

private func worldReadable(_ paths: [String]) -> [String] {
    paths.filter { path in
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IROTH != 0
    }
}

/// Every file and folder under `root` that others can read, in name order.
private func worldReadableTree(_ root: String) -> [String] {
    var out: [String] = []
    func walk(_ dir: String) {
        for name in folderEntries(dir) ?? [] {
            let path = dir + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            if st.st_mode & S_IROTH != 0 { out.append(path) }
            if st.st_mode & S_IFMT == S_IFDIR { walk(path) }
        }
    }
    walk(root)
    return out
}

/// `backup --to FILE`: never replaces a file; the copy is 0600 and whole or absent.
public func runBackup(_ ws: Workspace, to path: String) throws {
    var st = stat()
    if lstat(path, &st) == 0 {
        throw BillingError(.badInput, "файл \(path) уже существует; резервная копия никогда не заменяет файл — укажите новое имя")
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else {
        throw BillingError(.failed, "не удалось создать \(path): \(String(cString: strerror(errno))); база не изменена")
    }
    close(fd)
    do {
        try ws.database.backup(to: path)
    } catch {
        unlink(path); unlink(path + "-journal")
        throw BillingError(.failed, "резервная копия не записана (\(error)); база не изменена, неполная копия удалена")
    }
}
