/// A bar chart of monthly consumption for the payment document, as inline
/// SVG: one bar per month scaled to the largest month, the kWh value above
/// each bar and the month label below. Estimated months (average or norm
/// instead of a reading) are drawn lighter with a dashed outline, so the
/// payer can tell them apart in greyscale print. Integer arithmetic only, so
/// the same data gives the same bytes on every machine.
public func consumptionChartSVG(bars: [(label: String, kwh: Int64, estimated: Bool)], width: Int, height: Int) -> String {
    let w = max(width, 1), h = max(height, 1)
    let labelBand = 14          // month labels under the axis
    let valueBand = 12          // value labels over the tallest bar
    let side = 2
    let axisY = h - labelBand
    let plotHeight = max(axisY - valueBand, 1)
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
    out += " font-family=\"sans-serif\" font-size=\"9\" text-anchor=\"middle\">"
    out += "<rect width=\"\(w)\" height=\"\(h)\" fill=\"#fff\"/>"
    guard !bars.isEmpty else { return out + "</svg>" }
    let largest = max(bars.map { max($0.kwh, 0) }.max() ?? 0, 1)
    let slot = max((w - 2 * side) / bars.count, 1)
    let barWidth = max(slot * 2 / 3, 1)
    out += "<line x1=\"\(side)\" y1=\"\(axisY)\" x2=\"\(w - side)\" y2=\"\(axisY)\" stroke=\"#000\"/>"
    for (i, bar) in bars.enumerated() {
        let kwh = max(bar.kwh, 0)
        // Widened to Int64 before the product: kWh × pixels cannot overflow for
        // any real meter, but the rounding must be the same everywhere.
        let barHeight = Int((kwh * Int64(plotHeight) + largest / 2) / largest)
        let x = side + i * slot + (slot - barWidth) / 2
        let centre = side + i * slot + slot / 2
        let top = axisY - barHeight
        if barHeight > 0 {
            out += "<rect x=\"\(x)\" y=\"\(top)\" width=\"\(barWidth)\" height=\"\(barHeight)\""
            out += bar.estimated
                ? " fill=\"#ccc\" stroke=\"#555\" stroke-dasharray=\"2 2\"/>"
                : " fill=\"#555\"/>"
        }
        out += "<text x=\"\(centre)\" y=\"\(top - 2)\">\(kwh)</text>"
        out += "<text x=\"\(centre)\" y=\"\(h - 3)\">\(htmlEscape(bar.label))</text>"
    }
    return out + "</svg>"
}
