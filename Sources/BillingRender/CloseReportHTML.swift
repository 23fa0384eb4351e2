import BillingCore

/// The most rejected readings the report lists one by one; the rest are counted.
public let closeReportRejectedRowLimit = 1000

/// The close report as a self-contained HTML page: the invariant check first,
/// then totals, volumes by method with a bar chart, rejected readings, the top
/// debtors and the input/output hashes. Every field is escaped.
public func renderCloseReportHTML(_ r: CloseReportData) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(16_384 + 160 * min(r.rejected.count, closeReportRejectedRowLimit))
    out.lit("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<title>Закрытие периода ")
    out.periodISO(r.period)
    out.lit("</title>\n<style>\n"); out.lit(closeReportCSS); out.lit("\n</style>\n</head>\n<body>\n")
    out.lit("<h1>Закрытие периода: "); out.raw(RussianWords.period(r.period)); out.lit("</h1>\n<p>Регионы: ")
    for (i, region) in r.regions.enumerated() { if i > 0 { out.lit(", ") }; out.text(region) }
    out.lit(" · лицевых счетов: "); out.groupedInt(Int64(r.accounts))
    out.lit(" · документов: "); out.groupedInt(Int64(r.documents)); out.lit("</p>\n")
    writeInvariants(r, into: &out)
    writeTotals(r.totals, into: &out)
    out.append(contentsOf: CloseReportData.moneyInHTML(r.moneyIn))
    writeMethods(r.byMethod, into: &out)
    writeRejected(r, into: &out)
    writeDebtors(r.topDebtors, into: &out)
    writeHashes("Входные данные", r.inputHashes, into: &out)
    writeHashes("Выходные файлы", r.outputHashes, into: &out)
    out.lit("</body>\n</html>\n")
    return String(decoding: out, as: UTF8.self)
}

private func writeInvariants(_ r: CloseReportData, into out: inout [UInt8]) {
    out.lit("<h2>Проверка инвариантов</h2>\n")
    if r.invariantsPassed {
        out.lit("<p class=\"ok\">ПРОЙДЕНА</p>\n")
    } else {
        out.lit("<p class=\"fail\">НЕ ПРОЙДЕНА: "); out.int(r.invariantFailures.count); out.lit("</p>\n<ul class=\"fails\">")
        for f in r.invariantFailures { out.lit("<li>"); out.text(f); out.lit("</li>") }
        out.lit("</ul>\n")
    }
    if !r.invariantsChecked.isEmpty {
        out.lit("<ul class=\"checks\">")
        for c in r.invariantsChecked { out.lit("<li>"); out.text(c); out.lit("</li>") }
        out.lit("</ul>\n")
    }
}

private func writeTotals(_ t: ReportTotals, into out: inout [UInt8]) {
    out.lit("<h2>Итоги, ₽</h2>\n<table class=\"narrow\">\n")
    let rows: [(StaticString, Kopecks)] = [("Сальдо на начало (balance_in)", t.balanceIn), ("Начислено (charge)", t.charge),
        ("Перерасчёты (recalculation)", t.recalculation), ("Льготы (benefit)", t.benefit),
        ("Пени (penalty)", t.penalty), ("Оплаты (payments)", t.payments), ("К оплате (total_due)", t.totalDue)]
    for (label, amount) in rows {
        out.lit("<tr><td>"); out.lit(label); out.lit("</td><td class=\"n\">"); out.rublesPrinted(amount)
        out.lit("</td></tr>\n")
    }
    out.lit("</table>\n")
    if !t.addsUp { out.lit("<p class=\"fail\">Итоги не сходятся: сальдо + начисления − оплаты ≠ к оплате</p>\n") }
}

private func writeMethods(_ methods: [MethodCount], into out: inout [UInt8]) {
    out.lit("<h2>Объём по способу определения</h2>\n<table class=\"narrow\">\n<tr><th>Способ</th>")
    out.lit("<th class=\"n\">Счетов</th><th class=\"n\">кВт·ч</th><th class=\"n\">Доля</th></tr>\n")
    let permilles = largestRemainderParts(methods.map(\.volumeKwh), total: 1000)
    for (m, permille) in zip(methods, permilles) {
        out.lit("<tr><td>"); out.text(RussianWords.method(m.method)); out.lit(" <span class=\"muted\">(")
        out.text(m.method); out.lit(")</span></td><td class=\"n\">"); out.groupedInt(Int64(m.accounts))
        out.lit("</td><td class=\"n\">"); out.groupedInt(m.volumeKwh); out.lit("</td><td class=\"n\">")
        out.int(permille / 10); out.lit(","); out.int(permille % 10); out.lit("&nbsp;%</td></tr>\n")
    }
    out.lit("</table>\n")
    out.raw(methodChartSVG(methods))
}

