import BillingCore

/// registry.csv (SPEC's columns): one row per account of the closed period, in the
/// order given. Written for every account of a close, row by row as the store hands
/// them out: append(_:period:to:) builds no String beyond the account id's quoting.
public enum RegistryCSV {
    public static let header = "account_id,period,method,volume_kwh,charge,recalculation,benefit,penalty,payments,balance_in,total_due,due_date\n"

    /// One account's figures for the period; `method` and `dueDate` ("2026-11-15") as stored.
    public struct Row {
        public var accountId: String
        public var method: String
        public var volumeKwh: Int64
        public var charge, recalculation, benefit, penalty, payments, balanceIn, totalDue: Kopecks
        public var dueDate: String
        public init(accountId: String, method: String, volumeKwh: Int64, charge: Kopecks, recalculation: Kopecks,
                    benefit: Kopecks, penalty: Kopecks, payments: Kopecks, balanceIn: Kopecks, totalDue: Kopecks,
                    dueDate: String) {
            self.accountId = accountId; self.method = method; self.volumeKwh = volumeKwh; self.charge = charge
            self.recalculation = recalculation; self.benefit = benefit; self.penalty = penalty; self.payments = payments
            self.balanceIn = balanceIn; self.totalDue = totalDue; self.dueDate = dueDate
        }
    }

    /// `period`: the period's "2026-10", made once per file by the caller.
    public static func append(_ r: Row, period: String, to w: inout ByteWriter) {
        w.append(csvField(r.accountId)); w.append(byte: 44)
        w.append(period); w.append(byte: 44)
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
    }
}
