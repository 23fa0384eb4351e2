import BillingCore
import BillingStore

/// Stores one account's close: registry row, document lines, meter periods,
/// rejected readings, ledger entries, booked payments and posted recalculations.
/// Every statement is prepared once and reused for a million accounts.
final class CloseWriter {
    private let period: String
    private let accountPeriod, line, meterPeriod, reject, ledger, recalc: Statement

    init(database db: Database, period: Period) throws {
        self.period = period.description
        accountPeriod = try db.prepareUncached("""
            INSERT INTO account_periods(account_id, period, region, method, volume_kwh, charge, recalculation, benefit,
                penalty, payments, balance_in, total_due, due_date, penalty_total, settlement)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            """)
        line = try db.prepareUncached("""
            INSERT INTO lines(account_id, period, seq, kind, meter_id, zone, tier, method, volume_kwh, price, amount, ground, ref_period)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """)
        meterPeriod = try db.prepareUncached("""
            INSERT INTO meter_periods(meter_id, period, account_id, method, reading_id, prev_registers, cur_registers, volumes, amount, state)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        reject = try db.prepareUncached("INSERT OR REPLACE INTO reading_rejects(reading_id, period, reason) VALUES (?1, ?2, ?3)")
        ledger = try db.prepareUncached("""
            INSERT INTO ledger(account_id, period, date, kind, document, amount, ref, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        recalc = try db.prepareUncached("UPDATE posted_recalcs SET booked_period = ?2 WHERE account_id = ?1 AND booked_period IS NULL")
    }

    /// Per-account proofs that failed (the close aborts when any did).
    private(set) var failures: [String] = []
    /// The period's money by kind over exactly the rows written (the totals proof).
    private(set) var totals = PeriodTotals()

    func store(_ r: AccountCloseResult, input: AccountCloseInput) throws {
        let id = r.accountId
        let row = r.row
        let region = input.account.region
        check(r, input: input)
        accountPeriod.bindText(id, at: 1); accountPeriod.bindText(period, at: 2); accountPeriod.bindText(region, at: 3)
        accountPeriod.bindText(row.method, at: 4); accountPeriod.bindInt(row.volumeKwh.value, at: 5)
        accountPeriod.bindInt(row.charge.value, at: 6); accountPeriod.bindInt(row.recalculation.value, at: 7)
        accountPeriod.bindInt(row.benefit.value, at: 8); accountPeriod.bindInt(row.penalty.value, at: 9)
        accountPeriod.bindInt(row.payments.value, at: 10); accountPeriod.bindInt(row.balanceIn.value, at: 11)
        accountPeriod.bindInt(row.totalDue.value, at: 12); accountPeriod.bindText(row.dueDate.iso, at: 13)
        accountPeriod.bindInt(row.penaltyTotal.value, at: 14)
        accountPeriod.bindText(r.settlement.encoded, at: 15)
        try accountPeriod.runOnce()
        totals.registry[0] += row.charge.value; totals.registry[1] += row.recalculation.value
        totals.registry[2] += row.benefit.value; totals.registry[3] += row.penalty.value
        totals.registry[4] += row.payments.value
        for (seq, l) in r.lines.enumerated() {
            line.bindText(id, at: 1); line.bindText(period, at: 2); line.bindInt(Int64(seq + 1), at: 3)
            line.bindText(l.kind.rawValue, at: 4); line.bindText(l.meterId, at: 5); line.bindText(l.zone, at: 6)
            line.bindInt(Int64(l.tier), at: 7); line.bindText(l.method?.rawValue ?? "", at: 8)
            line.bindInt(l.volumeKwh.value, at: 9); line.bindInt(l.price?.value ?? 0, at: 10)
            line.bindInt(l.amount.value, at: 11); line.bindText(l.ground, at: 12)
            line.bindText(l.refPeriod?.description ?? "", at: 13)
            try line.runOnce()
            totals.lines[lineIndex(l.kind)] += l.amount.value
        }
        for m in r.meterPeriods {
            meterPeriod.bindText(m.meterId, at: 1); meterPeriod.bindText(period, at: 2); meterPeriod.bindText(id, at: 3)
            meterPeriod.bindText(m.method.rawValue, at: 4)
            if let rid = m.readingId { meterPeriod.bindInt(rid, at: 5) } else { meterPeriod.bindNull(at: 5) }
            meterPeriod.bindText(m.previous.description, at: 6)
            if let c = m.current { meterPeriod.bindText(c.description, at: 7) } else { meterPeriod.bindNull(at: 7) }
            meterPeriod.bindText(Registers(m.volumes).description, at: 8)
            meterPeriod.bindInt(m.billed.value, at: 9)
            meterPeriod.bindText(m.state.encoded, at: 10)
            try meterPeriod.runOnce()
        }
        for x in r.rejected {
            reject.bindInt(x.readingId, at: 1); reject.bindText(period, at: 2); reject.bindText(x.reason, at: 3)
            try reject.runOnce()
        }
        for (seq, e) in r.ledger.enumerated() {
            ledger.bindInt(Int64(seq + 1), at: 8)
            ledger.bindText(id, at: 1); ledger.bindText(period, at: 2); ledger.bindText(e.date.iso, at: 3)
            ledger.bindText(e.kind.rawValue, at: 4); ledger.bindText(e.document, at: 5); ledger.bindInt(e.amount.value, at: 6)
            ledger.bindText(e.paymentId ?? e.refPeriod?.description ?? "", at: 7)
            try ledger.runOnce()
            totals.ledger[ledgerIndex(e.kind)] += e.amount.value
        }
        if !input.postedRecalcs.isEmpty {
            recalc.bindText(id, at: 1); recalc.bindText(period, at: 2)
            try recalc.runOnce()
        }
    }

    /// The per-account half of the close's proof (DOMAIN "Invariants"): the registry
    /// identity, the ledger adding up to the movement, the balance carried over,
    /// and the lines agreeing with the registry columns.
    private func check(_ r: AccountCloseResult, input: AccountCloseInput) {
        guard failures.count < 50 else { return }
        let row = r.row, id = r.accountId
        let movement = row.charge + row.recalculation + row.benefit + row.penalty - row.payments
        if row.totalDue != row.balanceIn + movement {
            failures.append("account \(id): total_due \(row.totalDue) ≠ balance_in \(row.balanceIn) + movement \(movement)")
        }
        let ledgerSum = r.ledger.reduce(Kopecks.zero) { $0 + $1.amount }
        if ledgerSum != movement { failures.append("account \(id): ledger \(ledgerSum) ≠ registry movement \(movement)") }
        let expectedIn = input.previous.isFirstPeriod ? input.account.openingBalance : input.previous.totalDue
        if row.balanceIn != expectedIn {
            failures.append("account \(id): balance_in \(row.balanceIn) ≠ previous closing balance \(expectedIn)")
        }
        var energy = Kopecks.zero, recalculation = Kopecks.zero, benefit = Kopecks.zero, penalty = Kopecks.zero
        for l in r.lines {
            switch l.kind {
            case .energy: energy += l.amount
            case .recalculation: recalculation += l.amount
            case .benefit: benefit += l.amount
            case .penalty: penalty += l.amount
            }
        }
        let pairs: [(String, Kopecks, Kopecks)] = [("energy", energy, row.charge), ("recalculation", recalculation, row.recalculation),
                                                   ("benefit", benefit, row.benefit), ("penalty", penalty, row.penalty)]
        for (kind, lines, registry) in pairs where lines != registry {
            failures.append("account \(id): \(kind) lines \(lines) ≠ registry \(registry)")
        }
    }

    private func lineIndex(_ kind: ChargeKind) -> Int {
        switch kind {
        case .energy: 0
        case .recalculation: 1
        case .benefit: 2
        case .penalty: 3
        }
    }

    private func ledgerIndex(_ kind: LedgerKind) -> Int {
        switch kind {
        case .charge: 0
        case .recalculation: 1
        case .benefit: 2
        case .penalty: 3
        case .payment: 4
        }
    }
}
