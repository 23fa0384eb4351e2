import BillingCore

/// A percent in hundredths as written on documents, locale-free: 2200 → "22",
/// 1050 → "10.5", 1025 → "10.25" (`separator` "," for printed Russian text).
public func percentText(_ centi: Int64, separator: Character = ".") -> String {
    let whole = String(centi / 100)
    let frac = centi % 100
    if frac == 0 { return whole }
    let digits = frac % 10 == 0 ? String(frac / 10) : (frac < 10 ? "0" : "") + String(frac)
    return whole + String(separator) + digits
}

/// Σ VAT and Σ net of the lines that carry VAT.
public func vatTotals(_ lines: [DocumentLine]) -> (net: Kopecks, vat: Kopecks, gross: Kopecks) {
    var net = Kopecks.zero, vat = Kopecks.zero, gross = Kopecks.zero
    for l in lines { if let v = l.vat { net += v.net; vat += v.vat; gross += l.amount } }
    return (net, vat, gross)
}
