import Foundation
import Testing

/// The command line contract of SPEC "Process": help, usage errors with exit 64
/// and "did you mean", init, and a database from a newer build refused.
@Suite struct CommandLineTests {
    @Test func helpGoesToStdoutWithExitZero() throws {
        let s = try Sandbox("help")
        for args in [["--help"], ["help", "close"], ["close", "--help"], ["help", "import", "readings"], ["act", "--help"]] {
            let r = try s.run(args)
            #expect(r.status == 0, "\(args)")
            #expect(r.stdout.contains("USAGE: energobill"), "\(args): \(r.stdout)")
            #expect(r.stderr.isEmpty, "\(args): \(r.stderr)")
        }
        let top = try s.run(["--help"]).stdout
        for command in ["init", "import readings", "close", "recalc", "act", "debtors", "quote", "generate", "status"] {
            #expect(top.contains("  " + command + " "), "top help lists \(command)")
        }
    }

    @Test func misspeltCommandGetsDidYouMeanAndExit64() throws {
        let s = try Sandbox("usage")
        let r = try s.run(["clsoe", "--period", "2026-10"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("energobill: unknown command 'clsoe'; did you mean 'close'?"))
        #expect(r.stderr.contains("See 'energobill --help'"))
        #expect(r.stdout.isEmpty)
        let kind = try s.run(["import", "readngs", "x.csv"])
        #expect(kind.status == 64)
        #expect(kind.stderr.contains("did you mean 'import readings'?"))
    }

    @Test func missingOrBadOptionsAreUsageErrors() throws {
        let s = try Sandbox("usage2")
        let missing = try s.run(["close"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("missing --period"))
        #expect(missing.stderr.contains("Usage: energobill close --period YYYY-MM"))
        #expect(missing.stderr.contains("See 'energobill close --help'"))
        let bad = try s.run(["close", "--period", "2026-13"])
        #expect(bad.status == 64)
        let unknown = try s.run(["close", "--period", "2026-10", "--perid", "x"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("did you mean --period?"))
        let act = try s.run(["act", "--from", "2026-01-01", "--to", "2026-02-01"])
        #expect(act.status == 64)
    }

    @Test func globalOptionsStandAnywhere() throws {
        let s = try Sandbox("global")
        let before = try s.runProgram(Harness.binary, ["--db", s.path("a.sqlite"), "init"])
        let after = try s.runProgram(Harness.binary, ["init", "--db", s.path("b.sqlite")])
        #expect(before.status == 0 && after.status == 0)
        #expect(before.stdout.contains("a.sqlite") && before.stdout.contains("schema version: 10"))
        #expect(after.stdout.contains("b.sqlite"))
        let env = try s.runProgram(Harness.binary, ["init"], environment: ["ENERGOBILL_DB": s.path("c.sqlite")])
        #expect(env.stdout.contains("c.sqlite"))
        #expect(s.exists("c.sqlite"))
    }

    @Test func databaseFromANewerBuildIsRefused() throws {
        guard let sqlite = Sandbox.which("sqlite3") else {
            Issue.record("sqlite3 is not installed (scripts/test installs it)")
            return
        }
        let s = try Sandbox("newer")
        try s.ok(["init"])
        _ = try s.runProgram(sqlite, [s.db, "PRAGMA user_version = 99"])
        let r = try s.run(["status"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("schema version 99"))
        #expect(r.stderr.contains("newer energobill"))
    }
}
