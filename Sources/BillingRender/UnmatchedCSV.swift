import BillingCore

/// OUT/payments/unmatched.csv: every payment still unassigned, in the order given.
/// Its text fields are escaped by csvTextField (not csvField: see there).
public enum UnmatchedCSV {
    public static let header = "payment_id,source_file,paid_on,amount,payer,purpose,reason\n"

    public struct Row: Sendable {
        public var id, sourceFile: String
        public var paidOn: CivilDate
        public var amount: Kopecks
        public var payer, purpose, reason: String
        public init(id: String, sourceFile: String, paidOn: CivilDate, amount: Kopecks, payer: String, purpose: String,
                    reason: String) {
            self.id = id; self.sourceFile = sourceFile; self.paidOn = paidOn; self.amount = amount
            self.payer = payer; self.purpose = purpose; self.reason = reason
        }
    }

    public static func append(_ r: Row, to w: inout ByteWriter) {
        w.append(csvTextField(r.id)); w.append(","); w.append(csvTextField(r.sourceFile)); w.append(",")
        w.append(r.paidOn.iso); w.append(","); w.append(r.amount.rublesString()); w.append(",")
        w.append(csvTextField(r.payer)); w.append(","); w.append(csvTextField(r.purpose)); w.append(",")
        w.append(csvTextField(r.reason)); w.append("\n")
    }
}

/// The field escaping of unmatched.csv and of the import rejects files: a text starting
/// with = + - @ gets a leading apostrophe (SPEC's CSV-injection guard); one holding
/// , " LF CR ; is quoted with inner quotes doubled (RFC 4180).
/// Unlike csvField it leaves a leading TAB/CR alone and guards a phone-like "+7…"
/// too; the files it writes keep their bytes, so the two are not merged here.
public func csvTextField(_ s: String) -> String {
    var t = s
    if let f = t.utf8.first, f == 61 || f == 43 || f == 45 || f == 64 { t = "'" + t }
    guard t.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 || $0 == 59 }) else { return t }
    var out = "\""
    for ch in t { if ch == "\"" { out += "\"\"" } else { out.append(ch) } }
    return out + "\""
}
