import BillingCore
import BillingInput
import BillingStore

/// Region code → category codes, from the tariff data stored by `import tariffs`.
func storedRegionCategories(_ database: Database) throws -> [String: Set<String>] {
    var out: [String: Set<String>] = [:]
    for (code, json) in try database.regionSources(byCode: false) {
        let rules = try loadRegionRules(json: Array(json.utf8), file: "stored region \(code)")
        out[code] = Set(rules.categories.keys)
    }
    return out
}

/// `import accounts FILE`: master data keyed by account_id. The same id with the same
/// content is unchanged; different content updates the account (master data is
/// corrected in place), except that the region cannot change, and the opening balance
/// cannot change once the account has been billed.
func importAccounts(path: String, database: Database, options: ImportOptions,
                    progress: ((ImportProgress) -> Void)?) throws -> ImportReport {
    let reader = try CSVReader(path: path, displayName: path, encoding: options.encoding)
    let cols = try reader.columns(
        required: ["account_id", "holder", "address", "region", "category"],
        optional: ["kind", "inn", "kpp", "residents", "rooms", "area_m2", "email", "phone", "delivery",
                   "opened_on", "closed_on", "opening_balance", "sms", "contract", "contract_date", "edo_id"])
    return try database.transaction {
        let run = try ImportRun(kind: .accounts, path: path, database: database, options: options, progress: progress)
        run.report.warnings = cols.warnings
        let regions = try storedRegionCategories(database)
        let accounts = try database.accountTable()
        while try reader.next() {
            run.tick(reader)
            if let problem = reader.problem { try run.reject(reader, field: "", reason: problem); continue }
            let parsed = parseAccount(reader, cols, regions)
            guard case .success(let a) = parsed else {
                if case .failure(let p) = parsed { try run.reject(reader, field: p.field, reason: p.reason) }
                continue
            }
            if let old = try accounts.account(id: a.id) {
                if AccountRecord.sameStored(old, a) { run.report.unchanged += 1; continue }
                if old.region != a.region {
                    try run.reject(reader, field: "region", reason: "account \(a.id) already exists in region \(old.region); an account cannot move to another region")
                    continue
                }
                if old.openingBalance != a.openingBalance, try accounts.isBilled(a.id) {
                    try run.reject(reader, field: "opening_balance", reason: "opening balance cannot change after the account has been billed")
                    continue
                }
                try accounts.replace(a)
                run.report.stored += 1; run.report.updated += 1
            } else {
                try accounts.insert(a)
                run.report.stored += 1
            }
        }
        return try run.finish(sha256: try reader.sha256())
    }
}

struct RowProblem: Error { var field: String; var reason: String }

