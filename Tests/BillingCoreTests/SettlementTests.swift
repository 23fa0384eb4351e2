import Testing
@testable import BillingCore

@Suite struct SettlementTests {
    @Test func textFormRoundTripsAndIsStrict() {
        let s = Settlement(open: [Obligation(period: nil, amount: k(1500), arisesOn: d("2025-09-30"), dueDate: d("2025-10-10")),
                                  Obligation(period: p("2026-08"), amount: k(150000), arisesOn: d("2026-08-31"), dueDate: d("2026-09-10"))],
                           advance: k(0), penaltyOwed: k(1250), settledNumerator: Int128(Int64.max) * 1000 + 7)
        #expect(s.encoded == "s2|0|1250|9223372036854775807007|-,1500,2025-09-30,2025-10-10;2026-08,150000,2026-08-31,2026-09-10")
        #expect(Settlement(encoded: s.encoded) == s)
        let empty = Settlement(advance: k(-3), settledNumerator: -12)
        #expect(empty.encoded == "s2|-3|0|-12|")
        #expect(Settlement(encoded: empty.encoded) == empty)
        for bad in ["", "s2|0|0|0", "s3|0|0|0|", "s2|01|0|0|", "s2|0|0|-0|", "s2|0|0|0|2026-08,1,2026-08-31",
                    "s2|0|0|0|2026-08,1,2026-08-31,2026-09-10;", "s2|0|0|0| ", "s1|0|0|0|"] {
            #expect(Settlement(encoded: bad) == nil, "\(bad)")
        }
        // Version 1 was rated by the old reading of the relief acts: superseded, replayed.
        var v1 = "s1|0|1250|7|", v2 = s.encoded
        #expect(v1.withUTF8 { Settlement.isSuperseded($0) })
        #expect(!v2.withUTF8 { Settlement.isSuperseded($0) })
    }

    @Test func aPenaltyLineIsPaidFromTheAdvanceAndANegativeOneBecomesAdvance() {
        var s = Settlement(advance: k(1000))
        s.bookPenalty(k(300))
        #expect(s.advance == k(700) && s.penaltyOwed == .zero)
        s.bookPenalty(k(900))
        #expect(s.advance == .zero && s.penaltyOwed == k(200))
        s.bookPenalty(k(-500))
        #expect(s.advance == k(300) && s.penaltyOwed == .zero)
    }

    /// The carried settlement must give exactly what the full replay of the history
    /// gives (DOMAIN: the penalty is recomputed from the full payment history): random
    /// accounts, debts left for months, named and back-dated payments, legal entities,
    /// opening debts and credits, every result compared whole: 30 months of 2024–2026,
    /// and 2021-09 … 2027-04 across both relief edges (the 2022 moratorium that covers
    /// only older debts, the end of the 9.5 % cap on 31.12.2026).
    @Test(arguments: [("2024-03", 30, 150), ("2021-09", 68, 70)])
    func carryingTheSettlementEqualsReplayingTheHistory(start: String, months: Int, accounts: Int) {
        var rng = SplitMix64(state: 77_2026)
        let region = makeRegion()
        let first = p(start)
        var replays = 0, compared = 0
        for a in 0..<accounts {
            let id = String(3_000_000_000 + a)
            let kind: AccountKind = rng.chance(20) ? .legal : .person
            var value = rng.int(0...9_000)
            let m = Meter(id: "M\(a)", accountId: id, zones: 1, digits: 6, installedOn: d("2023-01-01"), initial: Registers([value]))
            var rs: [Reading] = [], ps: [(Payment, known: Period)] = []
            var nextId: Int64 = 1
            let payer = rng.int(0...3)   // 0: rarely pays, 3: pays about everything
            for i in 0..<months {
                let period = first.adding(months: i)
                value += rng.int(50...600)
                if !rng.chance(15) {
                    let day = Int(rng.int(1...24))
                    rs.append(Reading(id: nextId, accountId: id, meterId: m.id, takenOn: period.date(day: day),
                                      receivedAt: LocalTimestamp(date: period.date(day: day), hour: 9, minute: 0, second: 0)!,
                                      source: .lk, registers: Registers([value])))
                    nextId += 1
                }
                for _ in 0..<Int(rng.int(0...payer)) {
                    let named: Period? = rng.chance(25) ? period.adding(months: -Int(rng.int(0...3))) : nil
                    let paidOn = period.date(day: Int(rng.int(1...28)))
                    // Some payments reach the supplier only after later closes (a bank's late register).
                    let known = rng.chance(12) ? period.adding(months: Int(rng.int(1...3))) : period
                    ps.append((Payment(id: "P\(a)-\(nextId)", accountId: id, paidOn: paidOn,
                                       amount: Kopecks(rng.int(1...250_000)), period: named), known))
                    nextId += 1
                }
            }
            let account = Account(id: id, holder: "H", address: "A", region: "TST",
                                  category: kind == .legal ? "legal" : "urban_gas", kind: kind, residents: 2, rooms: 2,
                                  openingBalance: Kopecks(rng.chance(50) ? rng.int(-80_000...400_000) : 0))
            var full = CloseDriver(region: region, account: account, meters: [m])
            var carried = CloseDriver(region: region, account: account, meters: [m])
            carried.carry = true
            for i in 0..<months {
                let period = first.adding(months: i)
                let known = ps.filter { $0.known <= period }.map(\.0)
                let r1 = full.close(period, readings: rs, payments: known)
                let r2 = carried.close(period, readings: rs, payments: known)
                #expect(r1 == r2, "account \(id) period \(period)")
                compared += 1
            }
            replays += carried.replays
        }
        // Both paths were exercised: the first close and back-dated payments replay, the rest carry.
        #expect(replays > accounts && replays < compared / 3)
    }
}
