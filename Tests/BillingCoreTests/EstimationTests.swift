import Testing
@testable import BillingCore

@Suite struct EstimationTests {
    @Test func averageNeedsThreePeriodsAndRoundsHalfUp() {
        #expect(averageVolumes(history: [[100], [120]], minPeriods: 3) == nil)
        // (100 + 120 + 111) / 3 = 110.33 → 110; T2 (50 + 51 + 50) / 3 = 50.33 → 50.
        #expect(averageVolumes(history: [[100, 50], [120, 51], [111, 50]], minPeriods: 3) == [110, 50])
        // 301 / 2 = 150.5 → 151 (half up) when min is 2.
        #expect(averageVolumes(history: [[150], [151]], minPeriods: 2) == [151])
    }

    @Test func normWithClampingAndCoefficient() {
        var policy = EstimationPolicy()
        let r = makeRegion()
        // 2 rooms, 2 residents: 62 kWh per person × 2 = 124.
        #expect(r.normVolume(for: person(residents: 2, rooms: 2)) == 124)
        // 0 residents count as 1: 100 kWh.
        #expect(r.normVolume(for: person(residents: 0, rooms: 1)) == 100)
        // 6 rooms → the 4-room row; 7 residents → the 5+ column (45.5 kWh) × 7 = 318.5 → 319.
        #expect(r.normVolume(for: person(residents: 7, rooms: 6)) == 319)
        // With the increasing coefficient 1.5: 45.5 × 7 × 1.5 = 477.75 → 478.
        policy.normCoefficient = 15000
        #expect(makeRegion(estimation: policy).normVolume(for: person(residents: 7, rooms: 6)) == 478)
    }

    @Test func activeDaysAndProration() {
        // Installed 11 October: active 11–31 = 21 days; 110 × 21 / 31 = 74.5 → 74 (floor).
        let m = meter(installed: "2026-10-11")
        #expect(activeDays(of: m, account: person(), in: p("2026-10")) == 21)
        #expect(prorate(110, days: 21, monthDays: 31) == 74)
        // Removed 5 October: active 1–5.
        #expect(activeDays(of: meter(removed: "2026-10-05"), account: person(), in: p("2026-10")) == 5)
        #expect(activeDays(of: meter(removed: "2026-09-05"), account: person(), in: p("2026-10")) == 0)
    }

    @Test func averageThenNormAfterTheLimit() {
        var policy = EstimationPolicy()
        policy.averageMaxPeriods = 2          // tests do not assume 6 or 3
        var s = MeterState.initial(for: meter())
        s.history = [[100], [120], [110]]
        let m = meter()
        #expect(decideEstimate(meter: m, state: s, period: p("2026-10"), kind: .person, policy: policy).method == .average)
        s.streak = [EstimatedPeriod(period: p("2026-10"), method: .average, volumes: [110], billed: .zero, benefit: .zero, days: 31)]
        #expect(decideEstimate(meter: m, state: s, period: p("2026-11"), kind: .person, policy: policy).volumes == [110])
        s.streak.append(s.streak[0])
        #expect(decideEstimate(meter: m, state: s, period: p("2026-12"), kind: .person, policy: policy).method == .norm)
        // Legal entities use their own limit: with a limit of 1, one estimated period already means the norm.
        policy.averageMaxPeriodsLegal = 1
        s.streak = [s.streak[0]]
        #expect(decideEstimate(meter: m, state: s, period: p("2026-11"), kind: .legal, policy: policy).method == .norm)
    }

    @Test func failedMeterAveragesThreePeriodsThenNorm() {
        let policy = EstimationPolicy()       // failed_meter_average_periods = 3
        let m = meter(nextVerification: "2026-03-15")
        var s = MeterState.initial(for: m)
        s.history = [[100], [120], [110]]
        var methods: [VolumeMethod] = []
        for i in 0..<5 {
            let d = decideEstimate(meter: m, state: s, period: p("2026-04").adding(months: i), kind: .person, policy: policy)
            #expect(d.failed)
            methods.append(d.method)
            s.failedStreak += 1
        }
        #expect(methods == [.average, .average, .average, .norm, .norm])
    }
}

@Suite struct MeterStateCodingTests {
    @Test func roundTrip() {
        let s = MeterState(lastActualPeriod: p("2026-07"), lastActualTakenOn: d("2026-07-24"),
                           lastActual: Registers([1234, 567]), history: [[120, 80], [130, 75]],
                           streak: [EstimatedPeriod(period: p("2026-08"), method: .average, volumes: [125, 78],
                                                    billed: k(55012), benefit: k(-27506), days: 31),
                                    EstimatedPeriod(period: p("2026-09"), method: .norm, volumes: [124],
                                                    billed: k(30318), benefit: .zero, days: 30, failed: true)],
                           failedStreak: 1)
        let text = s.encoded
        #expect(text == "v1|2026-07|2026-07-24|1234/567|h:120/80;130/75|s:2026-08,average,125/78,55012,-27506,31,0;2026-09,norm,124,30318,0,30,1|f:1")
        #expect(MeterState(encoded: text) == s)
        let fresh = MeterState.initial(for: meter(initial: [42]))
        #expect(fresh.encoded == "v1|-|2020-01-01|42|h:|s:|f:0")
        #expect(MeterState(encoded: fresh.encoded) == fresh)
    }

    @Test func rejectsGarbage() {
        #expect(MeterState(encoded: "") == nil)
        #expect(MeterState(encoded: "v2|-|2020-01-01|42|h:|s:|f:0") == nil)
        #expect(MeterState(encoded: "v1|-|2020-01-01|4x2|h:|s:|f:0") == nil)
        #expect(MeterState(encoded: "v1|-|2020-01-01|42|h:1;|s:|f:0") == nil)
        #expect(MeterState(encoded: "v1|-|2020-01-01|42|h:|s:2026-08,guess,1,1,0,31,0|f:0") == nil)
    }
}
