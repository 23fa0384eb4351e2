import BillingCore
import BillingInput
import BillingStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parsed content of a `tariffs/` folder (or a single file of it).
public struct TariffFolder: Sendable {
    public struct Region: Sendable {
        public var file: String
        public var rules: RegionRules
        public var source: String
        public var sha256: String
    }
    public var regions: [Region] = []
    public var keyRates: KeyRates?
    public var vatRates: VATRates?
    public var penalty: PenaltyPolicy?
    public var penaltySource: String?
    public var warnings: [String] = []
    /// SHA-256 over the names and bytes of every file read, in name order.
    /// Bank templates (`banks/`) are not in it: they are no input of a close.
    public var sha256 = ""
    public var banks: [BankTemplateSource] = []
}

/// A bank registry template as read from `tariffs/banks/<name>.json`.
public struct BankTemplateSource: Sendable {
    public var file: String
    public var template: BankTemplate
    public var source: String
    public var sha256: String
}

/// Loads a region JSON file, `key-rate.csv`, `vat.csv`, `penalty.json`, or a folder holding
/// all of them (every `*.json` but penalty.json is a region). Any mistake throws,
/// naming the file and the JSON path or line.
public func loadTariffFolder(path: String) throws -> TariffFolder {
    var st = stat()
    guard stat(path, &st) == 0 else { throw InputError(file: path, message: "cannot open: " + String(cString: strerror(errno))) }
    var files: [String] = []
    var bankFiles: [String] = []
    let isDir = (st.st_mode & S_IFMT) == S_IFDIR
    let lastName = path.split(separator: "/").last.map(String.init) ?? path
    if isDir && lastName == "banks" {
        bankFiles = try listFiles(path) { $0.hasSuffix(".json") }
    } else if isDir {
        files = try listFiles(path) { $0.hasSuffix(".json") || $0 == "key-rate.csv" || $0 == "vat.csv" }
        let banksDir = path + (path.hasSuffix("/") ? "" : "/") + "banks"
        var bst = stat()
        if stat(banksDir, &bst) == 0 && (bst.st_mode & S_IFMT) == S_IFDIR { bankFiles = try listFiles(banksDir) { $0.hasSuffix(".json") } }
        guard files.contains(where: { $0.hasSuffix(".json") && !$0.hasSuffix("penalty.json") }) else {
            throw InputError(file: path, message: "no region *.json files in the folder")
        }
    } else if path.split(separator: "/").dropLast().last == "banks" {
        bankFiles = [path]
    } else {
        files = [path]
    }
    var folder = TariffFolder()
    folder.banks = try loadBankTemplates(bankFiles)
    var hasher = SHA256()
    var codes: [String: String] = [:]
    for file in files {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let bytes = try readFileBytes(file)
        hasher.update(Array(name.utf8) + [0])
        hasher.update(bytes)
        if name == "vat.csv" {
            folder.vatRates = try loadVATRates(path: file)
        } else if name == "key-rate.csv" || name.hasSuffix(".csv") {
            folder.keyRates = try loadKeyRates(path: file)
        } else if name == "penalty.json" {
            folder.penalty = try loadPenaltyPolicy(json: bytes, file: file)
            folder.penaltySource = String(decoding: bytes, as: UTF8.self)
        } else {
            let rules = try loadRegionRules(json: bytes, file: file)
            if let other = codes[rules.code] {
                throw TariffFileError(file: file, path: "region", message: "region \(rules.code) is also defined in \(other)")
            }
            codes[rules.code] = file
            if name != rules.code + ".json" { folder.warnings.append("\(file): file name differs from its region code \(rules.code)") }
            folder.regions.append(.init(file: file, rules: rules, source: String(decoding: bytes, as: UTF8.self), sha256: SHA256.hash(bytes)))
        }
    }
    folder.sha256 = hasher.finalizeHex()
    return folder
}

/// The names in a folder that pass `keep`, sorted, as paths.
private func listFiles(_ path: String, _ keep: (String) -> Bool) throws -> [String] {
    guard let names = folderEntries(path) else { throw InputError(file: path, message: "cannot list the folder") }
    return names.filter(keep).map { path + (path.hasSuffix("/") ? "" : "/") + $0 }
}

