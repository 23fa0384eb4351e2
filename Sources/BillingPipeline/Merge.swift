import BillingCore
import BillingStore
import BillingInput
import BillingRender

/// `merge --period P --out DIR SHARD_OUT...`: the closes of P on N machines as
/// one close (SPEC "Several machines"). Every check runs before the first byte is
/// written: the shards are 0…N−1 of one split, each closed P with the same tariff
/// data and proved its invariants, each registry is the one its summary.json
/// hashed and adds up, row by row and in total, to the totals that summary proved,
/// and no account is in two shards or in a shard its id does not hash to. Then the
/// registry rows interleave in account order — the bytes one database would write.
public struct MergeOptions: Sendable {
    public var period: Period
    public var shardOuts: [String]
    public var outDir: String
    public init(period: Period, shardOuts: [String], outDir: String) {
        self.period = period; self.shardOuts = shardOuts; self.outDir = outDir
    }
}

public struct MergeReport: Sendable {
    public var shards = 0
    public var accounts = 0
    public var perShard: [(index: Int, accounts: Int, totalDue: Kopecks)] = []
    public var totalDue = Kopecks.zero
    public var path = ""
}

public func runMerge(_ o: MergeOptions) throws -> MergeReport {
    // Merging into a shard's own OUT would replace that shard's registry with the whole's.
    if let clash = o.shardOuts.first(where: { samePath($0, o.outDir) }) {
        throw refusal("--out \(o.outDir) — это выходная папка шарда (\(clash)); укажите для объединения отдельную папку")
    }
    let shards = try o.shardOuts.map { try MergeShard(dir: $0, period: o.period) }.sorted { $0.index < $1.index }
    try checkShardSet(shards)
    var rows: [[RegistryRow]] = []
    var proven: [RegistryWriter.Totals] = []
    var misplaced: String? = nil
    for s in shards {
        let (r, t, wrong) = try registryRows(s.registry, of: s, period: o.period)
        misplaced = misplaced ?? wrong
        let claimed = try s.provenTotals()
        guard sameTotals(t, claimed) else {
            throw refusal("\(s.label): строки registry.csv не сходятся с итогами, доказанными при закрытии (summary.json): "
                          + "счетов \(t.accounts) и \(claimed.accounts), к оплате \(t.totalDue) и \(claimed.totalDue)")
        }
        rows.append(r); proven.append(claimed)
    }
    let registry = try interleave(shards, rows)
    if let misplaced { throw refusal(misplaced) }
    let (_, totals, _) = try registryRows(registry, of: nil, period: o.period)
    var whole = RegistryWriter.Totals()
    for t in proven { whole = adding(whole, t) }
    guard sameTotals(totals, whole) else { throw refusal("объединённый реестр не сходится с суммой итогов шардов") }
    let files = OutputFiles(root: o.outDir)
    let p = o.period.description
    try files.makeDirectory(p)
    try writeMergedOutputs(shards, registry: registry, totals: totals, period: o.period, files: files)
    var report = MergeReport(shards: shards.count, accounts: totals.accounts, totalDue: totals.totalDue, path: files.path(p))
    report.perShard = zip(shards, proven).map { ($0.index, $1.accounts, $1.totalDue) }
    return report
}

/// The shards must be exactly 0…N−1 of one split, closed with one set of tariff data.
private func checkShardSet(_ shards: [MergeShard]) throws {
    guard let first = shards.first else { throw refusal("не указан ни один шард") }
    if let other = shards.first(where: { $0.count != first.count }) {
        throw refusal("шарды разных разбиений: \(first.label) — из \(first.count), \(other.label) — из \(other.count)")
    }
    var seen: [Int: MergeShard] = [:]
    for s in shards {
        if let twice = seen[s.index] { throw refusal("шард \(s.index) указан дважды: \(twice.dir) и \(s.dir)") }
        seen[s.index] = s
    }
    let missing = (0..<first.count).filter { seen[$0] == nil }
    guard missing.isEmpty else {
        throw refusal("нет шардов \(missing.map(String.init).joined(separator: ", ")) из \(first.count): объединять можно только все")
    }
    if let other = shards.first(where: { $0.referenceHash != first.referenceHash }) {
        throw refusal("шарды закрыты с разными тарифными данными (регионы, ключевая ставка, пени): \(first.label) — \(first.referenceHash.prefix(12)), "
                      + "\(other.label) — \(other.referenceHash.prefix(12)); импортируйте одни и те же tariffs/ во все шарды и закройте заново")
    }
}

/// One registry line: where it is in the shard's bytes and where its account id is.
struct RegistryRow {
    var start: Int, end: Int       // the line with its LF
    var idStart: Int, idEnd: Int   // the account id as written (unquoted ids only; quoted ones are compared as written)
}

