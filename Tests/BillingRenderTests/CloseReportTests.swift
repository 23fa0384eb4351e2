import BillingCore
import Foundation
import Testing
@testable import BillingRender

@Suite struct CloseReportTests {
    func report(rejected: Int = 3, failures: [String] = []) -> CloseReportData {
        let at = LocalTimestamp("2026-10-26 09:15:00")!
        return CloseReportData(
            period: Period("2026-10")!, regions: ["IRK", "MOW"], accounts: 12_345, documents: 12_340,
            byMethod: [MethodCount(method: "actual", accounts: 10_000, volumeKwh: 2_500_000),
                       MethodCount(method: "control", accounts: 300, volumeKwh: 90_000),
                       MethodCount(method: "average", accounts: 1_800, volumeKwh: 400_000),
                       MethodCount(method: "norm", accounts: 245, volumeKwh: 61_250)],
            totals: ReportTotals(balanceIn: Kopecks(100_000_00), charge: Kopecks(15_000_000_00),
                                recalculation: Kopecks(-12_345_67), benefit: Kopecks(-50_000_00),
                                penalty: Kopecks(1_234_56), payments: Kopecks(14_000_000_00),
                                totalDue: Kopecks(100_000_00 + 15_000_000_00 - 12_345_67 - 50_000_00 + 1_234_56
                                                  - 14_000_000_00)),
            rejectedByReason: [ReasonCount(reason: "после окна приёма", count: rejected)],
            rejected: (0..<rejected).map { ReportRejectedReading(accountId: "A\($0)", meterId: "<m>", receivedAt: at,
                                                           reason: "после окна приёма") },
            invariantsChecked: ["сальдо сходится по каждому счёту", "реестр = сумма документов"],
            invariantFailures: failures,
            topDebtors: [Debtor(accountId: "100234-А", holder: "<script>&", totalDue: Kopecks(98_765_43))],
            inputHashes: [NamedHash(name: "readings.csv", sha256: String(repeating: "ab", count: 32))],
            outputHashes: [NamedHash(name: "registry.csv", sha256: String(repeating: "cd", count: 32))])
    }

    @Test func showsTheSections() {
        let h = renderCloseReportHTML(report())
        for s in ["Закрытие периода: октябрь 2026", "IRK, MOW", "12\u{00A0}345", "ПРОЙДЕНА",
                  "сальдо сходится по каждому счёту", "по показаниям", "2\u{00A0}500\u{00A0}000", "81,9&nbsp;%",
                  "после окна приёма", "2026-10-26 09:15:00", "98\u{00A0}765,43", "readings.csv",
                  String(repeating: "cd", count: 32), "<svg class=\"chart\""] {
            #expect(h.contains(s), "missing \(s)")
        }
        #expect(!h.contains("<script>"))
        #expect(!h.contains("<m>"))
        #expect(!h.contains("Итоги не сходятся"))
    }

    @Test func failuresAreListed() {
        let h = renderCloseReportHTML(report(failures: ["счёт 1: 10,00 ≠ 10,01"]))
        #expect(h.contains("НЕ ПРОЙДЕНА: 1"))
        #expect(h.contains("счёт 1: 10,00 ≠ 10,01"))
    }

    @Test func rejectedListIsCapped() {
        let h = renderCloseReportHTML(report(rejected: closeReportRejectedRowLimit + 250))
        #expect(h.components(separatedBy: "<tr><td>A").count - 1 == closeReportRejectedRowLimit)
        #expect(h.contains("… и ещё 250"))
    }

    @Test func chartUsesIntegerCoordinates() {
        let svg = methodChartSVG(report().byMethod)
        let numbers = svg.split(whereSeparator: { $0 == "\"" }).filter { $0.first?.isNumber == true }
        #expect(!numbers.isEmpty)
        for n in numbers where !n.contains(" ") { #expect(Int(n) != nil, "non-integer \(n)") }
        #expect(svg.contains("width=\"420\""))  // the largest bar takes the full length
    }

    @Test func deterministic() {
        #expect(renderCloseReportHTML(report()) == renderCloseReportHTML(report()))
    }
}
