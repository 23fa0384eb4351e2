import BillingCore

// The money part of the page: the settlement (balance brought forward, this
// period's charges, payments, penalties, total) and the pay box with the QR code.

func writeSettlement(_ d: DocumentData, into out: inout [UInt8]) {
    out.lit("<section class=\"wide\"><h2>Расчёт суммы к оплате, ₽</h2>\n<table class=\"calc\">\n")
    if d.balanceIn.value < 0 {
        settlementRow("Переплата на начало периода", d.balanceIn, into: &out)
    } else {
        settlementRow("Задолженность на начало периода", d.balanceIn, into: &out)
    }
    out.lit("<tr><td>Начислено за ")
    out.raw(RussianWords.period(d.period))
    out.lit("</td><td class=\"n\">"); out.rublesPrinted(d.charge); out.lit("</td></tr>\n")
    if d.recalculation.value != 0 { settlementRow("Перерасчёт", d.recalculation, into: &out) }
    if d.benefit.value != 0 { settlementRow("Льгота", d.benefit, into: &out) }
    out.lit("<tr><td>Пени за период <span class=\"muted\">(всего начислено пеней: ")
    out.rublesPrinted(d.penaltyTotal)
    out.lit(")</span></td><td class=\"n\">"); out.rublesPrinted(d.penalty); out.lit("</td></tr>\n")
    settlementRow("Оплачено в периоде", -d.paymentsTotal, into: &out)
    for p in d.payments {
        out.lit("<tr class=\"pay\"><td>&nbsp;&nbsp;")
        out.dateRu(p.paidOn)
        if !p.channel.isEmpty { out.lit(" · "); out.text(p.channel) }
        out.lit("</td><td class=\"n\">"); out.rublesPrinted(p.amount); out.lit("</td></tr>\n")
    }
    out.lit("<tr class=\"total\"><td>")
    if d.totalDue.value > 0 {
        out.lit("Итого к оплате</td><td class=\"n\">"); out.rublesPrinted(d.totalDue)
    } else {
        out.lit("Итого к оплате (переплата ")
        out.rublesPrinted(-d.totalDue)
        out.lit(")</td><td class=\"n\">0,00")
    }
    out.lit("</td></tr>\n</table>\n</section>\n")
}

private func settlementRow(_ label: StaticString, _ amount: Kopecks, into out: inout [UInt8]) {
    out.lit("<tr><td>"); out.lit(label); out.lit("</td><td class=\"n\">")
    out.rublesPrinted(amount)
    out.lit("</td></tr>\n")
}

func writePayBox(_ d: DocumentData, qrSVG: String, into out: inout [UInt8]) {
    out.lit("<section><h2>Оплата</h2><div class=\"paybox\"><div class=\"qr\">")
    out.raw(qrSVG)
    out.lit("</div><div class=\"info\"><div>К оплате</div><div class=\"due\">")
    if d.totalDue.value > 0 {
        out.rublesPrinted(d.totalDue); out.lit("&nbsp;₽</div>")
    } else {
        out.lit("0,00&nbsp;₽</div><div>переплата "); out.rublesPrinted(-d.totalDue); out.lit("&nbsp;₽</div>")
    }
    out.lit("<div class=\"when\">Оплатить до "); out.dateRu(d.dueDate); out.lit("</div>\n")
    out.lit("<div class=\"hint\">Отсканируйте QR-код в приложении банка: реквизиты и сумма заполнятся сами</div>")
    if d.supplier.isSample {
        out.lit("<div class=\"sample\">Образец реквизитов — не для оплаты</div>")
    }
    out.lit("</div></div></section>\n")
}

func writeFooter(_ d: DocumentData, into out: inout [UInt8]) {
    out.lit("<div class=\"foot\">Выделенный цветом объём определён расчётным способом и будет пересчитан ")
    out.lit(d.account.kind == .legal ? "по показаниям. Пени — ст. 37 ФЗ-35 «Об электроэнергетике». Поставщик: "
                                     : "по показаниям. Пени — ст. 155 ЖК РФ. Поставщик: ")
    out.text(d.supplier.name)
    out.lit(", ИНН "); out.text(d.supplier.inn)
    out.lit(".</div>\n")
}
