import BillingCore

/// OUT/debtors/<DATE>[-minN].csv: one row per debtor, in the order given (the
/// pipeline sorts by overdue debt, then account).
public enum DebtorsCSV {
    public static let header = "account_id,holder,address,phone,email,delivery,debt_total,debt_0_30,debt_31_90,debt_over_90,oldest_due_date,days_overdue,penalty\n"

    /// One account on the debtors list.
    public struct Row: Sendable {
        public var id, holder, address, phone, email, delivery: String
        public var ages: DebtAges
        public var penalty: Kopecks
        public var oldestDue: CivilDate
        public init(id: String, holder: String, address: String, phone: String, email: String, delivery: String,
                    ages: DebtAges, penalty: Kopecks, oldestDue: CivilDate) {
            self.id = id; self.holder = holder; self.address = address; self.phone = phone; self.email = email
            self.delivery = delivery; self.ages = ages; self.penalty = penalty; self.oldestDue = oldestDue
        }
    }

    public static func append(_ r: Row, to w: inout ByteWriter) {
        for t in [r.id, r.holder, r.address, r.phone, r.email, r.delivery] { w.append(csvField(t)); w.append(",") }
        w.append(money: r.ages.overdue); w.append(",")
        w.append(money: r.ages.upTo30); w.append(",")
        w.append(money: r.ages.from31To90); w.append(",")
        w.append(money: r.ages.over90); w.append(",")
        w.append(r.oldestDue.iso); w.append(",")
        w.append(int: Int64(r.ages.oldestDaysPastDue)); w.append(",")
        w.append(money: r.penalty); w.append("\n")
    }
}
