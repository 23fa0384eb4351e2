import Testing
@testable import BillingCore

/// SplitMix64: a tiny deterministic PRNG, so the simulation is the same on every run.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
    mutating func chance(_ percent: Int) -> Bool { next() % 100 < UInt64(percent) }
}

@Suite struct SimulationTests {
    /// Random single-rate accounts with a reading every month (plus noise the close must reject or ignore)
    /// and random payments over 24 months, against a deliberately simple reference:
    /// charge = (reading − previous) × 2.4450 rounded; total_due = opening + Σ charges − Σ payments + penalty total.
    @Test func twentyFourMonthsAgainstReference() {
        var rng = SplitMix64(state: 20_261_026)
        let region = makeRegion()
        let months = 24, accounts = 300
        let first = p("2025-01")
        var drivers: [CloseDriver] = [], readings: [[Reading]] = [], payments: [[Payment]] = []
        var expectedCharges: [[Int64]] = [], openings: [Int64] = []
        var nextId: Int64 = 1
        for a in 0..<accounts {
            let id = String(1_000_000_000 + a)
            let opening = rng.int(-50_000...200_000)
            var value = rng.int(0...50_000)
            let m = Meter(id: "M\(a)", accountId: id, zones: 1, digits: 6, installedOn: d("2024-01-01"), initial: Registers([value]))
            var rs: [Reading] = [], ps: [Payment] = [], charges: [Int64] = []
            for i in 0..<months {
                let period = first.adding(months: i)
                let volume = rng.int(0...800)
                value += volume
                charges.append(divideRoundingHalfAwayFromZero(volume * 24450, 100))
                let day = Int(rng.int(20...25))
                let good = Reading(id: nextId, accountId: id, meterId: m.id, takenOn: period.date(day: day),
                                   receivedAt: LocalTimestamp(date: period.date(day: day), hour: 10, minute: 0, second: 0)!,
                                   source: .lk, registers: Registers([value]))
                nextId += 1
                rs.append(good)
                if rng.chance(15) {   // an exact duplicate
                    var dup = good; dup.id = nextId; nextId += 1; rs.append(dup)
                }
                if rng.chance(10) {   // an implausible reading received later the same day: rejected, the good one used
                    var bad = good; bad.id = nextId; nextId += 1
                    bad.receivedAt = LocalTimestamp(date: good.receivedAt.date, hour: 11, minute: 0, second: 0)!
                    bad.registers = Registers([value + 500_000])   // > 10000 kWh × 12 months even in the first period
                    rs.append(bad)
                }
                for _ in 0..<Int(rng.int(0...2)) {
                    let named: Period? = rng.chance(30) ? period.previous : nil
                    ps.append(Payment(id: "P\(nextId)", accountId: id, paidOn: period.date(day: Int(rng.int(1...28))),
                                      amount: Kopecks(rng.int(1...150_000)), period: named))
                    nextId += 1
                }
            }
            drivers.append(CloseDriver(region: region, account: person(id, opening: opening), meters: [m]))
            readings.append(rs); payments.append(ps); expectedCharges.append(charges); openings.append(opening)
        }
        for i in 0..<months {
            let period = first.adding(months: i)
            var results: [AccountCloseResult] = []
            for a in 0..<accounts {
                let r = drivers[a].close(period, readings: readings[a], payments: payments[a])
                results.append(r)
                #expect(r.row.method == "actual")
                #expect(r.row.charge.value == expectedCharges[a][i])
                let paid = payments[a].filter { $0.paidOn <= period.lastDay }.reduce(Int64(0)) { $0 + $1.amount.value }
                let charged = expectedCharges[a][0...i].reduce(0, +)
                #expect(r.row.totalDue.value == openings[a] + charged - paid + r.row.penaltyTotal.value)
                #expect(r.row.penaltyTotal.value >= 0)
                for m in r.meterPeriods { #expect(MeterState(encoded: m.state.encoded) == m.state) }
            }
            let (failures, _) = checkInvariants(results, period: period)
            #expect(failures.isEmpty)
        }
    }

    /// Mixed meters (1–3 zones, some missing months, late readings, meter failures, benefits, legal
    /// entities, tiers off): only the invariants and the state encoding are checked.
    @Test func mixedAccountsKeepTheInvariants() {
        var rng = SplitMix64(state: 42)
        var policy = EstimationPolicy()
        policy.averageMaxPeriods = 3
        let region = makeRegion(estimation: policy)
        let first = p("2025-01")
        var drivers: [CloseDriver] = [], readings: [[Reading]] = [], payments: [[Payment]] = []
        var nextId: Int64 = 1
        for a in 0..<200 {
            let id = String(2_000_000_000 + a)
            let kind: AccountKind = rng.chance(15) ? .legal : .person
            let category = kind == .legal ? "legal" : (rng.chance(20) ? "benefit" : "urban_gas")
            let zones = Int(rng.int(1...3))
            var values = (0..<zones).map { _ in rng.int(0...9_000) }
            let verification: CivilDate? = rng.chance(10) ? first.adding(months: Int(rng.int(3...20))).date(day: 10) : nil
            let m = Meter(id: "M\(a)", accountId: id, zones: zones, digits: 5, installedOn: d("2024-06-01"),
                          nextVerificationOn: verification, initial: Registers(values))
            var rs: [Reading] = [], ps: [Payment] = []
            for i in 0..<24 {
                let period = first.adding(months: i)
                for z in 0..<zones { values[z] = (values[z] + rng.int(0...400)) % 100_000 }   // rollovers happen
                if rng.chance(30) { continue }   // no reading this month
                let late = rng.chance(10)
                let day = late ? 27 : Int(rng.int(1...25))
                rs.append(Reading(id: nextId, accountId: id, meterId: m.id, takenOn: period.date(day: day),
                                  receivedAt: LocalTimestamp(date: period.date(day: day), hour: 9, minute: 30, second: 0)!,
                                  source: rng.chance(10) ? .inspector : .sms, registers: Registers(values)))
                nextId += 1
                if rng.chance(60) {
                    ps.append(Payment(id: "Q\(nextId)", accountId: id, paidOn: period.date(day: Int(rng.int(1...28))),
                                      amount: Kopecks(rng.int(1...300_000))))
                    nextId += 1
                }
            }
            let acc = Account(id: id, holder: "H", address: "A", region: "TST", category: category, kind: kind,
                              residents: Int(rng.int(0...6)), rooms: Int(rng.int(1...5)),
                              openingBalance: Kopecks(rng.int(-10_000...100_000)))
            drivers.append(CloseDriver(region: region, account: acc, meters: [m]))
            readings.append(rs); payments.append(ps)
        }
        for i in 0..<24 {
            let period = first.adding(months: i)
            var results: [AccountCloseResult] = []
            for a in 0..<drivers.count {
                let r = drivers[a].close(period, readings: readings[a], payments: payments[a])
                results.append(r)
                #expect(r.row.benefit.value <= 0)
                for m in r.meterPeriods { #expect(MeterState(encoded: m.state.encoded) == m.state) }
            }
            let (failures, _) = checkInvariants(results, period: period)
            #expect(failures.isEmpty)
            if i > 0 {
                for drv in drivers { #expect(drv.results[i].row.balanceIn == drv.results[i - 1].row.totalDue) }
            }
        }
    }
}
