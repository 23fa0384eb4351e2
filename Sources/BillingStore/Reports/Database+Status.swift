import BillingCore

/// The tables `status` counts.
public enum CountedTable: String, Sendable, CaseIterable {
    case regions, accounts, meters, readings, payments, rejects
    case accountPeriods = "account_periods"
    case readingRejects = "reading_rejects"
}

/// One recorded command run (`runs`), optional parts as "".
public struct RunRecord: Sendable {
    public var id: Int64
    public var command: String
    public var period: String
    public var region: String
    public var outcome: String
    public var detail: String
}

/// The reads of `status` and the record of command runs.
extension Database {
    public func count(_ table: CountedTable) throws -> Int64 {
        try scalarInt("SELECT count(*) FROM \(table.rawValue)") ?? 0
    }

    /// Per closed period in order, its regions with their account counts: "R1 (10), R2 (5)".
    public func closesByPeriod() throws -> [(period: String, regions: String)] {
        let s = try prepareUncached("""
            SELECT period, group_concat(region || ' (' || accounts || ')', ', ')
            FROM (SELECT period, region, accounts FROM closes ORDER BY period, region) GROUP BY period ORDER BY period
            """)
        var out: [(period: String, regions: String)] = []
        while try s.step() { out.append((s.text(0), s.text(1))) }
        return out
    }

    /// The last `limit` runs, newest first.
    public func lastRuns(limit: Int) throws -> [RunRecord] {
        let s = try prepareUncached("SELECT id, command, coalesce(period, ''), coalesce(region, ''), outcome, detail FROM runs ORDER BY id DESC LIMIT ?")
        try s.bind([.int(Int64(limit))])
        var out: [RunRecord] = []
        while try s.step() {
            out.append(RunRecord(id: s.int(0), command: s.text(1), period: s.text(2), region: s.text(3), outcome: s.text(4),
                                 detail: s.text(5)))
        }
        return out
    }

    /// Records a command run; returns its number.
    public func insertRun(command: String, period: String?, region: String?, outcome: String, detail: String) throws -> Int64 {
        try run("INSERT INTO runs(command, period, region, outcome, detail) VALUES (?, ?, ?, ?, ?)",
                [.text(command), .optText(period), .optText(region), .text(outcome), .text(detail)])
        return lastInsertRowID
    }
}