private func parseAccount(_ r: CSVReader, _ c: CSVColumns, _ regions: [String: Set<String>]) -> Result<Account, RowProblem> {
    func fail(_ f: String, _ why: String) -> Result<Account, RowProblem> { .failure(RowProblem(field: f, reason: why)) }
    let idField = r.field(c["account_id"])
    guard idField.count > 0 else { return fail("account_id", "account id is empty") }
    guard Check.isPlainIdentifier(idField) else {
        return fail("account_id", "account id \"\(Bytes.string(idField))\" is not a plain identifier (letters, digits, - and _, at most 32)")
    }
    let holder = r.string(c["holder"]), address = r.string(c["address"])
    guard !holder.isEmpty else { return fail("holder", "holder is empty") }
    guard Check.isText(holder, max: 300) else { return fail("holder", "holder contains control characters or is too long") }
    guard !address.isEmpty else { return fail("address", "address is empty") }
    guard Check.isText(address, max: 500) else { return fail("address", "address contains control characters or is too long") }
    let region = r.string(c["region"]).uppercased(), category = r.string(c["category"])
    guard let cats = regions[region] else { return fail("region", "unknown region \"\(region)\" (import its tariffs first)") }
    guard cats.contains(category) else { return fail("category", "unknown category \"\(category)\" for region \(region)") }
    var a = Account(id: Bytes.string(idField), holder: holder, address: address, region: region, category: category)
    let kind = r.string(c["kind"]).lowercased()
    if !kind.isEmpty {
        guard let k = AccountKind(rawValue: kind) else { return fail("kind", "kind must be person or legal, not \"\(kind)\"") }
        a.kind = k
    }
    a.inn = r.string(c["inn"]); a.kpp = r.string(c["kpp"])
    if !a.inn.isEmpty && !Check.digits(a.inn, counts: [10, 12]) { return fail("inn", "INN must be 10 or 12 digits") }
    if !a.inn.isEmpty && !INN.isValid(a.inn) { return fail("inn", "INN \(a.inn) has a wrong check digit (a typo?)") }
    if !a.inn.isEmpty && a.kind == .person {
        return fail("inn", "an INN is given for a private person (kind=person); a legal entity or sole trader needs kind=legal")
    }
    if !a.kpp.isEmpty && a.kind == .person { return fail("kpp", "a KPP is given for a private person (kind=person)") }
    if !a.kpp.isEmpty && !Check.digits(a.kpp, counts: [9]) { return fail("kpp", "KPP must be 9 digits") }
    if r.field(c["residents"]).count > 0 {
        guard let v = FieldParse.integer(r.field(c["residents"])), (0...99).contains(v) else { return fail("residents", "residents must be a whole number 0–99") }
        a.residents = Int(v)
    }
    if r.field(c["rooms"]).count > 0 {
        guard let v = FieldParse.integer(r.field(c["rooms"])), (1...99).contains(v) else { return fail("rooms", "rooms must be a whole number 1–99") }
        a.rooms = Int(v)
    }
    if r.field(c["area_m2"]).count > 0 {
        guard let v = FieldParse.decimal(r.field(c["area_m2"]), scale: 2), v >= 0 else { return fail("area_m2", "area must be a non-negative number of m² with at most 2 decimals") }
        a.areaCentiM2 = v
    }
    a.email = r.string(c["email"]); a.phone = r.string(c["phone"])
    if !a.email.isEmpty && (!a.email.contains("@") || !Check.isText(a.email, max: 200) || a.email.contains(" ")) {
        return fail("email", "not an email address: \"\(a.email)\"")
    }
    guard Check.isText(a.phone, max: 50) else { return fail("phone", "phone contains control characters or is too long") }
    let delivery = r.string(c["delivery"]).lowercased()
    if !delivery.isEmpty {
        guard let d = Delivery(rawValue: delivery) else { return fail("delivery", "delivery must be paper or email, not \"\(delivery)\"") }
        a.delivery = d
    }
    if a.delivery == .email && a.email.isEmpty { return fail("email", "delivery by email needs an email address") }
    if r.field(c["opened_on"]).count > 0 {
        guard let d = FieldParse.date(r.field(c["opened_on"])) else { return fail("opened_on", "impossible date \"\(r.string(c["opened_on"]))\"") }
        a.openedOn = d
    }
    if r.field(c["closed_on"]).count > 0 {
        guard let d = FieldParse.date(r.field(c["closed_on"])) else { return fail("closed_on", "impossible date \"\(r.string(c["closed_on"]))\"") }
        a.closedOn = d
    }
    if let o = a.openedOn, let cl = a.closedOn, cl < o { return fail("closed_on", "closed before it was opened") }
    if r.field(c["opening_balance"]).count > 0 {
        guard let m = FieldParse.money(r.field(c["opening_balance"])) else {
            return fail("opening_balance", "not an amount in rubles: \"\(r.string(c["opening_balance"]))\"")
        }
        a.openingBalance = m
    }
    let sms = r.string(c["sms"])
    if !sms.isEmpty {
        guard sms == "0" || sms == "1" else { return fail("sms", "sms must be 1 (consent) or 0, not \"\(sms)\"") }
        a.sms = sms == "1"
    }
    if a.sms && a.phone.isEmpty { return fail("phone", "consent to SMS needs a phone number") }
    a.contract = r.string(c["contract"]); a.edoId = r.string(c["edo_id"])
    guard Check.isText(a.contract, max: 100) else { return fail("contract", "contract contains control characters or is too long") }
    guard Check.isText(a.edoId, max: 100), !a.edoId.contains(" ") else { return fail("edo_id", "EDO id contains spaces or control characters, or is too long") }
    if r.field(c["contract_date"]).count > 0 {
        guard let d = FieldParse.date(r.field(c["contract_date"])) else { return fail("contract_date", "impossible date \"\(r.string(c["contract_date"]))\"") }
        a.contractDate = d
    }
    if a.kind == .person && !(a.contract.isEmpty && a.edoId.isEmpty) {
        return fail(a.contract.isEmpty ? "edo_id" : "contract", "contract and EDO id are for legal entities (kind=legal)")
    }
    return .success(a)
}
