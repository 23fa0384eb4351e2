import BillingCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mistake in a tariff file, named by the file and the JSON path
/// ("tariffs/IRK.json: tariffs[3].rates[1].night: not a price").
public struct TariffFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var path: String
    public var message: String
    public init(file: String, path: String, message: String) { self.file = file; self.path = path; self.message = message }
    public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
}

/// Reads a whole (small) file: tariff JSON, key rates, penalty policy.
public func readFileBytes(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw InputError(file: path, message: "cannot open: " + String(cString: strerror(errno))) }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; throw InputError(file: path, message: "read error: " + String(cString: strerror(errno))) }
        if n == 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return out
}

/// A JSON value with its path, so every error says where it is.
struct Node {
    let value: JSONValue
    let path: String
    let file: String

    func fail(_ message: String) -> TariffFileError { TariffFileError(file: file, path: path, message: message) }

    func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func optional(_ key: String) throws -> Node? {
        guard case .object(let members) = value else { throw fail("expected an object, found \(value.typeName)") }
        guard let v = members.first(where: { $0.key == key })?.value else { return nil }
        if case .null = v { return nil }
        return Node(value: v, path: child(key), file: file)
    }

    func required(_ key: String) throws -> Node {
        guard let n = try optional(key) else { throw TariffFileError(file: file, path: child(key), message: "missing") }
        return n
    }

    func members() throws -> [(String, Node)] {
        guard case .object(let m) = value else { throw fail("expected an object, found \(value.typeName)") }
        return m.map { ($0.key, Node(value: $0.value, path: child($0.key), file: file)) }
    }

    func items() throws -> [Node] {
        guard case .array(let a) = value else { throw fail("expected an array, found \(value.typeName)") }
        return a.enumerated().map { Node(value: $1, path: path + "[\($0)]", file: file) }
    }

    func string() throws -> String {
        guard case .string(let s) = value else { throw fail("expected a string, found \(value.typeName)") }
        return s
    }

    func bool() throws -> Bool {
        guard case .bool(let b) = value else { throw fail("expected true or false, found \(value.typeName)") }
        return b
    }

    /// A decimal given as a string ("4.85") or a plain JSON number lexeme, scaled.
    func decimal(scale: Int, what: String) throws -> Int64 {
        let text: String
        switch value {
        case .string(let s): text = s
        case .number(let n): text = n
        default: throw fail("\(what), found \(value.typeName)")
        }
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty, !bytes.contains(where: { $0 == 32 || $0 == 44 || $0 == 101 || $0 == 69 }),
              let v = bytes.withUnsafeMutableBufferPointer({ FieldParse.decimal(UnsafeBufferPointer($0), scale: scale) }) else {
            throw fail("\(what): \"\(text)\"")
        }
        return v
    }

    func int(_ range: ClosedRange<Int64>? = nil) throws -> Int64 {
        guard case .number(let n) = value else { throw fail("expected a whole number, found \(value.typeName)") }
        var bytes = Array(n.utf8)
        guard let v = bytes.withUnsafeMutableBufferPointer({ FieldParse.integer(UnsafeBufferPointer($0)) }) else {
            throw fail("expected a whole number, found \(n)")
        }
        if let range, !range.contains(v) { throw fail("\(v) is out of range \(range.lowerBound)...\(range.upperBound)") }
        return v
    }

    func date() throws -> CivilDate {
        let s = try string()
        guard let d = CivilDate(s), s.utf8.count == 10, s.utf8[s.utf8.index(s.utf8.startIndex, offsetBy: 4)] == 45 else {
            throw fail("not a date YYYY-MM-DD: \"\(s)\"")
        }
        return d
    }

    func price() throws -> PricePer10000 {
        let v = try decimal(scale: 4, what: "not a price")
        guard v >= 0 else { throw fail("not a price: negative") }
        return PricePer10000(v)
    }
}

private func root(_ bytes: [UInt8], file: String) throws -> Node {
    do { return Node(value: try JSONParser.parse(bytes), path: "", file: file) }
    catch let e as JSONSyntaxError { throw TariffFileError(file: file, path: "", message: "\(e.line):\(e.column): \(e.message)") }
}

private func digitsOnly(_ s: String, counts: Set<Int>) -> Bool {
    counts.contains(s.utf8.count) && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
}

