import Foundation
import Testing

/// `notices` and `claim` on whole data sets at seeded dates: never a trap (every run exits
/// 0, or 65 for an account with nothing to claim), and every claim's penalty total is the
/// penalty `debtors` reports for that account on that date.
@Suite(.serialized) struct DebtWorkSeededRunTests {
    /// A small deterministic generator (SplitMix64), so a failure names a reproducible seed.
    struct Seeded {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    /// Runs notices and debtors on `date`, then claims for `claims` seeded accounts (debtors first).
    func exercise(_ s: Sandbox, date: String, accounts: [String], claims: Int, rng: inout Seeded) throws {
        let n = try s.run(["notices", "--as-of", date])
        #expect(n.status == 0, "notices \(date): \(n.status) \(n.stderr)")
        #expect(s.exists("out/notices/\(date)/notices.csv"))
        try s.ok(["debtors", "--as-of", date])
        var penalty: [String: String] = [:]
        for line in lines(try s.read("out/debtors/\(date).csv")).dropFirst() {
            guard let comma = line.firstIndex(of: ","), let last = line.lastIndex(of: ",") else { continue }
            penalty[String(line[..<comma])] = String(line[line.index(after: last)...])
        }
        let debtors = penalty.keys.sorted()
        var picks: [String] = []
        for _ in 0..<claims {
            let pool = debtors.isEmpty || rng.next(4) == 0 ? accounts : debtors
            picks.append(pool[rng.next(pool.count)])
        }
        for id in Set(picks).sorted() {
            let r = try s.run(["claim", "--account", id, "--as-of", date])
            #expect(r.status == 0 || r.status == 65, "claim \(id) \(date): \(r.status) \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("internal error"), "claim \(id) \(date): \(r.stderr)")
            guard r.status == 0 else { continue }
            let total = lines(try s.read("out/claims/\(id)_\(date)/penalty.csv")).last ?? ""
            #expect(total.hasPrefix("total,,,,,,,,"), "claim \(id) \(date): \(total)")
            // An account off the list (nothing overdue) may still owe a penalty for late payments.
            if let p = penalty[id] { #expect(total == "total,,,,,,,," + p, "claim \(id) \(date): \(total) vs debtors \(p)") }
        }
    }

    func accountIds(_ s: Sandbox, _ file: String) throws -> [String] {
        lines(try s.read(file)).dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }
    }

    @Test func theSampleAtSeededDates() throws {
        let s = try SampleDataTests.closeTheSample("debtwork-sample")
        let accounts = try accountIds(s, Harness.packageRoot + "/sample-data/accounts.csv")
        var rng = Seeded(state: 17)
        let first = CivilDateText.dayNumber(2025, 11, 1)
        for _ in 0..<4 {
            let date = CivilDateText.iso(first + rng.next(540))
            try exercise(s, date: date, accounts: accounts, claims: 25, rng: &rng)
        }
    }

    @Test func tenThousandGeneratedAccounts() throws {
        let s = try Sandbox("debtwork-10k")
        try s.ok(["--out", s.path("data"), "generate", "--accounts", "10000", "--months", "4", "--seed", "17"])
        try s.ok(["import", "tariffs", s.path("data/tariffs")])
        for k in ["accounts", "meters", "readings", "payments"] { try s.ok(["import", k, s.path("data/\(k).csv")]) }
        for p in ["2026-07", "2026-08", "2026-09", "2026-10"] { try s.ok(["close", "--period", p, "--go-live", "--documents", "none"]) }
        let accounts = try accountIds(s, "data/accounts.csv")
        var rng = Seeded(state: 10_000)
        for date in ["2026-09-30", "2026-12-20"] { try exercise(s, date: date, accounts: accounts, claims: 20, rng: &rng) }
    }
}

/// ISO dates from day numbers for the seeded dates (Howard Hinnant's civil algorithms).
enum CivilDateText {
    static func dayNumber(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = y / 400, yoe = y - era * 400
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1
        return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
    }
    static func iso(_ z0: Int) -> String {
        let z = z0 + 719468, era = z / 146097, doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(y) + "-" + (m < 10 ? "0" : "") + String(m) + "-" + (d < 10 ? "0" : "") + String(d)
    }
}
