import Testing
@testable import BillingGenerator
import BillingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func readAll(_ path: String) -> [UInt8] {
    guard let f = fopen(path, "rb") else { return [] }
    defer { fclose(f) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 1 << 16, f) }
        if n == 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return out
}

/// FNV-1a, 64 bit.
private func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return h
}

private func lines(_ path: String) -> [String] {
    String(decoding: readAll(path), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

/// Splits one CSV line honouring double quotes.
private func fields(_ line: String) -> [String] {
    var out: [String] = []
    var cur = ""
    var inQuotes = false
    var prevQuote = false
    for ch in line {
        if inQuotes {
            if ch == "\"" { inQuotes = false; prevQuote = true; continue }
            cur.append(ch)
        } else {
            if ch == "\"" { if prevQuote { cur.append("\"") }; inQuotes = true; continue }
            prevQuote = false
            if ch == "," { out.append(cur); cur = ""; continue }
            cur.append(ch)
        }
        prevQuote = false
    }
    out.append(cur)
    return out
}

nonisolated(unsafe) private var dirCounter = 0
private func tempDir(_ tag: String) -> String {
    dirCounter += 1
    return "/tmp/energobill-gen-" + tag + "-" + String(getpid()) + "-" + String(dirCounter)
}

private let dataFiles = ["accounts.csv", "meters.csv", "readings.csv", "payments.csv", "sms.csv",
                         "tariffs/CHE.json", "tariffs/SVE.json", "tariffs/IRK.json", "tariffs/MOW.json",
                         "tariffs/key-rate.csv", "tariffs/penalty.json"]

private func hashes(_ dir: String) -> [String: UInt64] {
    var h: [String: UInt64] = [:]
    for f in dataFiles { h[f] = fnv1a(readAll(dir + "/" + f)) }
    return h
}

private func generate(accounts: Int, months: Int = 13, seed: UInt64, tag: String,
                      regions: [String] = ["CHE", "SVE", "IRK", "MOW"]) throws -> (String, GeneratorReport) {
    let dir = tempDir(tag)
    let report = try generateDataSet(GeneratorOptions(accounts: accounts, months: months, seed: seed, outDir: dir,
                                                      regions: regions), progress: { _ in })
    return (dir, report)
}

private func isMoney(_ s: String) -> Bool {
    let b = Array(s.utf8)
    guard b.count >= 4 else { return false }
    var i = 0
    if b[0] == UInt8(ascii: "-") { i = 1 }
    let dot = b.count - 3
    guard b[dot] == UInt8(ascii: "."), dot > i else { return false }
    for j in i..<b.count where j != dot { if b[j] < 48 || b[j] > 57 { return false } }
    return true
}

@Suite("Generator")
struct GeneratorTests {
    @Test func sameSeedGivesSameBytes() throws {
        let (a, ra) = try generate(accounts: 400, seed: 42, tag: "same-a")
        let (b, rb) = try generate(accounts: 400, seed: 42, tag: "same-b")
        #expect(ra.accounts == rb.accounts && ra.readings == rb.readings && ra.payments == rb.payments)
        let ha = hashes(a), hb = hashes(b)
        for f in dataFiles {
            #expect(ha[f] == hb[f], "file \(f) differs")
            #expect(!readAll(a + "/" + f).isEmpty, "file \(f) is empty")
        }
    }

    @Test func differentSeedGivesDifferentData() throws {
        let (a, _) = try generate(accounts: 200, seed: 1, tag: "seed-1")
        let (b, _) = try generate(accounts: 200, seed: 2, tag: "seed-2")
        let ha = hashes(a), hb = hashes(b)
        for f in ["accounts.csv", "meters.csv", "readings.csv", "payments.csv"] {
            #expect(ha[f] != hb[f], "file \(f) is the same for two seeds")
        }
        #expect(ha["tariffs/CHE.json"] == hb["tariffs/CHE.json"])
    }

    @Test func headersAreSpecColumns() throws {
        let (dir, _) = try generate(accounts: 50, seed: 7, tag: "headers")
        let expected = [
            "accounts.csv": "account_id,holder,address,region,category,kind,inn,kpp,residents,rooms,area_m2,email,phone,delivery,opened_on,closed_on,opening_balance",
            "meters.csv": "meter_id,account_id,zones,digits,ratio,accuracy_class,installed_on,next_verification_on,initial_t1,initial_t2,initial_t3,removed_on",
            "readings.csv": "account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction",
            "payments.csv": "payment_id,account_id,paid_on,amount,channel,period",
            "sms.csv": "received_at,phone,text",
        ]
        for (file, header) in expected {
            let ls = lines(dir + "/" + file)
            #expect(ls.first == header, "\(file) header")
            let width = header.split(separator: ",").count
            for l in ls.dropFirst() { #expect(fields(l).count == width, "\(file): \(l)") }
        }
    }

    @Test func rowCountsArePlausible() throws {
        let n = 1000, months = 13
        let (dir, r) = try generate(accounts: n, months: months, seed: 11, tag: "counts")
        #expect(r.accounts == n)
        #expect(lines(dir + "/accounts.csv").count == n + 1)
        #expect(r.meters >= n * 97 / 100 && r.meters <= n * 110 / 100)
        let submitted = r.readings + r.sms
        #expect(submitted >= n * months * 75 / 100 && submitted <= n * months * 13 / 10, "readings \(submitted)")
        #expect(r.sms > 0)
        #expect(r.payments >= n * months * 65 / 100 && r.payments <= n * months * 12 / 10, "payments \(r.payments)")
        #expect(r.tariffFiles == 7)
        #expect(lines(dir + "/readings.csv").count == r.readings + 1)
        #expect(lines(dir + "/payments.csv").count == r.payments + 1)
        // Every reading lies in the months of the data set (a late one may spill into the next month).
        for l in lines(dir + "/readings.csv").dropFirst() {
            let received = fields(l)[3]
            #expect(received >= "2025-10-01" && received < "2026-11-05", "\(l)")
            #expect(LocalTimestamp(received) != nil)
        }
        for l in lines(dir + "/payments.csv").dropFirst() {
            let paid = fields(l)[2]
            #expect(CivilDate(paid) != nil)
            #expect(paid >= "2025-10-01" && paid <= "2026-11-30", "\(l)")
        }
    }

    @Test func zoneMixIsRoughly70_25_5() throws {
        let (dir, _) = try generate(accounts: 2000, seed: 3, tag: "zones")
        var counts = [0, 0, 0, 0]
        var seen = Set<String>()
        for l in lines(dir + "/meters.csv").dropFirst() {
            let f = fields(l)
            guard seen.insert(f[1]).inserted else { continue }   // the first meter of each account
            counts[Int(f[2])!] += 1
        }
        let total = counts[1] + counts[2] + counts[3]
        #expect(total > 1900)
        #expect(counts[1] * 100 / total >= 65 && counts[1] * 100 / total <= 75, "\(counts)")
        #expect(counts[2] * 100 / total >= 20 && counts[2] * 100 / total <= 30, "\(counts)")
        #expect(counts[3] * 1000 / total >= 30 && counts[3] * 1000 / total <= 70, "\(counts)")
    }

    @Test func moneyFieldsParseAndCodesAreKnown() throws {
        let (dir, _) = try generate(accounts: 600, seed: 5, tag: "money", regions: ["CHE", "SVE", "IRK"])
        var balances = 0, legal = 0
        for l in lines(dir + "/accounts.csv").dropFirst() {
            let f = fields(l)
            #expect(["CHE", "SVE", "IRK"].contains(f[3]))
            #expect(["urban_gas", "urban_electric", "rural", "legal"].contains(f[4]))
            if f[5] == "legal" {
                legal += 1
                #expect(f[6].count == 10 && f[7].count == 9, "\(l)")
                #expect(f[4] == "legal")
            }
            if !f[16].isEmpty { balances += 1; #expect(isMoney(f[16]), "\(l)") }
            #expect(CivilDate(f[14]) != nil)
        }
        #expect(balances > 0 && legal > 0)
        for l in lines(dir + "/payments.csv").dropFirst() {
            let f = fields(l)
            #expect(isMoney(f[3]), "\(l)")
            #expect(!f[3].hasPrefix("-"))
            if !f[5].isEmpty { #expect(Period(f[5]) != nil) }
        }
        let ids = lines(dir + "/payments.csv").dropFirst().map { fields($0)[0] }
        #expect(Set(ids).count == ids.count, "payment ids are unique")
        let irk = String(decoding: readAll(dir + "/tariffs/IRK.json"), as: UTF8.self)
        #expect(irk.contains("\"up_to_kwh\": 3900") && irk.contains("\"up_to_kwh\": 6000"))
        #expect(irk.contains("\"sample\": true"))
    }

    @Test func sameBytesRegardlessOfProgress() throws {
        let options = { (dir: String) in GeneratorOptions(accounts: 120, months: 3, seed: 5, outDir: dir) }
        let silentDir = tempDir("progress-silent"), talkingDir = tempDir("progress-talking")
        let silent = try generateDataSet(options(silentDir), progress: { _ in })
        var messages: [String] = []
        let talking = try generateDataSet(options(talkingDir), progress: { messages.append($0) })
        #expect(messages.count >= 20, "progress is reported about every 5 % of the accounts")
        #expect(messages.last == "generate: 120/120 accounts")
        #expect(silent.readings == talking.readings && silent.payments == talking.payments && silent.bytes == talking.bytes)
        #expect(hashes(silentDir) == hashes(talkingDir))
    }

    @Test func unknownRegionFails() throws {
        #expect(throws: GeneratorError.self) {
            _ = try generateDataSet(GeneratorOptions(accounts: 1, months: 1, outDir: tempDir("bad"), regions: ["XXX"]),
                                    progress: { _ in })
        }
    }

    /// ENERGOBILL_GEN_BENCH=100000 swift test -c release --filter GeneratorTests/benchmark
    @Test(.enabled(if: getenv("ENERGOBILL_GEN_BENCH") != nil))
    func benchmark() throws {
        let n = Int(String(cString: getenv("ENERGOBILL_GEN_BENCH")!)) ?? 100_000
        let dir = tempDir("bench")
        var before = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &before)
        #else
        getrusage(RUSAGE_SELF, &before)
        #endif
        let clock = ContinuousClock()
        var report: GeneratorReport?
        let elapsed = try clock.measure {
            report = try generateDataSet(GeneratorOptions(accounts: n, months: 13, seed: 1, outDir: dir), progress: { _ in })
        }
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let r = try #require(report)
        #expect(r.accounts == n && r.readings > n && r.payments > 0)
        let sizes = dataFiles.filter { !$0.hasPrefix("tariffs/") }.map { Int64(readAll(dir + "/" + $0).count) }
        #expect(r.bytes >= sizes.reduce(0, +), "the report counts every byte of the data files")
        let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        print("BENCH accounts=\(n) readings=\(r.readings) sms=\(r.sms) payments=\(r.payments) bytes=\(r.bytes) ms=\(ms) readings/s=\(Int64(r.readings) * 1000 / max(ms, 1)) maxrss_kb=\(usage.ru_maxrss) maxrss_before_kb=\(before.ru_maxrss) dir=\(dir)")
    }

    /// ENERGOBILL_GEN_SAMPLE=/path swift test --filter GeneratorTests/sample
    @Test(.enabled(if: getenv("ENERGOBILL_GEN_SAMPLE") != nil))
    func sample() throws {
        let dir = String(cString: getenv("ENERGOBILL_GEN_SAMPLE")!)
        let r = try generateDataSet(GeneratorOptions(accounts: 200, months: 13, seed: 2026, outDir: dir,
                                                     regions: ["CHE", "SVE", "IRK"]), progress: { _ in })
        // sample-data/make_sample.py reads these files; its special accounts assume this scale.
        #expect(r.accounts == 200 && r.firstPeriod == Period("2025-10") && r.lastPeriod == Period("2026-10"))
        for f in ["accounts.csv", "meters.csv", "readings.csv", "payments.csv", "sms.csv",
                  "tariffs/CHE.json", "tariffs/SVE.json", "tariffs/IRK.json"] {
            #expect(lines(dir + "/" + f).count > 1, "\(f) has rows")
        }
        print("SAMPLE \(r)")
    }
}
