import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `check` and `backup --to` (SPEC commands) on the TST fixture closed for two months.
@Suite(.serialized) struct CheckBackupTests {
    static func closed(_ name: String) throws -> Sandbox {
        let s = try AnalystCommandsTests.setUp(name)
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        try s.ok(["close", "--period", "2025-11"])
        return s
    }

    @Test func aSoundDatabasePassesAndEveryKindOfDamageIsNamed() throws {
        guard let sqlite = Sandbox.which("sqlite3") else { Issue.record("sqlite3 is not installed (scripts/test installs it)"); return }
        let s = try Self.closed("check")
        let good = try s.ok(["check"])
        #expect(good.stdout.contains("проверка пройдена"), "\(good.stdout)")
        #expect(good.stdout.contains("инварианты 2 закрытых периодов, 6 выходных файлов"))

        try s.write("out/2025-11/registry.csv", try s.read("out/2025-11/registry.csv") + "x\n")
        chmod(s.path("out/2025-11/registry.csv"), 0o640)
        try FileManager.default.removeItem(atPath: s.path("out/2025-10/summary.json"))
        chmod(s.path("out/2025-11/close-report.html"), 0o644)
        _ = try s.runProgram(sqlite, [s.db, "UPDATE account_periods SET charge = charge + 1, total_due = total_due + 1 WHERE period = '2025-11' AND account_id = '1000000001'"])
        let bad = try s.run(["check"])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("файл изменён после записи: " + s.path("out/2025-11/registry.csv")), "\(bad.stdout)")
        #expect(bad.stdout.contains("файл отсутствует: " + s.path("out/2025-10/summary.json")))
        #expect(bad.stdout.contains("доступен всем на чтение: " + s.path("out/2025-11/close-report.html")))
        #expect(bad.stdout.contains("2025-11: итог «начислено»"), "the period's totals no longer agree")
        #expect(bad.stdout.contains("проводки периода ≠ изменению сальдо"))
        #expect(bad.stderr.contains("проверка не пройдена"))
    }

    @Test func aBackupIsAConsistentPrivateCopyTakenWhileAWriterHoldsTheLock() throws {
        let s = try Self.closed("backup")
        let fd = open(s.db + ".lock", O_RDWR | O_CREAT, 0o600)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let r = try s.run(["backup", "--to", s.path("copy.sqlite")])
        flock(fd, LOCK_UN); close(fd)
        #expect(r.status == 0, "\(r.stderr)")
        var st = stat()
        #expect(stat(s.path("copy.sqlite"), &st) == 0 && st.st_mode & 0o777 == 0o600)
        let copy = try s.runProgram(Harness.binary, ["--db", s.path("copy.sqlite"), "--out", s.out, "check"])
        #expect(copy.status == 0, "\(copy.stdout)\(copy.stderr)")
        let counts = { (text: String) in text.split(separator: "\n").dropFirst().joined(separator: "\n") }
        #expect(counts(try s.runProgram(Harness.binary, ["--db", s.path("copy.sqlite"), "--out", s.out, "status"]).stdout)
                == counts(try s.ok(["status"]).stdout))
        let again = try s.run(["backup", "--to", s.path("copy.sqlite")])
        #expect(again.status == 65)
        #expect(again.stderr.contains("уже существует"))
        #expect(try s.run(["backup"]).status == 64)
    }
}
