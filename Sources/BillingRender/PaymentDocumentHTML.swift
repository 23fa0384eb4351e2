import BillingCore

// The payment document (ПП354 п.69) as one self-contained A4 HTML page.
// A single document and a print-shop bundle share the same pieces:
//   documentPageHead(title:) + renderDocumentBody(…) × N + documentPageTail.

/// Appends one complete HTML file for a document: head, the page, tail.
/// `qrSVG` is the inline SVG of the payment QR code (see `documentQRSVG`).
public func renderDocumentHTML(_ d: DocumentData, qrSVG: String, into out: inout [UInt8]) {
    out.raw(documentPageHead(title: documentTitle(d)))
    renderDocumentBody(d, qrSVG: qrSVG, into: &out)
    out.raw(documentPageTail)
}

/// Appends one HTML file holding several documents, one per printed page
/// (`break-after: page` between them), with a single head and stylesheet.
public func renderBundleHTML(_ documents: [(data: DocumentData, qrSVG: String)], title: String,
                             into out: inout [UInt8]) {
    out.raw(documentPageHead(title: title))
    for doc in documents {
        renderDocumentBody(doc.data, qrSVG: doc.qrSVG, into: &out)
    }
    out.raw(documentPageTail)
}

/// `<!DOCTYPE html>` through `<body>`, with the inline stylesheet. The title is escaped.
public func documentPageHead(title: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    out.lit("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
    out.text(title)
    out.lit("</title>\n<style>\n")
    out.lit(documentCSS)
    out.lit("\n</style>\n</head>\n<body>\n")
    return String(decoding: out, as: UTF8.self)
}

/// Closes what `documentPageHead` opened.
public let documentPageTail = "</body>\n</html>\n"

/// "Платёжный документ 100234 за октябрь 2026".
public func documentTitle(_ d: DocumentData) -> String {
    "Платёжный документ " + d.account.id + " за " + RussianWords.period(d.period)
}

/// Appends the page of one document (`<div class="page">…</div>`), chart included.
public func renderDocumentBody(_ d: DocumentData, qrSVG: String, into out: inout [UInt8]) {
    renderDocumentBody(d, qrSVG: qrSVG, chartSVG: documentChartSVG(d), into: &out)
}

/// The same with the chart passed in, so golden tests do not depend on the chart's drawing.
func renderDocumentBody(_ d: DocumentData, qrSVG: String, chartSVG: String, into out: inout [UInt8]) {
    assert(d.totalDue == d.balanceIn + d.charge + d.recalculation + d.benefit + d.penalty - d.paymentsTotal,
           "document totals do not add up")
    out.lit("<div class=\"page\">\n")
    writeDocumentHeader(d, into: &out)
    writeParties(d, into: &out)
    writeMeters(d, into: &out)
    writeLines(d, into: &out)
    out.lit("<div class=\"cols\">\n")
    writeSettlement(d, into: &out)
    writePayBox(d, qrSVG: qrSVG, into: &out)
    out.lit("</div>\n")
    out.lit("<section class=\"chart\"><h2>Потребление за 12 месяцев, кВт·ч</h2>\n")
    out.raw(chartSVG)
    out.lit("\n</section>\n")
    writeFooter(d, into: &out)
    out.lit("</div>\n")
}

/// The 12-month consumption chart of a document, estimated months marked.
public func documentChartSVG(_ d: DocumentData) -> String {
    var bars: [(label: String, kwh: Int64, estimated: Bool)] = []
    bars.reserveCapacity(d.history.count)
    for h in d.history.suffix(12) {
        bars.append((label: RussianWords.shortPeriod(h.period), kwh: h.volumeKwh,
                     estimated: RussianWords.isEstimate(h.method)))
    }
    return consumptionChartSVG(bars: bars, width: 700, height: 100)
}

/// The payment QR code of a document as inline SVG (GOST R 56042 payload).
public func documentQRSVG(_ d: DocumentData) throws -> String {
    try QRCode(text: documentQRPayload(d).text).svg()
}
