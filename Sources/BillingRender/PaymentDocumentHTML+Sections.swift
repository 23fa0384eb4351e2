import BillingCore

// The sections of the payment document page, top to bottom. Each appends bytes;
// every text that comes from data goes through `text` (HTML-escaped).

func writeDocumentHeader(_ d: DocumentData, into out: inout [UInt8]) {
    out.lit("<header class=\"top\"><div><h1>Платёжный документ за электроэнергию</h1>\n<div class=\"sub\">за <b>")
    out.raw(RussianWords.period(d.period))
    out.lit("</b>")
    if !d.regionTitle.isEmpty { out.lit(" · "); out.text(d.regionTitle) }
    out.lit("</div></div>\n<div class=\"acc\">Лицевой счёт<b>")
    out.text(d.account.id)
    out.lit("</b></div></header>\n")
}

func writeParties(_ d: DocumentData, into out: inout [UInt8]) {
    let s = d.supplier
    out.lit("<div class=\"cols\">\n<section class=\"box\"><h2>Получатель платежа</h2>\n<dl class=\"kv\">")
    out.lit("<dt>Поставщик</dt><dd><b>"); out.text(s.name); out.lit("</b></dd>")
    // ПП354 п.69 б: the supplier's address, phone, e-mail and website, where the region file gives them.
    if !s.address.isEmpty { out.lit("<dt>Адрес</dt><dd>"); out.text(s.address); out.lit("</dd>") }
    let contacts = [s.phone, s.email, s.site].filter { !$0.isEmpty }
    if !contacts.isEmpty { out.lit("<dt>Контакты</dt><dd>"); out.text(contacts.joined(separator: " · ")); out.lit("</dd>") }
    out.lit("<dt>ИНН / КПП</dt><dd>"); out.text(s.inn); out.lit(" / "); out.text(s.kpp); out.lit("</dd>")
    out.lit("<dt>Расч. счёт</dt><dd>"); out.text(s.account); out.lit("</dd>")
    out.lit("<dt>Банк</dt><dd>"); out.text(s.bank); out.lit("</dd>")
    out.lit("<dt>БИК</dt><dd>"); out.text(s.bic); out.lit("</dd>")
    out.lit("<dt>Корр. счёт</dt><dd>"); out.text(s.corrAccount); out.lit("</dd></dl>\n")
    if s.isSample {
        out.lit("<div class=\"sample\">Образец реквизитов — не для оплаты</div>\n")
    }
    out.lit("</section>\n<section class=\"box\"><h2>Плательщик</h2>\n<dl class=\"kv\">")
    let a = d.account
    out.lit(a.kind == .legal ? "<dt>Наименование</dt><dd><b>" : "<dt>ФИО</dt><dd><b>"); out.text(a.holder); out.lit("</b></dd>")
    if a.kind == .legal && !a.inn.isEmpty {
        out.lit("<dt>ИНН / КПП</dt><dd>"); out.text(a.inn); out.lit(" / "); out.text(a.kpp); out.lit("</dd>")
    }
    out.lit("<dt>Адрес</dt><dd>"); out.text(a.address); out.lit("</dd>")
    out.lit("<dt>Лицевой счёт</dt><dd>"); out.text(a.id); out.lit("</dd>")
    if !d.context.categoryTitle.isEmpty {
        out.lit("<dt>Тарифная группа</dt><dd>"); out.text(d.context.categoryTitle); out.lit("</dd>")
    }
    if a.kind == .legal {
        if !a.contract.isEmpty {
            out.lit("<dt>Договор</dt><dd>№ "); out.text(a.contract)
            if let d = a.contractDate { out.lit(" от "); out.dateRu(d) }
            out.lit("</dd>")
        }
        if a.areaCentiM2 > 0 {
            out.lit("<dt>Площадь</dt><dd>"); out.int(a.areaCentiM2 / 100); out.lit(",")
            out.pad2(Int(a.areaCentiM2 % 100)); out.lit(" м²</dd>")
        }
    } else {
        out.lit("<dt>Проживает</dt><dd>"); out.int(a.residents); out.lit(" чел.")
        if a.areaCentiM2 > 0 {
            out.lit(" · площадь "); out.int(a.areaCentiM2 / 100); out.lit(",")
            out.pad2(Int(a.areaCentiM2 % 100)); out.lit(" м²")
        }
        out.lit("</dd>")
    }
    out.lit("</dl>\n</section>\n</div>\n")
}

func writeMeters(_ d: DocumentData, into out: inout [UInt8]) {
    out.lit("<section><h2>Приборы учёта и объём потребления</h2>\n<table>\n<tr><th class=\"z\">Счётчик №</th><th class=\"z\">Зона</th>")
    out.lit("<th class=\"n\">Предыдущее</th><th class=\"n\">Текущее</th><th class=\"n\">Коэфф.</th>")
    out.lit("<th class=\"n\">Объём, кВт·ч</th><th>Как определён объём</th></tr>\n")
    if d.meters.isEmpty {
        if let closed = d.account.closedOn, closed <= d.period.lastDay {
            out.lit("<tr><td colspan=\"7\" class=\"muted\">Лицевой счёт закрыт "); out.dateRu(closed)
            out.lit(": начисления по нему прекращены</td></tr>\n")
        } else {
            out.lit("<tr><td colspan=\"7\" class=\"muted\">Прибор учёта не установлен</td></tr>\n")
        }
    }
    for m in d.meters {
        let rows = max(1, m.zones)
        for z in 0..<rows {
            out.lit(RussianWords.isEstimate(m.method) ? "<tr class=\"est\">" : "<tr>")
            if z == 0 {
                out.lit("<td class=\"z\" rowspan=\""); out.int(rows); out.lit("\">"); out.text(m.meterId)
                if let v = m.nextVerificationOn {
                    if v < d.period.firstDay {
                        out.lit("<br><b style=\"color:#a00\">поверка истекла "); out.dateRu(v); out.lit("</b>")
                    } else {
                        out.lit("<br><span class=\"muted\">поверка до "); out.dateRu(v); out.lit("</span>")
                    }
                }
                out.lit("</td>")
            }
            out.lit("<td class=\"z\">"); out.raw(RussianWords.zone(RussianWords.zoneCode(index: z), zones: m.zones))
            out.lit("</td>")
            out.lit("<td class=\"n\">")
            if z < m.previous.count { out.groupedInt(m.previous[z]) }
            out.lit("</td><td class=\"n\">")
            if let cur = m.current, z < cur.count { out.groupedInt(cur[z]) } else { out.lit("—") }
            out.lit("</td><td class=\"n\">"); out.int(m.ratio)
            out.lit("</td><td class=\"n\">")
            if z < m.volumes.count { out.groupedInt(m.volumes[z]) }
            out.lit("</td>")
            if z == 0 { writeMeterMethod(m, rows: rows, into: &out) }
            out.lit("</tr>\n")
        }
    }
    out.lit("</table>\n</section>\n")
}

