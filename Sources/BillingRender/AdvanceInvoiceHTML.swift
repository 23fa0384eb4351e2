import BillingCore

/// The advance invoice (счёт на оплату) a legal entity receives with the close of P for
/// the month after it (ПП442 п.82): the advances, their due dates, the VAT within them,
/// the basis of the figure and a GOST R 56042 QR code for their sum.
public struct AdvanceInvoiceData: Sendable {
    public var number: String
    /// The day the invoice is issued: the last day of the basis period.
    public var date: CivilDate
    /// The month the advances pay for, and the period whose volume they are figured on.
    public var month: Period
    public var basis: Period
    public var supplier: Supplier
    public var buyer: Account
    public var basisVolumeKwh: Int64
    public var expectedCost: Kopecks
    public var advances: [AdvanceDue]
    /// The final settlement of `month` (due_day_legal of the month after it).
    public var finalDueDate: CivilDate
    public var total: Kopecks { advances.reduce(.zero) { $0 + $1.amount } }
    public var vat: Kopecks { advances.reduce(.zero) { $0 + $1.vat } }

    public init(number: String, date: CivilDate, month: Period, basis: Period, supplier: Supplier, buyer: Account,
                basisVolumeKwh: Int64, expectedCost: Kopecks, advances: [AdvanceDue], finalDueDate: CivilDate) {
        self.number = number; self.date = date; self.month = month; self.basis = basis; self.supplier = supplier
        self.buyer = buyer; self.basisVolumeKwh = basisVolumeKwh; self.expectedCost = expectedCost; self.advances = advances
        self.finalDueDate = finalDueDate
    }
}

/// The payment payload of an advance invoice: the sum of the advances for the month.
public func advanceQRPayload(_ a: AdvanceInvoiceData) -> PaymentQRPayload {
    let s = a.supplier
    var q = PaymentQRPayload(name: s.name, personalAcc: s.account, bankName: s.bank, bic: s.bic, correspAcc: s.corrAccount)
    q.payeeINN = s.inn
    q.kpp = s.kpp
    q.lastName = a.buyer.holder
    q.payerAddress = a.buyer.address
    q.persAcc = a.buyer.id
    q.purpose = "Аванс за электроэнергию за " + a.month.mmyyyy.prefix(2) + "." + String(a.month.year) + " по счёту № "
        + a.number + ", л/с " + a.buyer.id + ", в т.ч. НДС " + a.vat.rublesString()
    q.paymPeriod = a.month
    q.sum = a.total.value > 0 ? a.total : nil
    q.techCode = "02"
    return q
}

public func renderAdvanceInvoiceHTML(_ a: AdvanceInvoiceData, qrSVG: String) -> [UInt8] {
    let s = a.supplier, b = a.buyer
    var out: [UInt8] = []
    out.reserveCapacity(24 << 10)
    out.lit("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<title>Счёт на оплату № ")
    out.text(a.number); out.lit("</title>\n<style>\n"); out.lit(actCSS); out.lit("\n.qr svg{width:32mm;height:32mm}\n</style>\n</head>\n<body>\n<div class=\"page\">\n")
    out.lit("<table class=\"parties\">\n<tr><th>Получатель</th><td><b>"); out.text(s.name); out.lit("</b>, ИНН ")
    out.text(s.inn); out.lit(", КПП "); out.text(s.kpp); out.lit("<br>р/с "); out.text(s.account); out.lit(" в ")
    out.text(s.bank); out.lit(", БИК "); out.text(s.bic); out.lit(", к/с "); out.text(s.corrAccount)
    if s.isSample { out.lit("<br><span class=\"sample\">Образец реквизитов — не для оплаты</span>") }
    out.lit("</td></tr>\n</table>\n<h1>Счёт на оплату № "); out.text(a.number); out.lit(" от "); out.dateRu(a.date)
    out.lit("</h1>\n<p class=\"per\">авансовые платежи за электроэнергию за "); out.raw(RussianWords.period(a.month))
    out.lit(" (п. 82 Основных положений, ПП РФ №442)</p>\n<table class=\"parties\">\n<tr><th>Покупатель</th><td><b>")
    out.text(b.holder); out.lit("</b>, ИНН "); out.text(b.inn)
    if !b.kpp.isEmpty { out.lit(", КПП "); out.text(b.kpp) }
    out.lit("<br>"); out.text(b.address); out.lit("<br>Лицевой счёт "); out.text(b.id)
    if !b.contract.isEmpty {
        out.lit(", договор № "); out.text(b.contract)
        if let d = b.contractDate { out.lit(" от "); out.dateRu(d) }
    }
    out.lit("</td></tr>\n</table>\n<table class=\"rows\">\n<tr><th>№</th><th>Наименование</th><th>Срок оплаты</th>")
    out.lit("<th class=\"n\">Сумма, руб.</th><th class=\"n\">в т.ч. НДС, руб.</th></tr>\n")
    for (i, d) in a.advances.enumerated() {
        out.lit("<tr><td>"); out.int(i + 1); out.lit("</td><td>Авансовый платёж "); out.raw(percentText(d.percentCenti, separator: ","))
        out.lit("% за электроэнергию за "); out.raw(RussianWords.period(a.month)); out.lit("</td><td>до "); out.dateRu(d.dueDate)
        out.lit("</td><td class=\"n\">"); out.rublesPrinted(d.amount); out.lit("</td><td class=\"n\">"); out.rublesPrinted(d.vat)
        out.lit("</td></tr>\n")
    }
    out.lit("<tr class=\"sum\"><td colspan=\"3\">Итого к оплате</td><td class=\"n\">"); out.rublesPrinted(a.total)
    out.lit("</td><td class=\"n\">"); out.rublesPrinted(a.vat); out.lit("</td></tr>\n</table>\n")
    out.lit("<p>Всего к оплате: "); out.text(capitalisedFirst(rublesInWords(a.total))); out.lit(", в т.ч. НДС ")
    out.rublesPrinted(a.vat); out.lit("&nbsp;руб.</p>\n<p>Расчёт: объём за "); out.raw(RussianWords.period(a.basis))
    out.lit(" — "); out.groupedInt(a.basisVolumeKwh); out.lit(" кВт·ч по цене "); out.raw(RussianWords.period(a.month))
    out.lit(" с НДС: "); out.rublesPrinted(a.expectedCost); out.lit("&nbsp;руб. Окончательный расчёт за ")
    out.raw(RussianWords.period(a.month)); out.lit(" — по фактическому объёму, за вычетом оплаченных авансов, в срок до ")
    out.dateRu(a.finalDueDate)
    out.lit(".</p>\n<div style=\"display:flex;gap:4mm;align-items:center;margin:3mm 0\"><div class=\"qr\">")
    out.raw(qrSVG)
    out.lit("</div><div>Отсканируйте QR-код в приложении банка: реквизиты и сумма авансов заполнятся сами</div></div>\n")
    out.lit("<div class=\"signs\">\n<div><div class=\"who\">Поставщик<br><b>"); out.text(s.name)
    out.lit("</b></div><div class=\"line\">_________________ / _________________ /</div></div>\n</div>\n")
    out.lit("</div>\n</body>\n</html>\n")
    return out
}