/// Loads `tariffs/<REGION>.json` (docs/TARIFF-FORMAT.md) into RegionRules, validating
/// every field; errors name the file and the JSON path.
public func loadRegionRules(json bytes: [UInt8], file: String) throws -> RegionRules {
    let r = try root(bytes, file: file)
    let codeNode = try r.required("region")
    let code = try codeNode.string()
    guard (1...8).contains(code.utf8.count), code.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }) else {
        throw codeNode.fail("region code must be 1–8 capital Latin letters or digits: \"\(code)\"")
    }
    let title = try r.required("title").string()
    let offNode = try r.required("utc_offset")
    let offset = try parseOffset(offNode)
    let supplier = try parseSupplier(try r.required("supplier"))

    var windows: [Effective<ReadingWindow>] = []
    for w in try r.required("reading_window").items() {
        let from = try periodStart(w.required("from"))
        let first = try w.required("first_day").int(1...31), last = try w.required("last_day").int(1...31)
        guard first <= last else { throw w.fail("first_day \(first) is after last_day \(last)") }
        windows.append(Effective(from: from, value: ReadingWindow(firstDay: Int(first), lastDay: Int(last))))
    }
    try checkSorted(windows.map(\.from), r.child("reading_window"), file)
    var dues: [Effective<Int>] = []
    for d in try r.required("due_day").items() {
        dues.append(Effective(from: try periodStart(d.required("from")), value: Int(try d.required("day").int(1...31))))
    }
    try checkSorted(dues.map(\.from), r.child("due_day"), file)
    var duesLegal: [Effective<Int>] = []
    for d in try r.optional("due_day_legal")?.items() ?? [] {
        duesLegal.append(Effective(from: try periodStart(d.required("from")), value: Int(try d.required("day").int(1...28))))
    }
    if !duesLegal.isEmpty { try checkSorted(duesLegal.map(\.from), r.child("due_day_legal"), file) }
    var advances: [LegalAdvance]? = nil
    if let list = try r.optional("advances_legal") {
        var out: [LegalAdvance] = [], sum: Int64 = 0
        for a in try list.items() {
            let day = Int(try a.required("day").int(1...28))
            let pct = try a.required("percent").decimal(scale: 2, what: "not a percent")
            guard pct > 0 && pct <= 10000 else { throw try a.required("percent").fail("a percent must be above 0 and at most 100") }
            if let last = out.last, last.day >= day { throw a.fail("advances must ascend by day") }
            sum += pct
            out.append(LegalAdvance(day: day, percentCenti: pct))
        }
        guard sum <= 10000 else { throw list.fail("advances add up to more than 100%") }
        advances = out
    }

    let estimation = try parseEstimation(try r.required("estimation"))
    var categories: [String: Category] = [:]
    for (key, c) in try r.required("categories").members() {
        let stoveNode = try c.required("stove")
        guard let stove = Stove(rawValue: try stoveNode.string()) else { throw stoveNode.fail("must be \"gas\" or \"electric\"") }
        var cat = Category(code: key, title: try c.required("title").string(), stove: stove, rural: try c.optional("rural")?.bool() ?? false)
        if let b = try c.optional("benefit_percent") {
            cat.benefitPercentCenti = try b.decimal(scale: 2, what: "not a percent")
            guard (0...10000).contains(cat.benefitPercentCenti) else { throw b.fail("a percent must be between 0 and 100") }
            cat.benefitGround = try c.optional("benefit_ground")?.string() ?? ""
            if cat.benefitPercentCenti > 0 && cat.benefitGround.isEmpty { throw c.fail("benefit_percent needs a benefit_ground") }
        }
        if let v = try c.optional("vat") {
            switch try v.string() {
            case "excluded": cat.vatExcluded = true
            case "included": cat.vatExcluded = false
            default: throw v.fail("must be \"included\" (prices with VAT, households) or \"excluded\" (prices without VAT, legal entities)")
            }
        }
        categories[key] = cat
    }
    guard !categories.isEmpty else { throw r.fail("categories: at least one category is needed") }

    var norms: [Stove: [[Int64]]] = [:]
    for (key, byRooms) in try r.required("norms").members() {
        guard let stove = Stove(rawValue: key) else { throw byRooms.fail("unknown stove, expected gas or electric") }
        var table: [[Int64]] = []
        for rooms in ["1", "2", "3", "4"] {
            let row = try byRooms.required(rooms).items()
            guard row.count == 5 else { throw try byRooms.required(rooms).fail("expected 5 values (1, 2, 3, 4, 5+ residents), found \(row.count)") }
            table.append(try row.map { v in
                let x = try v.decimal(scale: 3, what: "not a norm in kWh")
                guard x >= 0 else { throw v.fail("a norm cannot be negative") }
                return x
            })
        }
        norms[stove] = table
    }
    for (k, c) in categories where norms[c.stove] == nil {
        throw TariffFileError(file: file, path: "norms", message: "no norms for stove \"\(c.stove.rawValue)\" used by category \(k)")
    }

    var twoKeys: [PriceKey] = [.day, .night], threeKeys: [PriceKey] = [.peak, .night3, .semi]
    if let regs = try r.optional("registers") {
        if let two = try regs.optional("two") { twoKeys = try priceKeys(two, count: 2) }
        if let three = try regs.optional("three") { threeKeys = try priceKeys(three, count: 3) }
    }

    var versions: [TariffVersion] = []
    for t in try r.required("tariffs").items() {
        let catNode = try t.required("category")
        let cat = try catNode.string()
        guard categories[cat] != nil else { throw catNode.fail("unknown category \"\(cat)\" (not in categories)") }
        let from = try t.required("from").date()
        let ratesNode = try t.required("rates")
        let rates = try ratesNode.items()
        guard !rates.isEmpty else { throw ratesNode.fail("at least one rate is needed") }
        var tiers: [TariffTier] = []
        var previousBound: Int64 = 0
        for (i, rate) in rates.enumerated() {
            var bound: Int64? = nil
            if let up = try rate.optional("up_to_kwh") {
                guard i < rates.count - 1 else { throw up.fail("the last tier must not have up_to_kwh") }
                let v = try up.int(1...1_000_000_000)
                guard v > previousBound else { throw up.fail("tiers must ascend: \(v) ≤ \(previousBound)") }
                previousBound = v; bound = v
            } else if i < rates.count - 1 {
                throw rate.fail("up_to_kwh is required on every tier but the last")
            }
            var prices: [PriceKey: PricePer10000] = [:]
            for key in PriceKey.allCases { prices[key] = try rate.required(key.rawValue).price() }
            for (k, _) in try rate.members() where k != "up_to_kwh" && PriceKey(rawValue: k) == nil {
                throw TariffFileError(file: file, path: rate.child(k), message: "unknown price key (expected single, day, night, peak, semi, night3)")
            }
            tiers.append(TariffTier(upToKwh: bound, prices: prices))
        }
        if versions.contains(where: { $0.category == cat && $0.from == from }) {
            throw t.fail("a second tariff for \(cat) from \(from.iso)")
        }
        versions.append(TariffVersion(category: cat, from: from, tiers: tiers))
    }
    versions.sort { ($0.category, $0.from) < ($1.category, $1.from) }
    var rules = RegionRules(code: code, title: title, utcOffsetMinutes: offset, supplier: supplier,
                            readingWindows: windows, dueDays: dues, estimation: estimation, categories: categories,
                            norms: norms, tariffs: versions, twoZoneKeys: twoKeys, threeZoneKeys: threeKeys)
    if !duesLegal.isEmpty { rules.dueDaysLegal = duesLegal }
    if let advances { rules.advancesLegal = advances }
    return rules
}

