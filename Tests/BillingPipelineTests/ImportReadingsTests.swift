import Testing
import BillingCore
@testable import BillingStore
@testable import BillingPipeline

@Suite struct ImportReadingsTests {
    @Test func goodRowsStoredBadRowsRejectedWithClerkReasons() throws {
        let f = try Fixture()
        f.write("readings.csv", """
        account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction
        7400000001,M1,2026-10-24,2026-10-24 10:00,lk,12345.67,,,0
        7400000002,,24.10.2026,24.10.2026 11:30:05,ASKUE,5000,2500,,
        7400000009,M1,2026-10-24,2026-10-24 10:00,lk,1,,,
        7400000001,MX,2026-10-24,2026-10-24 10:00,lk,1,,,
        7400000001,M2,2026-10-24,2026-10-24 10:00,lk,1,,,
        7400000001,M1,2026-02-30,2026-10-24 10:00,lk,1,,,
        7400000001,M1,2026-10-25,2026-10-24 10:00,lk,1,,,
        7400000001,M1,2026-10-24,2026-10-24 10:00,lk,123456,,,
        7400000002,M2,2026-10-24,2026-10-24 10:00,lk,1,,,
        7400000001,M1,2026-10-24,2026-10-24 10:00,lk,12a,,,
        7400000001,M1,2026-10-24,2026-10-24 10:00,pigeon,1,,,
        7400000003,,2026-10-24,2026-10-24 10:00,lk,7,,,
        7400000003,,2026-06-10,2026-06-10 10:00,lk,7,,,
        ../../etc,M1,2026-10-24,2026-10-24 10:00,lk,1,,,
        7400000001,M1,2026-10-24,2026-10-24 10:00,lk,1,,,2
        """ + "\n")
        let r = try runImport(kind: .readings, path: f.dir + "/readings.csv", database: f.db, options: f.options)
        #expect(r.rowsRead == 15)
        #expect(r.stored == 3)
        #expect(r.rejected == 12)
        #expect(r.rejectsFile?.hasPrefix(f.dir + "/out/rejects/readings-") == true && r.rejectsFile?.hasSuffix("-rejects.csv") == true)
        let lines = f.rejectLines(r)
        #expect(lines.count == 12)
        #expect(lines[0] == "4,\"7400000009,M1,2026-10-24,2026-10-24 10:00,lk,1,,,\",account_id,unknown account 7400000009,неизвестный лицевой счёт 7400000009")
        let reasons = lines.map { $0.split(separator: ",").dropLast().last.map(String.init) ?? "" }
        #expect(reasons[1] == "unknown meter MX")
        #expect(reasons[2] == "meter M2 belongs to another account")
        #expect(lines[3].contains("impossible date \"\"2026-02-30\"\""))
        #expect(lines[4].contains("taken after received"))
        #expect(reasons[5] == "exceeds digit capacity (5 digits)")
        #expect(lines[6].contains(",t2,\"wrong number of zone registers: meter M2 has 2 zone(s), the row has 1 value(s)\""))
        #expect(lines[7].contains("non-numeric value"))
        #expect(lines[8].contains("unknown source channel"))
        #expect(lines[9].contains("ambiguous") == false && lines[9].contains("wrong number of zone registers"), "M3 (3 zones) is the meter active in June")
        #expect(lines[10].contains("not a plain identifier"))
        #expect(lines[11].contains("correction must be 0 or 1"))
        // stored rows: fraction dropped, dates normalised, source lower-cased, meter resolved by date;
        // ids in the order of received_at (file order among equal ones), each row keeping its line
        let s = try f.db.prepareUncached("SELECT meter_id, taken_on, received_at, source, t1, t2, correction, line FROM readings ORDER BY id")
        var rows: [String] = []
        while try s.step() { rows.append("\(s.text(0)) \(s.text(1)) \(s.text(2)) \(s.text(3)) \(s.int(4)) \(s.optInt(5).map(String.init) ?? "-") \(s.int(6)) line \(s.int(7))") }
        #expect(rows == ["M1 2026-10-24 2026-10-24 10:00:00 lk 12345 - 0 line 2",
                         "M3B 2026-10-24 2026-10-24 10:00:00 lk 7 - 0 line 13",
                         "M2 2026-10-24 2026-10-24 11:30:05 askue 5000 2500 0 line 3"])
        #expect(try f.count("SELECT count(*) FROM rejects") == 12)
        #expect(try f.count("SELECT rows_read * 1000 + rows_rejected FROM imports WHERE kind = 'readings'") == 15_012)
        #expect(try f.count("PRAGMA foreign_keys") == 1, "foreign keys are back on after the import")
        #expect(try f.count("SELECT count(*) FROM sqlite_master WHERE name = 'readings_received'") == 1)
    }

    @Test func sameFileTwiceChangesNothingAndDuplicatesAreNotStoredAgain() throws {
        let f = try Fixture()
        let text = """
        account_id,meter_id,taken_on,received_at,source,t1
        7400000001,M1,2026-10-24,2026-10-24 10:00,lk,200
        7400000001,M1,2026-10-24,2026-10-24 10:00,lk,200
        7400000001,M1,2026-11-24,2026-11-24 10:00,lk,300
        """ + "\n"
        f.write("r1.csv", text)
        let first = try runImport(kind: .readings, path: f.dir + "/r1.csv", database: f.db, options: f.options)
        #expect(first.stored == 2 && first.unchanged == 1, "the in-file exact duplicate is stored once")
        let again = try runImport(kind: .readings, path: f.dir + "/r1.csv", database: f.db, options: f.options)
        #expect(again.alreadyImported)
        #expect(again.summary.hasSuffix("файл уже загружен, ничего не изменилось"))
        // another file repeating a stored row plus a new one
        f.write("r2.csv", "account_id,taken_on,received_at,source,t1\n7400000001,2026-10-24,2026-10-24 10:00:00,LK,200\n7400000001,2026-10-24,2026-10-24 10:05:00,lk,201\n")
        let second = try runImport(kind: .readings, path: f.dir + "/r2.csv", database: f.db, options: f.options)
        #expect(second.stored == 1 && second.unchanged == 1)
        #expect(try f.count("SELECT count(*) FROM readings") == 3)
        #expect(try f.count("SELECT count(*) FROM imports WHERE kind = 'readings'") == 2)
    }

    /// Rows go in by groups of `ReadingInserter.groupSize`, and one by one where a row
    /// may repeat a stored reading: every row is stored or counted once either way, and
    /// ids follow received_at even when the file runs backwards in time.
    @Test func groupedAndProbedRowsAreEachStoredOnceInTheOrderReceived() throws {
        let f = try Fixture()
        func at(_ i: Int) -> String { let m = 600 + i; return "2026-10-24 \(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60):00" }
        let header = "account_id,meter_id,taken_on,received_at,source,t1\n"
        f.write("first.csv", header + (0..<50).map { "7400000001,M1,2026-10-24,\(at($0)),lk,\(200 + $0)\n" }.joined())
        let first = try runImport(kind: .readings, path: f.dir + "/first.csv", database: f.db, options: f.options)
        #expect(first.stored == 50)
        // 100 moments, latest first: the 50 inside the stored range are probed (the even
        // ones repeat a stored row), the 50 after it are grouped (one full group and a part).
        let second = (0..<100).reversed().map { i in "7400000001,M1,2026-10-24,\(at(i)),lk,\(i < 50 && i % 2 == 0 ? 200 + i : 1000 + i)\n" }
        f.write("second.csv", header + second.joined())
        let r = try runImport(kind: .readings, path: f.dir + "/second.csv", database: f.db, options: f.options)
        #expect(r.stored == 75 && r.unchanged == 25 && r.rejected == 0)
        #expect(try f.count("SELECT count(*) FROM readings") == 125)
        #expect(try f.count("SELECT count(DISTINCT received_at || ' ' || t1) FROM readings") == 125)
        let s = try f.db.prepareUncached("SELECT received_at, t1, line FROM readings WHERE import_id = (SELECT max(import_id) FROM readings) ORDER BY id")
        var got: [String] = []
        while try s.step() { got.append("\(s.text(0)) \(s.int(1)) line \(s.int(2))") }
        let expected = (0..<100).filter { !($0 < 50 && $0 % 2 == 0) }.map { i in "\(at(i)) \(1000 + i) line \(101 - i)" }
        #expect(got == expected)
    }

    @Test func strictModeStoresNothing() throws {
        let f = try Fixture()
        f.write("bad.csv", "account_id,meter_id,taken_on,received_at,source,t1\n7400000001,M1,2026-10-24,2026-10-24 10:00,lk,200\n7400000001,M1,2026-10-24,2026-10-24 10:00,lk,-5\n")
        var o = f.options; o.strict = true
        do {
            _ = try runImport(kind: .readings, path: f.dir + "/bad.csv", database: f.db, options: o)
            Issue.record("strict import succeeded")
        } catch let e as ImportError {
            #expect(e.cause == .strict && e.line == 3 && e.field == "t1")
            #expect(e.description.contains("negative value; --strict: 1 bad row(s), nothing was stored"))
            #expect(e.rejectsFile != nil)
        }
        #expect(try f.count("SELECT count(*) FROM readings") == 0)
        #expect(try f.count("SELECT count(*) FROM imports WHERE kind = 'readings'") == 0)
        #expect(try f.count("SELECT count(*) FROM rejects") == 0)
        // the same file without --strict stores the good row
        let r = try runImport(kind: .readings, path: f.dir + "/bad.csv", database: f.db, options: f.options)
        #expect(r.stored == 1 && r.rejected == 1)
    }

    @Test func missingRequiredColumnIsFatalNamingFileAndColumn() throws {
        let f = try Fixture()
        f.write("nocol.csv", "account_id,taken_on,source,t1,colour\n1,2,3,4,5\n")
        do {
            _ = try runImport(kind: .readings, path: f.dir + "/nocol.csv", database: f.db, options: f.options)
            Issue.record("no error")
        } catch let e as ImportError {
            #expect(e.cause == .input && e.field == "received_at")
            #expect(e.description.hasPrefix(f.dir + "/nocol.csv:1: received_at: missing required column \"received_at\""))
        }
        do { _ = try runImport(kind: .readings, path: f.dir + "/absent.csv", database: f.db, options: f.options); Issue.record("no error") }
        catch let e as ImportError { #expect(e.message.hasPrefix("cannot open")) }
    }

    @Test func smsTextsParsedWithMeterChosenByZoneCount() throws {
        let f = try Fixture()
        f.write("sms.csv", """
        received_at,phone,text
        2026-10-24 09:15,+79000000001,7400000001  12345
        2026-10-24 09:16,+79000000002,7400000002 5100 2600
        2026-10-24 09:17,+79000000002,7400000002 5100
        2026-10-24 09:18,+79000000009,привет
        2026-10-24 09:19,+79000000009,7400000077 1
        2026-10-24 09:20,+79000000001,7400000001 12x
        2026-10-24 09:21,+79000000001,
        """ + "\n")
        let r = try runImport(kind: .sms, path: f.dir + "/sms.csv", database: f.db, options: f.options)
        #expect(r.stored == 2 && r.rejected == 5)
        let lines = f.rejectLines(r)
        #expect(lines[0].hasSuffix("wrong number of zone registers: the SMS has 1 value(s), the meter of account 7400000002 has 2 zone(s)\","
                                  + "\"неверное число показаний по зонам: в SMS 1 значение, у счётчика лицевого счёта 7400000002 2 зоны\""))
        #expect(lines[1].contains("is not \"\"ACCOUNT T1 [T2 [T3]]\"\""))
        #expect(lines[2].hasSuffix("unknown account 7400000077,неизвестный лицевой счёт 7400000077"))
        #expect(lines[3].contains("T1: non-numeric value") && lines[3].contains("T1: не число: «"))
        #expect(lines[4].hasSuffix("SMS text is empty,текст SMS пуст"))
        #expect(try f.count("SELECT count(*) FROM readings WHERE source = 'sms' AND taken_on = '2026-10-24'") == 2)
    }
}

