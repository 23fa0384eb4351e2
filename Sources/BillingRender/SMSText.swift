import BillingCore

/// SMS parts a gateway bills for a text (SPEC): UCS-2 (the engine's texts are
/// Russian), 70 UTF-16 units in a single message, 67 per part when it is split.
public func smsSegments(_ text: String) -> Int {
    let n = text.utf16.count
    return n <= 70 ? 1 : (n + 66) / 67
}

/// A phone number as an SMS gateway takes it: E.164 "+79120000001". Russian numbers
/// written 8XXXXXXXXXX, 7XXXXXXXXXX or 9XXXXXXXXX become +7…; a Russian number must be a
/// mobile one (+79…); other countries pass with 8–15 digits. Nil when it is none of these.
public func smsPhone(_ raw: String) -> String? {
    let kept = raw.unicodeScalars.filter { !" ()-.\u{00A0}".unicodeScalars.contains($0) }
    var s = String(String.UnicodeScalarView(kept))
    let plus = s.hasPrefix("+")
    if plus { s.removeFirst() }
    guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    if !plus {
        if s.count == 11 && (s.hasPrefix("8") || s.hasPrefix("7")) { s = "7" + s.dropFirst() }
        else if s.count == 10 && s.hasPrefix("9") { s = "7" + s }
        else { return nil }
    }
    if s.hasPrefix("7") { return s.count == 11 && s.dropFirst().hasPrefix("9") ? "+" + s : nil }
    return (8...15).contains(s.count) ? "+" + s : nil
}

/// The payment message of a period's document: account, amount due and due date (one segment when it can).
public func documentSMS(_ d: DocumentData) -> String {
    let p = d.period.mmyyyy.prefix(2) + "." + String(d.period.year)
    if d.totalDue.value > 0 {
        return "Л/с " + d.account.id + ": к оплате " + d.totalDue.rublesString(separator: ",") + " руб. за " + p
            + ", срок до " + d.dueDate.russian
    }
    if d.totalDue.value < 0 {
        return "Л/с " + d.account.id + ": за " + p + " оплачивать не нужно, переплата " + (-d.totalDue).rublesString(separator: ",") + " руб."
    }
    return "Л/с " + d.account.id + ": за " + p + " долга нет, оплачивать не нужно"
}

/// The reminder to submit readings for P: the window and the channels (seed 003).
public func reminderSMS(account: Account, period: Period, firstDay: Int, lastDay: Int, supplierPhone: String) -> String {
    let window = firstDay == lastDay ? String(firstDay) : String(firstDay) + " по " + String(lastDay)
    let month = period.mmyyyy.prefix(2) + "." + String(period.year)
    var text = "Л/с " + account.id + ": передайте показания счётчика за " + month + " с " + window + "." + month
        + ": личный кабинет, Госуслуги, SMS «" + account.id + " показание»"
    if !supplierPhone.isEmpty { text += ", тел. " + supplierPhone }
    return text
}
