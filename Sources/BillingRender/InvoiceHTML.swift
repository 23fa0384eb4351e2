import BillingCore

/// The УПД (status 1) of a legal entity as a one-page A4 landscape HTML page, laid out
/// as the form of the ФНС letter ММВ-20-3/96@ with the fields of НК РФ ст.169 п.5:
/// number and date, seller and buyer with addresses and INN/KPP, consignor and
/// consignee, currency, the table (goods, unit кВт·ч / ОКЕИ 245, quantity, price and
/// cost without VAT, excise, rate, VAT, cost with VAT), totals, the ground of the
/// transfer (the contract) and places for the signatures. Every field is escaped.
public func renderInvoiceHTML(_ inv: InvoiceData) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(16 << 10)
    out.lit("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<title>УПД № ")
    out.int(inv.number); out.lit(" от "); out.dateRu(inv.date); out.lit("</title>\n<style>\n")
    out.lit(invoiceCSS); out.lit("\n</style>\n</head>\n<body>\n<div class=\"page\">\n")
    writeInvoiceHead(inv, into: &out)
    writeInvoiceTable(inv, into: &out)
    writeInvoiceSigns(inv, into: &out)
    writeInvoiceTransfer(inv, into: &out)
    out.lit("</div>\n</body>\n</html>\n")
    return out
}

private func writeInvoiceHead(_ inv: InvoiceData, into out: inout [UInt8]) {
    let s = inv.supplier, b = inv.buyer
    out.lit("<div class=\"head\">\n<div class=\"status\"><b>Универсальный передаточный документ</b><br>Статус: <b class=\"box\">1</b>")
    out.lit("<div class=\"hint\">1 — счёт-фактура и передаточный документ (акт)<br>2 — передаточный документ (акт)</div></div>\n")
    out.lit("<div class=\"fields\">\n<h1>Счёт-фактура № "); out.int(inv.number); out.lit(" от "); out.dateRu(inv.date)
    out.lit(" <span class=\"n\">(1)</span></h1>\n<p>Исправление № — от — <span class=\"n\">(1а)</span></p>\n<table class=\"kv\">\n")
    row("Продавец", "(2)", into: &out) { $0.text(s.name) }
    row("Адрес", "(2а)", into: &out) { $0.text(s.address.isEmpty ? "—" : s.address) }
    row("ИНН/КПП продавца", "(2б)", into: &out) { $0.text(s.inn); $0.lit("/"); $0.text(s.kpp) }
    row("Грузоотправитель и его адрес", "(3)", into: &out) { $0.lit("он же") }
    row("Грузополучатель и его адрес", "(4)", into: &out) { $0.text(b.holder); $0.lit(", "); $0.text(b.address) }
    row("К платёжно-расчётному документу", "(5)", into: &out) { $0.lit("№ — от —") }
    row("Документ об отгрузке", "(5а)", into: &out) {
        $0.lit("№ п/п 1–"); $0.int(inv.lines.count); $0.lit(" № "); $0.int(inv.number); $0.lit(" от "); $0.dateRu(inv.date)
    }
    row("Покупатель", "(6)", into: &out) { $0.text(b.holder) }
    row("Адрес", "(6а)", into: &out) { $0.text(b.address) }
    row("ИНН/КПП покупателя", "(6б)", into: &out) { $0.text(b.inn); $0.lit("/"); $0.text(b.kpp.isEmpty ? "—" : b.kpp) }
    row("Валюта: наименование, код", "(7)", into: &out) { $0.lit("Российский рубль, 643") }
    row("Идентификатор государственного контракта, договора (соглашения)", "(8)", into: &out) { $0.lit("—") }
    out.lit("</table>\n</div>\n</div>\n")
}

private func row(_ label: StaticString, _ number: StaticString, into out: inout [UInt8], _ value: (inout [UInt8]) -> Void) {
    out.lit("<tr><th>"); out.lit(label); out.lit(":</th><td>"); value(&out)
    out.lit("</td><td class=\"n\">"); out.lit(number); out.lit("</td></tr>\n")
}

