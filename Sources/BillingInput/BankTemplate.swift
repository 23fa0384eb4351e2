import BillingCore

/// One bank contract's registry layout (`tariffs/banks/<name>.json`,
/// docs/BANK-REGISTRY-FORMAT.md): how to cut a line into fields, which field holds
/// what, how amounts and dates are written, and where the totals line is.
/// Real billing systems keep one parser per template; here the template is data.
public struct BankTemplate: Sendable, Equatable {
    public enum DateFormat: String, Sendable, CaseIterable { case dotted = "DD.MM.YYYY", compact = "DDMMYYYY" }
    public enum PeriodFormat: String, Sendable, CaseIterable { case compact = "MMYYYY", dotted = "MM.YYYY" }
    /// Rubles with a decimal comma or dot ("1234,56"), or whole kopecks, often zero-padded ("000000123456").
    public enum Amounts: String, Sendable, CaseIterable { case rubles, kopecks }
    /// Where the totals line stands: after the rows (it ends the data) or among the header lines.
    public enum TotalsPosition: String, Sendable, CaseIterable { case end, header }

    public struct Totals: Sendable, Equatable {
        /// The line starts with this (`=`); it is cut off before the fields are counted.
        public var prefix: [UInt8]
        public var position: TotalsPosition
        /// 0-based field indices: count, operation, transferred, commission, order_no, order_date.
        public var fields: [String: Int]
    }

    public var name: String
    public var title: String
    public var encoding: TextEncoding
    public var delimiter: UInt8
    /// Lines at the top that are column titles or the like, skipped as they are.
    public var skipLines: Int
    /// Lines starting with this are header or comment lines (`#`), skipped wherever they are.
    public var commentPrefix: [UInt8]
    /// Fields in a data row; a row with another count is rejected.
    public var fieldsPerRow: Int
    public var dateFormat: DateFormat
    public var periodFormat: PeriodFormat
    public var amounts: Amounts
    /// 0-based index of each named row field (date, time, branch, cashier, operation_id,
    /// account, holder, address, period, operation, transferred, commission, order_no, order_date).
    public var fields: [String: Int]
    /// Row fields that together identify the operation; the payment id is derived from them.
    public var identity: [String]
    public var totals: Totals?

    public static let rowFields = ["date", "time", "branch", "cashier", "operation_id", "account", "holder", "address",
                                   "period", "operation", "transferred", "commission", "order_no", "order_date"]
    public static let requiredRowFields = ["date", "account", "operation"]
    public static let totalsFields = ["count", "operation", "transferred", "commission", "order_no", "order_date"]
}

