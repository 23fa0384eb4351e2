import CSQLite

/// Per-statement time, summed by SQL text, for finding the slow statement of a
/// close (ENERGOBILL_PROFILE_SQL=1; printed on stderr, never into a file).
final class SQLProfile {
    var nanos: [String: (count: Int, total: UInt64)] = [:]
}

extension Database {
    /// Starts summing statement times; `report()` returns them, slowest first.
    public func startProfiling() -> () -> String {
        let profile = SQLProfile()
        let ctx = Unmanaged.passRetained(profile).toOpaque()
        sqlite3_trace_v2(handle, UInt32(SQLITE_TRACE_PROFILE), { _, ctx, p, x in
            guard let ctx, let p, let x else { return 0 }
            let profile = Unmanaged<SQLProfile>.fromOpaque(ctx).takeUnretainedValue()
            let sql = sqlite3_sql(OpaquePointer(p)).map { String(cString: $0) } ?? "?"
            let ns = x.load(as: Int64.self)
            let old = profile.nanos[sql] ?? (0, 0)
            profile.nanos[sql] = (old.count + 1, old.total + UInt64(max(ns, 0)))
            return 0
        }, ctx)
        return {
            let rows = profile.nanos.sorted { $0.value.total > $1.value.total }.prefix(15)
            return rows.map { "\($0.value.total / 1_000_000) ms  \($0.value.count)×  \($0.key.prefix(110).replacingNewlines())" }.joined(separator: "\n")
        }
    }
}

private extension Substring {
    func replacingNewlines() -> String { String(self.map { $0 == "\n" ? " " : $0 }) }
}
