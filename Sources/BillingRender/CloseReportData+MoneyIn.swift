import BillingCore

/// Money in as of a close (only where banks send files): everything received is either
/// on an account or held as unmatched, so no money is invisible.
public struct MoneyInReport: Sendable, Hashable {
    public var asOf: CivilDate
    /// Every distinct payment dated up to `asOf`: on accounts and unmatched.
    public var received: Kopecks
    public var onAccounts: Kopecks
    public var bookedInPeriod: Kopecks
    public var unmatched: Kopecks
    public var unmatchedCount: Int
    public var registries: Int
    public var commission: Kopecks
    public var registriesWithoutTransfer: Int
    public init(asOf: CivilDate, received: Kopecks, onAccounts: Kopecks, bookedInPeriod: Kopecks, unmatched: Kopecks,
                unmatchedCount: Int, registries: Int, commission: Kopecks, registriesWithoutTransfer: Int) {
        self.asOf = asOf; self.received = received; self.onAccounts = onAccounts; self.bookedInPeriod = bookedInPeriod
        self.unmatched = unmatched; self.unmatchedCount = unmatchedCount; self.registries = registries
        self.commission = commission; self.registriesWithoutTransfer = registriesWithoutTransfer
    }
    public var holds: Bool { received == onAccounts + unmatched }
}

extension CloseReportData {
    /// The section of the report; empty when no bank files were ever imported.
    public static func moneyInHTML(_ m: MoneyInReport?) -> [UInt8] {
        guard let m else { return [] }
        var out: [UInt8] = []
        out.lit("<h2>Поступления от банков на "); out.text(m.asOf.russian); out.lit(", ₽</h2>\n<table class=\"narrow\">\n")
        let rows: [(String, Kopecks)] = [("Получено всего", m.received), ("На лицевых счетах", m.onAccounts),
                                         ("Невыясненные (\(m.unmatchedCount))", m.unmatched), ("Учтено этим закрытием", m.bookedInPeriod),
                                         ("Комиссия банков по реестрам (\(m.registries))", m.commission)]
        for (label, amount) in rows {
            out.lit("<tr><td>"); out.text(label); out.lit("</td><td class=\"n\">"); out.rublesPrinted(amount); out.lit("</td></tr>\n")
        }
        out.lit("</table>\n")
        if !m.holds { out.lit("<p class=\"fail\">Получено ≠ на счетах + невыясненные</p>\n") }
        if m.registriesWithoutTransfer > 0 {
            out.lit("<p class=\"fail\">Реестров без перечисления банка или с другой суммой: "); out.int(m.registriesWithoutTransfer)
            out.lit(" (energobill status)</p>\n")
        }
        return out
    }
}
