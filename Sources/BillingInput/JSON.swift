/// A JSON value as read from a tariff file. Numbers keep their lexeme ("4.85",
/// "3900") and are never converted to floating point; objects keep key order.
public indirect enum JSONValue: Sendable, Hashable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(x), .array(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .object(let o): h.combine(0); for (k, v) in o { h.combine(k); h.combine(v) }
        case .array(let a): h.combine(1); h.combine(a)
        case .string(let s): h.combine(2); h.combine(s)
        case .number(let n): h.combine(3); h.combine(n)
        case .bool(let b): h.combine(4); h.combine(b)
        case .null: h.combine(5)
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o.first(where: { $0.key == key })?.value }
        return nil
    }

    public var typeName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true/false"
        case .null: return "null"
        }
    }
}

/// A syntax error with its 1-based line and column.
public struct JSONSyntaxError: Error, CustomStringConvertible, Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(line):\(column): \(message)" }
}

/// A small recursive-descent JSON parser (RFC 8259) over UTF-8 bytes.
public struct JSONParser {
    private let b: [UInt8]
    private var i = 0
    private var depth = 0

    public static func parse(_ text: String) throws -> JSONValue { try parse(Array(text.utf8)) }

    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var p = JSONParser(b: bytes)
        if p.b.count >= 3 && p.b[0] == 0xEF && p.b[1] == 0xBB && p.b[2] == 0xBF { p.i = 3 }
        p.skipSpace()
        let v = try p.value()
        p.skipSpace()
        if p.i < p.b.count { throw p.fail("unexpected text after the JSON value") }
        return v
    }

    private init(b: [UInt8]) { self.b = b }

    private func fail(_ message: String, at pos: Int? = nil) -> JSONSyntaxError {
        let p = min(pos ?? i, b.count)
        var line = 1, col = 1, k = 0
        while k < p {
            if b[k] == 10 { line += 1; col = 1 } else if b[k] & 0xC0 != 0x80 { col += 1 }
            k += 1
        }
        return JSONSyntaxError(line: line, column: col, message: message)
    }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 }
    }

    private mutating func value() throws -> JSONValue {
        guard i < b.count else { throw fail("unexpected end of file, a value was expected") }
        switch b[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), 48...57: return .number(try number())
        default: throw fail("unexpected character '\(String(decoding: [b[i]], as: UTF8.self))', a value was expected")
        }
    }

    private mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= b.count, Array(b[i..<(i + w.count)]) == w else { throw fail("invalid literal, expected \(word)") }
        i += w.count
    }

    private mutating func object() throws -> JSONValue {
        depth += 1
        guard depth <= 200 else { throw fail("nesting too deep") }
        defer { depth -= 1 }
        i += 1
        var members: [(key: String, value: JSONValue)] = []
        skipSpace()
        if i < b.count && b[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
            let keyPos = i
            let key = try string()
            if members.contains(where: { $0.key == key }) { throw fail("duplicate key \"\(key)\"", at: keyPos) }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key") }
            i += 1
            skipSpace()
            members.append((key, try value()))
            skipSpace()
            guard i < b.count else { throw fail("unexpected end of file inside an object") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            throw fail("expected ',' or '}' in an object")
        }
    }

    private mutating func array() throws -> JSONValue {
        depth += 1
        guard depth <= 200 else { throw fail("nesting too deep") }
        defer { depth -= 1 }
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < b.count && b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < b.count else { throw fail("unexpected end of file inside an array") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw fail("expected ',' or ']' in an array")
        }
    }

    private mutating func number() throws -> String {
        let s = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            var n = 0
            while p.i < p.b.count, p.b[p.i] >= 48, p.b[p.i] <= 57 { p.i += 1; n += 1 }
            return n
        }
        let intStart = i
        guard digits(&self) > 0 else { throw fail("invalid number") }
        if b[intStart] == 48 && i - intStart > 1 { throw fail("invalid number: leading zero", at: intStart) }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw fail("invalid number: digits expected after '.'") }
        }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard digits(&self) > 0 else { throw fail("invalid number: exponent digits expected") }
        }
        return String(decoding: b[s..<i], as: UTF8.self)
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= b.count else { throw fail("incomplete \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: throw fail("invalid hex digit in \\u escape")
            }
            v = v << 4 | d; i += 1
        }
        return v
    }

    private mutating func string() throws -> String {
        let open = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw fail("unterminated string", at: open) }
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c < 0x20 { throw fail("control character in a string (use \\n, \\t)") }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < b.count else { throw fail("unterminated escape") }
            let e = b[i]; i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(34)
            case UInt8(ascii: "\\"): out.append(92)
            case UInt8(ascii: "/"): out.append(47)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "u"):
                var u = try hex4()
                if u >= 0xD800 && u < 0xDC00 {
                    guard i + 6 <= b.count, b[i] == 92, b[i + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate in \\u escape")
                    }
                    i += 2
                    let lo = try hex4()
                    guard lo >= 0xDC00 && lo < 0xE000 else { throw fail("invalid low surrogate in \\u escape") }
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                } else if u >= 0xDC00 && u < 0xE000 {
                    throw fail("unpaired low surrogate in \\u escape")
                }
                guard let scalar = Unicode.Scalar(u) else { throw fail("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw fail("invalid escape \\\(String(decoding: [e], as: UTF8.self))")
            }
        }
        // validate UTF-8
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("invalid UTF-8 in a string", at: open) }
        return s
    }
}
