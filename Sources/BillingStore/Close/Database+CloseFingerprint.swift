// What a close's input fingerprint is made of, handed out row by row in a fixed
// order (the hashing itself is the pipeline's; the penalty policy's source is the
// tariffs store's penaltyPolicySource()).

extension Database {
    /// Every imported file in import order: its kind and SHA-256.
    public func forEachImportHash(_ body: (_ kind: String, _ sha256: String) throws -> Void) throws {
        let s = try prepareUncached("SELECT kind, sha256 FROM imports ORDER BY id")
        while try s.step() { try body(s.text(0), s.text(1)) }
    }

    /// Every posted recalculation's fingerprint, in posting order.
    public func forEachPostedRecalcFingerprint(_ body: (String) throws -> Void) throws {
        let r = try prepareUncached("SELECT fingerprint FROM posted_recalcs ORDER BY id")
        while try r.step() { try body(r.text(0)) }
    }

    /// Every key rate as stored: from date (ISO text) and percent × 100.
    public func forEachStoredKeyRate(_ body: (_ from: String, _ percentCenti: Int64) throws -> Void) throws {
        let k = try prepareUncached("SELECT from_date, percent_centi FROM key_rates ORDER BY from_date")
        while try k.step() { try body(k.text(0), k.int(1)) }
    }

    /// Every VAT rate as stored: from date (ISO text) and percent × 100.
    public func forEachStoredVATRate(_ body: (_ from: String, _ percentCenti: Int64) throws -> Void) throws {
        let v = try prepareUncached("SELECT from_date, percent_centi FROM vat_rates ORDER BY from_date")
        while try v.step() { try body(v.text(0), v.int(1)) }
    }
}
