import BillingCore
import BillingRender
import BillingStore

/// Streams the stored close of P as DocumentData, one account at a time, by
/// merge-joining sorted scans (registry rows with accounts, lines, meter periods
/// with their meters and readings, booked payments, the 12-month history).
final class DocumentLoader {
    let period: Period
    private let rules: StoredRules
    private let rows: Statement
    private let lines: GroupedCursor<DocumentLine>
    private let meters: GroupedCursor<DocumentMeter>
    private let payments: GroupedCursor<DocumentPayment>
    private let history: PeriodMergeCursor<HistoryBar>

    /// Accounts replaced after the close, as they stood at it.
    private let asClosed: AsClosed

    init(database db: Database, period: Period, rules current: StoredRules) throws {
        self.period = period
        asClosed = try AsClosed(db, rules: current, period: period)
        self.rules = asClosed.rules
        let p = SQLValue.text(period.description)
        rows = try db.prepareUncached("""
            SELECT \(prefixedAccountColumns("a")),
                   ap.method, ap.volume_kwh, ap.charge, ap.recalculation, ap.benefit, ap.penalty, ap.penalty_total,
                   ap.balance_in, ap.payments, ap.total_due, ap.due_date, ap.penalty_in
            FROM account_periods ap JOIN accounts a ON a.account_id = ap.account_id
            WHERE ap.period = ? ORDER BY ap.account_id
            """)
        try rows.bind([p])
        let l = try db.prepareUncached("""
            SELECT account_id, kind, meter_id, zone, tier, method, volume_kwh, price, amount, ground, ref_period,
                   net, vat_rate, vat
            FROM lines WHERE period = ? ORDER BY account_id, seq
            """)
        try l.bind([p])
        lines = try GroupedCursor(l, decode: decodeDocumentLine)
        let m = try db.prepareUncached("""
            SELECT mp.account_id, mp.meter_id, m.zones, m.ratio, mp.method, mp.prev_registers, mp.cur_registers,
                   mp.volumes, coalesce(r.source, ''), r.taken_on, m.next_verification_on
            FROM meter_periods mp JOIN meters m ON m.meter_id = mp.meter_id
            LEFT JOIN readings r ON r.id = mp.reading_id
            WHERE mp.period = ? ORDER BY mp.account_id, m.installed_on, mp.meter_id
            """)
        try m.bind([p])
        meters = try GroupedCursor(m) { s in
            DocumentMeter(meterId: s.text(1), zones: Int(s.int(2)), ratio: s.int(3), method: s.text(4),
                          previous: registerValues(s.text(5)), current: s.optText(6).map(registerValues),
                          volumes: registerValues(s.text(7)), readingSource: s.text(8), readingTakenOn: s.date(9),
                          nextVerificationOn: s.date(10))
        }
        // The payments this close booked, from its ledger (period-first key: a range scan).
        let pay = try db.prepareUncached("""
            SELECT l.account_id, l.ref, l.date, -l.amount, coalesce(p.channel, '') FROM ledger l
            LEFT JOIN payments p ON p.payment_id = l.ref
            WHERE l.period = ? AND l.kind = 'payment' ORDER BY l.account_id, l.seq
            """)
        try pay.bind([p])
        payments = try GroupedCursor(pay) { s in
            DocumentPayment(paymentId: s.text(1), paidOn: try s.storedDate(2, "ledger", "л/с \(s.text(0)), платёж \(s.text(1))"), amount: Kopecks(s.int(3)), channel: s.text(4))
        }
        let months = try closedPeriods(db, before: period.next, from: period.adding(months: -11))
        history = try PeriodMergeCursor(db, periods: months, sql: """
            SELECT account_id, period, volume_kwh, method FROM account_periods WHERE period = ?1 ORDER BY account_id
            """) { s in
            HistoryBar(period: try s.storedPeriod(1, "account_periods", "л/с \(s.text(0))"), volumeKwh: s.int(2), method: s.text(3))
        }
    }

    /// The next account's document; nil at the end.
    func next() throws -> DocumentData? {
        guard try rows.step() else { return nil }
        let s = rows
        // The first columns are accountColumns, in decodeAccount's order; the period's follow.
        let account = asClosed.account(decodeAccount(s))
        guard let region = rules.regions[account.region] else {
            throw BillingError(.failed, "л/с \(account.id): для региона \(account.region) не загружены тарифы")
        }
        let pays = try payments.rows(for: account.id)
        guard let dueDate = s.date(31) else {
            throw BillingError(.failed, "в закрытии л/с \(account.id) за \(period) не читается срок оплаты: \(s.text(31)); проверьте базу командой 'energobill check'")
        }
        var doc = DocumentData(
            period: period, account: account, supplier: region.supplier, regionTitle: region.title,
            meters: try meters.rows(for: account.id), lines: try lines.rows(for: account.id), method: s.text(21),
            volumeKwh: s.int(22), charge: Kopecks(s.int(23)), recalculation: Kopecks(s.int(24)),
            benefit: Kopecks(s.int(25)), penalty: Kopecks(s.int(26)), penaltyTotal: Kopecks(s.int(27)),
            balanceIn: Kopecks(s.int(28)), payments: pays, paymentsTotal: Kopecks(s.int(29)),
            totalDue: Kopecks(s.int(30)), dueDate: dueDate, history: try history.rows(for: account.id))
        doc.context.categoryTitle = region.categories[account.category]?.title ?? ""
        // The part of the debt brought forward that is penalty, not energy (NULL: none known).
        let owed = Kopecks(s.int(32))
        if owed.value > 0, doc.balanceIn > owed { doc.context.penaltyInBalance = owed }
        // The window that takes readings for the next period: printed as where and when to submit.
        if let w: ReadingWindow = region.readingWindows.inForce(on: period.next.firstDay) {
            doc.context.windowFirstDay = w.firstDay; doc.context.windowLastDay = w.lastDay
        }
        if let norm = region.normPerPerson(for: account) {
            doc.context.normMilliKwhPerPerson = norm.milliKwh
            doc.context.normRooms = norm.rooms; doc.context.normResidents = norm.residents
        }
        return doc
    }
}

/// "123/45/6" → [123, 45, 6], the stored form of register values and zone volumes.
func registerValues(_ text: String) -> [Int64] {
    text.split(separator: "/").map { Int64($0) ?? 0 }
}

/// A stored line (columns 1… of `lines`: kind … ref_period, net, vat_rate, vat) as the documents show it.
func decodeDocumentLine(_ s: Statement) throws -> DocumentLine {
    var vat: VATPart? = nil
    if let net = s.optInt(11), let rate = s.optInt(12), let tax = s.optInt(13) {
        vat = VATPart(net: Kopecks(net), ratePercentCenti: rate, vat: Kopecks(tax))
    }
    return DocumentLine(kind: try s.storedCode(1, "lines", "л/с \(s.text(0))"), meterId: s.text(2), zone: s.text(3), tier: Int(s.int(4)), method: s.text(5),
                        volumeKwh: s.int(6), price: PricePer10000(s.int(7)), amount: Kopecks(s.int(8)),
                        ground: s.text(9), refPeriod: s.text(10), vat: vat)
}