private func loadBankTemplates(_ files: [String]) throws -> [BankTemplateSource] {
    var out: [BankTemplateSource] = []
    var names: [String: String] = [:]
    for file in files {
        let bytes = try readFileBytes(file)
        let t = try loadBankTemplate(json: bytes, file: file)
        if let other = names[t.name] {
            throw TariffFileError(file: file, path: "bank", message: "bank \(t.name) is also defined in \(other)")
        }
        let base = file.split(separator: "/").last.map(String.init) ?? file
        if base != t.name + ".json" {
            throw TariffFileError(file: file, path: "bank", message: "the file must be named after its bank: \(t.name).json")
        }
        names[t.name] = file
        out.append(.init(file: file, template: t, source: String(decoding: bytes, as: UTF8.self), sha256: SHA256.hash(bytes)))
    }
    return out
}

/// `import tariffs PATH`: regions replace their stored version when their bytes changed
/// (tariffs are data; the report says so), key rates and the penalty policy are
/// replaced as a whole when different. Identical content changes nothing.
func importTariffs(path: String, database: Database, options: ImportOptions) throws -> ImportReport {
    let folder = try loadTariffFolder(path: path)
    return try database.transaction {
        let run = try ImportRun(kind: .tariffs, path: path, database: database, options: options, progress: nil)
        run.report.warnings = folder.warnings
        for region in folder.regions {
            run.report.rowsRead += 1
            let code = region.rules.code
            let old = try database.regionSHA256(code: code)
            if old == region.sha256 { run.report.unchanged += 1; continue }
            if old == nil {
                try database.insertRegion(code: code, title: region.rules.title, sourceJSON: region.source, sha256: region.sha256)
            } else {
                for (category, accounts) in try database.accountCategoryCounts(region: code) where region.rules.categories[category] == nil {
                    throw ImportError(cause: .input, file: region.file, field: "categories",
                                      message: "category \"\(category)\" is used by \(accounts) account(s) of \(code) but is missing from the new file")
                }
                try database.replaceRegion(code: code, title: region.rules.title, sourceJSON: region.source, sha256: region.sha256)
                run.report.updated += 1
                run.report.warnings.append("region \(code) replaced: \(region.file) differs from the stored tariff data")
            }
            run.report.stored += 1
        }
        try storeBankTemplates(folder.banks, run: run, database: database)
        if let rates = folder.keyRates {
            run.report.rowsRead += rates.changes.count
            let stored = try database.keyRates()
            if stored == rates.changes {
                run.report.unchanged += rates.changes.count
            } else {
                try database.replaceKeyRates(rates.changes)
                run.report.stored += rates.changes.count
                if !stored.isEmpty { run.report.warnings.append("key rates replaced (\(stored.count) → \(rates.changes.count) entries)") }
            }
        }
        if let rates = folder.vatRates { try storeVATRates(rates, database: database, report: &run.report) }
        if let source = folder.penaltySource {
            run.report.rowsRead += 1
            let old = try database.penaltyPolicySource()
            if old == source { run.report.unchanged += 1 } else {
                try database.storePenaltyPolicy(sourceJSON: source)
                run.report.stored += 1
                if old != nil { run.report.warnings.append("penalty policy replaced") }
            }
        }
        return try run.finish(sha256: folder.sha256)
    }
}

/// VAT rates are replaced as a whole when they differ from the stored ones.
private func storeVATRates(_ rates: VATRates, database: Database, report: inout ImportReport) throws {
    report.rowsRead += rates.changes.count
    let stored = try database.vatRates()
    if stored == rates.changes { report.unchanged += rates.changes.count; return }
    try database.replaceVATRates(rates.changes)
    report.stored += rates.changes.count
    if !stored.isEmpty { report.warnings.append("VAT rates replaced (\(stored.count) → \(rates.changes.count) entries)") }
}

/// The stored VAT rates (empty before `import tariffs` read a vat.csv).
func loadStoredVATRates(_ db: Database) throws -> VATRates {
    VATRates(changes: try db.vatRates())
}

/// Templates replace their stored version when their bytes changed, like regions.
private func storeBankTemplates(_ banks: [BankTemplateSource], run: ImportRun, database: Database) throws {
    for bank in banks {
        run.report.rowsRead += 1
        let old = try database.bankTemplateSHA256(name: bank.template.name)
        if old == bank.sha256 { run.report.unchanged += 1; continue }
        try database.storeBankTemplate(name: bank.template.name, title: bank.template.title, sourceJSON: bank.source, sha256: bank.sha256)
        run.report.stored += 1
        if old != nil {
            run.report.updated += 1
            run.report.warnings.append("bank template \(bank.template.name) replaced: \(bank.file) differs from the stored one")
        }
    }
}