private func writeInvoiceTable(_ inv: InvoiceData, into out: inout [UInt8]) {
    out.lit("<table class=\"goods\">\n<tr><th rowspan=\"2\">№ п/п</th><th rowspan=\"2\">Код товара/ работ, услуг</th>")
    out.lit("<th rowspan=\"2\">Наименование товара (описание выполненных работ, оказанных услуг), имущественного права</th>")
    out.lit("<th rowspan=\"2\">Код вида товара</th><th colspan=\"2\">Единица измерения</th><th rowspan=\"2\">Количество (объём)</th>")
    out.lit("<th rowspan=\"2\">Цена (тариф) за единицу измерения</th><th rowspan=\"2\">Стоимость товаров (работ, услуг), имущественных прав без налога — всего</th>")
    out.lit("<th rowspan=\"2\">В том числе сумма акциза</th><th rowspan=\"2\">Налоговая ставка</th><th rowspan=\"2\">Сумма налога, предъявляемая покупателю</th>")
    out.lit("<th rowspan=\"2\">Стоимость товаров (работ, услуг), имущественных прав с налогом — всего</th>")
    out.lit("<th colspan=\"2\">Страна происхождения товара</th><th rowspan=\"2\">Регистрационный номер декларации на товары или партии товара</th></tr>\n")
    out.lit("<tr><th>код</th><th>условное обозначение (национальное)</th><th>цифровой код</th><th>краткое наименование</th></tr>\n")
    out.lit("<tr class=\"nums\"><td>А</td><td>Б</td><td>1</td><td>1а</td><td>2</td><td>2а</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td><td>8</td><td>9</td><td>10</td><td>10а</td><td>11</td></tr>\n")
    for (i, l) in inv.lines.enumerated() {
        out.lit("<tr><td>"); out.int(i + 1); out.lit("</td><td>—</td><td class=\"t\">"); out.text(l.title)
        out.lit("</td><td>—</td><td>245</td><td>кВт·ч</td><td class=\"m\">")
        if let v = l.volumeKwh { out.groupedInt(v) } else { out.lit("—") }
        out.lit("</td><td class=\"m\">")
        if let p = l.price { out.pricePrinted(p) } else { out.lit("—") }
        out.lit("</td><td class=\"m\">"); out.rublesPrinted(l.vat.net)
        out.lit("</td><td>без акциза</td><td>"); out.raw(percentText(l.vat.ratePercentCenti, separator: ",")); out.lit("%")
        out.lit("</td><td class=\"m\">"); out.rublesPrinted(l.vat.vat)
        out.lit("</td><td class=\"m\">"); out.rublesPrinted(l.amount)
        out.lit("</td><td>—</td><td>—</td><td>—</td></tr>\n")
    }
    out.lit("<tr class=\"sum\"><td></td><td colspan=\"7\">Всего к оплате (9)</td><td class=\"m\">"); out.rublesPrinted(inv.netTotal)
    out.lit("</td><td colspan=\"2\">X</td><td class=\"m\">"); out.rublesPrinted(inv.vatTotal)
    out.lit("</td><td class=\"m\">"); out.rublesPrinted(inv.total); out.lit("</td><td colspan=\"3\"></td></tr>\n</table>\n")
    out.lit("<p class=\"words\">Всего к оплате: "); out.text(capitalisedFirst(rublesInWords(inv.total)))
    out.lit(", в том числе НДС "); out.rublesPrinted(inv.vatTotal); out.lit("&nbsp;руб.</p>\n")
}

private func writeInvoiceSigns(_ inv: InvoiceData, into out: inout [UInt8]) {
    out.lit("<div class=\"signs\"><div>Документ составлен на 1 листе</div>")
    out.lit("<div>Руководитель организации или иное уполномоченное лицо ____________ / ____________ /</div>")
    out.lit("<div>Главный бухгалтер или иное уполномоченное лицо ____________ / ____________ /</div></div>\n")
}

