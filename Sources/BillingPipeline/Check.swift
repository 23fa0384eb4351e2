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
        let outputs = try db.prepareUncached("SELECT period, file, sha256 FROM outputs WHERE file LIKE '%.%' ORDER BY period, file")
        while try outputs.step() {
            let path = ws.outDir + "/" + outputs.text(0) + "/" + outputs.text(1)
            report.filesCompared += 1
            guard let bytes = readWholeFile(path) else { report.problems.append("файл отсутствует: \(path)"); continue }
            if SHA256.hash(bytes) != outputs.text(2) {
                report.problems.append("файл изменён после записи: \(path) (sha256 \(SHA256.hash(bytes)), записан \(outputs.text(2)))")
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
    let p = SQLValue.text(period.description)
    let sum = try db.prepareUncached("""
        SELECT account_id FROM account_periods WHERE period = ?1
          AND balance_in + charge + recalculation + benefit + penalty - payments <> total_due ORDER BY account_id LIMIT 20
        """)
    try sum.bind([p])
    while try sum.step() { out.append("л/с \(sum.text(0)): входящее сальдо + начисления − оплаты ≠ итог к оплате") }
    let chain = try db.prepareUncached("""
        SELECT ap.account_id FROM account_periods ap
        LEFT JOIN account_periods prev ON prev.account_id = ap.account_id
             AND prev.period = ?2
        JOIN accounts a ON a.account_id = ap.account_id
        WHERE ap.period = ?1 AND ap.balance_in <> coalesce(prev.total_due, a.opening_balance) ORDER BY ap.account_id LIMIT 20
        """)
    try chain.bind([p, .text(period.previous.description)])
    while try chain.step() { out.append("л/с \(chain.text(0)): входящее сальдо ≠ итогу предыдущего периода") }
    let ledger = try db.prepareUncached("""
        SELECT ap.account_id FROM account_periods ap
        LEFT JOIN (SELECT account_id, sum(amount) AS moved FROM ledger WHERE period = ?1 GROUP BY account_id) l
             ON l.account_id = ap.account_id
        WHERE ap.period = ?1 AND coalesce(l.moved, 0) <> ap.total_due - ap.balance_in ORDER BY ap.account_id LIMIT 20
        """)
    try ledger.bind([p])
    while try ledger.step() { out.append("л/с \(ledger.text(0)): проводки периода ≠ изменению сальдо") }
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
