import BillingCore

/// The facts of a closed period that summary.json and close-report.html show.
public struct ClosedPeriodFacts: Sendable {
    public var methods: [(method: String, accounts: Int, volumeKwh: Int64)] = []
    /// The account_periods columns summed over the period: charge, recalculation, benefit, penalty, payments.
    public var registrySums: (charge: Int64, recalculation: Int64, benefit: Int64, penalty: Int64, payments: Int64) = (0, 0, 0, 0, 0)
    public var rejectsByReason: [(reason: String, count: Int)] = []
    /// The first 1000 rejected readings by account, as received.
    public var rejects: [(accountId: String, meterId: String, receivedAt: String, reason: String)] = []
    /// The 20 largest amounts due, then by account.
    public var topDebtors: [(accountId: String, holder: String, totalDue: Kopecks)] = []
}

/// A period's money by kind as stored, three ways (the stored half of the totals proof).
public struct StoredPeriodSums: Sendable {
    /// The account_periods columns summed: charge, recalculation, benefit, penalty, payments.
    public var registry: (charge: Int64, recalculation: Int64, benefit: Int64, penalty: Int64, payments: Int64) = (0, 0, 0, 0, 0)
    public var ledger: [(LedgerKind, Int64)] = []
    public var lines: [(ChargeKind, Int64)] = []
}

extension Database {
    public func closedPeriodFacts(period: Period) throws -> ClosedPeriodFacts {
        var f = ClosedPeriodFacts()
        let p = SQLValue.text(period.description)
        // The money columns ride on the same scan: a period's rows carry their detail
        // blobs, so every pass over them reads hundreds of megabytes at a million accounts.
        let m = try prepareUncached("""
            SELECT method, count(*), sum(volume_kwh), sum(charge), sum(recalculation), sum(benefit), sum(penalty), sum(payments)
            FROM account_periods WHERE period = ? GROUP BY method ORDER BY method
            """)
        try m.bind([p])
        while try m.step() {
            f.methods.append((m.text(0), Int(m.int(1)), m.int(2)))
            f.registrySums.charge &+= m.int(3); f.registrySums.recalculation &+= m.int(4); f.registrySums.benefit &+= m.int(5)
            f.registrySums.penalty &+= m.int(6); f.registrySums.payments &+= m.int(7)
        }
        let rr = try prepareUncached("SELECT reason, count(*) FROM reading_rejects WHERE period = ? GROUP BY reason ORDER BY reason")
        try rr.bind([p])
        while try rr.step() { f.rejectsByReason.append((rr.text(0), Int(rr.int(1)))) }
        let list = try prepareUncached("""
            SELECT r.account_id, r.meter_id, r.received_at, x.reason FROM reading_rejects x JOIN readings r ON r.id = x.reading_id
            WHERE x.period = ? ORDER BY r.account_id, r.received_at, r.id LIMIT 1000
            """)
        try list.bind([p])
        while try list.step() { f.rejects.append((list.text(0), list.text(1), list.text(2), list.text(3))) }
        let d = try prepareUncached("""
            SELECT t.account_id, a.holder, t.total_due FROM (
                SELECT account_id, total_due FROM account_periods WHERE period = ? AND total_due > 0
                ORDER BY total_due DESC, account_id LIMIT 20) t
            JOIN accounts a USING (account_id) ORDER BY t.total_due DESC, t.account_id
            """)
        try d.bind([p])
        while try d.step() { f.topDebtors.append((d.text(0), d.text(1), Kopecks(d.int(2)))) }
        return f
    }

    /// The period's registry columns, ledger and document lines summed by kind.
    public func storedPeriodSums(period: Period) throws -> StoredPeriodSums {
        var t = StoredPeriodSums()
        let p = SQLValue.text(period.description)
        let registry = try prepareUncached("""
            SELECT coalesce(sum(charge),0), coalesce(sum(recalculation),0), coalesce(sum(benefit),0),
                   coalesce(sum(penalty),0), coalesce(sum(payments),0)
            FROM account_periods WHERE period = ?
            """)
        try registry.bind([p])
        _ = try registry.step()
        t.registry = (registry.int(0), registry.int(1), registry.int(2), registry.int(3), registry.int(4))
        // The ledger and the lines by kind, as the stored details read back.
        let d = try prepareUncached("SELECT account_id, detail FROM account_periods WHERE period = ?")
        try d.bind([p])
        var lines = [Int64](repeating: 0, count: DetailCodes.chargeKinds.count)
        var ledger = [Int64](repeating: 0, count: DetailCodes.ledgerKinds.count)
        var stored = 0
        while try d.step() {
            stored += 1
            let sums = try d.periodDetailSums(1, period: period.description)
            for k in 0..<lines.count { lines[k] &+= sums.lines[k] }
            for k in 0..<ledger.count { ledger[k] &+= sums.ledger[k] }
        }
        if stored > 0 {
            t.ledger = zip(DetailCodes.ledgerKinds, ledger).map { ($0, $1) }
            t.lines = zip(DetailCodes.chargeKinds, lines).map { ($0, $1) }
        }
        return t
    }

    /// Forgets the output hashes recorded for `period` (before the set of a new write).
    public func deleteOutputHashes(period: Period) throws {
        try run("DELETE FROM outputs WHERE period = ?", [.text(period.description)])
    }

    /// Records the hash an output file of `period` was written with (`check` compares them).
    public func insertOutputHash(period: Period, file: String, sha256: String) throws {
        try run("INSERT INTO outputs(period, file, sha256) VALUES (?, ?, ?)", [.text(period.description), .text(file), .text(sha256)])
    }
}
