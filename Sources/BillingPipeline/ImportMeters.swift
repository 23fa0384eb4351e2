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
        let account = try database.prepare("SELECT 1 FROM accounts WHERE account_id = ?")
        let find = try database.prepare("SELECT account_id, zones, digits, ratio, accuracy_class, installed_on, next_verification_on, initial_t1, initial_t2, initial_t3, removed_on FROM meters WHERE meter_id = ?")
        let hasReadings = try database.prepare("SELECT 1 FROM readings WHERE meter_id = ? LIMIT 1")
        let insert = try database.prepare("INSERT INTO meters(account_id, zones, digits, ratio, accuracy_class, installed_on, next_verification_on, initial_t1, initial_t2, initial_t3, removed_on, meter_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
        let update = try database.prepare("UPDATE meters SET account_id=?, zones=?, digits=?, ratio=?, accuracy_class=?, installed_on=?, next_verification_on=?, initial_t1=?, initial_t2=?, initial_t3=?, removed_on=? WHERE meter_id=?")
        while try reader.next() {
            run.tick(reader)
            if let problem = reader.problem { try run.reject(reader, field: "", reason: problem); continue }
            let m: Meter
            switch parseMeter(reader, cols) {
            case .failure(let p): try run.reject(reader, field: p.field, reason: p.reason); continue
            case .success(let v): m = v
            }
            account.reset(); try account.bind([.text(m.accountId)])
            let known = try account.step(); account.reset()
            guard known else { try run.reject(reader, field: "account_id", reason: "unknown account \(m.accountId)"); continue }
            let values: [SQLValue] = [.text(m.accountId), .int(Int64(m.zones)), .int(Int64(m.digits)), .int(m.ratio), .text(m.accuracyClass),
                                      .date(m.installedOn), .date(m.nextVerificationOn), .int(m.initial[0]),
                                      .optInt(m.zones >= 2 ? m.initial[1] : nil), .optInt(m.zones >= 3 ? m.initial[2] : nil), .date(m.removedOn)]
            find.reset(); try find.bind([.text(m.id)])
            guard try find.step() else {
                find.reset()
                try insert.bind(values + [.text(m.id)]); try insert.run()
                run.report.stored += 1
                continue
            }
            let old: [SQLValue] = (0..<11).map { i in
                find.isNull(Int32(i)) ? .null : ([1, 2, 3, 7, 8, 9].contains(i) ? .int(find.int(Int32(i))) : .text(find.text(Int32(i))))
            }
            find.reset()
            if old == values { run.report.unchanged += 1; continue }
            let lifecycle: Set<Int> = [4, 6, 10]
            let changed = (0..<11).filter { old[$0] != values[$0] }
            if !changed.allSatisfy(lifecycle.contains) {
                hasReadings.reset(); try hasReadings.bind([.text(m.id)])
                let used = try hasReadings.step(); hasReadings.reset()
                if used {
                    let names = ["account_id", "zones", "digits", "ratio", "accuracy_class", "installed_on", "next_verification_on",
                                 "initial_t1", "initial_t2", "initial_t3", "removed_on"]
                    let what = changed.filter { !lifecycle.contains($0) }.map { names[$0] }
                    try run.reject(reader, field: what[0], reason: "meter \(m.id) already has readings; \(what.joined(separator: ", ")) cannot change (register a new meter)")
                    continue
                }
            }
            try update.bind(values + [.text(m.id)]); try update.run()
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
