import Foundation
import Testing
import BillingInput
@testable import BillingPipeline

/// The archive must open in what print shops use: Python's zipfile and Info-ZIP `unzip -t`.
struct ZipWriterTests {
    @Test func crc32KnownVectors() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        // Every length around the eight-byte steps agrees with the bit-by-bit definition.
        let data = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 77 &+ 5) }
        let bitwise: [UInt32] = (0...data.count).map { n in
            var c: UInt32 = 0xFFFF_FFFF
            for x in data.prefix(n) { c ^= UInt32(x); for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 } }
            return c ^ 0xFFFF_FFFF
        }
        #expect((0...data.count).map { CRC32.checksum(Array(data.prefix($0))) } == bitwise)
    }

    @Test func archiveReadsBackInZipfileAndUnzip() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files: [(String, [UInt8])] = [
            ("7400000001.html", Array("<html>Счёт</html>\n".utf8)),
            ("7400000001.json", Array("{\"a\":1}".utf8)),
            ("пусто.txt", []),
            ("big.bin", (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
        ]
        let path = dir + "/a.zip"
        let zip = try ZipWriter(path: path)
        for (n, b) in files { try zip.add(name: n, bytes: b) }
        let hash = try zip.finish()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(SHA256.hash(bytes) == hash)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
        for (n, b) in files { try Data(b).write(to: URL(fileURLWithPath: dir + "/expect-" + n.unicodeScalars.map { String($0.value) }.joined(separator: "_"))) }
        let check = try run("/usr/bin/env", ["python3", "-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            names = z.namelist()
            print("\\n".join(names))
            for n in names:
                key = "_".join(str(ord(c)) for c in n)
                assert z.read(n) == open(sys.argv[2] + "/expect-" + key, "rb").read(), n
                i = z.getinfo(n)
                assert i.date_time == (1980, 1, 1, 0, 0, 0) and i.flag_bits & 0x800 and i.compress_type == 0, n
            """, path, dir])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.split(separator: "\n").map(String.init) == files.map(\.0))
        let unzip = try run("/usr/bin/env", ["unzip", "-t", path])
        #expect(unzip.status == 0, "\(unzip.output)")
        #expect(unzip.output.contains("No errors detected"))

        // Same input, same bytes: nothing of the clock or the machine goes in.
        let again = try ZipWriter(path: dir + "/b.zip")
        for (n, b) in files { try again.add(name: n, bytes: b) }
        #expect(try again.finish() == hash)
    }

    @Test func moreThan65535EntriesUseZip64EndRecords() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/many.zip"
        let zip = try ZipWriter(path: path)
        for i in 0..<70_000 { try zip.add(name: "f\(i).txt", bytes: Array(String(i).utf8)) }
        try zip.finish()
        let check = try run("/usr/bin/env", ["python3", "-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            n = z.namelist()
            assert len(n) == 70000 and n[69999] == "f69999.txt" and z.read("f12345.txt") == b"12345"
            """, path])
        #expect(check.status == 0, "\(check.output)")
        let unzip = try run("/usr/bin/env", ["unzip", "-tq", path])
        #expect(unzip.status == 0, "\(unzip.output)")
    }

    /// Past 4 GiB the offsets move into ZIP64 extra fields; tried here with the limit
    /// lowered to 1 KiB instead of writing 4 GiB.
    @Test func offsetsPastTheLimitGoIntoZip64Fields() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/far.zip"
        let zip = try ZipWriter(path: path, zip64From: 1024)
        for i in 0..<5 { try zip.add(name: "d\(i).html", bytes: [UInt8](repeating: UInt8(65 + i), count: 700)) }
        try zip.finish()
        let check = try run("/usr/bin/env", ["python3", "-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            assert [z.read(f"d{i}.html") for i in range(5)] == [bytes([65 + i]) * 700 for i in range(5)]
            assert z.getinfo("d4.html").header_offset > 1024
            """, path])
        #expect(check.status == 0, "\(check.output)")
        let unzip = try run("/usr/bin/env", ["unzip", "-t", path])
        #expect(unzip.status == 0 && unzip.output.contains("No errors detected"), "\(unzip.output)")
    }

    @Test func duplicateNameIsRefusedAndNothingIsLeftBehind() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let zip = try ZipWriter(path: dir + "/d.zip")
        try zip.add(name: "a", bytes: [1])
        #expect(throws: OutputWriteError.self) { try zip.add(name: "a", bytes: [2]) }
        zip.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    private func tempDir() throws -> String {
        let d = NSTemporaryDirectory() + "zipwriter-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    private func run(_ exe: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe; p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
