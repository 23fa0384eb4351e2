import Foundation
import Testing

/// A close region by region (as the README recommends for large suppliers) proves
/// exactly the regions its outputs cover, exits 0 while the proof holds, and gives the
/// registry of a close of all regions at once.
@Suite(.serialized) struct RegionByRegionCloseTests {
    @Test func eachRegionInTurnProvesTheWholeRegistryAndMatchesOneClose() throws {
        let first = SampleDataTests.periods[0].text
        let byRegion = try SampleDataTests.importTheSample("by-region")
        for region in ["CHE", "IRK", "SVE"] {
            let r = try byRegion.ok(["close", "--period", first, "--go-live", "--region", region])
            #expect(!r.stderr.contains("НЕ ВЫПОЛНЕНЫ ИНВАРИАНТЫ") && r.stderr.contains("инварианты выполнены"), "\(region): \(r.stderr)")
            let summary = try byRegion.read("out/\(first)/summary.json")
            #expect(summary.contains("\"passed\": true"), "after \(region): \(summary)")
            #expect(summary.contains("\"region\": \"\(region)\""))
        }
        let registry = try byRegion.bytes("out/\(first)/registry.csv")
        let summary = try byRegion.bytes("out/\(first)/summary.json")
        // Closing the closed period again rewrites the same bytes, exit 0.
        try byRegion.ok(["close", "--period", first])
        #expect(try byRegion.bytes("out/\(first)/registry.csv") == registry)
        #expect(try byRegion.bytes("out/\(first)/summary.json") == summary)

        let atOnce = try SampleDataTests.importTheSample("at-once")
        try atOnce.ok(["close", "--period", first, "--go-live"])
        #expect(try atOnce.bytes("out/\(first)/registry.csv") == registry)
        // The next period closed region by region too, after the regions it continues.
        let second = SampleDataTests.periods[1].text
        try byRegion.ok(["close", "--period", second, "--region", "IRK"])
        let r = try byRegion.ok(["close", "--period", second])
        #expect(!r.stderr.contains("НЕ ВЫПОЛНЕНЫ ИНВАРИАНТЫ") && r.stderr.contains("инварианты выполнены"), "\(r.stderr)")
        try atOnce.ok(["close", "--period", second])
        #expect(try byRegion.bytes("out/\(second)/registry.csv") == (try atOnce.bytes("out/\(second)/registry.csv")))
        #expect(try byRegion.read("out/\(second)/summary.json").contains("\"passed\": true"))
    }
}
