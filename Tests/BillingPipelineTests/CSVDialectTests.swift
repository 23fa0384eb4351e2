import Testing
@testable import BillingPipeline

/// `--csv ru`: what Russian Excel opens in columns with amounts as numbers.
struct CSVDialectTests {
    @Test func russianExcelGetsSemicolonsDecimalCommasAndQuotesOnlyWhereNeeded() {
        let machine = Array("account_id,total,name,due\n7400000001,-1234.50,\"Иванов, И.И.\",2025-11-10\n7400000002,12,\"a;b \"\"x\"\"\",2025-11\n".utf8)
        let ru = String(decoding: CSVDialect.ru.render(machine), as: UTF8.self)
        #expect(ru == "account_id;total;name;due\n7400000001;-1234,50;Иванов, И.И.;2025-11-10\n7400000002;12;\"a;b \"\"x\"\"\";2025-11\n")
        #expect(CSVDialect.machine.render(machine) == machine)
        #expect(CSVDialect.ru.preamble == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: CSVDialect.ru.render(Array("1.5,,x.y,1.\n".utf8)), as: UTF8.self) == "1,5;;x.y;1.\n")
    }
}
