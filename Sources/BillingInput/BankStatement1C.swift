import BillingCore

/// A bank statement in the 1C exchange format (`1CClientBankExchange`, ВерсияФормата
/// 1.03): the settlement-account sections with their balances and the documents as
/// key=value maps. Parsing refuses a file that is cut short (no `КонецФайла`, a
/// section never closed) so nothing of a damaged statement is ever stored.
public struct BankStatement1C: Sendable {
    public struct AccountSection: Sendable {
        public var account: String
        public var opening, received, writtenOff, closing: Kopecks
        public var line: Int
    }
    public struct Document: Sendable {
        public var kind: String
        public var values: [String: String]
        public var line: Int
        public subscript(_ key: String) -> String { values[key] ?? "" }
    }
    public var encoding: TextEncoding
    public var header: [String: String] = [:]
    public var accounts: [AccountSection] = []
    public var documents: [Document] = []

    /// Parses the whole file; errors name the line and the key.
    public static func parse(_ bytes: [UInt8], file: String) throws -> BankStatement1C {
        func fail(_ m: String, _ line: Int? = nil, _ field: String? = nil) -> InputError { InputError(file: file, line: line, field: field, message: m) }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard body.starts(with: Array("1CClientBankExchange".utf8)) else {
            throw fail("это не выписка 1С: файл должен начинаться строкой 1CClientBankExchange", 1)
        }
        let encoding = try detectEncoding(Array(body), fail: fail)
        var st = BankStatement1C(encoding: encoding)
        var section: [String: String]? = nil, sectionLine = 0
        var doc: Document? = nil
        var ended = false
        var lineNo = 0
        for raw in body.split(separator: 10, omittingEmptySubsequences: false) {
            lineNo += 1
            var l = Array(raw)
            if l.last == 13 { l.removeLast() }
            let text: String
            switch encoding {
            case .cp1251: text = CP1251.decode(l)
            case .cp866: text = CP866.decode(l)
            case .utf8: text = String(decoding: l, as: UTF8.self)
            }
            let line = text.trimmingSpaces
            if line.isEmpty || lineNo == 1 { continue }
            if ended { continue }  // what follows КонецФайла is not the statement
            let key: String, value: String
            if let eq = line.firstIndex(of: "=") {
                key = String(line[..<eq]).trimmingSpaces; value = String(line[line.index(after: eq)...]).trimmingSpaces
            } else { key = line; value = "" }
            if var d = doc {
                if key == "КонецДокумента" { st.documents.append(d); doc = nil; continue }
                if key == "СекцияДокумент" || key == "СекцияРасчСчет" || key == "КонецФайла" {
                    throw fail("документ из строки \(d.line) не закрыт строкой КонецДокумента", lineNo, key)
                }
                if d.values[key] == nil { d.values[key] = value }
                doc = d
                continue
            }
            if var s = section {
                if key == "КонецРасчСчет" {
                    func money(_ k: String) throws -> Kopecks {
                        var b = Array((s[k] ?? "").utf8)
                        guard let v = b.withUnsafeMutableBufferPointer({ FieldParse.money(UnsafeBufferPointer($0)) }) else {
                            throw fail("в секции РасчСчет из строки \(sectionLine) нет суммы \(k) или она не читается: «\(s[k] ?? "")»", lineNo, k)
                        }
                        return v
                    }
                    st.accounts.append(AccountSection(account: s["РасчСчет"] ?? "", opening: try money("НачальныйОстаток"),
                                                      received: try money("ВсегоПоступило"), writtenOff: try money("ВсегоСписано"),
                                                      closing: try money("КонечныйОстаток"), line: sectionLine))
                    section = nil
                    continue
                }
                if key.hasPrefix("Секция") || key == "КонецФайла" {
                    throw fail("секция РасчСчет из строки \(sectionLine) не закрыта строкой КонецРасчСчет", lineNo, key)
                }
                s[key] = value; section = s
                continue
            }
            switch key {
            case "СекцияРасчСчет": section = [:]; sectionLine = lineNo
            case "СекцияДокумент": doc = Document(kind: value, values: [:], line: lineNo)
            case "КонецФайла": ended = true
            case "КонецДокумента", "КонецРасчСчет": throw fail("\(key) без начала секции", lineNo, key)
            default: if st.header[key] == nil { st.header[key] = value }
            }
        }
        guard ended else {
            throw fail("нет строки КонецФайла: выписка обрезана, ничего не загружено", lineNo)
        }
        return st
    }

    /// `Кодировка=Windows` is cp1251, `DOS` cp866; the key itself is Cyrillic, so it is looked for in both.
    private static func detectEncoding(_ bytes: [UInt8], fail: (String, Int?, String?) -> InputError) throws -> TextEncoding {
        for (enc, key) in [(TextEncoding.cp1251, CP1251.encode("Кодировка=")), (.cp866, CP866.encode("Кодировка=")), (.utf8, Array("Кодировка=".utf8))] {
            guard let at = find(key, in: bytes) else { continue }
            let rest = bytes[(at + key.count)...].prefix { $0 != 10 && $0 != 13 }
            let v = String(decoding: rest, as: UTF8.self).trimmingSpaces.lowercased()
            switch v {
            case "windows": return .cp1251
            case "dos": return .cp866
            case "utf-8", "utf8": return .utf8
            default: throw fail("Кодировка=\(v): ожидается Windows или DOS", nil, "Кодировка")
            }
            _ = enc
        }
        throw fail("нет строки Кодировка=Windows или Кодировка=DOS", nil, "Кодировка")
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        let limit = min(hay.count - needle.count, 1 << 16)
        var i = 0
        while i <= limit {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
