import BillingCore

/// `debt.csv`: `period,charged,due_date,paid,debt,days_overdue` per debt (opening
/// balance, then periods), a `payment` row per payment (`period` = its date, amount in
/// `paid`), and a `total` row. A credit (negative charge) is set off against the
/// oldest debts, so it shows in their `paid`.
public func renderClaimDebtCSV(_ c: ClaimData) -> [UInt8] {
    var out: [UInt8] = []
    out.lit("period,charged,due_date,paid,debt,days_overdue\n")
    for r in c.periods {
        out.raw(periodCode(r.period)); out.append(0x2C); out.rublesPlain(r.charged); out.append(0x2C)
        out.dateISO(r.dueDate); out.append(0x2C); out.rublesPlain(r.paid); out.append(0x2C)
        out.rublesPlain(r.unpaid); out.append(0x2C)
        if let days = r.daysOverdue(on: c.asOf) { out.int(days) }
        out.append(0x0A)
    }
    for p in c.payments {
        out.lit("payment,,"); out.dateISO(p.paidOn); out.append(0x2C); out.rublesPlain(p.amount); out.lit(",,\n")
    }
    out.lit("total,"); out.rublesPlain(c.periods.reduce(.zero) { $0 + $1.charged }); out.lit(",,")
    out.rublesPlain(c.payments.reduce(.zero) { $0 + $1.amount }); out.append(0x2C)
    out.rublesPlain(c.periods.reduce(.zero) { $0 + $1.unpaid }); out.lit(",\n")
    return out
}

/// `penalty.csv`: `period,debt,from,to,days,fraction,rate,formula,penalty`, one row per
/// slice of a debt and interval of constant fraction and rate (moratorium rows 0.00),
/// then `total` with the sum, which is the engine's penalty to the kopeck.
public func renderClaimPenaltyCSV(_ c: ClaimData) -> [UInt8] {
    var out: [UInt8] = []
    out.lit("period,debt,from,to,days,fraction,rate,formula,penalty\n")
    for r in c.penaltyRows {
        let i = r.interval
        out.raw(periodCode(r.period)); out.append(0x2C); out.rublesPlain(r.debt); out.append(0x2C)
        out.dateISO(i.from); out.append(0x2C); out.dateISO(i.to); out.append(0x2C); out.int(i.days); out.append(0x2C)
        if let d = i.denominator { out.lit("1/"); out.int(d) } else { out.lit("0") }
        out.append(0x2C); out.rublesPlain(Kopecks(i.ratePercentCenti))  // hundredths of a percent print as "9.50"
        out.append(0x2C)
        out.raw(csvField(penaltyFormula(r))); out.append(0x2C); out.rublesPlain(r.penalty); out.append(0x0A)
    }
    out.lit("total,,,,,,,,"); out.rublesPlain(c.penaltyTotal); out.append(0x0A)
    return out
}

private func claimPage(_ title: String, _ c: ClaimData, into out: inout [UInt8], body: (inout [UInt8]) -> Void) {
    out.lit("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<title>"); out.text(title)
    out.lit(" — л/с "); out.text(c.account.id)
    out.lit("</title>\n<style>\n"); out.lit(actCSS); out.lit("\n"); out.lit(debtPaperCSS)
    out.lit("\n</style>\n</head>\n<body>\n<div class=\"page\">\n")
    writeDebtPaperHead(c.supplier, c.account, into: &out)
    out.lit("<h1>"); out.text(title); out.lit("</h1>\n<p class=\"per\">по лицевому счёту № "); out.text(c.account.id)
    out.lit(" по состоянию на "); out.dateRu(c.asOf); out.lit("</p>\n")
    if let last = c.lastClosed { writePastLastCloseNote(last, into: &out) }
    body(&out)
    out.lit("<div class=\"signs\"><div><div class=\"who\">"); out.text(c.supplier.name)
    out.lit("</div><div class=\"line\">_________________ / _________________ /</div>")
    out.lit("<div class=\"hint\">подпись / расшифровка</div><div class=\"mp\">М.П.</div></div><div></div></div>\n")
    out.lit("</div>\n</body>\n</html>\n")
}

