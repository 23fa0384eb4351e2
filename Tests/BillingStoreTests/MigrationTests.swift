import Foundation
import Testing
@testable import BillingStore

@Suite struct MigrationTests {
    func scratch(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("energobill-migration-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("db.sqlite").path
    }

    /// A database closed under schema v1 keeps every row through v2, gains the
    /// settlement column (NULL: its accounts are replayed once), and keeps its checks.
    @Test func versionOneDataSurvivesEveryLaterVersion() throws {
        let db = try Database(path: scratch("v1"))
        try db.transaction {
            try db.execute(Schema.v1)
            try db.execute("PRAGMA user_version = 1")
        }
        try db.execute("""
            INSERT INTO regions VALUES ('CHE', 'Челябинская область', '{}', 'x');
            INSERT INTO accounts(account_id, holder, address, region, category, kind) VALUES ('1', 'H', 'A', 'CHE', 'urban_gas', 'person');
            INSERT INTO account_periods VALUES ('1', '2026-09', 'CHE', 'actual', 100, 24450, 0, 0, 0, 0, 0, 24450, '2026-10-10', 0);
            INSERT INTO lines VALUES ('1', '2026-09', 1, 'energy', 'M1', '', 0, 'actual', 100, 24450, 24450, '', '');
            INSERT INTO ledger VALUES ('2026-09', '1', 1, '2026-09-30', 'charge', 'Начисление за 09.2026', 24450, '2026-09');
            """)
        #expect(try db.migrate() == Database.schemaVersion)
        #expect(try db.userVersion == Database.schemaVersion)
        // v3: accounts keep their rows and get no SMS consent, contract or EDO id.
        #expect(try db.scalarInt("SELECT count(*) FROM accounts WHERE sms = 0 AND contract = '' AND contract_date IS NULL AND edo_id = ''") == 1)
        #expect(try db.scalarText("SELECT document FROM ledger WHERE account_id = '1'") == "Начисление за 09.2026")
        #expect(try db.scalarInt("SELECT amount FROM lines WHERE account_id = '1' AND seq = 1") == 24450)
        #expect(try db.scalarInt("SELECT count(*) FROM account_periods WHERE settlement IS NULL") == 1)
        #expect(throws: DatabaseError.self) {
            try db.execute("INSERT INTO lines VALUES ('1', '2026-10', 1, 'bonus', '', '', 0, '', 0, 0, 1, '', '')")
        }
        #expect(throws: DatabaseError.self) {
            try db.execute("INSERT INTO ledger VALUES ('2026-10', '1', 1, '2026-10-31', 'gift', 'x', 1, '')")
        }
    }

    /// v7 takes the penalty within each row's debt brought forward from P−1's
    /// settlement text: the close from v7 on stores what the document prints.
    @Test func versionSevenTakesThePenaltyInFromTheSettlementBefore() throws {
        let db = try Database(path: scratch("v7"))
        try db.transaction {
            for (i, sql) in Schema.migrations.prefix(6).enumerated() { try db.execute(sql); try db.execute("PRAGMA user_version = \(i + 1)") }
        }
        try db.execute("""
            INSERT INTO regions VALUES ('CHE', 'Челябинская область', '{}', 'x');
            INSERT INTO accounts(account_id, holder, address, region, category, kind) VALUES ('1', 'H', 'A', 'CHE', 'urban_gas', 'person');
            INSERT INTO account_periods(account_id, period, region, method, volume_kwh, charge, recalculation, benefit, penalty, payments, balance_in, total_due, due_date, penalty_total, settlement)
              VALUES ('1', '2025-12', 'CHE', 'actual', 100, 24450, 0, 0, 125, 0, 0, 24575, '2026-01-10', 125, 's2|0|1250|81234567000|2025-12,24450,2025-12-31,2026-01-10'),
                     ('1', '2026-01', 'CHE', 'actual', 100, 24450, 0, 0, 0, 0, 24575, 49025, '2026-02-10', 125, NULL),
                     ('1', '2026-02', 'CHE', 'actual', 100, 24450, 0, 0, 0, 0, 49025, 73475, '2026-03-10', 125, NULL);
            """)
        try db.migrate()
        #expect(try db.scalarInt("SELECT penalty_in FROM account_periods WHERE period = '2026-01'") == 1250)
        #expect(try db.scalarInt("SELECT count(*) FROM account_periods WHERE penalty_in IS NULL") == 2)
    }

    /// The close inserts millions of lines and ledger entries: none of those inserts
    /// may build a temporary table (what `kind IN (…)` checks made SQLite do per row).
    @Test func closeInsertsBuildNoTemporaryTables() throws {
        let db = try Database(path: scratch("plan"))
        try db.migrate()
        for sql in [
            "INSERT INTO lines(account_id, period, seq, kind, amount) VALUES (?1, ?2, ?3, ?4, ?5)",
            "INSERT INTO ledger(period, account_id, seq, date, kind, document, amount) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            "INSERT INTO account_periods(account_id, period, region, method, volume_kwh, charge, recalculation, benefit, penalty, payments, balance_in, total_due, due_date, penalty_total, settlement) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        ] {
            let explain = try db.prepareUncached("EXPLAIN " + sql)
            var opcodes: [String] = []
            while try explain.step() { opcodes.append(explain.text(1)) }
            #expect(!opcodes.isEmpty)
            #expect(!opcodes.contains("OpenEphemeral"), "\(sql)")
        }
    }
}
