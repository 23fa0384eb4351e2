import Testing
import BillingCore
@testable import BillingInput

@Suite struct FieldParseTests {
    func money(_ s: String) -> Int64? { withBytes(s) { FieldParse.money($0)?.value } }

    @Test func moneyWithCommaDotSpacesAndSign() {
        #expect(money("1234,56") == 123456)
        #expect(money("1234.56") == 123456)
        #expect(money("1 234.5") == 123450)
        #expect(money("1\u{00A0}234,50") == 123450)
        #expect(money("1\u{202F}000 000,01") == 100000001)
        #expect(money("-10") == -1000)
        #expect(money(" 0,07 ") == 7)
        #expect(money(",5") == 50)
        #expect(money("12,340") == 1234, "a trailing zero beyond 2 decimals is still exact")
    }

    @Test func moneyRejectsWhatIsNotExact() {
        for bad in ["1,234.56", "12.345", "1..2", "abc", "", "-", "1 2 3,4 5", "1 ,5", "1e3", "12,3a"] {
            #expect(money(bad) == nil, "\(bad)")
        }
    }

    @Test func pricesAndScaledDecimals() {
        #expect(withBytes("4.85") { FieldParse.price($0) } == PricePer10000(48500))
        #expect(withBytes("1,246") { FieldParse.price($0) } == PricePer10000(12460))
        #expect(withBytes("6.12345") { FieldParse.price($0) } == nil)
        #expect(withBytes("-1") { FieldParse.price($0) } == nil)
        #expect(withBytes("86.5") { FieldParse.decimal($0, scale: 3) } == 86500)
        #expect(withBytes("9.5") { FieldParse.decimal($0, scale: 2) } == 950)
        #expect(withBytes("42") { FieldParse.integer($0) } == 42)
        #expect(withBytes("4x") { FieldParse.integer($0) } == nil)
    }

    @Test func datesInBothFormsAndTimestamps() {
        #expect(withBytes("2026-10-25") { FieldParse.date($0) } == CivilDate(year: 2026, month: 10, day: 25))
        #expect(withBytes("25.10.2026") { FieldParse.date($0) } == CivilDate(year: 2026, month: 10, day: 25))
        #expect(withBytes("2025-02-29") { FieldParse.date($0) } == nil)
        #expect(withBytes("31.04.2026") { FieldParse.date($0) } == nil)
        #expect(withBytes("2026-10-25 18:04") { FieldParse.timestamp($0) }?.description == "2026-10-25 18:04:00")
        #expect(withBytes("25.10.2026 18:04:07") { FieldParse.timestamp($0) }?.description == "2026-10-25 18:04:07")
        #expect(withBytes("2026-10-25 24:00") { FieldParse.timestamp($0) } == nil)
    }

    @Test func registerFractionDroppedDigitsCheckedOnIntegerPart() {
        func reg(_ s: String, _ d: Int) -> Result<Int64, FieldParse.RegisterProblem> { withBytes(s) { FieldParse.register($0, digits: d) } }
        #expect(reg("12345.67", 5) == .success(12345))
        #expect(reg("12345,67", 5) == .success(12345))
        #expect(reg("012345", 5) == .success(12345), "leading zeros as on the display")
        #expect(reg("123456", 5) == .failure(.tooManyDigits))
        #expect(reg("99999.999", 5) == .success(99999))
        #expect(reg("-5", 5) == .failure(.negative))
        #expect(reg("12a", 5) == .failure(.notNumeric))
        #expect(reg("", 5) == .failure(.notNumeric))
        #expect(reg("1.2.3", 5) == .failure(.notNumeric))
    }
}
