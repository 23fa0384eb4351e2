import Foundation
import Testing

/// A Windows-1251 file imported without `--encoding cp1251` is never stored as mojibake:
/// every row with such bytes is rejected naming its line and the flag, `--strict` exits 65.
@Suite(.serialized) struct EncodingEndToEndTests {
    @Test func aCp1251FileWithoutTheFlagIsRejectedNotStored() throws {
        let s = try SampleDataTests.importTheSample("cp1251-no-flag")
        let file = Harness.packageRoot + "/sample-data/payments-bank-cp1251.csv"
        let before = try s.runProgram("/usr/bin/sqlite3", [s.db, "SELECT count(*) FROM payments"]).stdout
        let strict = try s.run(["import", "payments", file, "--strict"])
        #expect(strict.status == 65, "\(strict.status): \(strict.stderr)")
        #expect(strict.stderr.contains("payments-bank-cp1251.csv:2") && strict.stderr.contains("--encoding cp1251"), "\(strict.stderr)")
        let r = try s.ok(["import", "payments", file])
        #expect(r.stderr.contains("отклонено 869"), "\(r.stderr)")
        let after = try s.runProgram("/usr/bin/sqlite3", [s.db, "SELECT count(*) FROM payments"]).stdout
        #expect(before == after)
        let rejects = try s.read(try s.rejectsFile("payments-bank-cp1251"))
        #expect(rejects.contains("not valid UTF-8"))
        // The strict run stored nothing and was rolled back, so this run took its number and its file.
        let kept = try FileManager.default.contentsOfDirectory(atPath: s.path("out/rejects"))
            .filter { $0.hasPrefix("payments-bank-cp1251-") }
        #expect(kept.count == 1, "\(kept)")
    }
}
