import BillingCore

/// The reconciliation act (акт сверки взаимных расчётов) as a self-contained A4
/// HTML page: title, the parties, the table with opening balance, every row,
/// turnovers and closing balance, the closing sentence with the amount in words
/// and in whose favour, and places for both signatures. Every field is escaped.
public func renderActHTML(_ a: ActData) -> String {
    renderActHTML(a, amountInWords: rublesInWords)
}

/// The same with the words function passed in, so golden tests do not depend on it.
func renderActHTML(_ a: ActData, amountInWords: (Kopecks) -> String) -> String {
    let ledger = ActLedger(a)
    var out: [UInt8] = []
    out.reserveCapacity(8192 + 300 * a.rows.count)
    out.lit("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<title>Акт сверки № ")
    out.text(a.number)
    out.lit("</title>\n<style>\n"); out.lit(actCSS); out.lit("\n</style>\n</head>\n<body>\n<div class=\"page\">\n")
    out.lit("<h1>Акт сверки взаимных расчётов № "); out.text(a.number); out.lit(" от "); out.dateRu(a.date)
    out.lit("</h1>\n<p class=\"per\">за период с "); out.dateRu(a.from); out.lit(" по "); out.dateRu(a.to)
    out.lit("</p>\n")
    if let billed = a.billedThrough {
        out.lit("<p class=\"per\" style=\"color:#a00;font-weight:bold\">Начисления выставлены по "); out.dateRu(billed)
        out.lit(": период после этой даты ещё не закрыт, начисления за него в акт не вошли.</p>\n")
    }
    writeActParties(a, into: &out)
    writeActTable(a, ledger, into: &out)
    if let vat = a.vat {
        // Energy is sold with VAT; penalties are not a sale and carry none (НК ст.146).
        var sales = Kopecks.zero
        for r in a.rows where r.kind == .charge || r.kind == .recalculation { sales += r.amount }
        out.lit("<p>Начислено за электроэнергию за период с "); out.dateRu(a.from); out.lit(" по ")
        out.dateRu(a.to); out.lit(": "); out.rublesPrinted(sales); out.lit("&nbsp;руб., в т.ч. НДС ")
        out.rublesPrinted(vat); out.lit("&nbsp;руб. Пени НДС не облагаются.</p>\n")
    }
    writeActConclusion(a, ledger.closing, amountInWords: amountInWords, into: &out)
    writeActSignatures(a, into: &out)
    out.lit("</div>\n</body>\n</html>\n")
    return String(decoding: out, as: UTF8.self)
}

/// The holder as the act names them: the first account's holder.
private func actHolder(_ a: ActData) -> String { a.accounts.first?.holder ?? "" }

private func writeActParties(_ a: ActData, into out: inout [UInt8]) {
    let s = a.supplier
    out.lit("<table class=\"parties\">\n<tr><th>Поставщик</th><td><b>"); out.text(s.name)
    out.lit("</b>, ИНН "); out.text(s.inn); out.lit(", КПП "); out.text(s.kpp)
    out.lit("<br>р/с "); out.text(s.account); out.lit(" в "); out.text(s.bank)
    out.lit(", БИК "); out.text(s.bic); out.lit(", к/с "); out.text(s.corrAccount)
    if s.isSample { out.lit("<br><span class=\"sample\">Образец реквизитов</span>") }
    out.lit("</td></tr>\n<tr><th>Потребитель</th><td><b>"); out.text(actHolder(a)); out.lit("</b>")
    if let first = a.accounts.first {
        if first.kind == .legal {
            out.lit(", ИНН "); out.text(first.inn)
            if !first.kpp.isEmpty { out.lit(", КПП "); out.text(first.kpp) }
        }
        out.lit("<br>"); out.text(first.address)
    }
    out.lit(a.accounts.count > 1 ? "<br>Лицевые счета: " : "<br>Лицевой счёт: ")
    for (i, acc) in a.accounts.enumerated() {
        if i > 0 { out.lit(", ") }
        out.text(acc.id)
    }
    out.lit("</td></tr>\n</table>\n")
}

