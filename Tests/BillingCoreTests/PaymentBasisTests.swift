import Testing
@testable import BillingCore

/// The close's choice between continuing from P−1's settlement and replaying the
/// history (PaymentBasis.choose), for the close of November 2026 (P−1 ends 31.10.2026).
@Suite struct PaymentBasisTests {
    let november = p("2026-11")
    let settlement = Settlement(advance: k(5000))
    func pay(_ id: String, _ on: String) -> Payment {
        Payment(id: id, accountId: "1000000001", paidOn: d(on), amount: k(10000), channel: "", period: nil)
    }
    let replay = PaymentBasis.replay(history: [], payments: [], booked: ["R"])

    @Test func carriesWithTheNewPaymentsOnly() {
        // A payment of 20.10 that October's close booked, and one of 05.11: carried, with 05.11 alone.
        let recent = [pay("B", "2026-10-20"), pay("N", "2026-11-05")]
        let basis = PaymentBasis.choose(period: november, settlement: settlement, recent: recent,
                                        isBooked: { recent[$0].id == "B" }) { replay }
        #expect(basis == .carried(settlement, newPayments: [pay("N", "2026-11-05")]))
        #expect(basis.isCarried)
    }

    @Test func aBackDatedPaymentNoCloseBookedReplays() {
        // 31.10 is inside the closed October and was not booked: October's allocation changes.
        let recent = [pay("L", "2026-10-31"), pay("N", "2026-11-05")]
        var asked = 0
        let basis = PaymentBasis.choose(period: november, settlement: settlement, recent: recent,
                                        isBooked: { _ in false }) { asked += 1; return replay }
        #expect(basis == replay && asked == 1)
    }

    @Test func noSettlementReplaysAndAPaymentOnTheFirstDayOfPCarries() {
        let first = [pay("N", "2026-11-01")]
        #expect(PaymentBasis.choose(period: november, settlement: nil, recent: first, isBooked: { _ in false }) { replay } == replay)
        #expect(PaymentBasis.choose(period: november, settlement: settlement, recent: first, isBooked: { _ in false }) { replay }
                == .carried(settlement, newPayments: first))
    }

    @Test func newPaymentsAreThoseUnbookedByPsLastDayInDateThenIdOrder() {
        let basis = PaymentBasis.replay(history: [], payments: [pay("b", "2026-11-09"), pay("a", "2026-11-09"),
                                                                pay("old", "2026-10-02"), pay("late", "2026-12-01")],
                                        booked: ["old"])
        #expect(basis.newPayments(through: november.lastDay).map(\.id) == ["a", "b"])
    }

    @Test func aClosedAccountIsSettledOnlyWithNothingOwedAndNothingUnbooked() {
        let account = Account(id: "1000000001", holder: "", address: "", region: "TST", category: "urban_gas")
        var input = AccountCloseInput(account: account, previous: PreviousClose(totalDue: .zero, isFirstPeriod: false),
                                      basis: .carried(settlement, newPayments: []))
        #expect(input.isSettled)
        input.basis = .carried(settlement, newPayments: [pay("N", "2026-11-05")])
        #expect(!input.isSettled)
        input.basis = .replay(history: [], payments: [pay("B", "2026-10-20")], booked: ["B"])
        #expect(input.isSettled)
        input.previous = PreviousClose(totalDue: k(1), isFirstPeriod: false)
        #expect(!input.isSettled)
    }
}
