import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A close killed halfway leaves no trace and can simply be run again (issue:
/// "a close is one transaction"). Uses a generated data set big enough that the
/// close is still running when it is killed.
@Suite struct KilledCloseTests {
    @Test func killedCloseLeavesNoTraceAndRunsAgain() throws {
        let s = try Sandbox("killed")
        try s.ok(["--out", s.path("data"), "generate", "--accounts", "20000", "--months", "1", "--seed", "3"])
        try s.ok(["import", "tariffs", s.path("data/tariffs")])
        for k in ["accounts", "meters", "readings", "payments"] { try s.ok(["import", k, s.path("data/\(k).csv")]) }
        let before = try s.ok(["status"]).stdout

        let p = Process()
        p.executableURL = URL(fileURLWithPath: Harness.binary)
        p.arguments = ["--db", s.db, "--out", s.out, "close", "--period", "2026-10", "--go-live"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        usleep(700_000)
        let killedMidway = p.isRunning
        if killedMidway { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        #expect(killedMidway, "the close finished in under 0.7 s; the test needs a bigger data set to kill it midway")

        let after = try s.ok(["status"]).stdout
        let stored = { (t: String) in t.split(separator: "\n").filter { !$0.contains("#") && !$0.contains("database:") } }
        #expect(stored(after) == stored(before), "a killed close must not leave stored rows")
        #expect(after.contains("(лицевых счетов в закрытии):\n  нет"))
        try s.ok(["close", "--period", "2026-10", "--go-live", "--documents", "none"])
        #expect(try s.read("out/2026-10/summary.json").contains("\"passed\": true"))
    }
}