public func loadRegionRules(path: String, displayName: String? = nil) throws -> RegionRules {
    try loadRegionRules(json: readFileBytes(path), file: displayName ?? path)
}

private func parseOffset(_ n: Node) throws -> Int {
    let s = Array(try n.string().utf8)
    func d(_ i: Int) -> Int? { s[i] >= 48 && s[i] <= 57 ? Int(s[i] - 48) : nil }
    guard s.count == 6, s[0] == 43 || s[0] == 45, s[3] == 58, let a = d(1), let b = d(2), let c = d(4), let e = d(5),
          a * 10 + b <= 14, c * 10 + e < 60 else { throw n.fail("expected an offset like \"+05:00\"") }
    let minutes = (a * 10 + b) * 60 + c * 10 + e
    return s[0] == 45 ? -minutes : minutes
}

private func periodStart(_ n: Node) throws -> CivilDate {
    let d = try n.date()
    guard d.day == 1 else { throw n.fail("must be the first day of a billing period (YYYY-MM-01)") }
    return d
}

private func checkSorted(_ dates: [CivilDate], _ path: String, _ file: String) throws {
    guard !dates.isEmpty else { throw TariffFileError(file: file, path: path, message: "at least one entry is needed") }
    for i in 1..<max(1, dates.count) where !(dates[i - 1] < dates[i]) {
        throw TariffFileError(file: file, path: path + "[\(i)].from", message: "entries must be in ascending order of from")
    }
}

