import BillingCore

/// The GOST R 56042-2014 payment payload of a document: the supplier's
/// requisites, the payer (surname, name, patronymic apart), the period and the
/// amount to pay (never negative), within the standard's field lengths.
public func documentQRPayload(_ d: DocumentData) -> PaymentQRPayload {
    let s = d.supplier
    var q = PaymentQRPayload(name: s.name, personalAcc: s.account, bankName: s.bank, bic: s.bic,
                             correspAcc: s.corrAccount)
    q.payeeINN = s.inn
    q.kpp = s.kpp
    // The payer's name in the standard's three fields; a legal entity has none of them.
    if d.account.kind == .person {
        let parts = d.account.holder.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        q.lastName = parts.first
        q.firstName = parts.count > 1 ? parts[1] : nil
        q.middleName = parts.count > 2 ? parts[2...].joined(separator: " ") : nil
    }
    q.payerAddress = d.account.address
    q.persAcc = d.account.id
    q.purpose = "Оплата электроэнергии за " + d.period.mmyyyy.prefix(2) + "." + String(d.period.year)
        + ", л/с " + d.account.id
    q.paymPeriod = d.period
    // Sum is everything due, penalty included. AddAmount is left out: bank apps add
    // it on top of Sum, which would charge the penalty twice.
    q.sum = d.totalDue.value > 0 ? d.totalDue : nil
    q.techCode = "02"
    if d.meters.count == 1, let m = d.meters.first {
        q.counterId = m.meterId
        if let cur = m.current, let first = cur.first {
            q.counterVal = cur.count == 1 ? String(first) : cur.map(String.init).joined(separator: "/")
        }
    }
    return q
}
