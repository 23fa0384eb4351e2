import BillingCore

/// A small pretty-printing JSON writer over a byte buffer: keys come out in the
/// order they are written, two-space indentation, strings escaped per RFC 8259.
/// Hand-written so the bytes are fixed by the code, not by a serializer's choices.
struct JSONWriter {
    var bytes: [UInt8]
    /// Per open container: has it any member yet; is it written on one line.
    private var stack: [(hasItems: Bool, inline: Bool)] = []
    private var afterKey = false

    init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func beforeValue() {
        if afterKey { afterKey = false; return }
        guard let top = stack.last else { return }
        if top.hasItems { bytes.append(0x2C) }
        if top.inline {
            if top.hasItems { bytes.append(0x20) }
        } else {
            newline()
        }
        stack[stack.count - 1].hasItems = true
    }

    private mutating func newline() {
        bytes.append(0x0A)
        for _ in 0..<stack.count { bytes.append(0x20); bytes.append(0x20) }
    }

    mutating func beginObject(inline: Bool = false) { beforeValue(); bytes.append(0x7B); stack.append((false, inline)) }
    mutating func beginArray(inline: Bool = false) { beforeValue(); bytes.append(0x5B); stack.append((false, inline)) }
    mutating func endObject() { close(0x7D) }
    mutating func endArray() { close(0x5D) }

    private mutating func close(_ bracket: UInt8) {
        let top = stack.removeLast()
        if top.hasItems && !top.inline { newline() }
        bytes.append(bracket)
    }

    mutating func key(_ k: StaticString) {
        beforeValue()
        bytes.append(0x22); bytes.lit(k); bytes.lit("\": ")
        afterKey = true
    }

    mutating func string(_ s: String) { beforeValue(); quoted(s) }
    mutating func int(_ v: Int64) { beforeValue(); bytes.int(v) }
    mutating func int(_ v: Int) { int(Int64(v)) }
    mutating func bool(_ v: Bool) { beforeValue(); if v { bytes.lit("true") } else { bytes.lit("false") } }
    mutating func null() { beforeValue(); bytes.lit("null") }
    /// Money as a string, "1234.56".
    mutating func money(_ k: Kopecks) { beforeValue(); bytes.append(0x22); bytes.rublesPlain(k); bytes.append(0x22) }
    /// A price as a string, "4.8500".
    /// A percent in hundredths as a decimal string: 2200 → "22", 1050 → "10.5".
    mutating func percent(_ centi: Int64) { beforeValue(); quoted(percentText(centi)) }
    mutating func price(_ p: PricePer10000) { beforeValue(); bytes.append(0x22); bytes.price4(p); bytes.append(0x22) }
    mutating func date(_ d: CivilDate?) {
        guard let d else { null(); return }
        beforeValue(); bytes.append(0x22); bytes.dateISO(d); bytes.append(0x22)
    }
    mutating func period(_ p: Period) { beforeValue(); bytes.append(0x22); bytes.periodISO(p); bytes.append(0x22) }

    mutating func field(_ k: StaticString, _ s: String) { key(k); string(s) }
    mutating func field(_ k: StaticString, money m: Kopecks) { key(k); money(m) }
    mutating func field(_ k: StaticString, int v: Int64) { key(k); int(v) }

    private mutating func quoted(_ s: String) { appendJSONQuoted(s, to: &bytes) }
}

/// Appends `s` as a JSON string literal: RFC 8259 escapes, plus `<` as \u003c so
/// "</script>" stays inert if the JSON is ever embedded in a page. The one JSON
/// string escaper of every file the engine writes.
public func appendJSONQuoted(_ s: String, to bytes: inout [UInt8]) {
    bytes.append(0x22)
    for b in s.utf8 {
        switch b {
        case 0x22: bytes.lit("\\\"")
        case 0x5C: bytes.lit("\\\\")
        case 0x0A: bytes.lit("\\n")
        case 0x0D: bytes.lit("\\r")
        case 0x09: bytes.lit("\\t")
        case 0x3C: bytes.lit("\\u003c")
        case 0..<0x20:
            bytes.lit("\\u00")
            bytes.append(hexDigit(b >> 4)); bytes.append(hexDigit(b & 0xF))
        default: bytes.append(b)
        }
    }
    bytes.append(0x22)
}

private func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }
