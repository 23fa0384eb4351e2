import Foundation
import Testing

/// 152-ФЗ: the database and every output hold names, addresses and debts, so none of
/// them is readable by others: database 0600, folders 0750, files 0640 at most.
@Suite(.serialized) struct PersonalDataTests {
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func nothingTheEngineWritesIsReadableByOthers() throws {
        let s = try AnalystCommandsTests.setUp("personal-data")
        try s.ok(["close", "--period", "2025-10", "--go-live", "--documents", "html,json"])
        try s.ok(["debtors", "--as-of", "2025-11-30"])
        try s.ok(["act", "--account", "1000000001", "--from", "2025-10-01", "--to", "2025-10-31"])
        #expect(try mode(s.db) == 0o600)
        var checked = 0
        let root = s.path("out")
        let walker = FileManager.default.enumerator(atPath: root)
        while let rel = walker?.nextObject() as? String {
            let path = root + "/" + rel
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            let m = try mode(path)
            #expect(m & 0o007 == 0, "\(rel) is readable by others: \(String(m, radix: 8))")
            #expect(m & ~(isDir.boolValue ? 0o750 : 0o640) == 0, "\(rel): \(String(m, radix: 8))")
            checked += 1
        }
        #expect(checked > 5)
    }
}
