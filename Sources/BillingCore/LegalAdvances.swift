/// ПП442 п.82: a legal entity pays advances during the month — by default 30% by the
/// 10th and 40% by the 25th — of the month's expected cost, and settles the rest by the
/// 18th of the next month. The expected cost is the previous period's volume priced at
/// the month's own tariff, with VAT at the month's rate.
public struct AdvanceDue: Sendable, Hashable {
    public var dueDate: CivilDate
    public var percentCenti: Int64
    public var amount: Kopecks
    /// The VAT within the amount (an advance is an amount with VAT).
    public var vat: Kopecks
}

/// One meter's (or the norm's) volume of the basis period per zone register.
public struct BasisVolume: Sendable, Hashable {
    public var zoneVolumes: [Int64]
    public var norm: Bool
    public init(zoneVolumes: [Int64], norm: Bool) { self.zoneVolumes = zoneVolumes; self.norm = norm }
}

extension RegionRules {
    /// The expected cost of `month` from the basis volumes, priced at `month`'s tariff,
    /// VAT per line for a VAT-excluded category.
    public func expectedCost(category: String, month: Period, volumes: [BasisVolume]) -> Kopecks {
        let excluded = categories[category]?.vatExcluded ?? false
        var total = Kopecks.zero, preceding: Int64 = 0
        for v in volumes where v.zoneVolumes.reduce(0, +) > 0 {
            for l in price(category: category, period: month, zoneVolumes: v.zoneVolumes,
                           precedingVolume: preceding, norm: v.norm) {
                let line = ChargeLine(kind: .energy, amount: l.amount)
                total += excluded ? line.addingVAT(rates: vatRates, period: month).amount : l.amount
            }
            preceding += v.zoneVolumes.reduce(0, +)
        }
        return total
    }

    /// The advances of `month` on `cost`: percent × cost, rounded half away from zero.
    public func advances(month: Period, cost: Kopecks) -> [AdvanceDue] {
        let rate = vatRates.percentCenti(charging: month) ?? 0
        return advancesLegal.map { a in
            let amount = Kopecks(divideRoundingHalfAwayFromZero(cost.value * a.percentCenti, 10000))
            return AdvanceDue(dueDate: month.date(day: a.day), percentCenti: a.percentCenti, amount: amount,
                              vat: VATPart.within(amount, percentCenti: rate).vat)
        }
    }
}