private func writeInvoiceTransfer(_ inv: InvoiceData, into out: inout [UInt8]) {
    let s = inv.supplier, b = inv.buyer
    out.lit("<table class=\"transfer\">\n<tr><td colspan=\"2\">Основание передачи (сдачи) / получения (приёмки) <span class=\"n\">[8]</span>: <b>")
    if b.contract.isEmpty {
        out.lit("Договор энергоснабжения")
    } else {
        out.lit("Договор энергоснабжения № "); out.text(b.contract)
        if let d = b.contractDate { out.lit(" от "); out.dateRu(d) }
    }
    out.lit("</b>, электрическая энергия за "); out.raw(RussianWords.period(inv.period))
    out.lit("</td></tr>\n<tr><td colspan=\"2\">Данные о транспортировке и грузе <span class=\"n\">[9]</span>: —</td></tr>\n")
    out.lit("<tr><td>Товар (груз) передал / услуги, результаты работ, права сдал <span class=\"n\">[10]</span>: ____________ / ____________ /")
    out.lit("<br>Дата отгрузки, передачи (сдачи) <span class=\"n\">[11]</span>: "); out.dateRu(inv.date)
    out.lit("<br>Иные сведения об отгрузке, передаче <span class=\"n\">[12]</span>: энергия передана за период с ")
    out.dateRu(inv.period.firstDay); out.lit(" по "); out.dateRu(inv.period.lastDay); out.lit(", лицевой счёт "); out.text(b.id)
    out.lit("<br>Ответственный за правильность оформления факта хозяйственной жизни <span class=\"n\">[13]</span>: ____________ / ____________ /")
    out.lit("<br>Наименование экономического субъекта — составителя документа <span class=\"n\">[14]</span>: ")
    out.text(s.name); out.lit(", ИНН/КПП "); out.text(s.inn); out.lit("/"); out.text(s.kpp)
    out.lit("</td>\n<td>Товар (груз) получил / услуги, результаты работ, права принял <span class=\"n\">[15]</span>: ____________ / ____________ /")
    out.lit("<br>Дата получения (приёмки) <span class=\"n\">[16]</span>: «___» ____________ 20__ г.")
    out.lit("<br>Иные сведения о получении, приёмке <span class=\"n\">[17]</span>: —")
    out.lit("<br>Ответственный за правильность оформления факта хозяйственной жизни <span class=\"n\">[18]</span>: ____________ / ____________ /")
    out.lit("<br>Наименование экономического субъекта — составителя документа <span class=\"n\">[19]</span>: ")
    out.text(b.holder); out.lit(", ИНН/КПП "); out.text(b.inn); out.lit("/"); out.text(b.kpp.isEmpty ? "—" : b.kpp)
    out.lit("</td></tr>\n</table>\n")
    if s.isSample { out.lit("<p class=\"sample\">Образец реквизитов поставщика — не для налогового учёта</p>\n") }
}

let invoiceCSS: StaticString = """
@page{size:A4 landscape;margin:8mm}
*{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font-family:"DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif;font-size:6.8pt;line-height:1.2;color:#111}
@media screen{body{background:#e8e8e8}.page{margin:6px auto;padding:8mm;width:297mm;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.3)}}
.page{break-inside:avoid}
.head{display:flex;gap:4mm}
.status{flex:0 0 42mm;border-right:1pt solid #111;padding-right:2mm}
.box{display:inline-block;border:1pt solid #111;padding:0 2mm}
.hint{font-size:6pt;color:#444;margin-top:1mm}
.fields{flex:1 1 auto}
h1{font-size:10pt;margin:0}
p{margin:.5mm 0}
table{border-collapse:collapse;width:100%}
.kv th{text-align:left;font-weight:normal;white-space:nowrap;width:60mm;padding:.2mm 1mm}
.kv td{border-bottom:.5pt solid #555;padding:.2mm 1mm}
.n{color:#555;font-size:6pt;text-align:right;white-space:nowrap}
.goods{margin-top:2mm}
.goods th,.goods td{border:.5pt solid #333;padding:.5mm .8mm;text-align:center;vertical-align:middle}
.goods th{font-weight:normal;font-size:6pt}
.goods .t{text-align:left}
.goods .m{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.nums td{font-size:6pt;color:#555}
.sum td{font-weight:bold}
.words{margin-top:1mm}
.signs{display:flex;gap:6mm;margin:2mm 0;border-bottom:1pt solid #111;padding-bottom:2mm}
.transfer td{vertical-align:top;width:50%;padding:1mm 2mm 1mm 0;line-height:1.5}
.sample{background:#fff3c4;padding:0 1mm;display:inline-block}
"""
