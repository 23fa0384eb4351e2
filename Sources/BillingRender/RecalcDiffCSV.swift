import BillingCore

/// OUT/recalc/<P>[/<what-if>]/diff.csv: one row per changed line of an account
/// (account order, then line order, as given); delta = after − before.
public enum RecalcDiffCSV {
    public static let header = "account_id,line,before,after,delta\n"

    public struct Row: Sendable {
        public var accountId: String
        /// "energy:T1", "recalculation", …, "total".
        public var line: String
        public var before: Kopecks
        public var after: Kopecks
        public var delta: Kopecks { after - before }
        public init(accountId: String, line: String, before: Kopecks, after: Kopecks) {
            self.accountId = accountId; self.line = line; self.before = before; self.after = after
        }
    }

    public static func append(_ r: Row, to w: inout ByteWriter) {
        w.append(csvField(r.accountId)); w.append(","); w.append(csvField(r.line)); w.append(",")
        w.append(money: r.before); w.append(","); w.append(money: r.after); w.append(","); w.append(money: r.delta)
        w.append("\n")
    }
}
