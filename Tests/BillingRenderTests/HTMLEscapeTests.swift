import Testing
@testable import BillingRender

@Test func htmlEscapesTheFiveCharacters() {
    #expect(htmlEscape(#"<a href="x">Tom & 'Jerry'</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
}

@Test func htmlLeavesOtherTextAlone() {
    #expect(htmlEscape("") == "")
    #expect(htmlEscape("Иванова М. П., кв. 15 — 1 234,56 ₽") == "Иванова М. П., кв. 15 — 1 234,56 ₽")
    #expect(htmlEscape("«ООО &amp;»") == "«ООО &amp;amp;»")
    #expect(htmlEscape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
}

@Test func csvPlainFieldsPassThrough() {
    #expect(csvField("") == "")
    #expect(csvField("7400123456") == "7400123456")
    #expect(csvField("Иванова Мария") == "Иванова Мария")
    #expect(csvField("a=b") == "a=b")
}

@Test func csvFormulaStartersGetAnApostrophe() {
    #expect(csvField("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
    #expect(csvField("=1+2") == "'=1+2")
    #expect(csvField("+79991234567") == "+79991234567", "a phone computes nothing")
    #expect(csvField("+7 999 123 45 67") == "+7 999 123 45 67")
    #expect(csvField("+1-2") == "'+1-2")
    #expect(csvField("+123") == "'+123")
    #expect(csvField("-2+3") == "'-2+3")
    #expect(csvField("@SUM(A1)") == "'@SUM(A1)")
    #expect(csvField("\t=1") == "'\t=1")
}

@Test func csvQuotesDelimitersQuotesAndLineBreaks() {
    #expect(csvField("a,b") == "\"a,b\"")
    #expect(csvField("a;b") == "\"a;b\"")
    #expect(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(csvField("line1\nline2") == "\"line1\nline2\"")
    #expect(csvField("cr\rhere") == "\"cr\rhere\"")
    #expect(csvField("=cmd|' /C calc'!A0,x") == "\"'=cmd|' /C calc'!A0,x\"")
}

@Test func chartIsDeterministicIntegerSVG() {
    let bars: [(label: String, kwh: Int64, estimated: Bool)] = [
        ("11.25", 100, false), ("12.25", 200, true), ("01.26", 0, false), ("<x>", 50, false),
    ]
    let svg = consumptionChartSVG(bars: bars, width: 124, height: 80)
    #expect(svg == consumptionChartSVG(bars: bars, width: 124, height: 80))
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"124\" height=\"80\""))
    #expect(svg.hasSuffix("</svg>"))
    // Tallest bar fills the plot (80 − 14 − 12 = 54 px); the estimated one is dashed.
    #expect(svg.contains("<rect x=\"37\" y=\"12\" width=\"20\" height=\"54\" fill=\"#ccc\" stroke=\"#555\" stroke-dasharray=\"2 2\"/>"))
    #expect(svg.contains("<rect x=\"7\" y=\"39\" width=\"20\" height=\"27\" fill=\"#555\"/>"))
    #expect(svg.contains(">&lt;x&gt;</text>"))
    #expect(consumptionChartSVG(bars: [], width: 10, height: 10).hasSuffix("fill=\"#fff\"/></svg>"))
}