/// Splits a shard's registry into rows and proves them: header, period, account order,
/// the shard the id hashes to (for a shard's own registry), and balance_in + charge + recalculation + benefit + penalty − payments = total_due.
/// A row in a shard its id does not hash to comes back as `misplaced`: refused after the
/// duplicate check, whose message (the same account in two shards) says more.
private func registryRows(_ bytes: [UInt8], of s: MergeShard?, period: Period) throws
    -> (rows: [RegistryRow], totals: RegistryWriter.Totals, misplaced: String?) {
    let label = s?.label ?? "объединённый реестр"
    let header = Array(RegistryCSV.header.utf8)
    guard bytes.starts(with: header) else { throw refusal("\(label): у registry.csv не тот заголовок") }
    var misplaced: String? = nil
    var rows: [RegistryRow] = []
    var t = RegistryWriter.Totals()
    let p = Array(period.description.utf8)
    var cuts = [Int](repeating: 0, count: 12)   // where fields 1…11 start, and the line end
    try bytes.withUnsafeBufferPointer { b in
        var i = header.count, line = 2
        func bad(_ why: String) -> BillingError { refusal("\(label): registry.csv, строка \(line): \(why)") }
        while i < b.count {
            var e = i
            while e < b.count && b[e] != 10 { e += 1 }
            guard e < b.count else { throw bad("нет конца строки") }
            let row = RegistryRow(start: i, end: e + 1, idStart: i, idEnd: firstFieldEnd(bytes, i, e))
            var n = 0, j = row.idEnd
            while j < e && n < 11 {
                if b[j] == 44 { cuts[n] = j + 1; n += 1 }
                j += 1
            }
            cuts[11] = e + 1
            let field = { (k: Int) in UnsafeBufferPointer(rebasing: b[cuts[k - 1]..<(cuts[k] - 1)]) }
            guard n == 11, !b[cuts[10]..<e].contains(44), field(1).elementsEqual(p) else {
                throw bad("не строка реестра периода \(period)")
            }
            let id = b[row.idStart..<row.idEnd]
            if let prev = rows.last, !b[prev.idStart..<prev.idEnd].lexicographicallyPrecedes(id) {
                throw bad("счёт \(String(decoding: id, as: UTF8.self)) не по порядку или повторяется")
            }
            if let s, misplaced == nil, case let owner = ShardHash.shard(ofAccount: unquoted(id), shards: s.count), owner != s.index {
                misplaced = "\(label): счёт \(String(decoding: unquoted(id), as: UTF8.self)) относится к шарду \(owner), а не \(s.index) (FNV-1a 64 mod \(s.count)): данные шарда не из этого разбиения"
            }
            guard let kwh = FieldParse.integer(field(3)) else { throw bad("объём не читается") }
            var m = [Kopecks](repeating: .zero, count: 7)   // charge … total_due, columns 4…10
            for k in 0..<7 {
                guard let v = FieldParse.money(field(4 + k)) else { throw bad("сумма в столбце \(5 + k) не читается") }
                m[k] = v
            }
            guard m[5] + m[0] + m[1] + m[2] + m[3] - m[4] == m[6] else { throw bad("сальдо + начисления − оплаты ≠ к оплате") }
            t.accounts += 1; t.volumeKwh += kwh
            t.charge += m[0]; t.recalculation += m[1]; t.benefit += m[2]; t.penalty += m[3]
            t.payments += m[4]; t.balanceIn += m[5]; t.totalDue += m[6]
            rows.append(row)
            i = e + 1; line += 1
        }
    }
    return (rows, t, misplaced)
}

/// The rows of all shards in account order (byte order of the ids, as SQLite's
/// ORDER BY account_id gives them); the same account in two shards is refused.
private func interleave(_ shards: [MergeShard], _ rows: [[RegistryRow]]) throws -> [UInt8] {
    var out = Array(RegistryCSV.header.utf8)
    out.reserveCapacity(shards.reduce(0) { $0 + $1.registry.count })
    var next = [Int](repeating: 0, count: shards.count)
    while true {
        var best = -1
        for k in shards.indices where next[k] < rows[k].count {
            guard best >= 0 else { best = k; continue }
            let a = rows[k][next[k]], b = rows[best][next[best]]
            let idA = shards[k].registry[a.idStart..<a.idEnd], idB = shards[best].registry[b.idStart..<b.idEnd]
            if idA.elementsEqual(idB) {
                throw refusal("счёт \(String(decoding: unquoted(idA), as: UTF8.self)) есть в двух шардах: \(shards[best].label) и \(shards[k].label)")
            }
            if idA.lexicographicallyPrecedes(idB) { best = k }
        }
        guard best >= 0 else { break }
        let r = rows[best][next[best]]
        out.append(contentsOf: shards[best].registry[r.start..<r.end])
        next[best] += 1
    }
    return out
}

/// End of the first CSV field of a line (after its closing quote when quoted).
private func firstFieldEnd(_ b: [UInt8], _ s: Int, _ e: Int) -> Int {
    var i = s, inQuote = false
    while i < e {
        if b[i] == 34 { inQuote.toggle() } else if b[i] == 44 && !inQuote { return i }
        i += 1
    }
    return e
}

private func unquoted<C: Collection>(_ id: C) -> [UInt8] where C.Element == UInt8 {
    let a = Array(id)
    guard a.count >= 2, a.first == 34, a.last == 34 else { return a }
    var out: [UInt8] = [], i = 1
    while i < a.count - 1 { out.append(a[i]); i += a[i] == 34 ? 2 : 1 }
    return out
}

func sameTotals(_ a: RegistryWriter.Totals, _ b: RegistryWriter.Totals) -> Bool {
    a.accounts == b.accounts && a.volumeKwh == b.volumeKwh && a.charge == b.charge && a.recalculation == b.recalculation
        && a.benefit == b.benefit && a.penalty == b.penalty && a.payments == b.payments && a.balanceIn == b.balanceIn
        && a.totalDue == b.totalDue
}

func adding(_ a: RegistryWriter.Totals, _ b: RegistryWriter.Totals) -> RegistryWriter.Totals {
    var t = a
    t.accounts += b.accounts; t.volumeKwh += b.volumeKwh; t.charge += b.charge; t.recalculation += b.recalculation
    t.benefit += b.benefit; t.penalty += b.penalty; t.payments += b.payments; t.balanceIn += b.balanceIn; t.totalDue += b.totalDue
    return t
}
