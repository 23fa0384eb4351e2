import BillingCore

// The money part of the page: the settlement (balance brought forward, this
// period's charges, payments, penalties, total) and the pay box with the QR code.

func writeSettlement(_ d: DocumentData, into out: inout [UInt8]) {
    out.lit("<section class=\"wide\"><h2>Расчёт суммы к оплате, ₽</h2>\n<table class=\"calc\">\n")
    if d.balanceIn.value < 0 {
        settlementRow("Переплата на начало периода", d.balanceIn, into: &out)
    } else {
        settlementRow("Задолженность на начало периода", d.balanceIn, into: &out)
        if let penalty = d.context.penaltyInBalance {
            out.lit("<tr class=\"pay\"><td>&nbsp;&nbsp;в т.ч. за электроэнергию "); out.rublesPrinted(d.balanceIn - penalty)
            out.lit(", пени "); out.rublesPrinted(penalty); out.lit("</td><td></td></tr>\n")
        }
    }
    out.lit("<tr><td>Начислено за ")
    out.raw(RussianWords.period(d.period))
    out.lit("</td><td class=\"n\">"); out.rublesPrinted(d.charge); out.lit("</td></tr>\n")
    if d.recalculation.value != 0 { settlementRow("Перерасчёт", d.recalculation, into: &out) }
    if d.benefit.value != 0 { settlementRow("Льгота", d.benefit, into: &out) }
    out.lit("<tr><td>Пени за период")
    if d.penaltyTotal != d.penalty {
        // The cumulative figure includes what earlier documents charged (and the debt above holds).
        out.lit(" <span class=\"muted\">(с начала просрочки начислено ")
        out.rublesPrinted(d.penaltyTotal)
        out.lit(", из них в прошлых документах ")
        out.rublesPrinted(d.penaltyTotal - d.penalty)
        out.lit(")</span>")
    }
    out.lit("</td><td class=\"n\">"); out.rublesPrinted(d.penalty); out.lit("</td></tr>\n")
    settlementRow("Оплачено в периоде", -d.paymentsTotal, into: &out)
    for p in d.payments {
        out.lit("<tr class=\"pay\"><td>&nbsp;&nbsp;")
        out.dateRu(p.paidOn)
        if !p.channel.isEmpty { out.lit(" · "); out.text(PaymentChannel(rawValue: p.channel)?.russian ?? p.channel) }
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
    out.lit("<div class=\"hint\">Отсканируйте QR-код в приложении банка: реквизиты и сумма заполнятся сами; сумма в QR-коде — весь итог к оплате, пени уже в ней</div>")
    if d.supplier.isSample {
        out.lit("<div class=\"sample\">Образец реквизитов — не для оплаты</div>")
    }
    out.lit("</div></div></section>\n")
}

func writeFooter(_ d: DocumentData, into out: inout [UInt8]) {
    out.lit("<div class=\"foot\">")
    writeNotes(d, into: &out)
    out.lit("Выделенный цветом объём определён расчётным способом и будет пересчитан по показаниям. ")
    out.lit(d.account.kind == .legal ? "Пени — ч. 2 ст. 37 Федерального закона № 35-ФЗ «Об электроэнергетике». "
                                     : "Пени — ч. 14 ст. 155 ЖК РФ. ")
    out.lit("Документ сформирован "); out.dateRu(d.period.next.firstDay)
    out.lit(". Поставщик: "); out.text(d.supplier.name)
    out.lit(", ИНН "); out.text(d.supplier.inn)
    out.lit(".</div>\n")
}

/// ПП354 п.69: where and when to submit readings, and why an estimate applies.
private func writeNotes(_ d: DocumentData, into out: inout [UInt8]) {
    let c = d.context
    if let first = c.windowFirstDay, let last = c.windowLastDay {
        out.lit("<b>Показания за "); out.raw(RussianWords.period(d.period.next)); out.lit("</b> передайте с ")
        out.int(first); out.lit(" по "); out.int(last)
        out.lit(" число: личный кабинет, форма на сайте, телефон, SMS, эл. почта, Госуслуги, офис; после ")
        out.int(last); out.lit(" числа показания учитываются в следующем месяце. ")
    }
    if let lapsed = d.meters.compactMap(\.nextVerificationOn).first(where: { $0 < d.period.firstDay }) {
        out.lit("<b>Срок поверки счётчика истёк "); out.dateRu(lapsed)
        out.lit("</b>: показания не принимаются, объём определён по среднемесячному, затем по нормативу (п. 59, 60 ПП354), до поверки. ")
    }
    let byNorm = d.method == "norm" || d.meters.contains { $0.method == "norm" }
    if byNorm, let norm = c.normMilliKwhPerPerson {
        out.lit("<b>Объём по нормативу</b>: ")
        out.int(norm / 1000)
        if norm % 1000 != 0 {
            var fraction = String(Int(norm % 1000) + 1000).dropFirst()   // "050" for 50
            while fraction.last == "0" { fraction = fraction.dropLast() }
            out.lit(","); out.text(String(fraction))
        }
        out.lit(" кВт·ч на человека в месяц (комнат "); out.int(c.normRooms)
        out.lit(c.normRooms >= 4 ? " и более" : ""); out.lit(", проживает "); out.int(c.normResidents); out.lit(" чел.) — ")
        out.lit(d.meters.isEmpty ? "прибор учёта не установлен (п. 42 ПП354). "
                                 : "показаний за период нет и среднемесячного объёма ещё нет (п. 59, 60 ПП354). ")
    }
}
