import Foundation
import Testing
import BillingCore
@testable import BillingStore

@Suite struct MigrationTests {
    func scratch(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("energobill-migration-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("db.sqlite").path
    }

    /// A new database stopped at schema version `n`, as a build of that time left it.
    func database(_ name: String, atVersion n: Int) throws -> Database {
        let db = try Database(path: scratch(name))
        try db.transaction {
            for (i, sql) in Schema.migrations.prefix(n).enumerated() { try db.execute(sql); try db.execute("PRAGMA user_version = \(i + 1)") }
        }
        return db
    }

    func blob(_ db: Database, _ sql: String) throws -> [UInt8]? {
        let s = try db.prepareUncached(sql)
        return try s.step() ? Array(s.blobBytes(0)) : nil
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
        // v9: the line and the ledger entry are in the account-period's detail, read as before.
        let p = try #require(Period("2026-09"))
        #expect(try db.lines(period: p) { $0.amount.value }.rows(for: "1") == [24450])
        let entries = try db.ledgerEntries(from: p.firstDay, to: p.lastDay, periods: [p], account: nil) { $0.document }
        #expect(try entries.rows(for: "1") == ["Начисление за 09.2026"])
        #expect(try db.scalarInt("SELECT count(*) FROM account_periods WHERE settlement IS NULL") == 1)
        #expect(try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name IN ('lines', 'ledger', 'meter_periods')") == 0)
    }

    /// v9 keeps a ledger the close's rule would not make again (here a document text of an
    /// older build) entry by entry, and derives the rest; lines and meters move as they were.
    @Test func versionNineKeepsAnUnusualLedgerAndMovesLinesAndMeters() throws {
        let db = try database("v9", atVersion: 8)
        try db.execute("""
            INSERT INTO regions VALUES ('CHE', 'Челябинская область', '{}', 'x');
            INSERT INTO accounts(account_id, holder, address, region, category, kind) VALUES ('1', 'H', 'A', 'CHE', 'urban_gas', 'person'),
                ('2', 'H', 'A', 'CHE', 'urban_gas', 'person');
            INSERT INTO account_periods(account_id, period, region, method, volume_kwh, charge, recalculation, benefit, penalty, payments, balance_in, total_due, due_date, penalty_total)
              VALUES ('1', '2026-09', 'CHE', 'actual', 100, 24450, 0, 0, 0, 1000, 0, 23450, '2026-10-10', 0),
                     ('2', '2026-09', 'CHE', 'actual', 100, 24450, 0, 0, 0, 0, 0, 24450, '2026-10-10', 0);
            INSERT INTO lines(account_id, period, seq, kind, meter_id, method, volume_kwh, price, amount) VALUES
                ('1', '2026-09', 1, 'energy', 'M1', 'actual', 100, 24450, 24450), ('2', '2026-09', 1, 'energy', 'M2', 'actual', 100, 24450, 24450);
            INSERT INTO meter_periods VALUES ('M1', '2026-09', '1', 'actual', NULL, '100', '200', '100', 24450, 'state-1'),
                ('M2', '2026-09', '2', 'average', NULL, '5', NULL, '100', 24450, 'state-2');
            INSERT INTO ledger VALUES ('2026-09', '1', 1, '2026-09-12', 'payment', 'Оплата № P1 от 12.09.2026', -1000, 'P1'),
                ('2026-09', '1', 2, '2026-09-30', 'charge', 'Начисление за 09.2026', 24450, '2026-09'),
                ('2026-09', '2', 1, '2026-09-30', 'charge', 'Начислено за сентябрь', 24450, '');
            """)
        try db.migrate()
        let p = try #require(Period("2026-09"))
        let kept = try blob(db, "SELECT detail FROM account_periods WHERE account_id = '2'")
        let derived = try blob(db, "SELECT detail FROM account_periods WHERE account_id = '1'")
        #expect(kept.flatMap { b in b.withUnsafeBufferPointer { AccountPeriodDetail(bytes: $0) } }?.keptLedger?.count == 1)
        #expect(derived.flatMap { b in b.withUnsafeBufferPointer { AccountPeriodDetail(bytes: $0) } }?.keptLedger == nil)
        let entries = try db.ledgerEntries(from: p.firstDay, to: p.lastDay, periods: [p], account: nil) { "\($0.date.iso) \($0.document) \($0.amount.value)" }
        #expect(try entries.rows(for: "1") == ["2026-09-12 Оплата № P1 от 12.09.2026 -1000", "2026-09-30 Начисление за 09.2026 24450"])
        #expect(try entries.rows(for: "2") == ["2026-09-30 Начислено за сентябрь 24450"])
        let carried = try db.closeCarriedRows(period: p)
        #expect(try carried.rows(for: "1").flatMap { $0.meterStates.map { $0.state } } == ["state-1"])
        #expect(try carried.rows(for: "2").flatMap { $0.meterStates.map { $0.state } } == ["state-2"])
        #expect(try db.bookedPayments(period: p) { $0.paymentId }.rows(for: "1") == ["P1"])
        #expect(try db.ledgerMismatches(period: p).isEmpty)
    }

    /// v7 takes the penalty within each row's debt brought forward from P−1's
    /// settlement text: the close from v7 on stores what the document prints.
    @Test func versionSevenTakesThePenaltyInFromTheSettlementBefore() throws {
        let db = try database("v7", atVersion: 6)
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

    /// The close inserts a million account-periods: the insert may not build a temporary
    /// table (what `kind IN (…)` checks made SQLite do per row of the v1 lines and ledger).
    @Test func closeInsertsBuildNoTemporaryTables() throws {
        let db = try Database(path: scratch("plan"))
        try db.migrate()
        for sql in [
            "INSERT INTO account_periods(account_id, period, region, method, volume_kwh, charge, recalculation, benefit, penalty, payments, balance_in, total_due, due_date, penalty_total, settlement, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        ] {
            let explain = try db.prepareUncached("EXPLAIN " + sql)
            var opcodes: [String] = []
            while try explain.step() { opcodes.append(explain.text(1)) }
            #expect(!opcodes.isEmpty)
            #expect(!opcodes.contains("OpenEphemeral"), "\(sql)")
        }
    }
}
