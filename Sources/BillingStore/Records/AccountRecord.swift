import BillingCore

/// The `accounts` table (and `account_history`, which keeps the same columns): its one
/// column list, the decoder and the binder. Every statement that reads or writes whole
/// accounts is built from `columns`, and a statement's result columns are checked against
/// it by name when prepared, so a reordered SELECT fails at once instead of decoding
/// the holder as the address.
public enum AccountRecord {
    public static let columns = [
        "account_id", "holder", "address", "region", "category", "kind", "inn", "kpp", "residents", "rooms",
        "area_centi_m2", "email", "phone", "delivery", "opened_on", "closed_on", "opening_balance", "sms",
        "contract", "contract_date", "edo_id",
    ]
    public static let columnList = columns.joined(separator: ", ")

    /// `columnList` qualified by a table alias, for joins.
    public static func columnList(alias: String) -> String {
        columns.map { alias + "." + $0 }.joined(separator: ", ")
    }

    /// The account whose columns start at `offset` of the current row.
    static func decode(_ s: Statement, at offset: Int32 = 0) -> Account {
        let o = offset
        return Account(
            id: s.text(o), holder: s.text(o + 1), address: s.text(o + 2), region: s.text(o + 3), category: s.text(o + 4),
            kind: AccountKind(rawValue: s.text(o + 5)) ?? .person, inn: s.text(o + 6), kpp: s.text(o + 7),
            residents: Int(s.int(o + 8)), rooms: Int(s.int(o + 9)), areaCentiM2: s.int(o + 10), email: s.text(o + 11),
            phone: s.text(o + 12), delivery: Delivery(rawValue: s.text(o + 13)) ?? .paper, openedOn: s.date(o + 14),
            closedOn: s.date(o + 15), openingBalance: Kopecks(s.int(o + 16)), sms: s.int(o + 17) == 1,
            contract: s.text(o + 18), contractDate: s.date(o + 19), edoId: s.text(o + 20))
    }

    /// The values in `columns` order.
    static func values(_ a: Account) -> [SQLValue] {
        [.text(a.id), .text(a.holder), .text(a.address), .text(a.region), .text(a.category), .text(a.kind.rawValue),
         .text(a.inn), .text(a.kpp), .int(Int64(a.residents)), .int(Int64(a.rooms)), .int(a.areaCentiM2),
         .text(a.email), .text(a.phone), .text(a.delivery.rawValue), .date(a.openedOn), .date(a.closedOn),
         .int(a.openingBalance.value), .int(a.sms ? 1 : 0), .text(a.contract), .date(a.contractDate), .text(a.edoId)]
    }
}

/// The `meters` table: one column list, decoder and values.
public enum MeterRecord {
    public static let columns = [
        "meter_id", "account_id", "zones", "digits", "ratio", "accuracy_class", "installed_on",
        "next_verification_on", "initial_t1", "initial_t2", "initial_t3", "removed_on",
    ]
    public static let columnList = columns.joined(separator: ", ")

    /// The meter whose columns start at `offset`; a stored installation date that does
    /// not parse is an error naming the row, never a trap.
    static func decode(_ s: Statement, at offset: Int32 = 0) throws -> Meter {
        let o = offset
        let zones = Int(s.int(o + 2))
        var initial = [s.int(o + 8)]
        if zones >= 2 { initial.append(s.int(o + 9)) }
        if zones >= 3 { initial.append(s.int(o + 10)) }
        return Meter(id: s.text(o), accountId: s.text(o + 1), zones: zones, digits: Int(s.int(o + 3)), ratio: s.int(o + 4),
                     accuracyClass: s.text(o + 5), installedOn: try s.storedDate(o + 6, "meters", "счётчик \(s.text(o))"),
                     nextVerificationOn: s.date(o + 7), initial: Registers(initial), removedOn: s.date(o + 11))
    }

    static func values(_ m: Meter) -> [SQLValue] {
        [.text(m.id), .text(m.accountId), .int(Int64(m.zones)), .int(Int64(m.digits)), .int(m.ratio), .text(m.accuracyClass),
         .date(m.installedOn), .date(m.nextVerificationOn), .int(m.initial[0]),
         .optInt(m.zones >= 2 ? m.initial[1] : nil), .optInt(m.zones >= 3 ? m.initial[2] : nil), .date(m.removedOn)]
    }
}

extension Statement {
    /// Checks, once after prepare, that the result columns from `offset` on are `names`
    /// in order, so a record decoder's fixed indexes are right (a programmer's mistake
    /// in a statement, reported with its SQL rather than decoded wrongly).
    func expectColumns(_ names: [String], at offset: Int32 = 0) throws {
        for (i, name) in names.enumerated() {
            let got = columnName(offset + Int32(i))
            guard got == name else {
                throw DatabaseError(code: 1, message: "столбец \(Int(offset) + i) запроса — «\(got)», ожидался «\(name)»", sql: sql)
            }
        }
    }
}