/// Loads and validates a bank template; every mistake names the file and the JSON field.
public func loadBankTemplate(json bytes: [UInt8], file: String) throws -> BankTemplate {
    let r: Node
    do { r = Node(value: try JSONParser.parse(bytes), path: "", file: file) }
    catch let e as JSONSyntaxError { throw TariffFileError(file: file, path: "", message: "\(e.line):\(e.column): \(e.message)") }
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, default d: T? = nil) throws -> T where T.RawValue == String {
        guard let n = try r.optional(key) else {
            if let d { return d }
            throw TariffFileError(file: file, path: key, message: "missing")
        }
        let s = try n.string()
        guard let v = T(rawValue: s) else {
            throw n.fail("expected one of \(T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \"\(s)\"")
        }
        return v
    }
    let nameNode = try r.required("bank")
    let name = try nameNode.string()
    guard name.utf8.count >= 1, name.utf8.count <= 32,
          name.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 }) else {
        throw nameNode.fail("a bank name is 1 to 32 lowercase letters, digits, '-' or '_', found \"\(name)\"")
    }
    let title = try r.optional("title")?.string() ?? name
    let encoding = try choice("encoding", TextEncoding.self)
    let delimNode = try r.required("delimiter")
    let delimText = try delimNode.string()
    guard delimText.utf8.count == 1, let delimiter = delimText.utf8.first, delimiter >= 32, delimiter < 127,
          !(delimiter >= 48 && delimiter <= 57), delimiter != 44, delimiter != 46, delimiter != 45 else {
        throw delimNode.fail("expected one printable ASCII character that cannot be part of an amount (\";\", \"|\", tab is not allowed), found \"\(delimText)\"")
    }
    let skip = Int(try r.optional("skip_lines")?.int(0...100) ?? 0)
    let comment = try r.optional("comment_prefix")?.string() ?? ""
    let perRow = Int(try r.required("fields_per_row").int(1...100))
    func positions(_ n: Node, known: [String], required: [String], limit: Int) throws -> [String: Int] {
        var out: [String: Int] = [:]
        var used: [Int: String] = [:]
        for (key, v) in try n.members() {
            guard known.contains(key) else {
                throw v.fail("unknown field (known: \(known.joined(separator: ", ")))")
            }
            let i = Int(try v.int(1...Int64(limit)))
            if let other = used[i] { throw v.fail("position \(i) is also \(other)") }
            used[i] = key
            out[key] = i - 1
        }
        for key in required where out[key] == nil {
            throw TariffFileError(file: file, path: n.child(key), message: "missing")
        }
        return out
    }
    let fields = try positions(try r.required("fields"), known: BankTemplate.rowFields, required: BankTemplate.requiredRowFields, limit: perRow)
    let idNode = try r.required("identity")
    var identity: [String] = []
    for item in try idNode.items() {
        let key = try item.string()
        guard fields[key] != nil else { throw item.fail("\"\(key)\" is not one of this template's fields") }
        guard !identity.contains(key) else { throw item.fail("\"\(key)\" is named twice") }
        identity.append(key)
    }
    guard !identity.isEmpty else { throw idNode.fail("name at least one field that identifies the operation") }
    var totals: BankTemplate.Totals? = nil
    if let t = try r.optional("totals") {
        let pNode = try t.required("prefix")
        let prefix = Array(try pNode.string().utf8)
        guard !prefix.isEmpty else { throw pNode.fail("must not be empty") }
        if !comment.isEmpty && Array(comment.utf8).starts(with: prefix) {
            throw pNode.fail("every comment line would be read as the totals line: make the prefix longer than comment_prefix")
        }
        let position = try t.optional("position").map { n -> BankTemplate.TotalsPosition in
            let s = try n.string()
            guard let v = BankTemplate.TotalsPosition(rawValue: s) else { throw n.fail("expected \"end\" or \"header\", found \"\(s)\"") }
            return v
        } ?? .end
        let tf = try positions(try t.required("fields"), known: BankTemplate.totalsFields, required: ["count", "operation"], limit: 100)
        totals = .init(prefix: prefix, position: position, fields: tf)
    }
    if fields["commission"] != nil && fields["transferred"] == nil {
        throw TariffFileError(file: file, path: "fields.transferred", message: "a template with a commission field needs the transferred amount too")
    }
    return BankTemplate(name: name, title: title, encoding: encoding, delimiter: delimiter, skipLines: skip,
                        commentPrefix: Array(comment.utf8), fieldsPerRow: perRow,
                        dateFormat: try choice("date_format", BankTemplate.DateFormat.self, default: .dotted),
                        periodFormat: try choice("period_format", BankTemplate.PeriodFormat.self, default: .compact),
                        amounts: try choice("amounts", BankTemplate.Amounts.self, default: .rubles),
                        fields: fields, identity: identity, totals: totals)
}

extension BankTemplate {
    /// A date field as the template writes it.
    public func date(_ f: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        let b = Bytes.trim(f)
        switch dateFormat {
        case .dotted: return CivilDate.parse(b)
        case .compact:
            guard b.count == 8, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            func n(_ a: Int, _ l: Int) -> Int { (a..<(a + l)).reduce(0) { $0 * 10 + Int(b[$1] - 48) } }
            return CivilDate(year: n(4, 4), month: n(2, 2), day: n(0, 2))
        }
    }

    /// A period field ("102026" or "10.2026"); also accepts "2026-10".
    public func period(_ f: UnsafeBufferPointer<UInt8>) -> Period? {
        let b = Bytes.trim(f)
        if let p = Period.parse(b) { return p }
        let digits = b.filter { $0 != 46 }
        guard digits.count == 6, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              periodFormat == .compact ? b.count == 6 : (b.count == 7 && b[2] == 46) else { return nil }
        let v = digits.map { Int($0 - 48) }
        return Period(year: v[2] * 1000 + v[3] * 100 + v[4] * 10 + v[5], month: v[0] * 10 + v[1])
    }

    /// An amount field in kopecks.
    public func amount(_ f: UnsafeBufferPointer<UInt8>) -> Kopecks? {
        switch amounts {
        case .rubles: return FieldParse.money(f)
        case .kopecks:
            let b = Bytes.trim(f)
            guard b.count >= 1, b.count <= 15, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return FieldParse.integer(b).map(Kopecks.init)
        }
    }
}
