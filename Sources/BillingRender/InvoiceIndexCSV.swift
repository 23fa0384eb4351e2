import BillingCore

/// OUT/<P>/invoices/index.csv: one row per invoice (УПД) written, in the order given.
public enum InvoiceIndexCSV {
    public static let header = "account_id,number,date,html,xml,net,vat,total\n"

    public struct Row: Sendable {
        public var accountId: String
        public var number: Int64
        public var date: CivilDate
        /// The file names of the printed form and of the ФНС XML.
        public var html, xml: String
        public var net, vat, total: Kopecks
        public init(accountId: String, number: Int64, date: CivilDate, html: String, xml: String, net: Kopecks,
                    vat: Kopecks, total: Kopecks) {
            self.accountId = accountId; self.number = number; self.date = date; self.html = html; self.xml = xml
            self.net = net; self.vat = vat; self.total = total
        }
    }

    public static func append(_ r: Row, to w: inout ByteWriter) {
        w.append(csvField(r.accountId)); w.append(","); w.append(int: r.number); w.append(",")
        w.append(r.date.iso); w.append(","); w.append(csvField(r.html)); w.append(",")
        w.append(csvField(r.xml)); w.append(","); w.append(money: r.net); w.append(",")
        w.append(money: r.vat); w.append(","); w.append(money: r.total); w.append("\n")
    }
}
