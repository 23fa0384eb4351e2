import BillingCore

/// OUT/notices/<DATE>/notices.csv: one row per notice written, in the order given.
public enum NoticesCSV {
    public static let header = "account,holder,address,debt,threshold,deadline,delivery\n"

    public struct Row: Sendable {
        public var account, holder, address: String
        public var debt, threshold: Kopecks
        public var deadline: CivilDate
        /// "email" or "paper".
        public var delivery: String
        public init(account: String, holder: String, address: String, debt: Kopecks, threshold: Kopecks,
                    deadline: CivilDate, delivery: String) {
            self.account = account; self.holder = holder; self.address = address; self.debt = debt
            self.threshold = threshold; self.deadline = deadline; self.delivery = delivery
        }
    }

    public static func append(_ r: Row, to w: inout ByteWriter) {
        for t in [r.account, r.holder, r.address] { w.append(csvField(t)); w.append(",") }
        w.append(money: r.debt); w.append(","); w.append(money: r.threshold); w.append(",")
        w.append(r.deadline.iso); w.append(",")
        w.append(r.delivery); w.append("\n")
    }
}
