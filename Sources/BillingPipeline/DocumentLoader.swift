import BillingCore
import BillingRender
import BillingStore

/// Streams the stored close of P as DocumentData, one account at a time, by
/// merge-joining sorted scans (registry rows with accounts, lines, meter periods
/// with their meters and readings, booked payments, the 12-month history).
final class DocumentLoader {
    let period: Period
    private let rules: StoredRules
    private let rows: RowCursor<DocumentAccountPeriod>
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
        rows = try db.documentAccountPeriods(period: period)
        lines = try db.lines(period: period, documentLine)
        meters = try db.documentMeterPeriods(period: period) { m in
            DocumentMeter(meterId: m.meterId, zones: m.zones, ratio: m.ratio, method: m.method,
                          previous: registerValues(m.previousRegisters), current: m.currentRegisters.map(registerValues),
                          volumes: registerValues(m.volumes), readingSource: m.readingSource, readingTakenOn: m.readingTakenOn,
                          nextVerificationOn: m.nextVerificationOn)
        }
        // The payments this close booked, from its ledger (period-first key: a range scan).
        payments = try db.bookedPayments(period: period) { p in
            DocumentPayment(paymentId: p.paymentId, paidOn: p.paidOn, amount: p.amount, channel: p.channel)
        }
        let months = try closedPeriods(db, before: period.next, from: period.adding(months: -11))
        history = try db.volumeHistory(periods: months) { h in
            HistoryBar(period: h.period, volumeKwh: h.volumeKwh, method: h.method)
        }
    }

    /// The next account's document; nil at the end.
    func next() throws -> DocumentData? {
        guard let s = try rows.next() else { return nil }
        let account = asClosed.account(s.account)
        guard let region = rules.regions[account.region] else {
            throw BillingError(.failed, "л/с \(account.id): для региона \(account.region) не загружены тарифы")
        }
        let pays = try payments.rows(for: account.id)
        guard let dueDate = s.dueDate else {
            throw BillingError(.failed, "в закрытии л/с \(account.id) за \(period) не читается срок оплаты: \(s.unreadableDueDate); проверьте базу командой 'energobill check'")
        }
        var doc = DocumentData(
            period: period, account: account, supplier: region.supplier, regionTitle: region.title,
            meters: try meters.rows(for: account.id), lines: try lines.rows(for: account.id), method: s.method,
            volumeKwh: s.volumeKwh, charge: s.charge, recalculation: s.recalculation,
            benefit: s.benefit, penalty: s.penalty, penaltyTotal: s.penaltyTotal,
            balanceIn: s.balanceIn, payments: pays, paymentsTotal: s.payments,
            totalDue: s.totalDue, dueDate: dueDate, history: try history.rows(for: account.id))
        doc.context.categoryTitle = region.categories[account.category]?.title ?? ""
        // The part of the debt brought forward that is penalty, not energy (NULL: none known).
        let owed = s.penaltyIn
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

/// A stored line as the documents show it.
func documentLine(_ l: StoredLine) -> DocumentLine {
    DocumentLine(kind: l.kind, meterId: l.meterId, zone: l.zone, tier: l.tier, method: l.method, volumeKwh: l.volumeKwh,
                 price: l.price, amount: l.amount, ground: l.ground, refPeriod: l.refPeriod, vat: l.vat)
}
