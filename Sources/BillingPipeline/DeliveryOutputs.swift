import BillingCore
import BillingInput
import BillingRender

/// The delivery files of a close, gathered in account order beside the documents:
/// OUT/<P>/mail/<account>.eml with mail/index.csv (`account,email,file,total_due`) and
/// OUT/<P>/sms/outbox.csv (`account_id,phone,text,segments`).
struct DeliveryOutputs {
    var mails = 0
    var mailIndex = ByteWriter(capacity: 1 << 12)
    var mailDigest = SHA256()
    var messages = 0
    var outbox = ByteWriter(capacity: 1 << 12)
    /// Consenting accounts whose phone is not a number an SMS gateway takes.
    var badPhones = 0
    var outboxHash = ""

    mutating func writeMail(_ mail: MailMessage, for d: DocumentData, files: OutputFiles, period: Period) throws {
        let name = d.account.id + ".eml"
        let bytes = mail.bytes()
        try OutputFiles.write(bytes, to: files.path(period.description, "mail", name))
        mailDigest.update(Array(name.utf8)); mailDigest.update(bytes)
        mailIndex.append(csvField(d.account.id)); mailIndex.append(","); mailIndex.append(csvField(d.account.email))
        mailIndex.append(","); mailIndex.append(csvField(name)); mailIndex.append(","); mailIndex.append(money: d.totalDue)
        mailIndex.append("\n")
        mails += 1
    }

    mutating func addSMS(for d: DocumentData) {
        guard d.account.sms, !d.account.phone.isEmpty else { return }
        guard let phone = smsPhone(d.account.phone) else { badPhones += 1; return }
        appendSMS(&outbox, account: d.account.id, phone: phone, text: documentSMS(d))
        messages += 1
    }

    func writeMailIndex(files: OutputFiles, period: Period) throws {
        try OutputFiles.write(Array("account,email,file,total_due\n".utf8) + mailIndex.bytes,
                              to: files.path(period.description, "mail", "index.csv"))
    }

    /// Writes the outbox and returns its SHA-256 for the close's output hashes.
    func writeOutbox(files: OutputFiles, period: Period) throws -> String {
        try files.makeDirectory(period.description, "sms")
        let bytes = Array(smsHeader.utf8) + outbox.bytes
        try OutputFiles.write(bytes, to: files.path(period.description, "sms", "outbox.csv"))
        return SHA256.hash(bytes)
    }
}

let smsHeader = "account_id,phone,text,segments\n"

/// One SMS row: account, E.164 phone, the text, the parts a gateway bills.
func appendSMS(_ w: inout ByteWriter, account: String, phone: String, text: String) {
    // The phone is ours ("+" and digits): csvField would prefix the "+" with an apostrophe.
    w.append(csvField(account)); w.append(","); w.append(phone); w.append(",")
    w.append(csvField(text)); w.append(","); w.append(int: Int64(smsSegments(text))); w.append("\n")
}
