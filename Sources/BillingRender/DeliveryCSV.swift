import BillingCore

/// OUT/<P>/mail/index.csv: one row per .eml written, in account order.
public enum MailIndexCSV {
    public static let header = "account,email,file,total_due\n"

    public struct Row: Sendable {
        public var account, email, file: String
        public var totalDue: Kopecks
        public init(account: String, email: String, file: String, totalDue: Kopecks) {
            self.account = account; self.email = email; self.file = file; self.totalDue = totalDue
        }
    }

    public static func append(_ r: Row, to w: inout ByteWriter) {
        w.append(csvField(r.account)); w.append(","); w.append(csvField(r.email))
        w.append(","); w.append(csvField(r.file)); w.append(","); w.append(money: r.totalDue)
        w.append("\n")
    }
}

/// An SMS outbox (OUT/<P>/sms/outbox.csv, the reminders' outbox): account, E.164
/// phone, the text, the parts a gateway bills.
public enum SMSOutboxCSV {
    public static let header = "account_id,phone,text,segments\n"

    public struct Row: Sendable {
        public var account: String
        /// Already E.164 ("+" and digits, smsPhone): written as is.
        public var phone: String
        public var text: String
        public init(account: String, phone: String, text: String) {
            self.account = account; self.phone = phone; self.text = text
        }
    }

    public static func append(_ r: Row, to w: inout ByteWriter) {
        // The phone is ours ("+" and digits): csvField would prefix the "+" with an apostrophe.
        w.append(csvField(r.account)); w.append(","); w.append(r.phone); w.append(",")
        w.append(csvField(r.text)); w.append(","); w.append(int: Int64(smsSegments(r.text))); w.append("\n")
    }
}
