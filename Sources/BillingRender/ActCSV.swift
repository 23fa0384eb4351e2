import BillingCore

/// The reconciliation act as CSV (SPEC "Output files"):
/// `date,kind,document,debit,credit,balance`, an `opening` row at the start date,
/// every row in the given order, a `closing` row at the end date. Money in rubles
/// "1234.56"; debit or credit is filled, the other left empty; `balance` is what
/// the customer owes after the row (negative = overpaid). Text fields go through
/// `csvField` (quoting and CSV-injection protection). Lines end with "\n".
public func renderActCSV(_ a: ActData) -> String {
    let ledger = ActLedger(a)
    var out: [UInt8] = []
    out.reserveCapacity(64 * (a.rows.count + 3))
    out.lit("date,kind,document,debit,credit,balance\n")
    out.dateISO(a.from); out.lit(",opening,,,,"); out.rublesPlain(a.opening); out.append(0x0A)
    for e in ledger.entries {
        out.dateISO(e.row.date); out.append(0x2C)
        out.raw(csvField(e.row.kind.rawValue)); out.append(0x2C)
        out.raw(csvField(e.row.document)); out.append(0x2C)
        if e.debit.value != 0 { out.rublesPlain(e.debit) }
        out.append(0x2C)
        if e.credit.value != 0 { out.rublesPlain(e.credit) }
        out.append(0x2C)
        out.rublesPlain(e.balance); out.append(0x0A)
    }
    out.dateISO(a.to); out.lit(",closing,,,,"); out.rublesPlain(ledger.closing); out.append(0x0A)
    return String(decoding: out, as: UTF8.self)
}
