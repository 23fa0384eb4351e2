import Testing
@testable import BillingInput

@Suite struct JSONTests {
    @Test func valuesKeepNumberLexemesAndKeyOrder() throws {
        let v = try JSONParser.parse(#"{"b": [1, -2.50, 3e2, true, false, null], "a": {"x": "y"}}"#)
        guard case .object(let members) = v else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a"])
        #expect(v["b"] == .array([.number("1"), .number("-2.50"), .number("3e2"), .bool(true), .bool(false), .null]))
        #expect(v["a"]?["x"] == .string("y"))
    }

    @Test func stringEscapesIncludingSurrogatePairs() throws {
        let v = try JSONParser.parse(#"["a\"b\\c\/d\n\t", "\u0416\u00e9", "\ud83d\ude00", "ООО «Ромашка»"]"#)
        #expect(v == .array([.string("a\"b\\c/d\n\t"), .string("Жé"), .string("😀"), .string("ООО «Ромашка»")]))
    }

    @Test func errorsCarryLineAndColumn() {
        func err(_ s: String) -> String {
            do { _ = try JSONParser.parse(s); return "no error" } catch { return "\(error)" }
        }
        #expect(err("{\n  \"a\": 1,\n  \"b\" 2\n}") == "3:7: expected ':' after the key")
        #expect(err("[1, 2,]") == "1:7: unexpected character ']', a value was expected")
        #expect(err("{\"a\": \"x}") == "1:7: unterminated string")
        #expect(err("[\"\\ud83d\"]") .hasSuffix("unpaired surrogate in \\u escape"))
        #expect(err("{\"a\":1,\"a\":2}") == "1:8: duplicate key \"a\"")
        #expect(err("[01]") == "1:2: invalid number: leading zero")
        #expect(err("{} x") == "1:4: unexpected text after the JSON value")
    }
}
