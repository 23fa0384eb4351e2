// STAND-INS — replaced at merge.
//
// Minimal stand-ins for APIs another engineer is writing on a parallel branch
// (QRCode*.swift, PaymentQRPayload.swift, ConsumptionChart.swift, HTMLEscape.swift,
// BillingCore/AmountInWords.swift). They exist only so that this branch compiles
// on its own; delete this whole file when merging. Nothing here is meant to be
// correct beyond the signatures; tests on this branch never assert their output.
import BillingCore

/// Stand-in: replaced at merge by the real QR encoder.
public struct QRCode {
    let text: String
    public init(text: String) throws { self.text = text }
    public func svg(moduleSize: Int = 4, quietZone: Int = 4) -> String {
        let side = (21 + 2 * quietZone) * moduleSize
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(side)\" height=\"\(side)\" viewBox=\"0 0 \(side) \(side)\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#eee\"/></svg>"
    }
}

/// Stand-in: replaced at merge by the real GOST R 56042-2014 payload.
public struct PaymentQRPayload: Sendable {
    public var name: String
    public var personalAcc: String
    public var bankName: String
    public var bic: String
    public var correspAcc: String
    public var payeeINN: String = ""
    public var kpp: String = ""
    public var lastName: String = ""
    public var payerAddress: String = ""
    public var persAcc: String = ""
    public var purpose: String = ""
    public var paymPeriod: String = ""
    public var sum: Kopecks = .zero
    public var counterId: String = ""
    public var counterVal: String = ""
    public var techCode: String = ""
    public init(name: String, personalAcc: String, bankName: String, bic: String, correspAcc: String) {
        self.name = name; self.personalAcc = personalAcc; self.bankName = bankName
        self.bic = bic; self.correspAcc = correspAcc
    }
    public var text: String {
        "ST00012|Name=\(name)|PersonalAcc=\(personalAcc)|BankName=\(bankName)|BIC=\(bic)|CorrespAcc=\(correspAcc)|Sum=\(sum.value)"
    }
}

/// Stand-in: replaced at merge by the real chart.
public func consumptionChartSVG(bars: [(label: String, kwh: Int64, estimated: Bool)], width: Int, height: Int) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\"><text x=\"4\" y=\"14\">\(bars.count)</text></svg>"
}

/// Stand-in: replaced at merge.
public func htmlEscape(_ s: String) -> String {
    var r = ""
    for c in s {
        switch c {
        case "&": r += "&amp;"
        case "<": r += "&lt;"
        case ">": r += "&gt;"
        case "\"": r += "&quot;"
        case "'": r += "&#39;"
        default: r.append(c)
        }
    }
    return r
}

/// Stand-in: replaced at merge.
public func csvField(_ s: String) -> String {
    var t = s
    if let f = t.first, "=+-@".contains(f) { t = "'" + t }
    if t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r") {
        return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return t
}

private extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        var r = ""
        for c in self { if String(c) == a { r += b } else { r.append(c) } }
        return r
    }
}

/// Stand-in (the real one lives in BillingCore/AmountInWords.swift): replaced at merge.
public func rublesInWords(_ amount: Kopecks) -> String {
    "сумма прописью \(amount.rublesString())"
}
