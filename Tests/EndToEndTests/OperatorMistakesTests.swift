import Foundation
import Testing

/// Ordinary operator mistakes end in a clear refusal, never in a changed database.
@Suite(.serialized) struct OperatorMistakesTests {
    @Test func aTypoInTheDatabasePathCreatesNothing() throws {
        let s = try AnalystCommandsTests.setUp("typo-db")
        let typo = s.path("db.sqlitee")
        for args in [["status"], ["close", "--period", "2025-10"], ["debtors", "--as-of", "2025-12-31"]] {
            let r = try s.runProgram(Harness.binary, ["--db", typo, "--out", s.out] + args)
            #expect(r.status == 65, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(typo) && r.stderr.contains("init"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: typo), "\(args) created \(typo)")
        }
        // init and the imports still create one.
        let created = s.path("new.sqlite")
        let r = try s.runProgram(Harness.binary, ["--db", created, "init"])
        #expect(r.status == 0 && FileManager.default.fileExists(atPath: created))
    }

    @Test func aWhatIfRecalculationIsNeverPosted() throws {
        let s = try AnalystCommandsTests.setUp("whatif-post")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        let r = try s.run(["recalc", "--period", "2025-10", "--tariffs", s.path("whatif/TST.json"), "--post", "--ground", "проба"])
        #expect(r.status == 64, "\(r.status): \(r.stderr)")
        #expect(r.stderr.contains("--tariffs"), "\(r.stderr)")
        let posted = try s.runProgram("/usr/bin/sqlite3", [s.db, "SELECT count(*) FROM posted_recalcs"]).stdout
        #expect(posted.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}

@Suite struct VersionTests {
    @Test func versionNamesTheSchema() throws {
        let s = try Sandbox("version")
        let r = try s.runProgram(Harness.binary, ["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("energobill ") && r.stdout.contains("database schema v"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: s.db))
    }
}
