import BillingCore

/// One debt of a notice or a claim: the period it was charged for (nil: the opening
/// balance), what was charged, its due date, what of it is paid and what is still unpaid.
public struct DebtLine: Sendable, Hashable {
    public var period: Period?
    public var charged: Kopecks
    public var dueDate: CivilDate
    public var paid: Kopecks
    public var unpaid: Kopecks
    public init(period: Period?, charged: Kopecks, dueDate: CivilDate, paid: Kopecks, unpaid: Kopecks) {
        self.period = period; self.charged = charged; self.dueDate = dueDate; self.paid = paid; self.unpaid = unpaid
    }

    /// Days past the due date on `date` while something is unpaid; nil otherwise.
    public func daysOverdue(on date: CivilDate) -> Int? {
        unpaid.value > 0 && dueDate < date ? dueDate.days(until: date) : nil
    }
}

/// The warning of ПП354 п.117–119 for one household: its overdue energy debt by
/// period, the threshold it exceeds (norm volume × price × months), the deadline.
public struct NoticeData: Sendable {
    public var date: CivilDate
    public var deadline: CivilDate
    public var noticeDays: Int
    public var supplier: Supplier
    public var account: Account
    public var debts: [DebtLine]
    public var total: Kopecks
    public var normKwh: Int64
    public var price: PricePer10000
    public var months: Int
    public var threshold: Kopecks
    /// Set when DATE lies after the last closed period: the figures after it are not billed yet.
    public var lastClosed: Period?
    public init(date: CivilDate, deadline: CivilDate, noticeDays: Int, supplier: Supplier, account: Account,
                debts: [DebtLine], total: Kopecks, normKwh: Int64, price: PricePer10000, months: Int,
                threshold: Kopecks, lastClosed: Period?) {
        self.date = date; self.deadline = deadline; self.noticeDays = noticeDays; self.supplier = supplier
        self.account = account; self.debts = debts; self.total = total; self.normKwh = normKwh; self.price = price
        self.months = months; self.threshold = threshold; self.lastClosed = lastClosed
    }

    public var number: String { account.id + "/" + date.iso.split(separator: "-").joined() }
}

/// The GOST R 56042 payload of a notice: the debt itself, to pay by the deadline.
public func noticeQRPayload(_ n: NoticeData) -> PaymentQRPayload {
    let s = n.supplier
    var q = PaymentQRPayload(name: s.name, personalAcc: s.account, bankName: s.bank, bic: s.bic, correspAcc: s.corrAccount)
    q.payeeINN = s.inn
    q.kpp = s.kpp
    q.sum = n.total
    q.purpose = "Погашение задолженности за электроэнергию, л/с " + n.account.id
    q.lastName = n.account.holder
    q.payerAddress = n.account.address
    q.persAcc = n.account.id
    q.paymTerm = n.deadline
    q.quittId = n.number
    q.quittDate = n.date
    return q
}