/// Horizontal bars of kWh by method, integer coordinates only.
func methodChartSVG(_ methods: [MethodCount]) -> String {
    let rowH = 26, labelW = 120, barMax = 420, width = 640
    let height = max(1, methods.count) * rowH + 8
    let maxKwh = max(1, methods.map { $0.volumeKwh }.max() ?? 1)
    var out: [UInt8] = []
    out.lit("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\""); out.int(width)
    out.lit("\" height=\""); out.int(height); out.lit("\" viewBox=\"0 0 "); out.int(width); out.lit(" ")
    out.int(height); out.lit("\" font-family=\"sans-serif\" font-size=\"12\">\n")
    for (i, m) in methods.enumerated() {
        let y = 4 + i * rowH
        let len = Int(max(0, m.volumeKwh) * Int64(barMax) / maxKwh)
        out.lit("<text x=\"0\" y=\""); out.int(y + 17); out.lit("\">"); out.lit(chartLabel(m.method)); out.lit("</text>")
        out.lit("<rect x=\""); out.int(labelW); out.lit("\" y=\""); out.int(y + 3); out.lit("\" width=\"")
        out.int(len); out.lit("\" height=\""); out.int(rowH - 8); out.lit("\" fill=\"")
        out.lit(methodColor(m.method)); out.lit("\"/>")
        out.lit("<text x=\""); out.int(labelW + len + 6); out.lit("\" y=\""); out.int(y + 17); out.lit("\">")
        out.groupedInt(m.volumeKwh); out.lit(" кВт·ч</text>\n")
    }
    out.lit("</svg>\n")
    return String(decoding: out, as: UTF8.self)
}

private func methodColor(_ m: String) -> StaticString {
    switch m {
    case "actual": return "#3b7dd8"
    case "control": return "#2e9e5b"
    case "average": return "#e0a030"
    case "norm": return "#d0503c"
    default: return "#888888"
    }
}

private func writeRejected(_ r: CloseReportData, into out: inout [UInt8]) {
    out.lit("<h2>Отклонённые показания</h2>\n<table class=\"narrow\">\n<tr><th>Причина</th><th class=\"n\">Кол-во</th></tr>\n")
    for rc in r.rejectedByReason {
        out.lit("<tr><td>"); out.text(rc.reason); out.lit("</td><td class=\"n\">"); out.groupedInt(Int64(rc.count))
        out.lit("</td></tr>\n")
    }
    out.lit("</table>\n")
    guard !r.rejected.isEmpty else { return }
    out.lit("<table>\n<tr><th>Лицевой счёт</th><th>Счётчик</th><th>Получено</th><th>Причина</th></tr>\n")
    for row in r.rejected.prefix(closeReportRejectedRowLimit) {
        out.lit("<tr><td>"); out.text(row.accountId); out.lit("</td><td>"); out.text(row.meterId)
        out.lit("</td><td class=\"z\">"); out.raw(row.receivedAt.description); out.lit("</td><td>"); out.text(row.reason)
        out.lit("</td></tr>\n")
    }
    out.lit("</table>\n")
    if r.rejected.count > closeReportRejectedRowLimit {
        out.lit("<p class=\"muted\">… и ещё "); out.groupedInt(Int64(r.rejected.count - closeReportRejectedRowLimit))
        out.lit(" (полный список — в summary.json)</p>\n")
    }
}

private func writeDebtors(_ debtors: [Debtor], into out: inout [UInt8]) {
    out.lit("<h2>Крупнейшие должники</h2>\n<table class=\"narrow\">\n<tr><th>Лицевой счёт</th><th>Владелец</th>")
    out.lit("<th class=\"n\">К оплате, ₽</th></tr>\n")
    for d in debtors {
        out.lit("<tr><td>"); out.text(d.accountId); out.lit("</td><td>"); out.text(d.holder)
        out.lit("</td><td class=\"n\">"); out.rublesPrinted(d.totalDue); out.lit("</td></tr>\n")
    }
    out.lit("</table>\n")
}

private func writeHashes(_ title: StaticString, _ hashes: [NamedHash], into out: inout [UInt8]) {
    out.lit("<h2>"); out.lit(title); out.lit(" (SHA-256)</h2>\n<table>\n")
    for h in hashes {
        out.lit("<tr><td>"); out.text(h.name); out.lit("</td><td class=\"hash\">"); out.text(h.sha256)
        out.lit("</td></tr>\n")
    }
    out.lit("</table>\n")
}

let closeReportCSS: StaticString = """
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;font-size:10pt;color:#111;margin:12mm;max-width:190mm}
h1{font-size:15pt;margin:0 0 2mm}
h2{font-size:11pt;margin:6mm 0 2mm;border-bottom:.5pt solid #999}
table{border-collapse:collapse;width:100%}
table.narrow{width:auto;min-width:110mm}
th,td{border:.5pt solid #aaa;padding:1mm 2mm;text-align:left;vertical-align:top}
th{background:#eee}
.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.z{white-space:nowrap}
.muted{color:#666}
.ok{color:#1d7a3a;font-weight:bold;font-size:12pt}
.fail{color:#b3261e;font-weight:bold}
.hash{font-family:"DejaVu Sans Mono",monospace;font-size:8pt;word-break:break-all}
svg.chart{display:block;margin-top:3mm;max-width:100%;height:auto}
"""

/// A method's short name for the chart's labels (the table beside it gives the code).
private func chartLabel(_ m: String) -> StaticString {
    switch m {
    case "actual": return "показания"
    case "control": return "контрольные"
    case "average": return "по среднему"
    case "norm": return "по нормативу"
    default: return "прочее"
    }
}
