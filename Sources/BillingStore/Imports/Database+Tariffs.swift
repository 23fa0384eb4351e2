import BillingCore

/// What `import tariffs` reads and writes: regions (with their history), key rates,
/// VAT rates, the penalty policy and the bank templates, each as its stored JSON/rows.
extension Database {
    /// The stored region's sha256, nil when the region is not stored.
    public func regionSHA256(code: String) throws -> String? {
        let s = try prepare("SELECT sha256 FROM regions WHERE code = ?")
        defer { s.reset() }
        try s.bind([.text(code)])
        return try s.step() ? s.text(0) : nil
    }

    public func insertRegion(code: String, title: String, sourceJSON: String, sha256: String) throws {
        try run("INSERT INTO regions(code, title, source_json, sha256) VALUES (?, ?, ?, ?)",
                [.text(code), .text(title), .text(sourceJSON), .text(sha256)])
    }

    /// Replaces a stored region; the version it replaces is kept in `region_history`
    /// (valid through the region's last closed period) when the region has closes.
    public func replaceRegion(code: String, title: String, sourceJSON: String, sha256: String) throws {
        try run("""
            INSERT INTO region_history(valid_through, code, source_json, sha256)
            SELECT (SELECT max(period) FROM closes WHERE region = ?1), code, source_json, sha256 FROM regions
            WHERE code = ?1 AND EXISTS (SELECT 1 FROM closes WHERE region = ?1)
            """, [.text(code)])
        try run("UPDATE regions SET title = ?, source_json = ?, sha256 = ? WHERE code = ?",
                [.text(title), .text(sourceJSON), .text(sha256), .text(code)])
    }

    /// The categories the region's accounts use, with how many accounts use each.
    public func accountCategoryCounts(region: String) throws -> [(category: String, accounts: Int64)] {
        let s = try prepareUncached("SELECT category, count(*) FROM accounts WHERE region = ? GROUP BY category")
        try s.bind([.text(region)])
        var out: [(category: String, accounts: Int64)] = []
        while try s.step() { out.append((s.text(0), s.int(1))) }
        return out
    }

    /// Every stored region's code and tariff JSON, by code (`byCode: false`: in stored order).
    public func regionSources(byCode: Bool = true) throws -> [(code: String, sourceJSON: String)] {
        let s = try prepareUncached("SELECT code, source_json FROM regions" + (byCode ? " ORDER BY code" : ""))
        var out: [(code: String, sourceJSON: String)] = []
        while try s.step() { out.append((s.text(0), s.text(1))) }
        return out
    }

    /// The stored key rates by date (a row whose date does not read is left out).
    public func keyRates() throws -> [Effective<Int64>] { try rateTable("key_rates") }

    public func replaceKeyRates(_ changes: [Effective<Int64>]) throws { try replaceRateTable("key_rates", changes) }

    /// The stored VAT rates by date (a row whose date does not read is left out).
    public func vatRates() throws -> [Effective<Int64>] { try rateTable("vat_rates") }

    public func replaceVATRates(_ changes: [Effective<Int64>]) throws { try replaceRateTable("vat_rates", changes) }

    /// `table` is one of the two rate tables named above, never operator text.
    private func rateTable(_ table: String) throws -> [Effective<Int64>] {
        var out: [Effective<Int64>] = []
        let s = try prepareUncached("SELECT from_date, percent_centi FROM \(table) ORDER BY from_date")
        while try s.step() { if let d = s.date(0) { out.append(Effective(from: d, value: s.int(1))) } }
        return out
    }

    private func replaceRateTable(_ table: String, _ changes: [Effective<Int64>]) throws {
        try execute("DELETE FROM \(table)")
        for c in changes {
            try run("INSERT INTO \(table)(from_date, percent_centi) VALUES (?, ?)", [.date(c.from), .int(c.value)])
        }
    }

    /// The stored penalty policy's JSON.
    public func penaltyPolicySource() throws -> String? {
        try scalarText("SELECT source_json FROM policies WHERE name = 'penalty'")
    }

    public func storePenaltyPolicy(sourceJSON: String) throws {
        try run("INSERT INTO policies(name, source_json) VALUES ('penalty', ?) ON CONFLICT(name) DO UPDATE SET source_json = excluded.source_json",
                [.text(sourceJSON)])
    }

    public func bankTemplateSHA256(name: String) throws -> String? {
        try scalarText("SELECT sha256 FROM bank_templates WHERE name = ?", [.text(name)])
    }

    /// Inserts the template or replaces the stored one of that name.
    public func storeBankTemplate(name: String, title: String, sourceJSON: String, sha256: String) throws {
        try run("""
            INSERT INTO bank_templates(name, title, source_json, sha256) VALUES (?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET title = excluded.title, source_json = excluded.source_json, sha256 = excluded.sha256
            """, [.text(name), .text(title), .text(sourceJSON), .text(sha256)])
    }

    public func bankTemplateSource(name: String) throws -> String? {
        try scalarText("SELECT source_json FROM bank_templates WHERE name = ?", [.text(name)])
    }

    public func bankTemplateExists(name: String) throws -> Bool {
        try scalarInt("SELECT count(*) FROM bank_templates WHERE name = ?", [.text(name)]) ?? 0 > 0
    }

    public func bankTemplateNames() throws -> [String] {
        let s = try prepareUncached("SELECT name FROM bank_templates ORDER BY name")
        var names: [String] = []
        while try s.step() { names.append(s.text(0)) }
        return names
    }
}
