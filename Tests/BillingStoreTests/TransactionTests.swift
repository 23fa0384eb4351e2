import Foundation
import Testing
@testable import BillingStore

/// `write` stores what its body commits and nothing else; `read` never stores.
@Suite struct TransactionTests {
    func database(_ name: String) throws -> Database {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("energobill-txn-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try Database(path: dir.appendingPathComponent("db.sqlite").path)
        try db.execute("CREATE TABLE t(a INTEGER)")
        return db
    }

    func count(_ db: Database) throws -> Int64? { try db.scalarInt("SELECT count(*) FROM t") }

    struct Boom: Error {}

    @Test func writeCommitsOrRollsBackAsTheBodyAnswers() throws {
        let db = try database("write")
        try db.write { try db.run("INSERT INTO t VALUES (1)"); return .commit }
        #expect(try count(db) == 1)
        try db.write { try db.run("INSERT INTO t VALUES (2)"); return .rollback }
        #expect(try count(db) == 1)
        let seen: Int64? = try db.write { try db.run("INSERT INTO t VALUES (3)"); return (try count(db), .rollback) }
        #expect(seen == 2, "the body sees its own rows before the rollback")
        #expect(try count(db) == 1)
        #expect(throws: Boom.self) { try db.write { try db.run("INSERT INTO t VALUES (4)"); throw Boom() } }
        #expect(try count(db) == 1)
        #expect(try db.transaction { try db.run("INSERT INTO t VALUES (5)"); return 7 } == 7)
        #expect(try count(db) == 2)
        // No transaction is left open: a plain BEGIN works afterwards.
        try db.execute("BEGIN"); try db.execute("COMMIT")
    }

    @Test func readStoresNothingAndSeesOneSnapshot() throws {
        let db = try database("read")
        try db.run("INSERT INTO t VALUES (1)")
        let other = try Database(path: db.path)
        let (before, after) = try db.read {
            let before = try count(db)
            try other.run("INSERT INTO t VALUES (2)")   // committed by another connection
            return (before, try count(db))
        }
        #expect(before == 1 && after == 1, "the snapshot of the first read holds to the end")
        #expect(try count(db) == 2)
        let stored: Int64? = try db.read { try db.run("INSERT INTO t VALUES (3)"); return try count(db) }
        #expect(stored == 3)
        #expect(try count(db) == 2, "a read is rolled back")
        #expect(throws: Boom.self) { try db.read { throw Boom() } }
        try db.execute("BEGIN"); try db.execute("COMMIT")
    }
}