private func priceKeys(_ n: Node, count: Int) throws -> [PriceKey] {
    let items = try n.items()
    guard items.count == count else { throw n.fail("expected \(count) price keys") }
    return try items.map { i in
        guard let k = PriceKey(rawValue: try i.string()) else { throw i.fail("unknown price key") }
        return k
    }
}

private func parseSupplier(_ s: Node) throws -> Supplier {
    func text(_ k: String) throws -> String {
        let v = try s.required(k).string()
        guard !v.isEmpty else { throw try s.required(k).fail("must not be empty") }
        return v
    }
    func digits(_ k: String, _ counts: Set<Int>) throws -> String {
        let v = try text(k)
        guard digitsOnly(v, counts: counts) else {
            throw try s.required(k).fail("expected \(counts.sorted().map(String.init).joined(separator: " or ")) digits")
        }
        return v
    }
    // Optional contacts: one line each (they go into mail headers and printed notices).
    func line(_ k: String) throws -> String {
        guard let n = try s.optional(k) else { return "" }
        let v = try n.string()
        guard !v.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { throw n.fail("must be one line") }
        return v
    }
    let email = try line("email")
    if !email.isEmpty && !isPlainEmailAddress(email) {
        throw try s.required("email").fail("not an e-mail address like name@example.ru: \"\(email)\"")
    }
    var supplier = Supplier(name: try text("name"), inn: try digits("inn", [10, 12]), kpp: try digits("kpp", [9]),
                            account: try digits("account", [20]), bank: try text("bank"), bic: try digits("bic", [9]),
                            corrAccount: try digits("corr_account", [20]), isSample: try s.optional("sample")?.bool() ?? false,
                            address: try line("address"), phone: try line("phone"), email: email)
    supplier.site = try line("site")
    return supplier
}

private func parseEstimation(_ e: Node) throws -> EstimationPolicy {
    var p = EstimationPolicy()
    p.averagePeriods = Int(try e.required("average_periods").int(1...36))
    p.averageMinPeriods = Int(try e.required("average_min_periods").int(1...36))
    p.averageMaxPeriods = Int(try e.required("average_max_periods").int(0...36))
    if let v = try e.optional("average_max_periods_legal") { p.averageMaxPeriodsLegal = Int(try v.int(0...36)) }
    if let v = try e.optional("failed_meter_average_periods") { p.failedMeterAveragePeriods = Int(try v.int(0...36)) }
    if let v = try e.optional("failed_meter_average_periods_legal") { p.failedMeterAveragePeriodsLegal = Int(try v.int(0...36)) }
    let coef = try e.required("norm_coefficient")
    p.normCoefficient = try coef.decimal(scale: 4, what: "not a coefficient")
    guard p.normCoefficient >= 10000 else { throw coef.fail("the increasing coefficient must be at least 1") }
    p.maxMonthlyKwh = try e.required("max_monthly_kwh").int(1...100_000_000)
    guard p.averageMinPeriods <= p.averagePeriods else {
        throw e.fail("average_min_periods (\(p.averageMinPeriods)) exceeds average_periods (\(p.averagePeriods))")
    }
    return p
}

