import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A close killed halfway leaves no trace and can simply be run again (issue:
/// "a close is one transaction"). The close kills itself at a fixed point —
/// ENERGOBILL_KILL_AFTER_ACCOUNTS, after 1,500 of 4,000 accounts are written into
/// its open transaction — so the test does not depend on the machine's speed.
@Suite struct KilledCloseTests {
    @Test func killedCloseLeavesNoTraceAndRunsAgain() throws {
        let s = try Sandbox("killed")
        try s.ok(["--out", s.path("data"), "generate", "--accounts", "4000", "--months", "1", "--seed", "3"])
        try s.ok(["import", "tariffs", s.path("data/tariffs")])
        for k in ["accounts", "meters", "readings", "payments"] { try s.ok(["import", k, s.path("data/\(k).csv")]) }
        let before = try s.ok(["status"]).stdout

        let killed = try s.run(["close", "--period", "2026-10", "--go-live", "--documents", "none"],
                               environment: ["ENERGOBILL_KILL_AFTER_ACCOUNTS": "1500"])
        #expect(killed.status == SIGKILL, "the close must die at the kill point, not finish: \(killed.stderr)")

        let after = try s.ok(["status"]).stdout
        let stored = { (t: String) in t.split(separator: "\n").filter { !$0.contains("#") && !$0.contains("database:") } }
        #expect(stored(after) == stored(before), "a killed close must not leave stored rows")
        #expect(after.contains("(лицевых счетов в закрытии):\n  нет"))
        #expect(try s.ok(["check"]).status == 0, "the database is sound after the kill")
        try s.ok(["close", "--period", "2026-10", "--go-live", "--documents", "none"])
        #expect(try s.read("out/2026-10/summary.json").contains("\"passed\": true"))
        #expect(try s.read("out/2026-10/summary.json").contains("\"accounts\": 4000"))
    }
}
