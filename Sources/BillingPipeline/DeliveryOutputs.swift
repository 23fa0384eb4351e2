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
        MailIndexCSV.append(.init(account: d.account.id, email: d.account.email, file: name, totalDue: d.totalDue), to: &mailIndex)
        mails += 1
    }

    mutating func addSMS(for d: DocumentData) {
        guard d.account.sms, !d.account.phone.isEmpty else { return }
        guard let phone = smsPhone(d.account.phone) else { badPhones += 1; return }
        SMSOutboxCSV.append(.init(account: d.account.id, phone: phone, text: documentSMS(d)), to: &outbox)
        messages += 1
    }

    func writeMailIndex(files: OutputFiles, period: Period) throws {
        try OutputFiles.write(Array(MailIndexCSV.header.utf8) + mailIndex.bytes,
                              to: files.path(period.description, "mail", "index.csv"))
    }

    /// Writes the outbox and returns its SHA-256 for the close's output hashes.
    func writeOutbox(files: OutputFiles, period: Period) throws -> String {
        try files.makeDirectory(period.description, "sms")
        let bytes = Array(SMSOutboxCSV.header.utf8) + outbox.bytes
        try OutputFiles.write(bytes, to: files.path(period.description, "sms", "outbox.csv"))
        return SHA256.hash(bytes)
    }
}