/// Loads `tariffs/penalty.json`.
public func loadPenaltyPolicy(json bytes: [UInt8], file: String) throws -> PenaltyPolicy {
    let r = try root(bytes, file: file)
    func steps(_ key: String) throws -> [PenaltyPolicy.Step] {
        var out: [PenaltyPolicy.Step] = []
        for s in try r.required(key).required("steps").items() {
            let day = Int(try s.required("from_day").int(1...100_000))
            let fNode = try s.required("fraction")
            let f = try fNode.string()
            let parts = f.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "1", let den = Int64(parts[1]), den > 0 else {
                throw fNode.fail("expected a fraction \"1/N\": \"\(f)\"")
            }
            if let last = out.last, last.fromDay >= day { throw s.fail("steps must ascend by from_day") }
            out.append(.init(fromDay: day, denominator: den))
        }
        return out
    }
    var caps: [PenaltyPolicy.RateCap] = []
    for c in try r.optional("rate_caps")?.items() ?? [] {
        let from = try c.required("from").date(), to = try c.required("to").date()
        guard from <= to else { throw c.fail("from is after to") }
        if let last = caps.last, from <= last.to { throw c.fail("rate caps must not overlap and must ascend by from") }
        caps.append(.init(from: from, to: to, percentCenti: try c.required("percent").decimal(scale: 2, what: "not a percent"),
                          ground: try c.optional("ground")?.string() ?? ""))
    }
    var moratoria: [PenaltyPolicy.Moratorium] = []
    for m in try r.optional("moratoria")?.items() ?? [] {
        let from = try m.required("from").date(), to = try m.required("to").date()
        guard from <= to else { throw m.fail("from is after to") }
        if let last = moratoria.last, from <= last.to { throw m.fail("moratoria must not overlap and must ascend by from") }
        let coversNode = try m.required("covers")
        let coversText = try coversNode.string()
        guard let covers = PenaltyPolicy.Moratorium.Covers(rawValue: coversText) else {
            let allowed = PenaltyPolicy.Moratorium.Covers.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            throw coversNode.fail("covers must be \(allowed): \"\(coversText)\"")
        }
        moratoria.append(.init(from: from, to: to, covers: covers, ground: try m.optional("ground")?.string() ?? ""))
    }
    var policy = PenaltyPolicy(household: try steps("household"), legal: try steps("legal"), rateCaps: caps, moratoria: moratoria)
    if let n = try r.optional("notice") {
        if let m = try n.optional("months") { policy.noticeMonths = Int(try m.int(1...24)) }
        if let d = try n.optional("days") { policy.noticeDays = Int(try d.int(1...365)) }
    }
    return policy
}

/// Loads `tariffs/key-rate.csv` (`from,percent`), sorted by date.
public func loadKeyRates(path: String, displayName: String? = nil) throws -> KeyRates {
    KeyRates(changes: try loadDatedPercents(path: path, displayName: displayName, what: "key rates"))
}

/// Loads `tariffs/vat.csv` (`from,percent`), sorted by date.
public func loadVATRates(path: String, displayName: String? = nil) throws -> VATRates {
    VATRates(changes: try loadDatedPercents(path: path, displayName: displayName, what: "VAT rates"))
}

/// A `from,percent` file of rates in force from a date: ascending dates, percents
/// 0–100; a bad row names the file, line and field.
private func loadDatedPercents(path: String, displayName: String?, what: String) throws -> [Effective<Int64>] {
    let reader = try CSVReader(path: path, displayName: displayName)
    let cols = try reader.columns(required: ["from", "percent"], optional: [])
    let cFrom = cols["from"], cPct = cols["percent"]
    var changes: [Effective<Int64>] = []
    while try reader.next() {
        if let problem = reader.problem { throw InputError(file: reader.file, line: reader.line, message: problem) }
        guard let d = FieldParse.date(reader.field(cFrom)) else {
            throw InputError(file: reader.file, line: reader.line, field: "from", message: "not a date: \"\(reader.string(cFrom))\"")
        }
        guard let p = FieldParse.decimal(reader.field(cPct), scale: 2), p >= 0, p <= 100_00 else {
            throw InputError(file: reader.file, line: reader.line, field: "percent", message: "not a percent: \"\(reader.string(cPct))\"")
        }
        if let last = changes.last, !(last.from < d) {
            throw InputError(file: reader.file, line: reader.line, field: "from", message: "dates must ascend (\(d.iso) after \(last.from.iso))")
        }
        changes.append(Effective(from: d, value: p))
    }
    guard !changes.isEmpty else { throw InputError(file: reader.file, message: "no \(what)") }
    return changes
}

