import Foundation
import Testing
import TestSupport

/// The bundled sample data through the built binary, as scripts/demo runs it:
/// import everything, close 13 months in order, write acts. The files of the last
/// month are golden (regenerate only on purpose with UPDATE_GOLDEN=1), so any
/// change in a rule shows up as a reviewed diff of real documents.
@Suite(.serialized) struct SampleDataTests {
    static let periods = (0..<13).map { Period(index: 2025 * 12 + 9 + $0) }

    struct Period { let text: String; init(index: Int) { text = String(index / 12) + "-" + (index % 12 + 1 < 10 ? "0" : "") + String(index % 12 + 1) } }

    /// A sandbox with every sample file imported, as scripts/demo imports them.
    static func importTheSample(_ name: String) throws -> Sandbox {
        let s = try Sandbox(name)
        let root = Harness.packageRoot
        try s.ok(["import", "tariffs", root + "/tariffs"])
        for k in ["accounts", "meters", "readings", "sms", "payments"] {
            try s.ok(["import", k, root + "/sample-data/\(k).csv"])
        }
        try s.ok(["import", "payments", root + "/sample-data/payments-bank-cp1251.csv", "--encoding", "cp1251"])
        return s
    }

    static func closeTheSample(_ name: String) throws -> Sandbox {
        let s = try importTheSample(name)
        for p in periods { try s.ok(["close", "--period", p.text] + (p.text == periods[0].text ? ["--go-live"] : [])) }
        return s
    }

    @Test func lastMonthMatchesTheGoldenFiles() throws {
        let s = try Self.closeTheSample("sample")
        for file in ["registry.csv", "summary.json", "documents/7400000005.html", "documents/7400000005.json",
                     "documents/3800000004.json", "documents/7400000017.json"] {
            try expectGolden("2026-10/" + file, [UInt8](try s.bytes("out/2026-10/" + file)))
        }
        try s.ok(["act", "--account", "7400000017", "--from", "2025-10-01", "--to", "2026-10-31"])
        for ext in ["csv", "html"] {
            let name = "acts/7400000017_2025-10-01_2026-10-31." + ext
            try expectGolden(name, [UInt8](try s.bytes("out/" + name)))
        }
        for p in Self.periods {
            #expect(try s.read("out/\(p.text)/summary.json").contains("\"passed\": true"), "invariants of \(p.text)")
        }
        // Printed by a real browser: A4, and the payment documents on one page each.
        let print = try s.runProgram(Harness.packageRoot + "/scripts/check-print", [
            s.path("out/2026-10/documents/7400000005.html"), s.path("out/2026-10/documents/7400000017.html"),
            s.path("out/2026-10/documents/3800000004.html"), s.path("out/acts/7400000017_2025-10-01_2026-10-31.html"),
            s.path("out/2026-10/close-report.html"), s.path("out/2026-10/invoices/7400000017.html"),
        ])
        #expect(print.status == 0, "\(print.stdout)\(print.stderr)")
        #expect(print.stdout.components(separatedBy: "1 page(s), 59").count - 1 >= 3, "\(print.stdout)")
    }

    /// A database closed before schema v2 has no stored settlements: its next close
    /// replays every account from its history and must give the very same files.
    @Test func withoutStoredSettlementsTheCloseReplaysToTheSameBytes() throws {
        guard let sqlite = Sandbox.which("sqlite3") else {
            Issue.record("sqlite3 is not installed (scripts/test installs it)")
            return
        }
        let s = try Self.importTheSample("sample-replay")
        for p in Self.periods.dropLast() { try s.ok(["close", "--period", p.text] + (p.text == Self.periods[0].text ? ["--go-live"] : [])) }
        _ = try s.runProgram(sqlite, [s.db, "UPDATE account_periods SET settlement = NULL"])
        let last = try s.run(["close", "--period", Self.periods.last!.text], environment: ["ENERGOBILL_TIMINGS": "1"])
        #expect(last.status == 0)
        #expect(last.stderr.contains("222 accounts replayed from history"), "\(last.stderr)")
        for file in ["registry.csv", "summary.json", "documents/7400000005.json", "documents/7400000017.json"] {
            try expectGolden("2026-10/" + file, [UInt8](try s.bytes("out/2026-10/" + file)))
        }
    }

