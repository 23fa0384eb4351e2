import BillingCore
import BillingStore
import BillingRender

/// Writes OUT/<period>/registry.csv from the stored close: one row per account
/// of every region closed for the period, in account order (SPEC's columns).
enum RegistryWriter {
    static let header = "account_id,period,method,volume_kwh,charge,recalculation,benefit,penalty,payments,balance_in,total_due,due_date\n"

    struct Totals {
        var accounts = 0
        var volumeKwh: Int64 = 0
        var charge = Kopecks.zero, recalculation = Kopecks.zero, benefit = Kopecks.zero, penalty = Kopecks.zero
        var payments = Kopecks.zero, balanceIn = Kopecks.zero, totalDue = Kopecks.zero
    }

    static func write(period: Period, database: Database, to path: String) throws -> (Totals, [UInt8]) {
        var w = ByteWriter(capacity: 1 << 20)
        w.append(header)
        var t = Totals()
        let p = period.description
        try database.forEachRegistryRow(period: period) { r in
            w.append(csvField(r.accountId)); w.append(byte: 44)
            w.append(p); w.append(byte: 44)
            w.append(r.method); w.append(byte: 44)
            w.append(int: r.volumeKwh); w.append(byte: 44)
            w.append(money: r.charge); w.append(byte: 44)
            w.append(money: r.recalculation); w.append(byte: 44)
            w.append(money: r.benefit); w.append(byte: 44)
            w.append(money: r.penalty); w.append(byte: 44)
            w.append(money: r.payments); w.append(byte: 44)
            w.append(money: r.balanceIn); w.append(byte: 44)
            w.append(money: r.totalDue); w.append(byte: 44)
            w.append(r.dueDate); w.append(byte: 10)
            t.accounts += 1
            t.volumeKwh += r.volumeKwh
            t.charge += r.charge; t.recalculation += r.recalculation; t.benefit += r.benefit; t.penalty += r.penalty
            t.payments += r.payments; t.balanceIn += r.balanceIn; t.totalDue += r.totalDue
        }
        return (t, try OutputFiles.write(w.bytes, to: path))
    }
}
