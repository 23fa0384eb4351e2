import BillingCore

/// Appends the payment document as JSON (SPEC "Output files"): the same content
/// as the HTML page, keys in a fixed order, money as strings "1234.56", prices as
/// "4.8500", dates ISO "2026-11-15", periods "2026-10", volumes as integers (kWh).
/// `qrPayload` is the GOST R 56042 text (`documentQRPayload(d).text`).
public func renderDocumentJSON(_ d: DocumentData, qrPayload: String, into out: inout [UInt8]) {
    var w = JSONWriter(bytes: [])
    swap(&w.bytes, &out)
    w.beginObject()
    w.field("account_id", d.account.id)
    w.key("period"); w.period(d.period)
    writePayerJSON(d.account, &w)
    writeSupplierJSON(d.supplier, &w)
    w.field("region", d.regionTitle)
    w.field("method", d.method)
    w.field("volume_kwh", int: d.volumeKwh)
    w.key("lines"); w.beginArray()
    for line in d.lines { writeLineJSON(line, &w) }
    w.endArray()
    w.key("readings"); w.beginArray()
    for m in d.meters { writeReadingJSON(m, &w) }
    w.endArray()
    w.field("balance_in", money: d.balanceIn)
    w.key("payments"); w.beginObject()
    w.key("items"); w.beginArray()
    for p in d.payments {
        w.beginObject()
        w.field("payment_id", p.paymentId)
        w.key("paid_on"); w.date(p.paidOn)
        w.field("amount", money: p.amount)
        w.field("channel", p.channel)
        w.endObject()
    }
    w.endArray()
    w.field("total", money: d.paymentsTotal)
    w.endObject()
    w.field("charge", money: d.charge)
    w.field("recalculation", money: d.recalculation)
    w.field("benefit", money: d.benefit)
    w.field("penalty", money: d.penalty)
    w.field("penalty_total", money: d.penaltyTotal)
    w.field("total_due", money: d.totalDue)
    w.key("due_date"); w.date(d.dueDate)
    w.field("qr", qrPayload)
    writeHistoryJSON(d.history, &w)
    w.endObject()
    w.bytes.append(0x0A)
    swap(&w.bytes, &out)
}

private func writePayerJSON(_ a: Account, _ w: inout JSONWriter) {
    w.key("payer"); w.beginObject()
    w.field("holder", a.holder)
    w.field("kind", a.kind.rawValue)
    w.field("inn", a.inn)
    w.field("kpp", a.kpp)
    w.field("address", a.address)
    w.field("region", a.region)
    w.field("category", a.category)
    w.key("residents"); w.int(a.residents)
    var area: [UInt8] = []
    area.uint(UInt64(max(0, a.areaCentiM2) / 100)); area.append(0x2E); area.pad2(Int(max(0, a.areaCentiM2) % 100))
    w.field("area_m2", String(decoding: area, as: UTF8.self))
    w.endObject()
}

private func writeSupplierJSON(_ s: Supplier, _ w: inout JSONWriter) {
    w.key("supplier"); w.beginObject()
    w.field("name", s.name)
    w.field("inn", s.inn)
    w.field("kpp", s.kpp)
    w.field("account", s.account)
    w.field("bank", s.bank)
    w.field("bic", s.bic)
    w.field("corr_account", s.corrAccount)
    w.key("sample"); w.bool(s.isSample)
    w.endObject()
}

private func writeLineJSON(_ line: DocumentLine, _ w: inout JSONWriter) {
    w.beginObject()
    w.field("kind", line.kind.rawValue)
    w.field("zone", line.zone)
    w.key("tier"); w.int(line.tier)
    w.field("method", line.method)
    w.field("volume_kwh", int: line.volumeKwh)
    w.key("price"); w.price(line.price)
    w.field("amount", money: line.amount)
    if let v = line.vat {
        w.field("net", money: v.net)
        w.key("vat_rate"); w.percent(v.ratePercentCenti)
        w.field("vat", money: v.vat)
    }
    w.field("ground", line.ground)
    w.field("ref_period", line.refPeriod)
    w.field("meter_id", line.meterId)
    w.endObject()
}

private func writeReadingJSON(_ m: DocumentMeter, _ w: inout JSONWriter) {
    w.beginObject()
    w.field("meter_id", m.meterId)
    w.key("zones"); w.int(m.zones)
    w.field("ratio", int: m.ratio)
    w.field("method", m.method)
    w.key("previous"); intArray(m.previous, &w)
    w.key("current")
    if let cur = m.current { intArray(cur, &w) } else { w.null() }
    w.key("volumes"); intArray(m.volumes, &w)
    w.field("source", m.readingSource)
    w.key("taken_on"); w.date(m.readingTakenOn)
    w.key("next_verification_on"); w.date(m.nextVerificationOn)
    w.endObject()
}

private func intArray(_ values: [Int64], _ w: inout JSONWriter) {
    w.beginArray(inline: true)
    for v in values { w.int(v) }
    w.endArray()
}

private func writeHistoryJSON(_ history: [HistoryBar], _ w: inout JSONWriter) {
    w.key("history"); w.beginArray()
    for h in history {
        w.beginObject(inline: true)
        w.key("period"); w.period(h.period)
        w.field("volume_kwh", int: h.volumeKwh)
        w.field("method", h.method)
        w.endObject()
    }
    w.endArray()
}
