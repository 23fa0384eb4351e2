import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What an operator meets when the disk or the files fail: exit 1 and one sentence
/// saying what was and was not stored; nothing half-written.
@Suite(.serialized) struct StorageFailureTests {
    @Test func anOutputFolderThatCannotBeWrittenLeavesTheCloseStoredAndSaysHowToFinish() throws {
        let s = try AnalystCommandsTests.setUp("out-blocked")
        try s.write("blocker", "a file, not a folder\n")
        let r = try s.runProgram(Harness.binary, ["--db", s.db, "--out", s.path("blocker/out"), "close", "--period", "2025-10", "--go-live"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("закрытие 2025-10 сохранено в базе, но выходные файлы не записаны: не удалось создать папку"), "\(r.stderr)")
        #expect(r.stderr.contains("часть пути — файл, а не папка"))
        #expect(try s.ok(["status"]).stdout.contains("2025-10: TST (3)"))
        try s.ok(["close", "--period", "2025-10"])
        #expect(try s.ok(["check"]).stdout.contains("проверка пройдена"))
    }

    @Test func aCorruptDatabaseFileIsNamedNotTrapped() throws {
        let s = try Sandbox("corrupt")
        try s.write("db.sqlite", "SQLite format 3\u{0}" + String(repeating: "x", count: 5000))
        let r = try s.run(["status"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("повреждён или не является базой energobill"), "\(r.stderr)")
        #expect(r.stderr.contains("в базе ничего не изменилось"))
    }

    /// Documents are written on a thread of their own: a disk that fills while they are
    /// written ends the close with the same sentence, not a hang, and a second close
    /// with room writes them all.
    @Test(.enabled(if: geteuid() == 0)) func aDiskThatFillsWhileDocumentsAreWrittenEndsTheCloseCleanly() throws {
        for archive in [false, true] {
            let s = try AnalystCommandsTests.setUp("docs-full-\(archive)")
            let period = s.path("out/2025-10")
            try FileManager.default.createDirectory(atPath: period, withIntermediateDirectories: true)
            let mount = try s.runProgram("/bin/mount", ["-t", "tmpfs", "-o", "size=24k,mode=0750", "tmpfs", period])
            #expect(mount.status == 0, "\(mount.stderr)")
            defer { _ = try? s.runProgram("/bin/umount", ["-l", period]) }
            let close = ["close", "--period", "2025-10", "--go-live", "--documents", "html,json"] + (archive ? ["--documents-archive"] : [])
            let r = try s.run(close)
            #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains("закрытие 2025-10 сохранено в базе, но выходные файлы не записаны"), "\(r.stderr)")
            #expect(r.stderr.contains("на диске нет места"), "\(r.stderr)")
            #expect(try s.ok(["status"]).stdout.contains("2025-10: TST (3)"))
            let bigger = try s.runProgram("/bin/mount", ["-o", "remount,size=8m", period])
            #expect(bigger.status == 0, "\(bigger.stderr)")
            try s.ok(Array(close.filter { $0 != "--go-live" }))
            let check = try s.run(["check"])
            #expect(check.status == 0 && check.stdout.contains("проверка пройдена"), "\(check.stdout)\(check.stderr)")
        }
    }

    /// Root mounts a small tmpfs for the database (the machines this runs on allow it).
    @Test(.enabled(if: geteuid() == 0)) func aFullDiskRollsTheImportBackAndSaysSo() throws {
        let s = try AnalystCommandsTests.setUp("disk-full")
        let mnt = s.path("small")
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
        let mount = try s.runProgram("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt])
        #expect(mount.status == 0, "\(mount.stderr)")
        defer { _ = try? s.runProgram("/bin/umount", [mnt]) }
        let db = mnt + "/e.sqlite"
        let eb = { (args: [String]) in try s.runProgram(Harness.binary, ["--db", db, "--out", s.out] + args) }
        #expect(try eb(["init"]).status == 0)
        #expect(try eb(["import", "tariffs", s.path("tariffs")]).status == 0)
        #expect(try eb(["import", "accounts", s.path("accounts.csv")]).status == 0)
        var lines = "account_id,holder,address,region,category,kind,residents,rooms,opened_on\n"
        for i in 0..<20_000 { lines += "2\(String(format: "%09d", i)),Житель \(i),\"г. Тест, ул. Длинная, д. \(i)\",TST,urban_gas,person,1,1,2020-01-01\n" }
        try s.write("many.csv", lines)
        let full = try eb(["import", "accounts", s.path("many.csv")])
        #expect(full.status == 1)
        #expect(full.stderr.contains("на диске нет места для базы \(db): команда «import accounts» не выполнена, в базе ничего не изменилось"), "\(full.stderr)")
        let status = try eb(["status"])
        #expect(status.stdout.contains("лицевые счета: 3\n"), "the failed import left nothing: \(status.stdout)")

        let ro = try s.runProgram("/bin/mount", ["-o", "remount,ro", mnt])
        #expect(ro.status == 0, "\(ro.stderr)")
        let readOnly = try eb(["import", "payments", s.path("payments.csv")])
        #expect(readOnly.status == 1)
        #expect(readOnly.stderr.contains("только для чтения") || readOnly.stderr.contains("не удалось открыть базу"), "\(readOnly.stderr)")
    }
}
