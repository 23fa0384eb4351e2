import BillingCore

/// One invoice (УПД, status 1: счёт-фактура and transfer document in one) of a legal
/// entity for a closed period, as both the printed page and the ФНС 5.03 file show
/// it. Loaded by the pipeline from the stored close; nothing here is computed again
/// but the totals, which are sums of the stored lines.
public struct InvoiceData: Sendable {
    /// Gap-free per supplier and year (the close gives it).
    public var number: Int64
    /// The last day of the period: the day the energy of the month is delivered.
    public var date: CivilDate
    public var period: Period
    public var supplier: Supplier
    public var buyer: Account
    public var lines: [InvoiceLine]
    /// The ФНС file name without `.xml` (`ИдФайл`), and the participants' ids in it.
    public var fileId: String
    public var senderId: String
    public var receiverId: String
    /// `ВерсПрог`: the program that formed the file.
    public var program: String

    public init(number: Int64, date: CivilDate, period: Period, supplier: Supplier, buyer: Account,
                lines: [InvoiceLine], fileId: String, senderId: String, receiverId: String, program: String) {
        self.number = number; self.date = date; self.period = period; self.supplier = supplier; self.buyer = buyer
        self.lines = lines; self.fileId = fileId; self.senderId = senderId; self.receiverId = receiverId
        self.program = program
    }

    public var netTotal: Kopecks { lines.reduce(.zero) { $0 + $1.vat.net } }
    public var vatTotal: Kopecks { lines.reduce(.zero) { $0 + $1.vat.vat } }
    public var total: Kopecks { lines.reduce(.zero) { $0 + $1.amount } }
}

/// One row of the invoice table: energy of a zone or tier (with quantity and price
/// without VAT) or a recalculation of an earlier period (cost only).
public struct InvoiceLine: Sendable {
    public var title: String
    public var volumeKwh: Int64?
    public var price: PricePer10000?
    public var vat: VATPart
    public var amount: Kopecks { vat.gross }
    public init(title: String, volumeKwh: Int64?, price: PricePer10000?, vat: VATPart) {
        self.title = title; self.volumeKwh = volumeKwh; self.price = price; self.vat = vat
    }
}

/// The invoice rows of a period's document lines: every line that carries VAT (energy
/// and recalculations; benefits and penalties are not sales), in stored order.
public func invoiceLines(_ lines: [DocumentLine]) -> [InvoiceLine] {
    let tiered = lines.contains { $0.tier > 1 }
    var zonesOf: [String: Int] = [:]
    for l in lines where l.kind == .energy {
        let z = l.zone == "T3" ? 3 : l.zone == "T2" ? 2 : 1
        zonesOf[l.meterId] = max(zonesOf[l.meterId] ?? 1, z)
    }
    var out: [InvoiceLine] = []
    for l in lines {
        guard let v = l.vat, v.net != .zero else { continue }
        if l.kind == .energy {
            var title = "Электрическая энергия"
            let zones = zonesOf[l.meterId] ?? 1
            if !l.zone.isEmpty && zones > 1 { title += ", " + RussianWords.zone(l.zone, zones: zones) }
            if tiered && l.tier > 0 { title += ", ступень " + String(l.tier) }
            if !l.meterId.isEmpty { title += " (ПУ № " + l.meterId + ")" }
            out.append(InvoiceLine(title: title, volumeKwh: l.volumeKwh, price: l.price, vat: v))
        } else {
            var title = "Электрическая энергия: перерасчёт"
            if let p = Period(l.refPeriod) { title += " за " + RussianWords.period(p) }
            out.append(InvoiceLine(title: title, volumeKwh: nil, price: nil, vat: v))
        }
    }
    return out
}
