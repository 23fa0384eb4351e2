import BillingCore
import BillingInput
import BillingStore

/// `import meters FILE`: keyed by meter_id. Same content = unchanged. A meter without
/// readings may be corrected freely; once it has readings only its lifecycle fields
/// (removed_on, next_verification_on, accuracy_class) may change — a different account,
/// zone count, digits, ratio, installation date or initial readings would rewrite
/// billed history, so such a row is rejected ("register a new meter").
func importMeters(path: String, database: Database, options: ImportOptions,
                  progress: ((ImportProgress) -> Void)?) throws -> ImportReport {
    let reader = try CSVReader(path: path, displayName: path, encoding: options.encoding)
    let cols = try reader.columns(
        required: ["meter_id", "account_id", "zones", "digits", "installed_on", "initial_t1"],
        optional: ["ratio", "accuracy_class", "next_verification_on", "initial_t2", "initial_t3", "removed_on"])
    return try database.transaction {
        let run = try ImportRun(kind: .meters, path: path, database: database, options: options, progress: progress)
        run.report.warnings = cols.warnings
        let meters = try database.meterTable()
        while try reader.next() {
            run.tick(reader)
            if let problem = reader.problem { try run.reject(reader, field: "", reason: problem); continue }
            let m: Meter
            switch parseMeter(reader, cols) {
            case .failure(let p): try run.reject(reader, field: p.field, reason: p.reason); continue
            case .success(let v): m = v
            }
            guard try database.accountExists(m.accountId) else {
                try run.reject(reader, field: "account_id", reason: "unknown account \(m.accountId)"); continue
            }
            guard let old = try meters.meter(id: m.id) else {
                try meters.insert(m)
                run.report.stored += 1
                continue
            }
            let changed = MeterRecord.changedColumns(old, m)
            if changed.isEmpty { run.report.unchanged += 1; continue }
            let lifecycle: Set<String> = ["accuracy_class", "next_verification_on", "removed_on"]
            let what = changed.filter { !lifecycle.contains($0) }
            if let first = what.first, try meters.hasReadings(m.id) {
                try run.reject(reader, field: first, reason: "meter \(m.id) already has readings; \(what.joined(separator: ", ")) cannot change (register a new meter)")
                continue
            }
            try meters.replace(m)
            run.report.stored += 1; run.report.updated += 1
        }
        return try run.finish(sha256: try reader.sha256())
    }
}

private func parseMeter(_ r: CSVReader, _ c: CSVColumns) -> Result<Meter, RowProblem> {
    func fail(_ f: String, _ why: String) -> Result<Meter, RowProblem> { .failure(RowProblem(field: f, reason: why)) }
    let id = r.string(c["meter_id"])
    guard !id.isEmpty else { return fail("meter_id", "meter id is empty") }
    guard Check.isText(id, max: 64), !id.contains(" ") else { return fail("meter_id", "meter id must be at most 64 characters without spaces") }
    let acc = r.field(c["account_id"])
    guard Check.isPlainIdentifier(acc) else { return fail("account_id", "account id \"\(Bytes.string(acc))\" is not a plain identifier") }
    guard let zones = FieldParse.integer(r.field(c["zones"])), (1...3).contains(zones) else {
        return fail("zones", "bad zones \"\(r.string(c["zones"]))\": must be 1, 2 or 3")
    }
    guard let digits = FieldParse.integer(r.field(c["digits"])), (1...12).contains(digits) else {
        return fail("digits", "bad digits \"\(r.string(c["digits"]))\": must be a whole number 1–12")
    }
    var ratio: Int64 = 1
    if r.field(c["ratio"]).count > 0 {
        guard let v = FieldParse.integer(r.field(c["ratio"])), v >= 1, v <= 100_000 else { return fail("ratio", "ratio must be a whole number ≥ 1") }
        ratio = v
    }
    let accuracy = r.string(c["accuracy_class"])
    guard Check.isText(accuracy, max: 20) else { return fail("accuracy_class", "accuracy class is too long") }
    guard let installed = FieldParse.date(r.field(c["installed_on"])) else {
        return fail("installed_on", "impossible date \"\(r.string(c["installed_on"]))\"")
    }
    var next: CivilDate? = nil, removed: CivilDate? = nil
    if r.field(c["next_verification_on"]).count > 0 {
        guard let d = FieldParse.date(r.field(c["next_verification_on"])) else { return fail("next_verification_on", "impossible date \"\(r.string(c["next_verification_on"]))\"") }
        next = d
    }
    if r.field(c["removed_on"]).count > 0 {
        guard let d = FieldParse.date(r.field(c["removed_on"])) else { return fail("removed_on", "impossible date \"\(r.string(c["removed_on"]))\"") }
        guard installed <= d else { return fail("removed_on", "removed before it was installed") }
        removed = d
    }
    var initial: [Int64] = []
    let names = ["initial_t1", "initial_t2", "initial_t3"]
    for z in 0..<3 {
        let f = r.field(c[names[z]])
        if z >= Int(zones) {
            if f.count > 0 { return fail(names[z], "wrong number of zone registers: a \(zones)-zone meter has no \(names[z])") }
            continue
        }
        guard f.count > 0 else { return fail(names[z], "wrong number of zone registers: a \(zones)-zone meter needs \(names[z])") }
        switch FieldParse.register(f, digits: Int(digits)) {
        case .success(let v): initial.append(v)
        case .failure(.tooManyDigits): return fail(names[z], "exceeds digit capacity (\(digits) digits)")
        case .failure(.negative): return fail(names[z], "negative value")
        case .failure(.notNumeric): return fail(names[z], "non-numeric value \"\(Bytes.string(Bytes.trim(f)))\"")
        }
    }
    return .success(Meter(id: id, accountId: Bytes.string(acc), zones: Int(zones), digits: Int(digits), ratio: ratio,
                          accuracyClass: accuracy, installedOn: installed, nextVerificationOn: next,
                          initial: Registers(initial), removedOn: removed))
}
