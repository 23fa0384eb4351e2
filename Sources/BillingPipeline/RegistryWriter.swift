import BillingCore
import BillingStore
import BillingRender

/// Writes OUT/<period>/registry.csv: one row per account of every region closed for
/// the period, in account order (SPEC's columns).
enum RegistryWriter {

    struct Totals {
        var accounts = 0
        var volumeKwh: Int64 = 0
        var charge = Kopecks.zero, recalculation = Kopecks.zero, benefit = Kopecks.zero, penalty = Kopecks.zero
        var payments = Kopecks.zero, balanceIn = Kopecks.zero, totalDue = Kopecks.zero
    }

    /// The registry's bytes and totals, row by row in account order. The close builds it
    /// from the rows it stores as it stores them; a period closed earlier builds it from
    /// the store (`write(period:database:to:)`). Both go through `add`, so they give the
    /// same bytes for the same rows.
    struct Builder {
        private(set) var totals = Totals()
        private(set) var writer = ByteWriter(capacity: 1 << 20)
        private let period: String

        init(period: Period) {
            self.period = period.description
            writer.append(RegistryCSV.header)
        }

        mutating func add(_ r: RegistryCSV.Row) {
            RegistryCSV.append(r, period: period, to: &writer)
            totals.accounts += 1
            totals.volumeKwh += r.volumeKwh
            totals.charge += r.charge; totals.recalculation += r.recalculation; totals.benefit += r.benefit
            totals.penalty += r.penalty; totals.payments += r.payments; totals.balanceIn += r.balanceIn
            totals.totalDue += r.totalDue
        }

        /// The row as the close stores it in account_periods.
        mutating func add(_ r: BillingCore.RegistryRow) {
            add(.init(accountId: r.accountId, method: r.method, volumeKwh: r.volumeKwh.value, charge: r.charge,
                      recalculation: r.recalculation, benefit: r.benefit, penalty: r.penalty, payments: r.payments,
                      balanceIn: r.balanceIn, totalDue: r.totalDue, dueDate: r.dueDate.iso))
        }

        /// Writes the file; the bytes written come back (what its output hash is taken of).
        func write(to path: String) throws -> (Totals, [UInt8]) {
            (totals, try OutputFiles.write(writer.bytes, to: path))
        }
    }

    /// The registry of a closed period as the store holds it.
    static func write(period: Period, database: Database, to path: String) throws -> (Totals, [UInt8]) {
        var b = Builder(period: period)
        try database.forEachRegistryRow(period: period) { r in
            b.add(.init(accountId: r.accountId, method: r.method, volumeKwh: r.volumeKwh, charge: r.charge,
                        recalculation: r.recalculation, benefit: r.benefit, penalty: r.penalty,
                        payments: r.payments, balanceIn: r.balanceIn, totalDue: r.totalDue, dueDate: r.dueDate))
        }
        return try b.write(to: path)
    }
}