    /// Closing one region ahead of the others every month (each region keeps its own
    /// payment watermark and carried settlements) gives the same files as closing all at once.
    @Test func regionByRegionClosesGiveTheSameFiles() throws {
        let s = try Self.importTheSample("sample-regions")
        for p in Self.periods {
            try s.ok(["close", "--period", p.text, "--go-live", "--region", "SVE", "--documents", "none"])
            try s.ok(["close", "--period", p.text, "--go-live"])
        }
        for file in ["registry.csv", "documents/7400000005.json", "documents/3800000004.json", "documents/7400000017.json"] {
            try expectGolden("2026-10/" + file, [UInt8](try s.bytes("out/2026-10/" + file)))
        }
    }

    /// A region that joins a month later (its first close runs together with regions
    /// that continue from their settlements, so the payments scan holds every payment)
    /// leaves the other regions' files exactly as when all started together.
    @Test func aRegionJoiningLaterLeavesTheOthersUnchanged() throws {
        let s = try Self.importTheSample("sample-join")
        try s.ok(["close", "--period", Self.periods[0].text, "--go-live", "--region", "CHE", "--documents", "none"])
        try s.ok(["close", "--period", Self.periods[0].text, "--go-live", "--region", "IRK", "--documents", "none"])
        for p in Self.periods.dropFirst() { try s.ok(["close", "--period", p.text, "--documents", "json"] + (p.text == Self.periods[1].text ? ["--go-live"] : [])) }
        let golden = Harness.packageRoot + "/Tests/EndToEndTests/Golden/2026-10/"
        let notSVE = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("66") } }
        let registry = try s.read("out/2026-10/registry.csv")
        #expect(notSVE(registry).count == 1 + 85 + 71)
        #expect(registry.split(separator: "\n").filter { $0.hasPrefix("66") }.count == 66)
        #expect(notSVE(registry) == notSVE(try String(contentsOfFile: golden + "registry.csv", encoding: .utf8)))
        for id in ["7400000005", "3800000004", "7400000017"] {
            #expect(try s.bytes("out/2026-10/documents/\(id).json")
                    == (try Data(contentsOf: URL(fileURLWithPath: golden + "documents/\(id).json"))), "\(id)")
        }
    }

    /// Every rejected row of the sample is accounted for, with a reason.
    @Test func rejectsNameLineAndReason() throws {
        let s = try Sandbox("sample-rejects")
        let root = Harness.packageRoot
        try s.ok(["import", "tariffs", root + "/tariffs"])
        try s.ok(["import", "accounts", root + "/sample-data/accounts.csv"])
        try s.ok(["import", "meters", root + "/sample-data/meters.csv"])
        let r = try s.ok(["import", "readings", root + "/sample-data/readings.csv"])
        #expect(r.stderr.contains("отклонено"))
        let rejects = lines(try s.read(try s.rejectsFile("readings")))
        #expect(rejects.first == "line,row,field,reason,reason_ru")
        let reasons = rejects.joined(separator: "\n")
        for reason in ["exceeds digit capacity", "wrong number of zone registers", "taken after received",
                       "belongs to another account", "unknown meter", "unknown account"] {
            #expect(reasons.contains(reason), "a reject for: \(reason)")
        }
        for reasonRu in ["больше разрядности счётчика", "неверное число показаний по зонам", "показание снято позже, чем получено",
                         "принадлежит другому лицевому счёту", "неизвестный счётчик", "неизвестный лицевой счёт"] {
            #expect(reasons.contains(reasonRu), "a Russian reason: \(reasonRu)")
        }
        let again = try s.ok(["import", "readings", root + "/sample-data/readings.csv"])
        #expect(again.stderr.contains("файл уже загружен") || again.stderr.contains("сохранено 0,"), "\(again.stderr)")
    }
}
