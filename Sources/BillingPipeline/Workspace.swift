#if canImport(Glibc)
import Glibc
#endif
import BillingCore
import BillingStore

/// The database and output folder a command works on, and the process lock that
/// keeps two writers from running at once (exit 75 for the second).
public final class Workspace {
    public let database: Database
    public let dbPath: String
    public let outDir: String
    public let console: Console
    public let tuning: Tuning
    private var lockFD: Int32 = -1

    /// `create`: only `init` and the imports may create a database (SPEC); any other
    /// command on a path with none is an input error, so a typo in `--db` never leaves
    /// an empty database behind.
    public init(dbPath: String, outDir: String, console: Console, create: Bool = false, tuning: Tuning = Tuning()) throws {
        self.dbPath = dbPath
        self.outDir = outDir
        self.console = console
        self.tuning = tuning
        let isNew = access(dbPath, F_OK) != 0
        if !create && isNew {
            throw BillingError(.badInput, "базы данных \(dbPath) нет; проверьте --db (или ENERGOBILL_DB) "
                               + "либо создайте её: energobill --db \(dbPath) init")
        }
        do {
            database = try Database(path: dbPath)
            database.setBusyTimeout(0)
            try database.migrate()
        } catch let e as DatabaseError where e.isBusy {
            throw BillingError(.busy, "база \(dbPath) занята другим процессом energobill; повторите, когда он закончит")
        } catch let e as SchemaTooNewError {
            throw BillingError(.failed, e.description)
        }
        database.setBusyTimeout(5000)
        // Only the owner reads the database (its -wal and -shm files take the same mode).
        if isNew { chmod(dbPath, 0o600) }
    }

    /// Takes the writer lock (a flock on DB.lock) or fails with exit 75.
    public func lockForWriting(_ what: String) throws {
        guard lockFD < 0 else { return }
        let fd = open(dbPath + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BillingError(.failed, "не удалось создать файл блокировки \(dbPath).lock") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw BillingError(.busy, "с базой \(dbPath) работает другой процесс energobill, «\(what)» не запущен; повторите, когда он закончит")
        }
        lockFD = fd
    }

    deinit {
        if lockFD >= 0 { flock(lockFD, LOCK_UN); close(lockFD) }
    }

    /// Records a command run (no wall-clock time: runs are numbered).
    @discardableResult
    public func recordRun(command: String, period: String? = nil, region: String? = nil, outcome: String, detail: String = "") throws -> Int64 {
        try database.insertRun(command: command, period: period, region: region, outcome: outcome, detail: detail)
    }
}
