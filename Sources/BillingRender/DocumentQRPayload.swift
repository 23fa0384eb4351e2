import BillingCore

/// The GOST R 56042-2014 payment payload of a document: the supplier's
/// requisites, the payer, the period and the amount to pay (never negative).
public func documentQRPayload(_ d: DocumentData) -> PaymentQRPayload {
    let s = d.supplier
    var q = PaymentQRPayload(name: s.name, personalAcc: s.account, bankName: s.bank, bic: s.bic,
                             correspAcc: s.corrAccount)
    q.payeeINN = s.inn
    q.kpp = s.kpp
    q.lastName = d.account.holder
    q.payerAddress = d.account.address
    q.persAcc = d.account.id
    q.purpose = "Оплата электроэнергии за " + d.period.mmyyyy.prefix(2) + "." + String(d.period.year)
        + ", л/с " + d.account.id
    q.paymPeriod = d.period
    q.sum = d.totalDue.value > 0 ? d.totalDue : nil
    // AddAmount: the penalty included in Sum (GOST R 56042 "additional amount").
    if d.penalty.value > 0 && d.totalDue.value > 0 { q.addAmount = min(d.penalty, d.totalDue) }
    q.techCode = "02"
    if d.meters.count == 1, let m = d.meters.first {
        q.counterId = m.meterId
        if let cur = m.current, let first = cur.first {
            q.counterVal = cur.count == 1 ? String(first) : cur.map(String.init).joined(separator: "/")
        }
    }
    return q
}
