import BillingCore
import BillingInput
import BillingRender
import BillingStore

/// Writes the invoices (УПД) the close of P numbered, from the store, under
/// OUT/<P>/invoices/: per legal account `<account>.html` (the printed form) and the
/// ФНС 5.03 file `ON_NSCHFDOPPR_<receiver>_<sender>_<YYYYMMDD>_<UUID>_0_0_0_0_0_00.xml`
/// in windows-1251, the advance invoice for the next month `<account>-advance.html` (ПП442
/// п.82, with a QR code), and `index.csv` (account_id,number,date,html,xml,net,vat,total).
/// Ids are the buyer's EDO id where given, else INN_KPP; the UUID comes from the
/// supplier, account and period, so a re-run writes the same bytes. Returns the
/// invoices written and a digest over the files' names and bytes.
func writeInvoices(_ db: Database, rules: StoredRules, period: Period, files: OutputFiles) throws -> (Int, String) {
    let numbers = try db.invoiceNumbers(period: period)
    guard !numbers.isEmpty else { return (0, "") }
    let lines = try db.lines(period: period, vatOnly: true, documentLine)
    let buyers = try db.invoicedAccounts(period: period)
    try files.makeDirectory(period.description, "invoices")
    var digest = SHA256()
    var index = ByteWriter()
    index.append(InvoiceIndexCSV.header)
    var written = 0
    while let buyer = try buyers.next() {
        guard let region = rules.regions[buyer.region], let number = numbers[buyer.id] else {
            throw BillingError(.failed, "л/с \(buyer.id): для региона \(buyer.region) не загружены тарифы")
        }
        let stored = try lines.rows(for: buyer.id)
        let inv = invoiceData(number: number, period: period, supplier: region.supplier, buyer: buyer,
                              lines: invoiceLines(stored))
        let html = renderInvoiceHTML(inv)
        let xml = CP1251.encode(renderInvoiceXML(inv)) { Array("&#\($0.value);".utf8) }
        let htmlName = buyer.id + ".html", xmlName = inv.fileId + ".xml"
        guard OutputFiles.isSafePart(htmlName), OutputFiles.isSafePart(xmlName) else {
            throw BillingError(.badInput, "л/с \(buyer.id): номер счёта или идентификатор ЭДО не годится для имени файла")
        }
        let advance = try renderAdvance(advanceData(period: period, region: region, buyer: buyer, lines: stored))
        for (name, bytes) in [(htmlName, html), (xmlName, xml), (buyer.id + "-advance.html", advance)] {
            try OutputFiles.write(bytes, to: files.path(period.description, "invoices", name))
            digest.update(Array(name.utf8)); digest.update(bytes)
        }
        InvoiceIndexCSV.append(.init(accountId: buyer.id, number: number, date: inv.date, html: htmlName, xml: xmlName,
                                     net: inv.netTotal, vat: inv.vatTotal, total: inv.total), to: &index)
        written += 1
    }
    try OutputFiles.write(index.bytes, to: files.path(period.description, "invoices", "index.csv"))
    digest.update(Array("index.csv".utf8)); digest.update(index.bytes)
    return (written, digest.finalizeHex())
}

/// The invoice of one account: its date (P's last day), the participants' ids and
/// the deterministic file id.
func invoiceData(number: Int64, period: Period, supplier: Supplier, buyer: Account, lines: [InvoiceLine]) -> InvoiceData {
    let date = period.lastDay
    let sender = supplier.inn + "_" + supplier.kpp
    let receiver = buyer.edoId.isEmpty ? buyer.inn + "_" + buyer.kpp : buyer.edoId
    let compact = date.iso.split(separator: "-").joined()
    let uuid = invoiceUUID(supplierINN: supplier.inn, accountId: buyer.id, period: period)
    let fileId = "ON_NSCHFDOPPR_" + receiver + "_" + sender + "_" + compact + "_" + uuid + "_0_0_0_0_0_00"
    return InvoiceData(number: number, date: date, period: period, supplier: supplier, buyer: buyer, lines: lines,
                       fileId: fileId, senderId: sender, receiverId: receiver, program: "energobill")
}

/// A UUID (RFC 9562 version 8, name-based on SHA-256) of supplier, account and period:
/// the first 32 hex digits of the hash with the version digit set to 8 and the variant
/// digit to 8…b, grouped 8-4-4-4-12.
func invoiceUUID(supplierINN: String, accountId: String, period: Period) -> String {
    let hex = Array(SHA256.hash(Array("energobill invoice|\(supplierINN)|\(accountId)|\(period)".utf8)).utf8.prefix(32))
    let digits = Array("0123456789abcdef".utf8)
    var d = hex
    d[12] = UInt8(ascii: "8")
    let v = digits.firstIndex(of: hex[16]) ?? 0
    d[16] = digits[8 | (v & 3)]
    let text = String(decoding: d, as: UTF8.self)
    var out = ""
    for (k, ch) in text.enumerated() {
        if [8, 12, 16, 20].contains(k) { out += "-" }
        out.append(ch)
    }
    return out
}

/// The advance invoice of P+1 for a legal account: P's volume per meter and zone (the
/// energy lines of P) priced at P+1's tariff with VAT, and the region's advances on it.
func advanceData(period: Period, region: RegionRules, buyer: Account, lines: [DocumentLine]) -> AdvanceInvoiceData {
    let month = period.next
    var byMeter: [(key: String, norm: Bool, zones: [Int64])] = []
    var volume: Int64 = 0
    for l in lines where l.kind == .energy {
        let norm = l.method == "norm"
        let key = l.meterId + (norm ? "#norm" : "")
        let z = l.zone == "T3" ? 2 : l.zone == "T2" ? 1 : 0
        if byMeter.last?.key != key { byMeter.append((key, norm, [])) }
        while byMeter[byMeter.count - 1].zones.count <= z { byMeter[byMeter.count - 1].zones.append(0) }
        byMeter[byMeter.count - 1].zones[z] += l.volumeKwh
        volume += l.volumeKwh
    }
    let basis = byMeter.map { BasisVolume(zoneVolumes: $0.norm ? [$0.zones.reduce(0, +)] : $0.zones, norm: $0.norm) }
    let cost = region.expectedCost(category: buyer.category, month: month, volumes: basis)
    return AdvanceInvoiceData(number: "А-" + buyer.id + "-" + month.description, date: period.lastDay, month: month,
                              basis: period, supplier: region.supplier, buyer: buyer, basisVolumeKwh: volume,
                              expectedCost: cost, advances: region.advances(month: month, cost: cost),
                              finalDueDate: region.dueDate(for: month, kind: .legal))
}

private func renderAdvance(_ a: AdvanceInvoiceData) throws -> [UInt8] {
    let svg: String
    do { svg = try QRCode(text: advanceQRPayload(a).text).svg() }
    catch { throw BillingError(.failed, "не удалось построить QR-код счёта на аванс \(a.number): \(error)") }
    return renderAdvanceInvoiceHTML(a, qrSVG: svg)
}