/// The notice as a one-page A4 HTML document (Russian), every field escaped.
public func renderNoticeHTML(_ n: NoticeData, qrSVG: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(16 << 10)
    out.lit("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<title>Предупреждение № ")
    out.text(n.number)
    out.lit("</title>\n<style>\n"); out.lit(actCSS); out.lit("\n"); out.lit(debtPaperCSS)
    out.lit("\n</style>\n</head>\n<body>\n<div class=\"page\">\n")
    writeDebtPaperHead(n.supplier, n.account, into: &out)
    out.lit("<h1>Предупреждение (уведомление) № "); out.text(n.number); out.lit(" от "); out.dateRu(n.date)
    out.raw("</h1>\n<p class=\"per\">о наличии задолженности за электрическую энергию и о возможном ограничении, "
            + "а затем приостановлении её подачи (пп. 117–119 Правил, утв. ПП РФ от 06.05.2011 № 354)</p>\n")
    if let last = n.lastClosed { writePastLastCloseNote(last, into: &out) }
    out.lit("<p>По состоянию на "); out.dateRu(n.date); out.lit(" по лицевому счёту № <b>"); out.text(n.account.id)
    out.lit("</b> не оплачена в срок электрическая энергия на сумму <b>"); out.rublesPrinted(n.total)
    out.lit("&nbsp;руб.</b> ("); out.text(capitalisedFirst(rublesInWords(n.total)))
    out.lit("). Задолженность превышает сумму "); out.int(n.months)
    out.lit(n.months == 1 ? " месячного размера" : " месячных размеров")
    out.lit(" платы, исчисленных исходя из норматива потребления: "); out.groupedInt(n.normKwh)
    out.lit("&nbsp;кВт·ч × "); out.pricePrinted(n.price); out.lit("&nbsp;руб./кВт·ч × "); out.int(n.months)
    out.lit(" = "); out.rublesPrinted(n.threshold); out.lit("&nbsp;руб. (п. 118). Пени в сумму не включены.</p>\n")
    writeDebtLines(n.debts, total: n.total, on: n.date, into: &out)
    out.lit("<p class=\"warn\">Предлагаем погасить задолженность в течение "); out.int(n.noticeDays)
    out.lit(" дней, <b>не позднее "); out.dateRu(n.deadline); out.lit("</b>.</p>\n")
    out.raw("<p>Если задолженность не будет погашена в этот срок, подача электрической энергии будет <b>ограничена</b>, "
            + "а при отсутствии технической возможности ограничения — <b>приостановлена</b> без предварительного "
            + "ограничения (подп. «а», «б» п. 119). Если задолженность не будет погашена в течение 10 дней со дня "
            + "введения ограничения, подача электрической энергии будет приостановлена (подп. «в» п. 119). "
            + "Расходы исполнителя на введение ограничения, приостановление и возобновление подачи возмещает "
            + "потребитель (п. 121(1)). Подача возобновляется в течение 2 календарных дней со дня полного "
            + "погашения задолженности (п. 120). Задолженность и пени могут быть взысканы в судебном порядке.</p>\n")
    out.raw("<p class=\"muted\">Если задолженность уже погашена, просим не принимать предупреждение во внимание "
            + "и сообщить нам об оплате.</p>\n")
    writePayBox(n.supplier, amount: n.total, purpose: "Погашение задолженности за электроэнергию, л/с " + n.account.id,
                due: n.deadline, qrSVG: qrSVG, into: &out)
    out.lit("<div class=\"signs\"><div><div class=\"who\">"); out.text(n.supplier.name)
    out.raw("</div><div class=\"line\">_________________ / _________________ /</div>"
            + "<div class=\"hint\">подпись / расшифровка</div></div>"
            + "<div><div class=\"who\">Предупреждение получил(а)</div><div class=\"line\">«___» __________ 20__ г. "
            + "_________________</div><div class=\"hint\">дата / подпись</div></div></div>\n")
    out.lit("</div>\n</body>\n</html>\n")
    return out
}

/// The supplier's letterhead and the addressee: shared by notices and claim papers.
func writeDebtPaperHead(_ s: Supplier, _ a: Account, into out: inout [UInt8]) {
    out.lit("<div class=\"head\"><div><b>"); out.text(s.name); out.lit("</b><br>ИНН "); out.text(s.inn)
    out.lit(", КПП "); out.text(s.kpp)
    if !s.address.isEmpty { out.lit("<br>"); out.text(s.address) }
    if !s.phone.isEmpty || !s.email.isEmpty {
        out.lit("<br>")
        if !s.phone.isEmpty { out.lit("тел. "); out.text(s.phone) }
        if !s.phone.isEmpty && !s.email.isEmpty { out.lit(", ") }
        if !s.email.isEmpty { out.lit("эл. почта "); out.text(s.email) }
    }
    if s.isSample { out.lit("<br><span class=\"sample\">Образец реквизитов</span>") }
    out.lit("</div><div class=\"to\"><b>"); out.text(a.holder); out.lit("</b><br>"); out.text(a.address)
    out.lit("<br>Лицевой счёт № "); out.text(a.id); out.lit("</div></div>\n")
}

