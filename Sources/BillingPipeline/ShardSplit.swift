#if canImport(Glibc)
import Glibc
#endif
import BillingCore
import BillingStore
import BillingInput
import BillingRender

/// `shard split`: the input files of one close cut into N shards by account
/// (SPEC "Several machines": FNV-1a 64 of the account id mod N). Streams every
/// file once; memory does not grow with the number of accounts.
public struct ShardSplitOptions: Sendable {
    public var shards: Int
    public var inDir: String
    public var outDir: String
    /// A tariffs file or folder copied into every shard as `tariffs/` (besides any
    /// `tariffs/` folder inside the input folder).
    public var tariffs: String?
    public init(shards: Int, inDir: String, outDir: String, tariffs: String? = nil) {
        self.shards = shards; self.inDir = inDir; self.outDir = outDir; self.tariffs = tariffs
    }
}

/// The kinds of input the split knows, in the order a shard imports them.
enum ShardInputKind: String, CaseIterable, Comparable {
    case accounts, meters, readings, sms, payments

    private var rank: Int {
        switch self { case .accounts: 0; case .meters: 1; case .readings: 2; case .sms: 3; case .payments: 4 }
    }
    static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    /// Recognised by its header, as the file is named by the operator, not by us.
    static func of(header names: Set<String>) -> ShardInputKind? {
        if names.contains("account_id") && names.contains("holder") { return .accounts }
        if names.contains("meter_id") && names.contains("zones") { return .meters }
        if names.contains("taken_on") && names.contains("account_id") { return .readings }
        if names.contains("text") && names.contains("received_at") { return .sms }
        if names.contains("payment_id") && names.contains("account_id") { return .payments }
        return nil
    }
}

public struct ShardSplitReport: Sendable {
    public struct File: Sendable {
        public var name: String
        public var kind: String
        public var encoding: String
        public var rowsPerShard: [Int]
        /// Rows naming no known account: written to every shard, where the import rejects them.
        public var toEveryShard: Int
    }
    public var shards: Int
    public var files: [File] = []
    public var copied: [String] = []
    /// Files the split does not know how to cut (a bank registry, a 1C statement, a
    /// sub-folder): left out of every shard rather than copied into all of them, where
    /// each shard would import the same payments again.
    public var skipped: [String] = []
    public var bytes = 0

    public var summaryLines: [String] {
        var out = files.map { f in
            "\(f.name) (\(f.kind)): " + f.rowsPerShard.enumerated().map { "shard-\($0.offset) \($0.element)" }.joined(separator: ", ")
                + (f.toEveryShard > 0 ? "; \(f.toEveryShard) row(s) naming no known account to every shard (rejected there)" : "")
        }
        if !copied.isEmpty { out.append("copied to every shard: " + copied.joined(separator: ", ")) }
        if !skipped.isEmpty {
            out.append("NOT split (not accounts, meters, readings, SMS or payments CSV; import them where they belong): " + skipped.joined(separator: ", "))
        }
        return out
    }
}

public func runShardSplit(_ o: ShardSplitOptions, progress: (String) -> Void = { _ in }) throws -> ShardSplitReport {
    guard o.shards >= 1 && o.shards <= 4096 else { throw BillingError(.badInput, "--shards must be 1…4096, got \(o.shards)") }
    var report = ShardSplitReport(shards: o.shards)
    let entries = try listFolder(o.inDir)
    var csv: [(kind: ShardInputKind, name: String)] = []
    for name in entries.files {
        if name.lowercased().hasSuffix(".csv"), let kind = try headerKind(o.inDir + "/" + name) { csv.append((kind, name)) }
        else { report.skipped.append(name) }
    }
    guard let accountsFile = csv.first(where: { $0.kind == .accounts }) else {
        throw BillingError(.badInput, "\(o.inDir): no accounts file (a CSV with account_id and holder columns); the split needs it first")
    }
    csv.sort { ($0.kind, $0.name) < ($1.kind, $1.name) }
    let shardDirs = (0..<o.shards).map { o.outDir + "/shard-\($0)" }
    for d in shardDirs { try OutputFiles.mkdir(d) }
    var known = KnownAccounts(expectedBytes: try fileSize(o.inDir + "/" + accountsFile.name))
    for f in csv {
        let file = try splitFile(o.inDir + "/" + f.name, name: f.name, kind: f.kind, into: shardDirs, known: &known) {
            progress("shard split \(f.name): \($0) MB")
        }
        report.bytes += file.bytes
        report.files.append(file.report)
    }
    for name in entries.folders {
        guard name == "tariffs" else { report.skipped.append(name + "/"); continue }
        for d in shardDirs { try copyTree(o.inDir + "/" + name, to: d + "/" + name) }
        report.copied.append(name + "/")
    }
    if let t = o.tariffs {
        for d in shardDirs { try copyTree(t, to: d + "/tariffs") }
        report.copied.append("tariffs/ (from \(t))")
    }
    for (k, d) in shardDirs.enumerated() {
        try OutputFiles.write(shardImportList(report, tariffs: o.tariffs != nil || entries.folders.contains("tariffs")), to: d + "/imports.txt")
        try OutputFiles.write(shardManifestJSON(report, shard: k), to: d + "/shard.json")
    }
    return report
}

