import Foundation
import Testing

/// `close --documents-archive`: the files the per-file mode writes, byte for byte, in
/// store-only ZIPs that Python's zipfile and Info-ZIP `unzip -t` accept.
@Suite(.serialized) struct DocumentsArchiveTests {
    /// Asserts in Python (zipfile, not our reader) that the archives hold exactly the
    /// folder's files with the same bytes; prints each archive's names, one line per archive.
    static let compare = """
    import os, sys, zipfile
    folder, archives = sys.argv[1], sys.argv[2:]
    seen = []
    for a in archives:
        z = zipfile.ZipFile(a)
        assert z.testzip() is None, a
        names = z.namelist()
        for n in names:
            assert z.read(n) == open(os.path.join(folder, n), "rb").read(), (a, n)
            assert z.getinfo(n).compress_type == zipfile.ZIP_STORED, n
        seen += names
        print(" ".join(sorted(names)))
    assert len(seen) == len(set(seen)), "a file in two archives"
    assert sorted(seen) == sorted(os.listdir(folder)), (sorted(seen), sorted(os.listdir(folder)))
    """

    func python(_ s: Sandbox, _ args: [String]) throws -> [String] {
        let r = try s.runProgram("/usr/bin/env", ["python3", "-c", Self.compare] + args)
        #expect(r.status == 0, "\(r.stderr)")
        return lines(r.stdout).filter { !$0.isEmpty }
    }

    func unzipTest(_ s: Sandbox, _ rel: String) throws {
        let r = try s.runProgram("/usr/bin/env", ["unzip", "-t", s.path(rel)])
        #expect(r.status == 0 && r.stdout.contains("No errors detected"), "\(r.stdout)\(r.stderr)")
    }

    @Test func oneArchiveHoldsThePerFileDocumentsAndReRunsWriteTheSameBytes() throws {
        let s = try AnalystCommandsTests.setUp("docs-archive")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        try FileManager.default.moveItem(atPath: s.path("out/2025-10/documents"), toPath: s.path("per-file"))

        let r = try s.ok(["close", "--period", "2025-10", "--documents-archive"])
        #expect((r.stdout + r.stderr).contains("документов 3 в 6 файлах в documents-0001.zip"))
        #expect(!s.exists("out/2025-10/documents"))
        #expect(!s.exists("out/2025-10/documents-0002.zip"))
        let listed = try python(s, [s.path("per-file"), s.path("out/2025-10/documents-0001.zip")])
        #expect(listed.count == 1 && listed.first?.contains("1000000003.json") == true)
        try unzipTest(s, "out/2025-10/documents-0001.zip")

        let zip = try s.bytes("out/2025-10/documents-0001.zip"), summary = try s.bytes("out/2025-10/summary.json")
        #expect(try s.read("out/2025-10/summary.json").contains("\"documents-0001.zip\": \"sha256:\(sha256(zip))\""))
        #expect(try s.read("out/2025-10/close-report.html").contains("documents-0001.zip"))
        #expect(try s.ok(["check"]).stdout.contains("проверка пройдена"))

        try s.ok(["close", "--period", "2025-10", "--documents-archive"])
        #expect(try s.bytes("out/2025-10/documents-0001.zip") == zip)
        #expect(try s.bytes("out/2025-10/summary.json") == summary)
    }

    @Test func oneArchivePerBundleOfNAccounts() throws {
        let s = try AnalystCommandsTests.setUp("docs-archive-bundle")
        try s.ok(["close", "--period", "2025-10", "--go-live", "--bundle", "2"])
        try FileManager.default.moveItem(atPath: s.path("out/2025-10/documents"), toPath: s.path("per-file"))

        let r = try s.ok(["close", "--period", "2025-10", "--bundle", "2", "--documents-archive"])
        #expect((r.stdout + r.stderr).contains("в 2 ZIP-архивах documents-0001.zip…documents-0002.zip"), "\(r.stdout)")
        let archives = ["out/2025-10/documents-0001.zip", "out/2025-10/documents-0002.zip"]
        let listed = try python(s, [s.path("per-file")] + archives.map { s.path($0) })
        #expect(listed == ["1000000001.json 1000000002.json bundle-0001.html", "1000000003.json bundle-0002.html"])
        for a in archives { try unzipTest(s, a) }
        let first = try archives.map { try s.bytes($0) }
        let summary = try s.read("out/2025-10/summary.json")
        for (a, b) in zip(archives, first) { #expect(summary.contains("\"\(a.split(separator: "/").last ?? "")\": \"sha256:\(sha256(b))\"")) }

        try s.ok(["close", "--period", "2025-10", "--bundle", "2", "--documents-archive"])
        #expect(try archives.map { try s.bytes($0) } == first)

        // JSON only, one archive for all: the second archive of the bundled run does not linger.
        try s.ok(["close", "--period", "2025-10", "--documents", "json", "--documents-archive"])
        #expect(!s.exists("out/2025-10/documents-0002.zip"))
        let names = try s.runProgram("/usr/bin/env", ["python3", "-c", "import sys, zipfile; print(' '.join(zipfile.ZipFile(sys.argv[1]).namelist()))",
                                                      s.path(archives[0])])
        #expect(names.stdout == "1000000001.json 1000000002.json 1000000003.json\n")
        try unzipTest(s, archives[0])
    }

    private func sha256(_ d: Data) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum"]
        let i = Pipe(), o = Pipe()
        p.standardInput = i; p.standardOutput = o
        try? p.run()
        i.fileHandleForWriting.write(d); try? i.fileHandleForWriting.close()
        let out = o.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(String(decoding: out, as: UTF8.self).prefix(64))
    }
}
