import Foundation
import Testing
import CSQLite
@testable import BillingStore

/// A bind that fails never lets the statement run with the parameter unbound.
@Suite struct StatementBindTests {
    func database(_ name: String) throws -> Database {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("energobill-bind-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try Database(path: dir.appendingPathComponent("db.sqlite").path)
        try db.execute("CREATE TABLE t(a INTEGER, b TEXT)")
        return db
    }

    @Test func aHotPathBindOutOfRangeIsThrownByTheStepAndNothingIsInserted() throws {
        let db = try database("range")
        let s = try db.prepare("INSERT INTO t(a, b) VALUES (?, ?)")
        s.bindInt(1, at: 1)
        s.bindText("x", at: 3)   // there is no third parameter
        let e = try #require(throws: DatabaseError.self) { try s.runOnce() }
        #expect(e.code == SQLITE_RANGE)
        #expect(e.description.contains("?3") && e.description.contains("INSERT INTO t"), "\(e)")
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
        // The failure is thrown once; a correct row afterwards goes in.
        s.bindInt(2, at: 1); s.bindText("y", at: 2)
        try s.runOnce()
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 1)
    }

    @Test func everyHotPathBinderIsChecked() throws {
        let db = try database("each")
        let s = try db.prepare("INSERT INTO t(a, b) VALUES (?, ?)")
        let bytes: [UInt8] = Array("abc".utf8)
        let binders: [(Statement) -> Void] = [
            { $0.bindInt(1, at: 9) },
            { $0.bindNull(at: 9) },
            { $0.bindText("x", at: 9) },
            { st in bytes.withUnsafeBufferPointer { st.bindText($0, at: 9) } },
            { st in bytes.withUnsafeBufferPointer { st.bindTextNoCopy($0, at: 9) } },
        ]
        for bind in binders {
            bind(s)
            #expect(throws: DatabaseError.self) { try s.step() }
        }
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
    }

    @Test func aResetForgetsARecordedFailure() throws {
        let db = try database("reset")
        let s = try db.prepare("INSERT INTO t(a, b) VALUES (?, ?)")
        s.bindInt(1, at: 5)
        s.reset()
        s.bindInt(1, at: 1); s.bindText("z", at: 2)
        try s.runOnce()
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 1)
    }

    @Test func theThrowingBindNamesTheParameter() throws {
        let db = try database("throwing")
        let s = try db.prepare("INSERT INTO t(a, b) VALUES (:a, :b)")
        let e = try #require(throws: DatabaseError.self) { try s.bind([.int(1), .text("b"), .null]) }
        #expect(e.code == SQLITE_RANGE)
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
    }
}