@Suite struct ImportReadingsBulkTests {
    /// A file large enough to take the bulk path (index rebuilt after the load, two threads).
    @Test func bulkLoadRebuildsTheIndexAndStrictFailureRestoresIt() throws {
        let f = try Fixture()
        var text = "account_id,meter_id,taken_on,received_at,source,t1,t2\n"
        for i in 0..<15_000 {
            let sec = i % 86_400
            let ts = "2026-10-2\(3 + i % 3) \(sec / 36_000)\(sec / 3600 % 10):\(sec / 600 % 6)\(sec / 60 % 10):\(sec % 60 / 10)\(sec % 10)"
            if i % 2 == 0 { text += "7400000001,M1,2026-10-23,\(ts),lk,\(i % 99999),\n" }
            else { text += "7400000002,M2,2026-10-23,\(ts),ivr,\(i),\(i / 2)\n" }
        }
        text += "7400000001,M1,2026-10-23,2026-10-23 10:00,lk,1,2\n"  // one bad row at the end
        f.write("bulk.csv", text)
        var strict = f.options; strict.strict = true
        #expect(throws: ImportError.self) { try runImport(kind: .readings, path: f.dir + "/bulk.csv", database: f.db, options: strict) }
        #expect(try f.count("SELECT count(*) FROM readings") == 0)
        #expect(try f.count("SELECT count(*) FROM sqlite_master WHERE name = 'readings_received'") == 1)
        #expect(try f.db.scalarText("PRAGMA journal_mode") == "wal")
        var progressCalls = 0
        let r = try runImport(kind: .readings, path: f.dir + "/bulk.csv", database: f.db, options: f.options) { _ in progressCalls += 1 }
        #expect(r.rowsRead == 15_001 && r.rejected == 1)
        #expect(r.stored + r.unchanged == 15_000)
        #expect(try f.count("SELECT count(*) FROM readings") == Int64(r.stored))
        #expect(try f.count("SELECT count(*) FROM sqlite_master WHERE name = 'readings_received'") == 1)
        #expect(try f.count("SELECT count(*) FROM rejects") == 1)
        #expect(try f.db.scalarText("PRAGMA integrity_check") == "ok")
        #expect(try f.db.scalarText("PRAGMA journal_mode") == "wal")
        _ = progressCalls
    }

    /// With another connection open the journal cannot change: the bulk load runs in the WAL.
    @Test func bulkLoadBesideAReaderKeepsTheWAL() throws {
        let f = try Fixture()
        var text = "account_id,meter_id,taken_on,received_at,source,t1\n"
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        for i in 0..<15_000 { text += "7400000001,M1,2026-10-23,2026-10-23 \(two(10 + i / 3600)):\(two(i / 60 % 60)):\(two(i % 60)),lk,\(i)\n" }
        f.write("bulk.csv", text)
        let reader = try Database(path: f.dir + "/db.sqlite")
        #expect(try reader.scalarInt("SELECT count(*) FROM readings") == 0)
        let r = try runImport(kind: .readings, path: f.dir + "/bulk.csv", database: f.db, options: f.options)
        #expect(r.stored + r.unchanged == 15_000)
        #expect(try f.db.scalarText("PRAGMA journal_mode") == "wal")
        #expect(try reader.scalarInt("SELECT count(*) FROM readings") == Int64(r.stored))
    }
}
