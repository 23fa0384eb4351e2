import BillingCore

/// The e-mail of a payment document (SPEC: for `delivery=email` accounts with an
/// e-mail), nil when the account does not take documents by e-mail or an address is
/// not a plain addr-spec. Dated the first day after the period, 09:00 local time.
public func documentMail(_ d: DocumentData, html: [UInt8], utcOffsetMinutes: Int) -> MailMessage? {
    guard takesDocumentMail(d) else { return nil }
    let month = RussianWords.period(d.period)
    var text = "Здравствуйте!\n\nПлатёжный документ за " + month + " по лицевому счёту " + d.account.id
        + " (" + d.account.address + ") — во вложении.\n"
    if d.totalDue.value > 0 {
        text += "К оплате: " + d.totalDue.groupedRubles() + " руб. до " + d.dueDate.russian + ".\n"
    } else {
        text += "Оплачивать не нужно: " + (d.totalDue.value < 0 ? "переплата " + (-d.totalDue).groupedRubles() + " руб." : "долга нет.") + "\n"
    }
    text += "Оплатить можно по QR-коду документа в приложении банка.\n\n" + supplierSignature(d.supplier)
    return MailMessage(fromName: d.supplier.name, fromAddress: d.supplier.email, toName: d.account.holder,
                       toAddress: d.account.email, subject: "Платёжный документ за " + month + ", л/с " + d.account.id,
                       date: d.period.next.firstDay, utcOffsetMinutes: utcOffsetMinutes,
                       idLeft: "document." + d.period.description + "." + d.account.id, text: text.crlf, html: html,
                       attachmentName: d.account.id + "_" + d.period.description + ".html")
}

/// True when the account takes its document by e-mail and both addresses are plain addr-specs.
public func takesDocumentMail(_ d: DocumentData) -> Bool {
    d.account.delivery == .email && isPlainEmailAddress(d.account.email) && isPlainEmailAddress(d.supplier.email)
}

/// The e-mail of a reconciliation act (`name`: its file name without extension), for an
/// account with a plain e-mail address; dated the act's last day.
public func actMail(_ a: ActData, name: String, html: [UInt8], utcOffsetMinutes: Int) -> MailMessage? {
    guard let account = a.accounts.first(where: { isPlainEmailAddress($0.email) }), isPlainEmailAddress(a.supplier.email) else { return nil }
    let range = "с " + a.from.russian + " по " + a.to.russian
    let closing = ActLedger(a).closing
    var text = "Здравствуйте!\n\nАкт сверки взаимных расчётов за период " + range + " по лицевому счёту "
        + a.accounts.map(\.id).joined(separator: ", ") + " — во вложении.\n"
    text += closing.value > 0 ? "Задолженность на " + a.to.russian + ": " + closing.groupedRubles() + " руб.\n"
        : closing.value < 0 ? "Переплата на " + a.to.russian + ": " + (-closing).groupedRubles() + " руб.\n"
        : "Задолженности на " + a.to.russian + " нет.\n"
    text += "Если Вы не согласны с данными акта, сообщите нам.\n\n" + supplierSignature(a.supplier)
    return MailMessage(fromName: a.supplier.name, fromAddress: a.supplier.email, toName: account.holder,
                       toAddress: account.email, subject: "Акт сверки за период " + range + ", л/с " + account.id,
                       date: a.to, utcOffsetMinutes: utcOffsetMinutes, idLeft: "act." + name, text: text.crlf,
                       html: html, attachmentName: name + ".html")
}

private func supplierSignature(_ s: Supplier) -> String {
    var t = s.name + "\n"
    if !s.phone.isEmpty { t += "Телефон: " + s.phone + "\n" }
    if !s.address.isEmpty { t += "Адрес: " + s.address + "\n" }
    return t + "Письмо отправлено автоматически.\n"
}

extension String {
    /// LF line ends as CRLF: text parts of a message travel with CRLF.
    var crlf: String { split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") }
}
