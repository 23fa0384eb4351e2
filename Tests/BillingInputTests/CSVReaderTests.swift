import Testing
import Foundation
@testable import BillingInput

@Suite struct CSVReaderTests {
    @Test func quotingDoubledQuotesEmbeddedDelimitersAndNewlines() throws {
        let dir = tempDir()
        writeFile(dir + "/a.csv", "id,text,n\n1,\"He said \"\"hi\"\", then left\",5\n2,\"two\nlines\",6\n3,plain,7\n")
        let (_, rows) = try readAll(dir + "/a.csv")
        #expect(rows.count == 3)
        #expect(rows[0].1 == ["1", "He said \"hi\", then left", "5"])
        #expect(rows[1].1 == ["2", "two\nlines", "6"])
        #expect(rows[1].0 == 3)
        #expect(rows[2].0 == 5, "the line after a quoted newline is counted physically")
    }

    @Test func semicolonDetectedFromHeaderAndCRLF() throws {
        let dir = tempDir()
        writeFile(dir + "/s.csv", "id;amount;note\r\n1;1 234,56;\"a;b\"\r\n2;10;x\r\n")
        let (r, rows) = try readAll(dir + "/s.csv")
        #expect(r.delimiter == UInt8(ascii: ";"))
        #expect(r.header == ["id", "amount", "note"])
        #expect(rows.map(\.1) == [["1", "1 234,56", "a;b"], ["2", "10", "x"]])
    }

    @Test func bomSkippedBlankLinesIgnoredLastLineWithoutNewline() throws {
        let dir = tempDir()
        writeFile(dir + "/b.csv", [0xEF, 0xBB, 0xBF] + bytes("Account_ID , T1\n\n 42 ,  7 \n43,8"))
        let (r, rows) = try readAll(dir + "/b.csv")
        #expect(r.header == ["Account_ID", "T1"])
        #expect(rows.map(\.1) == [["42", "7"], ["43", "8"]])
        #expect(rows.map(\.0) == [3, 4])
        let cols = try r.columns(required: ["account_id", "t1"], optional: [])
        #expect(cols["account_id"] == 0 && cols["t1"] == 1)
    }

    @Test func cp1251TranscodedWhileStreaming() throws {
        let dir = tempDir()
        writeFile(dir + "/w.csv", CP1251.encode("плательщик;сумма\nИванов Пётр №5;1 234,56\n"))
        let (r, rows) = try readAll(dir + "/w.csv", encoding: .cp1251)
        #expect(r.header == ["плательщик", "сумма"])
        #expect(rows[0].1 == ["Иванов Пётр №5", "1 234,56"])
        #expect(CP1251.decode([0xC0, 0xFF, 0xA8, 0xB8, 0xB9, 0x88]) == "АяЁё№€")
        #expect(CP1251.high.count == 128)
    }

    @Test func columnsByNameMissingRequiredIsAnErrorUnknownIsAWarning() throws {
        let dir = tempDir()
        writeFile(dir + "/c.csv", "t1,extra,ACCOUNT_ID\n1,2,3\n")
        let r = try CSVReader(path: dir + "/c.csv", displayName: "c.csv")
        let cols = try r.columns(required: ["account_id", "t1"], optional: ["t2"])
        #expect(cols["account_id"] == 2 && cols["t2"] == -1)
        #expect(cols.warnings == ["c.csv: unknown column \"extra\" ignored"])
        #expect(throws: InputError.self) { try r.columns(required: ["account_id", "taken_on"], optional: []) }
        do { _ = try r.columns(required: ["taken_on"], optional: ["t1", "extra", "account_id"]) ; Issue.record("no error") }
        catch let e as InputError { #expect(e.description.hasPrefix("c.csv:1: taken_on: missing required column \"taken_on\"")) }
    }

    @Test func recordsSpanningChunkBoundariesAndRawHash() throws {
        let dir = tempDir()
        var text = "id,text\n"
        for i in 0..<60_000 { text += "\(i),\"quoted, \"\"field\"\" number \(i) with a long tail to cross the chunk edge\"\n" }
        writeFile(dir + "/big.csv", text)
        let r = try CSVReader(path: dir + "/big.csv")
        var n = 0
        while try r.next() {
            #expect(Bytes.string(r.field(0)) == String(n))
            if Bytes.string(r.field(1)) != "quoted, \"field\" number \(n) with a long tail to cross the chunk edge" { Issue.record("row \(n)"); break }
            n += 1
        }
        #expect(n == 60_000)
        #expect(try r.sha256() == SHA256.hash(Array(text.utf8)))
    }

    @Test func extraFieldsAndUnclosedQuotesAreFlagged() throws {
        let dir = tempDir()
        writeFile(dir + "/p.csv", "id,amount\n1,1234,56\n2,7\n3\n4,\"open\n5,6\n")
        let r = try CSVReader(path: dir + "/p.csv")
        _ = try r.next()
        #expect(r.problem == "the row has 3 fields, the header has 2 (an unquoted delimiter or decimal comma?)")
        _ = try r.next()
        #expect(r.problem == nil)
        _ = try r.next()
        #expect(r.problem == nil && r.fieldCount == 1, "fewer fields: the missing ones read as empty")
        _ = try r.next()
        #expect(r.line == 5 && r.problem == "a quote opened on this line is never closed")
        #expect(try r.next() == false)
    }

    @Test func recordTextRejoinsTheRawRecord() throws {
        let dir = tempDir()
        writeFile(dir + "/r.csv", "a,b\n\"x,y\",=SUM(A1)\n")
        let r = try CSVReader(path: dir + "/r.csv")
        _ = try r.next()
        #expect(r.recordText == "\"x,y\",=SUM(A1)")
    }
}

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hash([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hash(bytes("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash(bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var h = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { h.update(chunk) }
        #expect(h.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func backgroundHashMatches() throws {
        let dir = tempDir()
        writeFile(dir + "/h.bin", bytes(String(repeating: "0123456789", count: 300_000)))
        #expect(try BackgroundFileHash(path: dir + "/h.bin").wait() == SHA256.hash(bytes(String(repeating: "0123456789", count: 300_000))))
    }
}
