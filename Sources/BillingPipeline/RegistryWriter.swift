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
        let s = try database.prepareUncached("""
            SELECT account_id, method, volume_kwh, charge, recalculation, benefit, penalty, payments,
                   balance_in, total_due, due_date
            FROM account_periods WHERE period = ? ORDER BY account_id
            """)
        try s.bind([.text(period.description)])
        let p = period.description
        while try s.step() {
            let k = { (c: Int32) in Kopecks(s.int(c)) }
            w.append(csvField(s.text(0))); w.append(byte: 44)
            w.append(p); w.append(byte: 44)
            w.append(s.text(1)); w.append(byte: 44)
            w.append(int: s.int(2)); w.append(byte: 44)
            for c: Int32 in 3...9 { w.append(money: k(c)); w.append(byte: 44) }
            w.append(s.text(10)); w.append(byte: 10)
            t.accounts += 1
            t.volumeKwh += s.int(2)
            t.charge += k(3); t.recalculation += k(4); t.benefit += k(5); t.penalty += k(6)
            t.payments += k(7); t.balanceIn += k(8); t.totalDue += k(9)
        }
        return (t, try OutputFiles.write(w.bytes, to: path))
    }
}
