/// VAT rates in force from a date (`tariffs/vat.csv`), sorted by date; percent in
/// hundredths (22% → 2200).
public struct VATRates: Sendable, Hashable {
    public var changes: [Effective<Int64>]
    public init(changes: [Effective<Int64>]) { self.changes = changes }

    /// The rate in force on `date`. A date before the first row takes the first row's
    /// rate, so the close never traps; the reference check refuses a period the
    /// rows do not reach.
    public func percentCenti(on date: CivilDate) -> Int64? {
        changes.inForce(on: date) ?? changes.first?.value
    }

    /// The rate of a line that charges `period`: the one in force on its last day
    /// (a recalculation of a 2025 period carries 2025's rate).
    public func percentCenti(charging period: Period) -> Int64? { percentCenti(on: period.lastDay) }
}

/// The VAT split of one line: net (the price without VAT × volume), the rate and the tax.
public struct VATPart: Sendable, Hashable {
    public var net: Kopecks
    /// Percent in hundredths (20% → 2000).
    public var ratePercentCenti: Int64
    public var vat: Kopecks
    public var gross: Kopecks { net + vat }
    public init(net: Kopecks, ratePercentCenti: Int64, vat: Kopecks) {
        self.net = net; self.ratePercentCenti = ratePercentCenti; self.vat = vat
    }

    /// VAT charged on top of a net amount: round half away from zero (net × rate).
    public static func onNet(_ net: Kopecks, percentCenti: Int64) -> VATPart {
        precondition(percentCenti >= 0 && percentCenti <= 10000, "a VAT rate is 0–100%")
        let vat = Kopecks(divideRoundingHalfAwayFromZero(net.value * percentCenti, 10000))
        return VATPart(net: net, ratePercentCenti: percentCenti, vat: vat)
    }

    /// VAT within an amount that already holds it (the calculated rate of НК ст.164 п.4,
    /// rate / (100 + rate)): a posted recalculation is a difference of amounts with VAT.
    public static func within(_ gross: Kopecks, percentCenti: Int64) -> VATPart {
        precondition(percentCenti >= 0 && percentCenti <= 10000, "a VAT rate is 0–100%")
        let vat = Kopecks(divideRoundingHalfAwayFromZero(gross.value * percentCenti, 10000 + percentCenti))
        return VATPart(net: gross - vat, ratePercentCenti: percentCenti, vat: vat)
    }
}

extension ChargeLine {
    /// The line of a VAT-excluded category (SPEC "Legal entities") with its VAT, at the
    /// rate in force on the last day of the period it charges (`refPeriod`, else `period`).
    /// Energy and п.61 lines are priced without VAT, so VAT goes on top; a posted
    /// recalculation (`holdsVAT`) is a difference of amounts with VAT, so its VAT is the
    /// part within it. Benefit and penalty lines carry none and come back unchanged.
    public func addingVAT(rates: VATRates, period: Period, holdsVAT: Bool = false) -> ChargeLine {
        guard kind == .energy || kind == .recalculation, vat == nil,
              let rate = rates.percentCenti(charging: refPeriod ?? period) else { return self }
        let part = holdsVAT ? VATPart.within(amount, percentCenti: rate) : VATPart.onNet(amount, percentCenti: rate)
        var line = self
        line.vat = part
        line.amount = part.gross
        precondition(part.net + part.vat == line.amount && (holdsVAT ? line.amount == amount : part.net == amount),
                     "net + VAT = amount")
        return line
    }
}
