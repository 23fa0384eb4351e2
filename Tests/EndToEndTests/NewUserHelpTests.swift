import Foundation
import Testing

/// What a new user meets with only the README and `--help` (issue 15, "README and help"):
/// the import help, date formats, status figures, a dry run under --quiet, the close
/// report's shares and the regions' input hashes.
@Suite struct NewUserHelpTests {
    @Test func helpImportListsEveryKindAndEachKindItsColumns() throws {
        let s = try Sandbox("help-import")
        let kinds = ["tariffs", "accounts", "meters", "readings", "sms", "payments", "registry", "statement"]
        let group = try s.ok(["help", "import"]).stdout
        #expect(try s.ok(["import", "--help"]).stdout == group)
        #expect(!group.hasPrefix("energobill import tariffs"), "\(group)")
        for k in kinds {
            #expect(lines(group).filter { $0.hasPrefix("  import \(k) ") }.count == 1, "one line for import \(k): \(group)")
        }
        #expect(group.contains("docs/IMPORT.md"))
        let readings = try s.ok(["help", "import", "readings"]).stdout
        #expect(try s.ok(["import", "readings", "--help"]).stdout == readings)
        #expect(readings.contains("COLUMNS (* required):"))
        #expect(readings.contains("account_id*, taken_on*, received_at*, source* (lk|form|phone|ivr|sms|email|gosuslugi|office|inspector|askue), t1*"))
        #expect(readings.contains("correction (0|1)") && readings.contains("docs/IMPORT.md"))
        let accounts = try s.ok(["help", "import", "accounts"]).stdout
        #expect(accounts.contains("kind (person|legal") && accounts.contains("delivery (paper|email)"))
        #expect(try s.ok(["help", "import", "meters"]).stdout.contains("zones* (1|2|3)"))
        #expect(try s.ok(["help", "import", "payments"]).stdout.contains("channel (lk|sberbank|"))
        #expect(try s.ok(["help", "import", "sms"]).stdout.contains("received_at*, text* (ACCOUNT T1 [T2 [T3]]), phone"))
    }

