import BillingCore
import BillingStore
import BillingRender

/// Writes OUT/<period>/registry.csv from the stored close: one row per account
/// of every region closed for the period, in account order (SPEC's columns).
enum RegistryWriter {

    struct Totals {
        var accounts = 0
        var volumeKwh: Int64 = 0
        var charge = Kopecks.zero, recalculation = Kopecks.zero, benefit = Kopecks.zero, penalty = Kopecks.zero
        var payments = Kopecks.zero, balanceIn = Kopecks.zero, totalDue = Kopecks.zero
    }

    static func write(period: Period, database: Database, to path: String) throws -> (Totals, [UInt8]) {
        var w = ByteWriter(capacity: 1 << 20)
        w.append(RegistryCSV.header)
        var t = Totals()
        let p = period.description
        try database.forEachRegistryRow(period: period) { r in
            RegistryCSV.append(.init(accountId: r.accountId, method: r.method, volumeKwh: r.volumeKwh, charge: r.charge,
                                     recalculation: r.recalculation, benefit: r.benefit, penalty: r.penalty,
                                     payments: r.payments, balanceIn: r.balanceIn, totalDue: r.totalDue, dueDate: r.dueDate),
                               period: p, to: &w)
            t.accounts += 1
            t.volumeKwh += r.volumeKwh
            t.charge += r.charge; t.recalculation += r.recalculation; t.benefit += r.benefit; t.penalty += r.penalty
            t.payments += r.payments; t.balanceIn += r.balanceIn; t.totalDue += r.totalDue
        }
        return (t, try OutputFiles.write(w.bytes, to: path))
    }
}
