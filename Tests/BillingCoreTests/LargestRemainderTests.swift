import Testing
@testable import BillingCore

/// Shares that each round on their own add up to 100,2 % or 99,9 %; by the largest
/// remainder they add up to exactly 100,0 % and each is within 0,1 % of its exact value.
@Suite struct LargestRemainderTests {
    @Test func partsAddUpToTheTotal() {
        #expect(largestRemainderParts([1, 1, 1, 1, 1, 1], total: 1000) == [167, 167, 167, 167, 166, 166])
        #expect(largestRemainderParts([1, 1, 1], total: 1000) == [334, 333, 333])
        #expect(largestRemainderParts([196, 4, 16], total: 1000).reduce(0, +) == 1000)
        #expect(largestRemainderParts([0, 5], total: 1000) == [0, 1000])
        #expect(largestRemainderParts([0, 0], total: 1000) == [0, 0])
        #expect(largestRemainderParts([-3, 3], total: 1000) == [0, 1000])
    }
}