private func splitFile(_ path: String, name: String, kind: ShardInputKind, into dirs: [String], known: inout KnownAccounts,
                       progress: (Int) -> Void) throws -> (report: ShardSplitReport.File, bytes: Int) {
    let r = try ShardRecords(path: path)
    guard let header = try r.header() else { throw BillingError(.badInput, "\(path): the file is empty (no header row)") }
    let names = headerNames(r, header)
    let column = names.firstIndex(of: kind == .sms ? "text" : "account_id") ?? 0
    let out = try ShardFileSet(paths: dirs.map { $0 + "/" + name })
    try out.appendToAll(header, isRow: false)
    var file = ShardSplitReport.File(name: name, kind: kind.rawValue, encoding: "utf8",
                                     rowsPerShard: Array(repeating: 0, count: dirs.count), toEveryShard: 0)
    var lastMB = 0, encodingKnown = false
    while let record = try r.next() {
        var id = r.field(record, column)
        if kind == .sms { id = firstWord(id) }
        // The first row with a non-ASCII byte tells UTF-8 from cp1251 (Cyrillic in cp1251 is
        // never well-formed UTF-8); later rows are not checked again.
        if !encodingKnown && record.contains(where: { $0 >= 0x80 }) {
            encodingKnown = true
            if !Bytes.isValidUTF8(record) { file.encoding = "cp1251" }
        }
        if kind == .accounts { known.insert(id) }
        if kind == .accounts || known.contains(id) {
            try out.append(record, to: ShardHash.shard(ofAccount: id, shards: dirs.count))
        } else {
            try out.appendToAll(record)
            file.toEveryShard += 1
        }
        if r.bytesRead >> 24 != lastMB { lastMB = r.bytesRead >> 24; progress(r.bytesRead >> 20) }
    }
    try out.finish()
    file.rowsPerShard = out.rows
    return (file, r.bytesRead)
}

/// The account number an SMS starts with ("7400000022 9270 4285"), as the SMS import reads it.
private func firstWord(_ text: [UInt8]) -> [UInt8] {
    var i = 0
    while i < text.count, text[i] == 32 || text[i] == 9 { i += 1 }
    var j = i
    while j < text.count, text[j] != 32, text[j] != 9, text[j] != 10, text[j] != 13, !(text[j] == 0xC2 && j + 1 < text.count && text[j + 1] == 0xA0) { j += 1 }
    return Array(text[i..<j])
}

private func headerNames(_ r: ShardRecords, _ header: UnsafeBufferPointer<UInt8>) -> [String] {
    (0..<r.fieldCount(header)).map { i in
        var f = r.field(header, i)
        if i == 0 && f.starts(with: [0xEF, 0xBB, 0xBF]) { f.removeFirst(3) }
        return String(decoding: f, as: UTF8.self).lowercased()
    }
}

private func headerKind(_ path: String) throws -> ShardInputKind? {
    let r = try ShardRecords(path: path)
    guard let h = try r.header() else { return nil }
    return ShardInputKind.of(header: Set(headerNames(r, h)))
}

/// What a shard imports and in which order, one `kind file [--encoding cp1251]` a line,
/// for job scripts (scripts/deploy/shard-task reads it).
func shardImportList(_ r: ShardSplitReport, tariffs: Bool) -> String {
    var s = tariffs ? "tariffs tariffs\n" : ""
    for f in r.files { s += "\(f.kind) \(f.name)" + (f.encoding == "utf8" ? "" : " --encoding \(f.encoding)") + "\n" }
    return s
}

func shardManifestJSON(_ r: ShardSplitReport, shard k: Int) -> [UInt8] {
    var w = ByteWriter()
    w.append("{\n  \"shard\": \(k),\n  \"shards\": \(r.shards),\n  \"hash\": \"fnv1a64(account_id) mod \(r.shards)\",\n  \"files\": [")
    for (i, f) in r.files.enumerated() {
        w.append(i == 0 ? "\n    {\"file\": " : ",\n    {\"file\": "); w.appendJSONString(f.name)
        w.append(", \"kind\": \"\(f.kind)\", \"encoding\": \"\(f.encoding)\", \"rows\": \(f.rowsPerShard[k]), \"rows_of_no_known_account\": \(f.toEveryShard)}")
    }
    w.append(r.files.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    return w.bytes
}

private func listFolder(_ dir: String) throws -> (files: [String], folders: [String]) {
    guard let names = folderEntries(dir) else {
        throw BillingError(.badInput, "\(dir): cannot open folder: \(String(cString: strerror(errno)))")
    }
    var files: [String] = [], folders: [String] = []
    for name in names {
        if name.hasPrefix(".") { continue }
        var st = stat()
        guard stat(dir + "/" + name, &st) == 0 else { continue }
        if st.st_mode & S_IFMT == S_IFDIR { folders.append(name) } else if st.st_mode & S_IFMT == S_IFREG { files.append(name) }
    }
    return (files.sorted(), folders.sorted())
}

private func fileSize(_ path: String) throws -> Int {
    var st = stat()
    guard stat(path, &st) == 0 else { throw BillingError(.badInput, "\(path): \(String(cString: strerror(errno)))") }
    return Int(st.st_size)
}

/// Copies a file, or a folder with everything in it, byte for byte.
func copyTree(_ from: String, to: String) throws {
    var st = stat()
    guard stat(from, &st) == 0 else { throw BillingError(.badInput, "\(from): \(String(cString: strerror(errno)))") }
    if st.st_mode & S_IFMT == S_IFDIR {
        try OutputFiles.mkdir(to)
        let entries = try listFolder(from)
        for n in entries.files + entries.folders { try copyTree(from + "/" + n, to: to + "/" + n) }
        return
    }
    guard let bytes = readWholeFile(from) else { throw BillingError(.badInput, "\(from): cannot read: \(String(cString: strerror(errno)))") }
    try OutputFiles.write(bytes, to: to)
}
