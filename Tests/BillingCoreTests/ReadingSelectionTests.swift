import Testing
@testable import BillingCore

@Suite struct ReadingSelectionTests {
    let acc = person()
    let policy = EstimationPolicy()   // max 10000 kWh per month
    let oct = p("2026-10")

    func select(_ m: Meter, _ c: [Reading], prev: [Int64], prevPeriod: String? = "2026-09", account: Account? = nil,
                period: Period? = nil) -> ReadingSelection {
        selectReading(meter: m, account: account ?? acc, period: period ?? oct, candidates: c,
                      previous: PreviousReading(registers: Registers(prev), period: prevPeriod.map(p)), policy: policy)
    }

    @Test func rolloverOfAFiveDigitMeter() {
        // 99950 → 00030: 10^5 − 99950 + 30 = 80 kWh, plausible → accepted.
        let s = select(meter(), [reading(1, taken: "2026-10-24", [30])], prev: [99950])
        #expect(s.chosen?.id == 1)
        #expect(s.volumes == [80])
    }

    @Test func hugeRolloverIsLowerThanPrevious() {
        // 50000 → 00100 would be 10^5 − 50000 + 100 = 50100 kWh > 10000: rejected.
        let s = select(meter(), [reading(1, taken: "2026-10-24", [100])], prev: [50000])
        #expect(s.chosen == nil)
        #expect(s.rejected == [RejectedReading(readingId: 1, reason: "lower than previous")])
    }

    @Test func implausibleConsumptionScalesWithMonthsSinceLastReading() {
        // 1000 → 12000 = 11000 kWh in one month > 10000: implausible.
        let one = select(meter(), [reading(1, taken: "2026-10-24", [12000])], prev: [1000])
        #expect(one.rejected.map(\.reason) == ["implausible consumption"])
        // The same over two months (last accepted in August): 11000 ≤ 20000, accepted.
        let two = select(meter(), [reading(1, taken: "2026-10-24", [12000])], prev: [1000], prevPeriod: "2026-08")
        #expect(two.volumes == [11000])
    }

    @Test func digitCapacityAndRegisterCount() {
        let s = select(meter(digits: 5), [reading(1, taken: "2026-10-24", [123456]),
                                          reading(2, taken: "2026-10-23", [100, 20])], prev: [1000])
        #expect(Set(s.rejected) == [RejectedReading(readingId: 1, reason: "exceeds digit capacity"),
                                    RejectedReading(readingId: 2, reason: "wrong number of registers")])
        #expect(s.chosen == nil)
    }

    @Test func ratioMultipliesTheDelta() {
        let s = select(meter(ratio: 40), [reading(1, taken: "2026-10-24", [1010])], prev: [1000])
        #expect(s.volumes == [400])
    }

    @Test func controlReadingWinsOverALaterCustomerReading() {
        let s = select(meter(), [
            reading(1, taken: "2026-10-20", received: "2026-10-20 10:00:00", source: .inspector, [1100]),
            reading(2, taken: "2026-10-25", received: "2026-10-25 20:00:00", source: .lk, [1150]),
        ], prev: [1000])
        #expect(s.chosen?.id == 1)
        #expect(s.superseded == [2])
    }

    @Test func latestReceivedWinsAndInvalidOnesAreRejectedInPriorityOrder() {
        // The latest (id 3) is implausible → rejected; the next (id 2) is used; id 1 superseded.
        let s = select(meter(), [
            reading(1, taken: "2026-10-23", received: "2026-10-23 09:00:00", [1100]),
            reading(2, taken: "2026-10-24", received: "2026-10-24 09:00:00", [1120]),
            reading(3, taken: "2026-10-25", received: "2026-10-25 09:00:00", [99000]),
        ], prev: [1000])
        #expect(s.chosen?.id == 2)
        #expect(s.rejected.map(\.readingId) == [3])
        #expect(s.superseded == [1])
    }

    @Test func correctionReplacesTheSameDayReading() {
        // The correction (id 2) replaces the plain reading of the same taken_on, even though that one was received later.
        let s = select(meter(), [
            reading(1, taken: "2026-10-24", received: "2026-10-24 20:00:00", [1900]),
            reading(2, taken: "2026-10-24", received: "2026-10-24 10:00:00", [1190], correction: true),
        ], prev: [1000])
        #expect(s.chosen?.id == 2)
        #expect(s.volumes == [190])
        #expect(s.superseded == [1])
    }

    @Test func exactDuplicatesAreIgnored() {
        let s = select(meter(), [
            reading(5, taken: "2026-10-24", [1100]),
            reading(7, taken: "2026-10-24", received: "2026-10-24 13:00:00", [1100]),
        ], prev: [1000])
        #expect(s.chosen?.id == 5)
        #expect(s.duplicates == [7])
        #expect(s.rejected.isEmpty && s.superseded.isEmpty)
    }

    /// The repeat is the later submission, not the row stored later: here the repeat
    /// (received at 13:00) has the smaller id, and between the two submissions another
    /// reading arrived, which therefore is the latest received.
    @Test func theRepeatOfASubmissionIsTheLaterReceived() {
        let s = select(meter(), [
            reading(5, taken: "2026-10-24", received: "2026-10-24 13:00:00", [1100]),
            reading(6, taken: "2026-10-24", received: "2026-10-24 11:00:00", [1150]),
            reading(7, taken: "2026-10-24", received: "2026-10-24 10:00:00", [1100]),
        ], prev: [1000])
        #expect(s.duplicates == [5])
        #expect(s.chosen?.id == 6)
        #expect(s.superseded == [7])
    }

    @Test func dateRules() {
        var closed = acc
        closed.closedOn = d("2026-10-10")
        let s1 = select(meter(), [reading(1, taken: "2026-10-24", [1100])], prev: [1000], account: closed)
        #expect(s1.rejected.map(\.reason) == ["account closed"])
        let s2 = select(meter(removed: "2026-10-05"), [reading(1, taken: "2026-10-24", [1100])], prev: [1000])
        #expect(s2.rejected.map(\.reason) == ["meter removed"])
        let s3 = select(meter(installed: "2026-10-25"), [reading(1, taken: "2026-10-24", [1100])], prev: [1000])
        #expect(s3.rejected.map(\.reason) == ["meter not installed yet"])
        let s4 = select(meter(), [reading(1, taken: "2026-10-25", received: "2026-10-24 12:00:00", [1100])], prev: [1000])
        #expect(s4.rejected.map(\.reason) == ["taken after received"])
    }

    @Test func failedMeterReadingsAreRejected() {
        // Verification due 2026-09-15 has passed before 1 October: the meter is failed in October.
        let m = meter(nextVerification: "2026-09-15")
        #expect(!meterFailed(m, in: p("2026-09")))
        #expect(meterFailed(m, in: oct))
        let s = select(m, [reading(1, taken: "2026-10-24", [1100])], prev: [1000])
        #expect(s.chosen == nil)
        #expect(s.rejected.map(\.reason) == ["meter failed verification"])
    }

    @Test func lateReadingCountsForTheNextPeriod() {
        // Deadline of October is 2026-10-25 23:59:59; a reading a few seconds later counts for November.
        let r = makeRegion()
        #expect(r.billingPeriod(receivedAt: ts("2026-10-25 23:59:59")) == oct)
        #expect(r.billingPeriod(receivedAt: ts("2026-10-26 00:00:05")) == p("2026-11"))
        #expect(r.billingPeriod(receivedAt: ts("2026-10-01 08:00:00")) == oct)
        #expect(r.billingPeriod(receivedAt: ts("2026-09-30 08:00:00")) == oct)
    }
}
