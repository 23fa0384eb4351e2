import Testing
@testable import BillingCore

@Suite struct PaymentAllocationTests {
    func ob(_ period: String, _ amount: Int64, due: String) -> Obligation {
        Obligation(period: p(period), amount: k(amount), arisesOn: p(period).lastDay, dueDate: d(due))
    }
    func pay(_ id: String, _ on: String, _ amount: Int64, period: String? = nil) -> Payment {
        Payment(id: id, accountId: "A", paidOn: d(on), amount: k(amount), period: period.map(p))
    }

    @Test func namedPeriodFirstThenOldest() {
        let obligations = [ob("2026-08", 10000, due: "2026-09-10"), ob("2026-09", 20000, due: "2026-10-15")]
        // 250.00 naming September: 200.00 to September, the 50.00 left to August (the oldest unpaid).
        let a = allocatePayments(obligations: obligations, payments: [pay("1", "2026-10-05", 25000, period: "2026-09")],
                                 asOf: d("2026-10-31"))
        #expect(a.obligations[1].slices == [SettledSlice(amount: k(20000), settledOn: d("2026-10-05"))])
        #expect(a.obligations[0].slices == [SettledSlice(amount: k(5000), settledOn: d("2026-10-05"))])
        #expect(a.obligations[0].unpaid == k(5000))
        // Without a named period: oldest first.
        let b = allocatePayments(obligations: obligations, payments: [pay("1", "2026-10-05", 25000)], asOf: d("2026-10-31"))
        #expect(b.obligations.map(\.unpaid) == [k(0), k(5000)])
    }

    @Test func overpaymentIsCarriedForwardAndSettlesTheNextCharge() {
        // 300.00 paid against a 100.00 charge: 200.00 advance, which settles October's 150.00 on the day it arises.
        let obligations = [ob("2026-09", 10000, due: "2026-10-15"), ob("2026-10", 15000, due: "2026-11-15")]
        let a = allocatePayments(obligations: obligations, payments: [pay("1", "2026-10-05", 30000)], asOf: d("2026-10-31"))
        #expect(a.obligations[1].slices == [SettledSlice(amount: k(15000), settledOn: d("2026-10-31"))])
        #expect(a.advance == k(5000))
        #expect(a.obligations.allSatisfy { $0.unpaid == .zero })
    }

    @Test func paymentsInPaidOnThenIdOrderAndPenaltiesAfterCharges() {
        let obligations = [ob("2026-08", 10000, due: "2026-09-10")]
        let penalties = [PenaltyCharge(arisesOn: d("2026-09-30"), amount: k(700))]
        // "b" (same day, later id) comes after "a"; 100.00 settles the charge, the 10.00 left pays 7.00 of penalty.
        let a = allocatePayments(obligations: obligations, payments: [pay("b", "2026-10-01", 1000), pay("a", "2026-10-01", 10000)],
                                 penaltyCharges: penalties, asOf: d("2026-10-31"))
        #expect(a.obligations[0].slices.map(\.amount) == [k(10000)])
        #expect(a.penaltyPaid == k(700))
        #expect(a.advance == k(300))
    }

    @Test func creditObligationActsAsPayment() {
        // A negative period (recalculation credit −50.00) pays August's debt on its last day.
        let obligations = [ob("2026-08", 10000, due: "2026-09-10"), ob("2026-09", -5000, due: "2026-10-15")]
        let a = allocatePayments(obligations: obligations, payments: [], asOf: d("2026-10-31"))
        #expect(a.obligations.count == 1)
        #expect(a.obligations[0].slices == [SettledSlice(amount: k(5000), settledOn: d("2026-09-30"))])
    }

    @Test func paymentsAfterAsOfAreIgnored() {
        let a = allocatePayments(obligations: [ob("2026-08", 10000, due: "2026-09-10")],
                                 payments: [pay("1", "2026-11-01", 10000)], asOf: d("2026-10-31"))
        #expect(a.obligations[0].unpaid == k(10000))
    }

    @Test func debtAgeBuckets() {
        let obligations = [ob("2026-05", 100, due: "2026-06-15"), ob("2026-07", 200, due: "2026-08-15"),
                           ob("2026-09", 400, due: "2026-10-15"), ob("2026-10", 800, due: "2026-11-15")]
        let a = allocatePayments(obligations: obligations, payments: [], asOf: d("2026-10-31"))
        let ages = debtAges(a, asOf: d("2026-10-31"))
        // 16 days past due → ≤30; 77 days → 31–90; 138 days → >90; November's not yet due.
        #expect(ages.upTo30 == k(400) && ages.from31To90 == k(200) && ages.over90 == k(100) && ages.notDue == k(800))
        #expect(ages.oldestDaysPastDue == 138)
        #expect(ages.overdue == k(700))
    }
}
