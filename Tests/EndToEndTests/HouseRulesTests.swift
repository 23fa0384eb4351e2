import Foundation
import Testing

/// The layering the README's architecture section promises, checked on the sources:
/// the store owns SQL (the compiler already keeps `Statement` and `prepare` inside
/// BillingStore; this catches SQL text built elsewhere and handed in), and no library
/// reads the environment (tuning is a value the CLI passes down).
@Suite struct HouseRulesTests {
    static let sqlWords = ["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE TABLE", "CREATE INDEX",
                           "PRAGMA ", "BEGIN IMMEDIATE", "sqlite3_"]

    static func swiftFiles(under dir: String) -> [String] {
        let root = Harness.packageRoot + "/Sources/" + dir
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        return e.compactMap { ($0 as? String).flatMap { $0.hasSuffix(".swift") ? root + "/" + $0 : nil } }.sorted()
    }

    @Test func noSQLOutsideTheStore() throws {
        var found: [String] = []
        for module in ["BillingCore", "BillingInput", "BillingRender", "BillingPipeline", "BillingGenerator", "energobill"] {
            for file in Self.swiftFiles(under: module) {
                let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                for (i, line) in lines.enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    if code.hasPrefix("//") || code.hasPrefix("///") { continue }
                    for w in Self.sqlWords where line.contains(w) && line.contains("\"") {
                        found.append("\(file.dropFirst(Harness.packageRoot.count + 1)):\(i + 1): \(code)")
                    }
                }
            }
        }
        #expect(!Self.swiftFiles(under: "BillingPipeline").isEmpty, "the sources are where the test expects them")
        #expect(found.isEmpty, "SQL text outside BillingStore:\n\(found.joined(separator: "\n"))")
    }

    @Test func librariesDoNotReadTheEnvironment() throws {
        var found: [String] = []
        for module in ["BillingCore", "BillingInput", "BillingStore", "BillingRender", "BillingPipeline", "BillingGenerator"] {
            for file in Self.swiftFiles(under: module) {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                if text.contains("getenv(") || text.contains("ProcessInfo.processInfo.environment") {
                    found.append(String(file.dropFirst(Harness.packageRoot.count + 1)))
                }
            }
        }
        #expect(found.isEmpty, "environment read in a library: \(found)")
    }
}
