import Foundation
import Testing

@Suite(.serialized) struct BankExportAndFuzzTests {
    @Test func theDebtRegistryIsTheLastTotalDueLessLaterPayments() throws {
        let s = try SampleDataTests.importTheSample("export-debts")
        try s.ok(["close", "--period", "2025-10", "--go-live", "--documents", "none"])
        let row = lines(try s.read("out/2025-10/registry.csv")).first { $0.hasPrefix("7400000001,") } ?? ""
        let due = row.split(separator: ",")[10]   // total_due
        let dueKop = Int(due.replacingOccurrences(of: ".", with: "")) ?? 0
        #expect(dueKop > 10000, "\(row)")
        // 100,00 paid on 03.11.2025 through the bank, not booked by any close yet.
        try s.writeData("r.txt", BankFixtures.sber(["03.11.2025;09:00:00;8597;0001;910000000001;7400000001;Соколов А. П.;г. Челябинск;102025;100,00;100,00;0,00"],
                                                   totals: "=1;100,00;100,00;0,00;601;04.11.2025"))
        try s.ok(["import", "registry", "r.txt", "--bank", "sber-12"])
        let before = try s.ok(["export", "debts", "--bank", "sber-12", "--as-of", "2025-11-02"])
        #expect(before.stdout.contains("7453320202_40702810672000012345_001_1125.txt"), "\(before.stdout)")
        let after = try s.ok(["export", "debts", "--bank", "sber-12", "--as-of", "2025-11-05"])
        #expect(after.stdout.contains("_002_1125.txt"), "a second export never replaces the first: \(after.stdout)")
        func line(_ file: String) throws -> String {
            let bytes = [UInt8](try s.bytes("out/banks/" + file))
            let isUTF8 = String(data: Data(bytes), encoding: .utf8) != nil
            #expect(!isUTF8, "cp1251, not UTF-8")
            let text = String(decoding: bytes.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
            return text.split(separator: "\r\n").first { $0.hasPrefix("7400000001;") }.map(String.init) ?? ""
        }
        func rubles(_ k: Int) -> String { "\(k / 100)," + (k % 100 < 10 ? "0" : "") + "\(k % 100)" }
        #expect(try line("7453320202_40702810672000012345_001_1125.txt").hasSuffix(";102025;" + rubles(dueKop)))
        #expect(try line("7453320202_40702810672000012345_002_1125.txt").hasSuffix(";102025;" + rubles(dueKop - 10000)))
        #expect(try s.run(["export", "debts", "--bank", "nope", "--as-of", "2025-11-05"]).status == 65)
    }

    /// Damaged registries and statements: every import ends 0 or 65, never a trap, and
    /// the database stays sound. The seed is fixed, so a failure reproduces.
    @Test func damagedFilesEndZeroOrSixtyFiveAndTheDatabaseStaysSound() throws {
        let s = try Sandbox.withBankAccounts("bank-fuzz")
        var rng = SplitMix(seed: 20261003)
        let registry = [UInt8](BankFixtures.sber())
        let statement = [UInt8](BankFixtures.statement(BankStatementTests.docs, received: BankStatementTests.received))
        let pipe = [UInt8](BankFixtures.encode("#ИТОГО|1|000000010000|000000010000|000000000000|9|07102026\n06102026|1|55|7400000001|А|09.2026|000000010000|000000010000|000000000000\n", cp866: true))
        var outcomes: [Int32: Int] = [:]
        for i in 0..<240 {
            let (base, args): ([UInt8], [String]) = switch i % 3 {
            case 0: (registry, ["import", "registry", "f.txt", "--bank", "sber-12"])
            case 1: (statement, ["import", "statement", "f.txt"])
            default: (pipe, ["import", "registry", "f.txt", "--bank", "pipe-kop"])
            }
            let bytes = mutate(base, &rng, statement: i % 3 == 1)
            try s.writeData("f.txt", Data(bytes))
            let r = try s.run(args)
            outcomes[r.status, default: 0] += 1
            #expect(r.status == 0 || r.status == 65, "case \(i): exit \(r.status)\n\(r.stderr)")
            if r.status != 0 && r.status != 65 { try s.writeData("crash-\(i).bin", Data(bytes)); break }
        }
        #expect(try s.sql("PRAGMA integrity_check") == "ok")
        #expect(try s.sql("PRAGMA foreign_key_check") == "")
        #expect((outcomes[0] ?? 0) > 0 && (outcomes[65] ?? 0) > 0, "\(outcomes)")
    }

    private func mutate(_ base: [UInt8], _ rng: inout SplitMix, statement: Bool) -> [UInt8] {
        var b = base
        switch rng.next() % 5 {
        case 0:  // random byte flips
            for _ in 0..<(1 + Int(rng.next() % 6)) { b[Int(rng.next() % UInt64(b.count))] ^= UInt8(1 << (rng.next() % 8)) }
        case 1:  // truncation
            b = Array(b.prefix(Int(rng.next() % UInt64(b.count))))
        case 2:  // the end marker gone, or the totals line moved to the middle
            if statement {
                let enc = [UInt8](BankFixtures.encode("КонецФайла"))
                if let r = find(enc, in: b) { b.removeSubrange(r) }
            } else if let nl = b.firstIndex(of: 10) {
                let last = b.lastIndex(of: 61) ?? 0   // '='
                let totals = Array(b[last...])
                b.removeSubrange(last...)
                b.insert(contentsOf: totals + [10], at: min(nl + 1, b.count))
            }
        case 3:  // random bytes spliced in
            let at = Int(rng.next() % UInt64(b.count))
            b.insert(contentsOf: (0..<(1 + Int(rng.next() % 40))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
        default:  // a line duplicated
            let lines = b.split(separator: 10, omittingEmptySubsequences: false)
            let k = Int(rng.next() % UInt64(lines.count))
            var out: [[UInt8]] = lines.map(Array.init)
            out.insert(out[k], at: k)
            b = Array(out.joined(separator: [10]))
        }
        return b
    }

    private func find(_ needle: [UInt8], in hay: [UInt8]) -> Range<Int>? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
        return nil
    }
}

/// SplitMix64: a small seeded generator, so a fuzz failure reproduces.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct GeneratedBankFilesTests {
    /// `generate --payments-as registries` writes registries and statements that import
    /// cleanly, reconcile every transfer, and carry the shipped sber-12 template.
    @Test func generatedRegistriesImportAndReconcile() throws {
        let s = try Sandbox("gen-registries")
        try s.ok(["generate", "--accounts", "120", "--months", "2", "--payments-as", "registries", "--out", s.path("data")])
        #expect(try s.read("data/tariffs/banks/sber-12.json") == String(contentsOfFile: Harness.packageRoot + "/tariffs/banks/sber-12.json", encoding: .utf8))
        try s.ok(["import", "tariffs", "data/tariffs"])
        try s.ok(["import", "accounts", "data/accounts.csv"])
        let files = try FileManager.default.contentsOfDirectory(atPath: s.path("data/registries")).sorted()
        for f in files where f.hasPrefix("sber-12_") { try s.ok(["import", "registry", "data/registries/" + f, "--bank", "sber-12"]) }
        for f in files where f.hasPrefix("statement_") { try s.ok(["import", "statement", "data/registries/" + f]) }
        #expect(try s.sql("SELECT count(*) FROM bank_registries WHERE transfer_amount IS NOT transferred_sum") == "0")
        #expect(try s.sql("SELECT count(*) FROM unmatched_payments") == "0")
        #expect(try s.sql("SELECT (SELECT sum(operation_sum) FROM bank_registries) = (SELECT sum(amount) FROM payments)") == "1")
    }
}
