import BillingCore
import BillingStore

/// Stores one account's close through the store's `CloseRowsInserter` (the account-period
/// row with its detail, rejected readings, posted recalculations booked) and its invoice
/// number, proving the account as it goes.
final class CloseWriter {
    private let rows: CloseRowsInserter

    /// Numbers the period's invoices (УПД) of legal entities, in account order.
    private let invoices: InvoiceNumbering

    init(database db: Database, period: Period, suppliers: [String: Supplier] = [:], buildsRegistry: Bool) throws {
        invoices = try InvoiceNumbering(database: db, period: period, suppliers: suppliers)
        rows = try CloseRowsInserter(database: db, period: period)
        registry = buildsRegistry ? RegistryWriter.Builder(period: period) : nil
    }

    /// Per-account proofs that failed (the close aborts when any did).
    private(set) var failures: [String] = []
    /// The period's money by kind over exactly the rows written (the totals proof).
    private(set) var totals = PeriodTotals()
    /// registry.csv of the rows written, built as they are stored (`buildsRegistry`): the
    /// outputs write it when this close's regions are the only ones closed for the period.
    private(set) var registry: RegistryWriter.Builder?

    func store(_ r: AccountCloseResult, input: AccountCloseInput, texts: AccountTexts) throws {
        let id = r.accountId
        check(r, input: input)
        try rows.insertAccountPeriod(r, region: input.account.region, settlement: texts.settlement, detail: texts.detail)
        totals.registry.add(r.row)
        registry?.add(r.row)
        for l in r.lines { totals.lines.add(l.kind, l.amount.value) }
        for x in r.rejected { try rows.insertReject(x) }
        for e in r.ledger { totals.ledger.add(e.kind, e.amount.value) }
        // An invoice documents a sale: none for a period whose VAT lines are all zero.
        if r.lines.contains(where: { ($0.vat?.net ?? .zero) != .zero }) {
            try invoices.assign(accountId: id, region: input.account.region)
        }
        if !input.postedRecalcs.isEmpty { try rows.markRecalcsBooked(accountId: id) }
    }

    /// The per-account half of the close's proof (DOMAIN "Invariants"): the registry
    /// identity, the ledger adding up to the movement, the balance carried over,
    /// and the lines agreeing with the registry columns.
    private func check(_ r: AccountCloseResult, input: AccountCloseInput) {
        guard failures.count < 50 else { return }
        let row = r.row, id = r.accountId
        let movement = row.charge + row.recalculation + row.benefit + row.penalty - row.payments
        if row.totalDue != row.balanceIn + movement {
            failures.append("л/с \(id): итог к оплате \(row.totalDue) ≠ входящее сальдо \(row.balanceIn) + движение за период \(movement)")
        }
        let ledgerSum = r.ledger.reduce(Kopecks.zero) { $0 + $1.amount }
        if ledgerSum != movement { failures.append("л/с \(id): проводки \(ledgerSum) ≠ движению по реестру \(movement)") }
        let expectedIn = input.previous.isFirstPeriod ? input.account.openingBalance : input.previous.totalDue
        if row.balanceIn != expectedIn {
            failures.append("л/с \(id): входящее сальдо \(row.balanceIn) ≠ исходящему сальдо прошлого периода \(expectedIn)")
        }
        var energy = Kopecks.zero, recalculation = Kopecks.zero, benefit = Kopecks.zero, penalty = Kopecks.zero
        var net = Kopecks.zero, vat = Kopecks.zero, withVAT = Kopecks.zero
        for l in r.lines {
            if let part = l.vat {
                if part.net + part.vat != l.amount { failures.append("л/с \(id): строка без НДС \(part.net) + НДС \(part.vat) ≠ сумме \(l.amount)") }
                net += part.net; vat += part.vat; withVAT += l.amount
            }
            switch l.kind {
            case .energy: energy += l.amount
            case .recalculation: recalculation += l.amount
            case .benefit: benefit += l.amount
            case .penalty: penalty += l.amount
            }
        }
        if net + vat != withVAT { failures.append("л/с \(id): без НДС \(net) + НДС \(vat) ≠ сумме с НДС \(withVAT)") }
        let pairs: [(String, Kopecks, Kopecks)] = [("электроэнергия", energy, row.charge), ("перерасчёт", recalculation, row.recalculation),
                                                   ("льгота", benefit, row.benefit), ("пени", penalty, row.penalty)]
        for (kind, lines, registry) in pairs where lines != registry {
            failures.append("л/с \(id): \(kind) — строки документа \(lines) ≠ реестру \(registry)")
        }
    }
}

/// The encoded parts of an account's row that take real work to build (the settlement
/// and the detail: lines, meter states and registers, payments), made by the compute
/// workers so the storing thread only copies bytes.
struct AccountTexts {
    /// The settlement's text, as UTF-8 bytes.
    var settlement: [UInt8]
    var detail: [UInt8]

    init(_ r: AccountCloseResult) {
        settlement = []
        settlement.reserveCapacity(32 + 40 * r.settlement.open.count)
        r.settlement.encode(into: &settlement)
        detail = AccountPeriodDetail.encode(r)
    }
}
