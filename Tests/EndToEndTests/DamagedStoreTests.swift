import Foundation
import Testing

/// A stored value the engine cannot read back (a database edited by hand or damaged)
/// ends in exit 1 with the table and row named, never in a trap.
@Suite(.serialized) struct DamagedStoreTests {
    @Test func anUnreadableStoredDateIsAnErrorNotATrap() throws {
        guard let sqlite = Sandbox.which("sqlite3") else { Issue.record("sqlite3 is not installed (scripts/test installs it)"); return }
        let s = try AnalystCommandsTests.setUp("damaged-store")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        _ = try s.runProgram(sqlite, [s.db, "UPDATE readings SET taken_on = '2025-11-99' WHERE received_at > '2025-10-25'"])
        let close = try s.run(["close", "--period", "2025-11"])
        #expect(close.status == 1, "\(close.status): \(close.stderr)")
        #expect(close.stderr.contains("сохранённое значение не читается: таблица readings"), "\(close.stderr)")
        #expect(close.stderr.contains("столбец taken_on = «2025-11-99»"), "\(close.stderr)")
        #expect(!close.stderr.contains("Fatal error"))
        let closed = try s.runProgram(sqlite, [s.db, "SELECT count(*) FROM closes WHERE period = '2025-11'"]).stdout
        #expect(closed.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "nothing of the close is stored")

        _ = try s.runProgram(sqlite, [s.db, "UPDATE payments SET paid_on = '2025-10-99'"])
        let debtors = try s.run(["debtors", "--as-of", "2025-12-31"])
        #expect(debtors.status == 1, "\(debtors.status): \(debtors.stderr)")
        #expect(debtors.stderr.contains("таблица payments, платёж "), "\(debtors.stderr)")
        #expect(!debtors.stderr.contains("Fatal error"))
    }
}