    @Test func aFileMissingSeveralColumnsNamesThemAllAtOnce() throws {
        let s = try Sandbox("missing-columns")
        try s.ok(["import", "tariffs", Harness.packageRoot + "/tariffs"])
        try s.write("a.csv", "account_id,region\n7400009999,CHE\n")
        let r = try s.run(["import", "accounts", "a.csv"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("a.csv:1: holder, address, category: missing required columns \"holder\", \"address\", \"category\" (header: account_id,region)"), "\(r.stderr)")
        #expect(r.stderr.contains("docs/IMPORT.md"))
        #expect(lines(r.stderr).count == 1, "one message: \(r.stderr)")
        #expect(try s.ok(["status"]).stdout.contains("лицевые счета: 0\n"), "nothing stored")
    }

    @Test func datesOfTheCommandLineAreStatedAndARangeRunsForward() throws {
        let s = try Sandbox("dates")
        for (command, option) in [("act", "--from"), ("act", "--to"), ("debtors", "--as-of"), ("quote", "--on"),
                                  ("notices", "--as-of"), ("claim", "--as-of"), ("export debts", "--as-of")] {
            let help = try s.ok(command.split(separator: " ").map(String.init) + ["--help"]).stdout
            let line = lines(help).first { $0.hasPrefix("  \(option) DATE") } ?? ""
            #expect(line.contains("YYYY-MM-DD or DD.MM.YYYY"), "\(command) \(option): \(line)")
        }
        try s.ok(["init"])
        let r = try s.run(["act", "--account", "7400000001", "--from", "31.10.2026", "--to", "2025-10-01"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("--from 31.10.2026 is after --to 2025-10-01"), "\(r.stderr)")
        #expect(r.stderr.contains("Usage: energobill act"))
    }

    /// One closed month of the sample: status, a quiet dry run of the next, the report's shares.
    @Test func statusDryRunSharesAndInputHashesOnTheSample() throws {
        let s = try SampleDataTests.importTheSample("newuser")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        let status = try s.ok(["status"]).stdout
        #expect(status.contains("  строки, отклонённые импортом (файлы OUT/rejects/): 13\n"), "\(status)")
        #expect(status.contains("  показания, отклонённые закрытиями (причины — в close-report.html периода): "))
        #expect(status.contains("закрытые периоды — регион (лицевых счетов в закрытии):\n  2025-10: CHE (84), IRK (69), SVE (63)\n"))
        #expect(status.contains("последние запуски"))

        // A dry run under --quiet says nothing, stores nothing, and leaves its result in a file
        // outside the period's outputs of record.
        let dry = try s.run(["--quiet", "close", "--period", "2025-11", "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.isEmpty && dry.stderr.isEmpty, "\(dry.stdout)\(dry.stderr)")
        let summary = try s.read("out/dry-run/2025-11/close-summary.txt")
        #expect(summary.hasPrefix("Пробное закрытие 2025-11 (close --dry-run): в базе ничего не сохранено"), "\(summary)")
        #expect(summary.contains("Всего: 216 лицевых счетов\n") && summary.contains("Проверка инвариантов: пройдена\n"), "\(summary)")
        #expect(!s.exists("out/2025-11"))
        #expect(!(try s.ok(["status"]).stdout.contains("2025-11:")))
        let loud = try s.run(["close", "--period", "2025-11", "--dry-run"])
        #expect(loud.stderr.contains("out/dry-run/2025-11/close-summary.txt"), "\(loud.stderr)")

        // The method shares of the close report add up to 100,0 %.
        let report = try s.read("out/2025-10/close-report.html")
        let methods = report.components(separatedBy: "Объём по способу определения").last?.components(separatedBy: "</table>").first ?? ""
        let shares = try Regex(#"<td class="n">(\d+),(\d)&nbsp;%</td>"#)
        let permille = methods.matches(of: shares).map { (Int($0.output[1].substring ?? "") ?? 0) * 10 + (Int($0.output[2].substring ?? "") ?? 0) }
        #expect(permille.count >= 3 && permille.reduce(0, +) == 1000, "\(permille)")

        // Each region's input hash is its own.
        let json = try s.read("out/2025-10/summary.json")
        let hashes = json.matches(of: try Regex(#""input_sha256": "([0-9a-f]{64})""#)).map { String($0.output[1].substring ?? "") }
        #expect(hashes.count == 3 && Set(hashes).count == 3, "\(hashes)")
    }

    /// sample-data/README.md's row of 7400000017 tells what the golden act shows: each bill
    /// paid in full 5 days late, the penalties never paid.
    @Test func theSampleReadmeTellsWhatTheGoldenActShows() throws {
        let root = Harness.packageRoot
        let readme = try String(contentsOfFile: root + "/sample-data/README.md", encoding: .utf8)
        let row = lines(readme).first { $0.hasPrefix("| 7400000017 ") } ?? ""
        let act = lines(try String(contentsOfFile: root + "/Tests/EndToEndTests/Golden/acts/7400000017_2025-10-01_2026-10-31.csv", encoding: .utf8))
        #expect(act.last == "2026-10-31,closing,,,,41639.65")
        #expect(act.contains("2026-10-31,charge,Начисление за 10.2026,40100.42,,41514.82"))
        let penalties = act.filter { $0.contains(",penalty,") }.compactMap { $0.split(separator: ",").dropFirst(3).first }
            .map { Int($0.replacingOccurrences(of: ".", with: "")) ?? 0 }.reduce(0, +)
        #expect(penalties == 153923, "penalties charged: \(penalties)")
        #expect(row.contains("paid 5 days after the legal due date") && row.contains("It never pays the penalties"))
        #expect(row.contains("1539.23") && row.contains("41639.65") && row.contains("40100.42"), "\(row)")
    }
}
