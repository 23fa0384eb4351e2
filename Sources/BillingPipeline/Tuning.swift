/// How a run reports on itself and sizes its caches. The CLI reads it once from the
/// environment and hands it down through the Workspace, so no library code reads
/// the environment and an in-process caller chooses its own.
public struct Tuning: Sendable, Equatable {
    /// ENERGOBILL_TIMINGS=1: timing lines on stderr (for scripts/bench).
    public var timings: Bool
    /// ENERGOBILL_PROFILE_SQL=1: the time spent per SQL statement on stderr.
    public var profileSQL: Bool
    /// ENERGOBILL_CLOSE_CACHE_MB: the writer's page cache during a close, in MiB.
    public var closeCacheMB: Int
    /// ENERGOBILL_KILL_AFTER_ACCOUNTS=N: the close kills its own process (SIGKILL, as a
    /// power cut or the OOM killer would) once N accounts are stored and before the
    /// commit — the fault the killed-close test injects at a fixed point instead of a
    /// timer. Never set in operation.
    public var killAfterAccounts: Int?

    /// Measured at 1 M accounts (README): 128 MiB closed faster than 512 MiB in every
    /// side-by-side pair. The dirty pages then go to the WAL while the pipeline runs,
    /// on the storing thread, instead of all at the commit on one core; memory drops by 400 MB.
    public static let defaultCloseCacheMB = 128
    /// The variables `init(environment:)` reads, for the CLI to collect.
    public static let variables = ["ENERGOBILL_TIMINGS", "ENERGOBILL_PROFILE_SQL", "ENERGOBILL_CLOSE_CACHE_MB",
                                   "ENERGOBILL_KILL_AFTER_ACCOUNTS"]

    public init(timings: Bool = false, profileSQL: Bool = false, closeCacheMB: Int = Tuning.defaultCloseCacheMB,
                killAfterAccounts: Int? = nil) {
        self.timings = timings
        self.profileSQL = profileSQL
        self.closeCacheMB = closeCacheMB
        self.killAfterAccounts = killAfterAccounts
    }

    /// Only "1" switches a report on; a cache size that is not a whole number keeps the default.
    public init(environment env: [String: String]) {
        self.init(timings: env["ENERGOBILL_TIMINGS"] == "1",
                  profileSQL: env["ENERGOBILL_PROFILE_SQL"] == "1",
                  closeCacheMB: env["ENERGOBILL_CLOSE_CACHE_MB"].flatMap { Int($0) } ?? Tuning.defaultCloseCacheMB,
                  killAfterAccounts: env["ENERGOBILL_KILL_AFTER_ACCOUNTS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil })
    }

    /// PRAGMA cache_size for the close's writer (negative: KiB, SQLite's convention);
    /// a size too large to count in KiB falls back to the default instead of trapping.
    var closeCachePragmaValue: Int {
        let (kib, overflow) = closeCacheMB.multipliedReportingOverflow(by: -1024)
        return overflow ? -(Tuning.defaultCloseCacheMB * 1024) : kib
    }
}
