import Testing
@testable import BillingRender

@Suite struct SMSTextTests {
    @Test func ucs2PartsOf70And67() {
        let a = "а"
        #expect(smsSegments("") == 1)
        #expect(smsSegments(String(repeating: a, count: 70)) == 1)
        #expect(smsSegments(String(repeating: a, count: 71)) == 2)
        #expect(smsSegments(String(repeating: a, count: 134)) == 2)
        #expect(smsSegments(String(repeating: a, count: 135)) == 3)
        #expect(smsSegments(String(repeating: "😀", count: 35)) == 1)   // two UTF-16 units each
    }

    @Test func phonesAsGatewaysTakeThem() {
        #expect(smsPhone("8 (912) 000-00-01") == "+79120000001")
        #expect(smsPhone("+7 912 000 00 01") == "+79120000001")
        #expect(smsPhone("9120000001") == "+79120000001")
        #expect(smsPhone("+7 343 000 00 03") == nil)   // a landline takes no SMS
        #expect(smsPhone("+375 29 000 00 00") == "+375290000000")
        #expect(smsPhone("12") == nil)
        #expect(smsPhone("+7912abc0001") == nil)
    }

    @Test func base64WrapsAt76WithCRLF() {
        var out: [UInt8] = []
        appendBase64(Array(repeating: 0, count: 60), lineLength: 76, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == String(repeating: "A", count: 76) + "\r\n" + String(repeating: "A", count: 4) + "\r\n")
        var short: [UInt8] = []
        appendBase64(Array("ab".utf8), into: &short)
        #expect(String(decoding: short, as: UTF8.self) == "YWI=")
    }
}