/// `debt.html`: the statement of charges, payments and debt by period.
public func renderClaimDebtHTML(_ c: ClaimData) -> [UInt8] {
    var out: [UInt8] = []
    claimPage("Расчёт задолженности за электрическую энергию", c, into: &out) { out in
        out.raw("<table class=\"rows\">\n<tr><th>Период</th><th class=\"n\">Начислено, руб.</th><th>Срок оплаты</th>"
                + "<th class=\"n\">Оплачено, руб.</th><th class=\"n\">Долг, руб.</th><th class=\"n\">Дней просрочки</th></tr>\n")
        for r in c.periods {
            out.lit("<tr><td>"); out.raw(r.period.map(RussianWords.period) ?? "долг на начало расчётов")
            out.lit("</td><td class=\"n\">"); out.rublesPrinted(r.charged); out.lit("</td><td>"); out.dateRu(r.dueDate)
            out.lit("</td><td class=\"n\">"); out.rublesPrinted(r.paid); out.lit("</td><td class=\"n\">"); out.rublesPrinted(r.unpaid)
            out.lit("</td><td class=\"n\">")
            if let days = r.daysOverdue(on: c.asOf) { out.int(days) }
            out.lit("</td></tr>\n")
        }
        out.lit("<tr class=\"sum\"><td>Итого</td><td class=\"n\">"); out.rublesPrinted(c.periods.reduce(.zero) { $0 + $1.charged })
        out.lit("</td><td></td><td class=\"n\">"); out.rublesPrinted(c.periods.reduce(.zero) { $0 + $1.paid })
        out.lit("</td><td class=\"n\">"); out.rublesPrinted(c.periods.reduce(.zero) { $0 + $1.unpaid }); out.lit("</td><td></td></tr>\n</table>\n")
        out.lit("<h2>Поступившие оплаты</h2>\n<table class=\"rows\">\n<tr><th>Дата</th><th>Документ</th><th class=\"n\">Сумма, руб.</th></tr>\n")
        for p in c.payments {
            out.lit("<tr><td>"); out.dateRu(p.paidOn); out.lit("</td><td>"); out.text(p.id); out.lit("</td><td class=\"n\">")
            out.rublesPrinted(p.amount); out.lit("</td></tr>\n")
        }
        out.lit("<tr class=\"sum\"><td colspan=\"2\">Итого оплачено</td><td class=\"n\">")
        out.rublesPrinted(c.payments.reduce(.zero) { $0 + $1.amount }); out.lit("</td></tr>\n</table>\n")
        out.raw("<p>Оплаты зачтены в период, указанный плательщиком, иначе в погашение самого раннего долга; "
                + "после погашения всех начислений — в оплату пени. Задолженность с истекшим сроком оплаты на ")
        out.dateRu(c.asOf); out.lit(": <b>"); out.rublesPrinted(c.overdueDebt); out.lit("&nbsp;руб.</b>")
        if c.advance.value > 0 { out.lit("; не зачтённый аванс: "); out.rublesPrinted(c.advance); out.lit("&nbsp;руб.") }
        out.lit(" Пени — в отдельном расчёте.</p>\n")
    }
    return out
}

/// `penalty.html`: the penalty calculation in the form courts are used to.
public func renderClaimPenaltyHTML(_ c: ClaimData) -> [UInt8] {
    var out: [UInt8] = []
    claimPage("Расчёт пени", c, into: &out) { out in
        out.lit("<p>Пени по "); out.text(c.ground)
        out.raw(": за каждый день просрочки — доля ставки рефинансирования (ключевой ставки) Банка России, действующей "
                + "на день оплаты (по неоплаченному долгу — на дату расчёта), от не выплаченной в срок суммы; с учётом "
                + "ограничения ставки и мораториев (ПП РФ №474, №424, №497), указанных в строках.</p>\n")
        out.raw("<table class=\"rows\">\n<tr><th>Период</th><th class=\"n\">Долг, руб.</th><th>С</th><th>По</th>"
                + "<th class=\"n\">Дней</th><th>Доля</th><th class=\"n\">Ставка</th><th>Расчёт</th><th class=\"n\">Пени, руб.</th></tr>\n")
        for r in c.penaltyRows {
            let i = r.interval
            out.lit("<tr><td>"); out.raw(r.period.map(RussianWords.period) ?? "долг на начало")
            if let paid = r.settledOn { out.lit("<br><span class=\"muted\">оплачено "); out.dateRu(paid); out.lit("</span>") }
            out.lit("</td><td class=\"n\">"); out.rublesPrinted(r.debt); out.lit("</td><td>"); out.dateRu(i.from)
            out.lit("</td><td>"); out.dateRu(i.to); out.lit("</td><td class=\"n\">"); out.int(i.days); out.lit("</td><td>")
            if let d = i.denominator { out.lit("1/"); out.int(d) } else { out.lit("0") }
            out.lit("</td><td class=\"n\">"); out.raw(percentPrinted(i.ratePercentCenti)); out.lit("%")
            if i.cap != nil { out.lit("*") }
            out.lit("</td><td>"); out.text(penaltyFormula(r)); out.lit("</td><td class=\"n\">"); out.rublesPrinted(r.penalty)
            out.lit("</td></tr>\n")
        }
        out.lit("<tr class=\"sum\"><td colspan=\"8\">Итого пени</td><td class=\"n\">"); out.rublesPrinted(c.penaltyTotal)
        out.lit("</td></tr>\n</table>\n")
        var caps: [PenaltyPolicy.RateCap] = []
        for r in c.penaltyRows { if let cap = r.interval.cap, !caps.contains(cap) { caps.append(cap) } }
        for cap in caps {
            out.lit("<p class=\"hint\">* Ставка не выше "); out.raw(percentPrinted(cap.percentCenti)); out.lit("% за дни с ")
            out.dateRu(cap.from); out.lit(" по "); out.dateRu(cap.to); out.lit(": "); out.text(cap.ground); out.lit(".</p>\n")
        }
        out.lit("<p>Из них начислено в платёжных документах: "); out.rublesPrinted(c.penaltyBooked)
        out.lit("&nbsp;руб., начислено после последнего расчётного периода: "); out.rublesPrinted(c.penaltyTotal - c.penaltyBooked)
        out.lit("&nbsp;руб.; оплачено: "); out.rublesPrinted(c.penaltyPaid); out.lit("&nbsp;руб. <b>К взысканию пени: ")
        out.rublesPrinted(c.penaltyClaimed); out.lit("&nbsp;руб.</b> ("); out.text(capitalisedFirst(rublesInWords(c.penaltyClaimed)))
        out.raw(").</p>\n<p class=\"hint\">Итог считается без промежуточных округлений и округляется до копейки один раз; "
                + "суммы строк округлены так, что их сумма равна итогу (каждая отличается от точного значения строки "
                + "меньше чем на 1 копейку).</p>\n")
    }
    return out
}