private func writeMeterMethod(_ m: DocumentMeter, rows: Int, into out: inout [UInt8]) {
    out.lit("<td rowspan=\""); out.int(rows); out.lit("\"><b>")
    out.text(RussianWords.method(m.method))
    out.lit("</b>")
    if !m.readingSource.isEmpty || m.readingTakenOn != nil {
        out.lit("<br><span class=\"muted\">")
        if !m.readingSource.isEmpty { out.text(RussianWords.source(m.readingSource)) }
        if let t = m.readingTakenOn {
            if !m.readingSource.isEmpty { out.lit(", ") }
            out.lit("снято "); out.dateRu(t)
        }
        out.lit("</span>")
    }
    out.lit("</td>")
}

func writeLines(_ d: DocumentData, into out: inout [UInt8]) {
    out.lit("<section><h2>Начисления за период</h2>\n<table>\n<tr><th>Услуга</th><th class=\"z\">Зона, ступень</th>")
    out.lit("<th class=\"n\">Объём, кВт·ч</th><th class=\"n\">Тариф, ₽/кВт·ч</th><th class=\"n\">Сумма, ₽</th>")
    out.lit("<th>Основание</th></tr>\n")
    var total = Kopecks.zero
    // A tier number means something only where the tariff has volume tiers.
    let tiered = d.lines.contains { $0.tier > 1 }
    for line in d.lines where line.kind != .penalty {
        total += line.amount
        writeLine(line, zones: zonesOfMeter(d, line.meterId), showTier: tiered, into: &out)
    }
    out.lit("<tr class=\"sum\"><td colspan=\"4\">Итого начислено за период</td><td class=\"n\">")
    out.rublesPrinted(total)
    out.lit("</td><td></td></tr>\n")
    let vat = vatTotals(d.lines)
    if vat.gross != .zero || vat.vat != .zero {
        out.lit("<tr><td colspan=\"4\">в т.ч. НДС</td><td class=\"n\">"); out.rublesPrinted(vat.vat)
        out.lit("</td><td>цены без НДС, НДС начислен сверху (сумма без НДС "); out.rublesPrinted(vat.net); out.lit(")</td></tr>\n")
    }
    out.lit("</table>\n</section>\n")
}

private func zonesOfMeter(_ d: DocumentData, _ meterId: String) -> Int {
    for m in d.meters where m.meterId == meterId { return m.zones }
    return 1
}

private func writeLine(_ line: DocumentLine, zones: Int, showTier: Bool, into out: inout [UInt8]) {
    out.lit(RussianWords.isEstimate(line.method) ? "<tr class=\"est\"><td>" : "<tr><td>")
    out.text(RussianWords.lineKind(line.kind))
    out.lit("</td><td class=\"z\">")
    if line.zone.isEmpty && line.kind != .energy { out.lit("—") } else { out.text(RussianWords.zone(line.zone, zones: zones)) }
    if showTier && line.tier > 0 { out.lit(", ст. "); out.int(line.tier) }
    out.lit("</td><td class=\"n\">")
    if line.volumeKwh != 0 || line.kind == .energy { out.groupedInt(line.volumeKwh) } else { out.lit("—") }
    out.lit("</td><td class=\"n\">")
    if line.price.value != 0 { out.pricePrinted(line.price) } else { out.lit("—") }
    out.lit("</td><td class=\"n\">")
    out.rublesPrinted(line.amount)
    out.lit("</td><td>")
    if !line.ground.isEmpty {
        out.text(line.ground)
    } else if line.kind == .energy && line.method != "actual" {
        out.text(RussianWords.method(line.method))
    }
    // The ground of a recalculation usually names its period already; say it once.
    if !line.refPeriod.isEmpty {
        let period = Period(line.refPeriod)
        let name = period.map(RussianWords.period) ?? line.refPeriod
        let dotted = period.map { ($0.month < 10 ? "0" : "") + String($0.month) + "." + String($0.year) } ?? line.refPeriod
        if !line.ground.contains(name) && !line.ground.contains(line.refPeriod) && !line.ground.contains(dotted) {
            out.lit(line.ground.isEmpty ? "за " : " — за ")
            out.text(name)
        }
    }
    if let v = line.vat {
        out.lit("<br><span class=\"muted\">без НДС "); out.rublesPrinted(v.net); out.lit(" + НДС ")
        out.raw(percentText(v.ratePercentCenti, separator: ",")); out.lit("% "); out.rublesPrinted(v.vat); out.lit("</span>")
    }
    out.lit("</td></tr>\n")
}
