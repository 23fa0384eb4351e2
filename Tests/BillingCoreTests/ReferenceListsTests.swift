import Testing
@testable import BillingCore

/// Closed lists and check digits the imports rely on.
struct ReferenceListsTests {
    @Test func innCheckDigitsFollowTheFNSAlgorithm() {
        #expect(INN.isValid("7707083893"))      // ПАО Сбербанк
        #expect(INN.isValid("7453320202"))
        #expect(!INN.isValid("7707083894"))
        #expect(INN.isValid("500100732259"))    // a 12-digit individual number with both check digits
        #expect(!INN.isValid("500100732258"))
        #expect(!INN.isValid("77070838"))
        #expect(!INN.isValid("77070838a3"))
    }

    @Test func paymentChannelsByCodeOrRussianName() {
        #expect(PaymentChannel(named: "sberbank") == .sberbank)
        #expect(PaymentChannel(named: "Сбербанк Онлайн") == .sberbank)
        #expect(PaymentChannel(named: "ПОЧТА РОССИИ") == .pochta)
        #expect(PaymentChannel(named: "bank_transfer")?.russian == "банковский перевод")
        #expect(PaymentChannel(named: "вася") == nil)
        #expect(PaymentChannel.allCases.allSatisfy { PaymentChannel(named: $0.russian) == $0 })
    }

    @Test func russianPluralsByTheLastTwoDigits() {
        let f = { (n: Int64) in russianCount(n, "платёж", "платежа", "платежей") }
        #expect(f(1) == "1 платёж" && f(21) == "21 платёж" && f(101) == "101 платёж")
        #expect(f(2) == "2 платежа" && f(34) == "34 платежа")
        #expect(f(5) == "5 платежей" && f(11) == "11 платежей" && f(12) == "12 платежей" && f(114) == "114 платежей" && f(0) == "0 платежей")
    }
}