func writePastLastCloseNote(_ last: Period, into out: inout [UInt8]) {
    out.lit("<p class=\"sample\">Последний закрытый расчётный период — "); out.raw(RussianWords.period(last))
    out.lit(": начисления после него ещё не выставлены и в расчёт не вошли.</p>\n")
}

/// The overdue debts by period with their total.
func writeDebtLines(_ debts: [DebtLine], total: Kopecks, on date: CivilDate, into out: inout [UInt8]) {
    out.raw("<table class=\"rows\">\n<tr><th>Период</th><th class=\"n\">Начислено, руб.</th><th>Срок оплаты</th>"
            + "<th class=\"n\">Дней просрочки</th><th class=\"n\">Не оплачено, руб.</th></tr>\n")
    for d in debts {
        out.lit("<tr><td>"); out.raw(d.period.map(RussianWords.period) ?? "долг на начало расчётов")
        out.lit("</td><td class=\"n\">"); out.rublesPrinted(d.charged); out.lit("</td><td>"); out.dateRu(d.dueDate)
        out.lit("</td><td class=\"n\">"); if let days = d.daysOverdue(on: date) { out.int(days) }; out.lit("</td><td class=\"n\">")
        out.rublesPrinted(d.unpaid); out.lit("</td></tr>\n")
    }
    out.lit("<tr class=\"sum\"><td colspan=\"4\">Итого задолженность</td><td class=\"n\">"); out.rublesPrinted(total)
    out.lit("</td></tr>\n</table>\n")
}

/// Requisites, the amount and the QR to pay it with.
func writePayBox(_ s: Supplier, amount: Kopecks, purpose: String, due: CivilDate, qrSVG: String, into out: inout [UInt8]) {
    out.lit("<div class=\"paybox\"><div class=\"qr\">"); out.raw(qrSVG)
    out.lit("</div><div><div class=\"due\">К оплате "); out.rublesPrinted(amount); out.lit("&nbsp;руб. до ")
    out.dateRu(due); out.lit("</div>Получатель: "); out.text(s.name); out.lit(", ИНН "); out.text(s.inn)
    out.lit(", КПП "); out.text(s.kpp); out.lit("<br>р/с "); out.text(s.account); out.lit(" в "); out.text(s.bank)
    out.lit(", БИК "); out.text(s.bic); out.lit(", к/с "); out.text(s.corrAccount)
    out.lit("<br>Назначение платежа: "); out.text(purpose)
    out.lit("<div class=\"hint\">Отсканируйте QR-код в приложении банка: реквизиты и сумма заполнятся сами.</div></div></div>\n")
}

/// Added to the act's stylesheet: a notice with a year of debts still prints on one A4 page.
let debtPaperCSS: StaticString = """
body{font-size:8.5pt}
p{margin:2mm 0}
.line{margin-top:7mm}
.who{min-height:0}
.head{margin-bottom:3mm}
.rows td,.rows th{padding:.4mm 1.5mm}
.head{display:flex;justify-content:space-between;gap:10mm;border-bottom:1pt solid #111;padding-bottom:2mm;margin-bottom:4mm}
.head .to{text-align:right;max-width:80mm}
.warn{font-size:10.5pt;border:1pt solid #111;padding:1.5mm 2mm}
.muted{color:#555}
.paybox{display:flex;gap:4mm;align-items:center;border:1pt solid #111;padding:2mm;margin:3mm 0 4mm;break-inside:avoid}
.paybox .due{font-size:11pt;font-weight:bold;margin-bottom:1mm}
.qr svg{width:27mm;height:27mm;display:block}
"""
