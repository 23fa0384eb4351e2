import BillingCore
import Testing
@testable import BillingRender

@Suite struct CloseSummaryJSONTests {
    func data(failures: [String] = [], moneyIn: MoneyInReport? = nil) -> CloseSummaryData {
        CloseSummaryData(
            period: Period("2026-10")!, regions: [.init(code: "IRK", accounts: 2, inputHash: "ab")], accounts: 2,
            byMethod: [MethodCount(method: "actual", accounts: 2, volumeKwh: 150)], volumeKwh: 150,
            totals: ReportTotals(balanceIn: Kopecks(100), charge: Kopecks(70_050), recalculation: .zero, benefit: Kopecks(-1_000),
                                 penalty: Kopecks(25), payments: Kopecks(60_000), totalDue: Kopecks(9_175)),
            rejectedByReason: [ReasonCount(reason: "after_window", count: 1)], invariantFailures: failures,
            moneyIn: moneyIn, outputs: [NamedHash(name: "registry.csv", sha256: "cd")])
    }

    @Test func aTinyCloseToTheByte() {
        #expect(closeInvariantDescriptions.count == 4)
        let expected = """
        {
          "period": "2026-10",
          "regions": [
            {"region": "IRK", "accounts": 2, "input_sha256": "ab"}
          ],
          "accounts": 2,
          "by_method": [
            {"method": "actual", "accounts": 2, "volume_kwh": 150}
          ],
          "totals": {
            "volume_kwh": 150,
            "balance_in": "1.00",
            "charge": "700.50",
            "recalculation": "0.00",
            "benefit": "-10.00",
            "penalty": "0.25",
            "payments": "600.00",
            "total_due": "91.75"
          },
          "rejected_readings": {
            "total": 1,
            "by_reason": {
              "after_window": 1
            }
          },
          "invariants": {
            "passed": true,
            "checked": "\(closeInvariantDescriptions.joined(separator: "; "))",
            "failures": []
          },
          "outputs": {
            "registry.csv": "sha256:cd"
          }
        }

        """
        #expect(String(decoding: renderSummaryJSON(data()), as: UTF8.self) == expected)
    }

    @Test func failuresAreEscapedAndMoneyInComesBeforeTheOutputs() {
        let m = MoneyInReport(asOf: CivilDate(year: 2026, month: 10, day: 31)!, received: Kopecks(1_000), onAccounts: Kopecks(900),
                              bookedInPeriod: Kopecks(500), unmatched: Kopecks(50), unmatchedCount: 1, registries: 2,
                              commission: Kopecks(3), registriesWithoutTransfer: 0)
        let s = String(decoding: renderSummaryJSON(data(failures: ["a \"b\" <c>"], moneyIn: m)), as: UTF8.self)
        #expect(s.contains("\"passed\": false,\n"))
        var block: String = "\"failures\": [\"a \\\"b\\\" \\u003cc>\"]\n  },\n  \"money_in\": {\n    \"as_of\": \"2026-10-31\",\n"
        block += "    \"received\": \"10.00\",\n    \"on_accounts\": \"9.00\",\n"
        block += "    \"unmatched\": \"0.50\",\n    \"unmatched_count\": 1,\n"
        block += "    \"booked_in_period\": \"5.00\",\n    \"bank_registries\": 2,\n"
        block += "    \"bank_commission\": \"0.03\",\n    \"registries_without_transfer\": 0,\n"
        block += "    \"checked\": \"received = on_accounts + unmatched\",\n    \"holds\": false\n  },\n  \"outputs\": {"
        #expect(s.contains(block))
    }
}
