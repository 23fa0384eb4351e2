import Foundation
import Testing

/// Schema v9 folds lines, meter periods and the ledger into one row per account-period.
/// A database closed by the build before it (Fixtures/v8-closed-2025-10-to-2026-01.sql:
/// the sample imported as scripts/demo does, 2025-10…2026-01 closed at commit 6a561ab)
/// must go on as if it had always had the new layout: its next close, a closed period
/// rendered again, its acts and `check` give the bytes a database built by this build gives.
@Suite(.serialized) struct LayoutMigrationTests {
    static let fixture = Harness.packageRoot + "/Tests/EndToEndTests/Fixtures/v8-closed-2025-10-to-2026-01.sql"

    static func bankFiles(_ s: Sandbox) throws {
        let banks = Harness.packageRoot + "/sample-data/banks/"
        try s.ok(["import", "registry", banks + "sber-12_2026-10-05.txt", "--bank", "sber-12"])
        try s.ok(["import", "registry", banks + "sber-12_2026-10-06.txt", "--bank", "sber-12"])
        try s.ok(["import", "registry", banks + "pipe-kop_2026-10-07.txt", "--bank", "pipe-kop"])
        try s.ok(["import", "statement", banks + "statement_2026-10-06_09.txt"])
    }

    /// Every file under `dir` (relative names, sorted) with its bytes.
    static func files(_ s: Sandbox, _ dir: String) throws -> [(String, Data)] {
        let root = s.path(dir)
        let names = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
        return try names.compactMap { n in
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + n, isDirectory: &isDir)
            return isDir.boolValue ? nil : (n, try s.bytes(dir + "/" + n))
        }
    }

    @Test func aVersionEightDatabaseClosesOnWithTheBytesOfANewOne() throws {
        guard let sqlite = Sandbox.which("sqlite3") else { Issue.record("sqlite3 is not installed (scripts/test installs it)"); return }
        let fresh = try SampleDataTests.importTheSample("v9-fresh")
        try Self.bankFiles(fresh)
        for p in ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02"] {
            try fresh.ok(["close", "--period", p] + (p == "2025-10" ? ["--go-live"] : []))
        }

        let old = try Sandbox("v9-migrated")
        let load = try old.runProgram(sqlite, [old.db, ".read " + Self.fixture])
        #expect(load.status == 0, "\(load.stderr)")
        #expect(try old.runProgram(sqlite, [old.db, "PRAGMA user_version"]).stdout == "8\n")
        chmod(old.db, 0o600)
        try old.ok(["close", "--period", "2026-02"])
        #expect(try old.runProgram(sqlite, [old.db, "PRAGMA user_version"]).stdout == "10\n")
        #expect(try old.runProgram(sqlite, [old.db, "SELECT sql FROM sqlite_master WHERE name = 'readings_received'"]).stdout
                == "CREATE INDEX readings_received ON readings(received_at)\n")
        #expect(try old.runProgram(sqlite, [old.db, "SELECT count(*) FROM account_periods WHERE detail IS NULL"]).stdout == "0\n")
        // The periods closed before the migration, rendered again from what was moved.
        for p in ["2025-10", "2025-11", "2025-12", "2026-01"] {
            for s in [old, fresh] { try s.ok(["close", "--period", p] + (p == "2025-10" ? ["--go-live"] : [])) }
        }

        for period in ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02"] {
            let a = try Self.files(fresh, "out/" + period), b = try Self.files(old, "out/" + period)
            #expect(a.count == b.count && a.map(\.0) == b.map(\.0), "\(period): \(a.count) files fresh, \(b.count) migrated")
            #expect(a.count > 10)
            for (x, y) in zip(a, b) where x.1 != y.1 { Issue.record("\(period)/\(x.0) differs after the migration") }
        }
        for account in ["7400000017", "7400000001", "3800000004"] {
            for s in [fresh, old] { try s.ok(["act", "--account", account, "--from", "2025-10-01", "--to", "2026-02-28"]) }
            for ext in ["csv", "html"] {
                let name = "out/acts/\(account)_2025-10-01_2026-02-28." + ext
                #expect(try fresh.bytes(name) == old.bytes(name), "\(name)")
            }
        }
        let check = try old.ok(["check"])
        #expect(check.stdout.contains("проверка пройдена"), "\(check.stdout)")
    }
}
