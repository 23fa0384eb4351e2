import BillingCore
import Foundation
import Testing
import TestSupport
@testable import BillingRender

@Suite struct PaymentDocumentJSONTests {
    func render(_ d: DocumentData = Fixture.document(), qr: String = "ST00012|Name=x") -> [UInt8] {
        var out: [UInt8] = []
        renderDocumentJSON(d, qrPayload: qr, into: &out)
        return out
    }

    func parse(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func golden() throws {
        try expectGolden("document.json", render())
    }

    @Test func parsesAndHasTheSpecKeys() throws {
        let j = try parse(render())
        for k in ["account_id", "period", "payer", "supplier", "lines", "readings", "balance_in", "payments",
                  "charge", "recalculation", "benefit", "penalty", "penalty_total", "total_due", "due_date", "qr",
                  "history"] {
            #expect(j[k] != nil, "missing \(k)")
        }
        #expect(j["account_id"] as? String == "100234-А")
        #expect(j["period"] as? String == "2026-10")
        #expect(j["due_date"] as? String == "2026-11-15")
        #expect(j["balance_in"] as? String == "1500.00")
        #expect(j["penalty"] as? String == "12.34")
        #expect(j["penalty_total"] as? String == "58.90")
        #expect(j["qr"] as? String == "ST00012|Name=x")
        let lines = try #require(j["lines"] as? [[String: Any]])
        #expect(lines.count == 15)
        for k in ["kind", "zone", "tier", "method", "volume_kwh", "price", "amount", "ground", "ref_period", "meter_id"] {
            #expect(lines[0][k] != nil, "line missing \(k)")
        }
        #expect(lines[0]["price"] as? String == "2.3440")
        #expect(lines[0]["amount"] as? String == "351.60")
        #expect((lines[0]["volume_kwh"] as? NSNumber)?.int64Value == 150)
        #expect(lines[7]["tier"] as? Int == 2)
        let readings = try #require(j["readings"] as? [[String: Any]])
        #expect(readings.count == 3)
        #expect(readings[1]["current"] is NSNull)
        #expect(readings[0]["taken_on"] as? String == "2026-10-23")
        #expect(readings[0]["current"] as? [Int] == [12150, 5090, 8120])
        let payments = try #require(j["payments"] as? [String: Any])
        #expect(payments["total"] as? String == "1700.00")
        #expect((payments["items"] as? [Any])?.count == 2)
        #expect((j["history"] as? [Any])?.count == 12)
    }

    @Test func moneyMatchesTheDocumentAndAddsUp() throws {
        let d = Fixture.document()
        let j = try parse(render(d))
        #expect(j["total_due"] as? String == d.totalDue.rublesString())
        #expect(j["charge"] as? String == d.charge.rublesString())
        #expect(j["recalculation"] as? String == d.recalculation.rublesString())
        #expect((j["recalculation"] as? String)?.hasPrefix("-") == true)
    }

    @Test func stringsAreEscaped() throws {
        let nasty = "Ив\"анов\\ \n\t<b>\u{01}ё"
        let j = try parse(render(Fixture.document(holder: nasty)))
        #expect((j["payer"] as? [String: Any])?["holder"] as? String == nasty)
    }

    @Test func deterministic() {
        #expect(render() == render())
    }
}