private func writeActTable(_ a: ActData, _ ledger: ActLedger, into out: inout [UInt8]) {
    let several = a.accounts.count > 1
    out.lit("<table class=\"rows\">\n<tr><th>Дата</th><th>Документ</th>")
    if several { out.lit("<th>Л/с</th>") }
    out.lit("<th class=\"n\">Дебет, руб.</th><th class=\"n\">Кредит, руб.</th><th class=\"n\">Сальдо, руб.</th></tr>\n")
    let span: StaticString = several ? "3" : "2"
    out.lit("<tr class=\"sum\"><td colspan=\""); out.lit(span); out.lit("\">Сальдо на "); out.dateRu(a.from)
    out.lit("</td>"); actDebitCredit(a.opening, into: &out); out.lit("<td class=\"n\">")
    out.rublesPrinted(a.opening); out.lit("</td></tr>\n")
    for e in ledger.entries {
        out.lit("<tr><td>"); out.dateRu(e.row.date); out.lit("</td><td>")
        out.text(e.row.document.isEmpty ? RussianWords.actKind(e.row.kind) : e.row.document); out.lit("</td>")
        if several { out.lit("<td>"); out.text(e.row.accountId); out.lit("</td>") }
        out.lit("<td class=\"n\">"); if e.debit.value != 0 { out.rublesPrinted(e.debit) }
        out.lit("</td><td class=\"n\">"); if e.credit.value != 0 { out.rublesPrinted(e.credit) }
        out.lit("</td><td class=\"n\">"); out.rublesPrinted(e.balance); out.lit("</td></tr>\n")
    }
    out.lit("<tr class=\"sum\"><td colspan=\""); out.lit(span); out.lit("\">Обороты за период</td><td class=\"n\">")
    out.rublesPrinted(ledger.debitTotal); out.lit("</td><td class=\"n\">"); out.rublesPrinted(ledger.creditTotal)
    out.lit("</td><td></td></tr>\n")
    out.lit("<tr class=\"sum\"><td colspan=\""); out.lit(span); out.lit("\">Сальдо на "); out.dateRu(a.to)
    out.lit("</td>"); actDebitCredit(ledger.closing, into: &out); out.lit("<td class=\"n\">")
    out.rublesPrinted(ledger.closing); out.lit("</td></tr>\n</table>\n")
}

/// A balance shown in the debit column (the customer owes) or the credit column (overpaid).
private func actDebitCredit(_ balance: Kopecks, into out: inout [UInt8]) {
    out.lit("<td class=\"n\">"); if balance.value > 0 { out.rublesPrinted(balance) }
    out.lit("</td><td class=\"n\">"); if balance.value < 0 { out.rublesPrinted(-balance) }
    out.lit("</td>")
}

private func writeActConclusion(_ a: ActData, _ closing: Kopecks, amountInWords: (Kopecks) -> String,
                                into out: inout [UInt8]) {
    out.lit("<p class=\"concl\">По данным "); out.text(a.supplier.name); out.lit(" на "); out.dateRu(a.to)
    if closing.value == 0 {
        out.lit(" задолженность отсутствует.</p>\n")
        return
    }
    let amount = closing.value > 0 ? closing : -closing
    out.lit(" задолженность ")
    if closing.value > 0 {
        out.text(actHolder(a)); out.lit(" в пользу "); out.text(a.supplier.name)
    } else {
        out.text(a.supplier.name); out.lit(" в пользу "); out.text(actHolder(a)); out.lit(" (переплата)")
    }
    out.lit(" составляет <b>"); out.rublesPrinted(amount); out.lit("&nbsp;руб.</b> (")
    out.text(capitalisedFirst(amountInWords(amount))); out.lit(").</p>\n")
}

/// "одна тысяча…" → "Одна тысяча…" (Unicode case mapping, no locale).
func capitalisedFirst(_ s: String) -> String {
    guard let first = s.first else { return s }
    return String(first).uppercased() + s.dropFirst()
}

private func writeActSignatures(_ a: ActData, into out: inout [UInt8]) {
    out.lit("<div class=\"signs\">\n<div><div class=\"who\">От поставщика<br><b>"); out.text(a.supplier.name)
    out.lit("</b></div><div class=\"line\">_________________ / _________________ /</div>")
    out.lit("<div class=\"hint\">подпись / расшифровка</div><div class=\"mp\">М.П.</div></div>\n")
    out.lit("<div><div class=\"who\">От потребителя<br><b>"); out.text(actHolder(a))
    out.lit("</b></div><div class=\"line\">_________________ / _________________ /</div>")
    out.lit("<div class=\"hint\">подпись / расшифровка</div>")
    if a.accounts.first?.kind == .legal { out.lit("<div class=\"mp\">М.П.</div>") }
    out.lit("</div>\n</div>\n")
}

let actCSS: StaticString = """
@page{size:A4;margin:15mm 12mm}
*{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font-family:"DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif;font-size:9pt;line-height:1.3;color:#111}
@media screen{body{background:#e8e8e8}.page{margin:6px auto;padding:15mm 12mm;width:210mm;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.3)}}
h1{font-size:13pt;text-align:center;margin:0}
.per{text-align:center;margin:1mm 0 4mm}
table{width:100%;border-collapse:collapse;margin-bottom:4mm}
th,td{border:.5pt solid #888;padding:1mm 1.5mm;vertical-align:top;text-align:left}
th{background:#eee}
.parties th{width:28mm}
.rows tr{break-inside:avoid}
.rows thead{display:table-header-group}
.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.sum td{font-weight:bold;background:#f4f4f4}
.sample{background:#fff3c4;padding:0 1mm}
.concl{margin:4mm 0 8mm}
.signs{display:flex;gap:12mm;break-inside:avoid}
.signs>div{flex:1 1 0}
.who{min-height:12mm}
.line{margin-top:10mm;white-space:nowrap}
.hint{font-size:7pt;color:#555}
.mp{margin-top:4mm}
"""
