#if canImport(Glibc)
import Glibc
#endif
import BillingCore
import BillingStore
import BillingInput

/// One shard's close of P as `merge` reads it back from the shard's OUT: its
/// shard.json, summary.json and registry.csv. Reading refuses (exit 65) with the
/// shard's folder named, so the operator knows which task to look at.
struct MergeShard {
    let dir: String
    let index: Int
    let count: Int
    let referenceHash: String
    let documents: Int
    let summary: JSONValue
    let registry: [UInt8]
    let topDebtors: [(accountId: String, holder: String, totalDue: Kopecks)]
    let rejects: [(accountId: String, meterId: String, receivedAt: String, reason: String)]

    var label: String { "шард \(index) (\(dir))" }

    init(dir: String, period: Period) throws {
        self.dir = dir
        let p = dir + "/" + period.description
        guard isDirectory(p) else {
            let closed = closedPeriods(dir)
            throw refusal("\(dir): шард не закрывал период \(period)"
                          + (closed.isEmpty ? " (в нём нет ни одного закрытого периода)" : " (закрыты: \(closed.joined(separator: ", ")))"))
        }
        guard let manifestBytes = readWholeFile(p + "/shard.json") else {
            throw refusal("\(p)/shard.json нет: период закрыт не как шард (закройте его с --shard K/N или --shard-from-env) или проверка инвариантов не прошла")
        }
        let manifest = try parseJSON(manifestBytes, p + "/shard.json")
        guard let summaryBytes = readWholeFile(p + "/summary.json") else { throw refusal("\(p)/summary.json нет") }
        summary = try parseJSON(summaryBytes, p + "/summary.json")
        guard let reg = readWholeFile(p + "/registry.csv") else { throw refusal("\(p)/registry.csv нет") }
        registry = reg
        guard let k = manifest["shard"]?.intValue, let n = manifest["shards"]?.intValue,
              let ref = manifest["reference_sha256"]?.stringValue, manifest["period"]?.stringValue == period.description else {
            throw refusal("\(p)/shard.json: нет номера шарда, числа шардов, периода \(period) или хэша тарифных данных")
        }
        index = k; count = n; referenceHash = ref
        documents = manifest["documents"]?.intValue ?? 0
        topDebtors = (manifest["top_debtors"]?.arrayValue ?? []).compactMap { d in
            guard let a = d["account_id"]?.stringValue, let h = d["holder"]?.stringValue,
                  let t = d["total_due"]?.stringValue.flatMap(kopecks) else { return nil }
            return (a, h, t)
        }
        rejects = (manifest["rejected"]?.arrayValue ?? []).compactMap { r in
            guard let a = r["account_id"]?.stringValue, let m = r["meter_id"]?.stringValue,
                  let at = r["received_at"]?.stringValue, let why = r["reason"]?.stringValue else { return nil }
            return (a, m, at, why)
        }
        guard summary["period"]?.stringValue == period.description else {
            throw refusal("\(p)/summary.json: период \(summary["period"]?.stringValue ?? "?"), а не \(period)")
        }
        guard case .bool(true)? = summary["invariants"]?["passed"] else {
            throw refusal("\(label): проверка инвариантов периода \(period) не пройдена (summary.json)")
        }
        let recorded = summary["outputs"]?["registry.csv"]?.stringValue
        guard recorded == "sha256:" + SHA256.hash(registry) else {
            throw refusal("\(label): registry.csv изменён после закрытия (его sha256 не тот, что записан в summary.json)")
        }
    }

    /// The shard's proven totals from its summary.json.
    func provenTotals() throws -> RegistryWriter.Totals {
        let t = summary["totals"]
        func money(_ k: String) throws -> Kopecks {
            guard let v = t?[k]?.stringValue.flatMap(kopecks) else { throw refusal("\(label): в summary.json нет итога \(k)") }
            return v
        }
        var out = RegistryWriter.Totals()
        guard let n = summary["accounts"]?.intValue, let kwh = t?["volume_kwh"]?.intValue else {
            throw refusal("\(label): в summary.json нет числа счетов или объёма")
        }
        out.accounts = n; out.volumeKwh = Int64(kwh)
        out.balanceIn = try money("balance_in"); out.charge = try money("charge"); out.recalculation = try money("recalculation")
        out.benefit = try money("benefit"); out.penalty = try money("penalty"); out.payments = try money("payments")
        out.totalDue = try money("total_due")
        return out
    }
}

func refusal(_ message: String) -> BillingError { BillingError(.badInput, "merge: " + message) }

func kopecks(_ s: String) -> Kopecks? {
    Array(s.utf8).withUnsafeBufferPointer { FieldParse.money($0) }
}

private func parseJSON(_ bytes: [UInt8], _ path: String) throws -> JSONValue {
    do { return try JSONParser.parse(bytes) } catch { throw refusal("\(path): не читается как JSON: \(error)") }
}

extension JSONValue {
    var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    var intValue: Int? { if case .number(let n) = self { return Int(n) }; return nil }
    var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
}

/// Two paths of the same folder (either may not exist yet: then compared as written).
func samePath(_ a: String, _ b: String) -> Bool {
    func resolved(_ p: String) -> String {
        guard let r = realpath(p, nil) else { return p }
        defer { free(r) }
        return String(cString: r)
    }
    return resolved(a) == resolved(b)
}

func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
}

/// A whole file, or nil when it cannot be read.
func readWholeFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = read(fd, &chunk, chunk.count)
        if n < 0 { return nil }
        if n == 0 { return out }
        out.append(contentsOf: chunk[0..<n])
    }
}

/// The YYYY-MM folders of a shard's OUT that hold a registry: the periods it closed.
private func closedPeriods(_ dir: String) -> [String] {
    (folderEntries(dir) ?? []).filter { Period($0) != nil && access(dir + "/" + $0 + "/registry.csv", R_OK) == 0 }
}
