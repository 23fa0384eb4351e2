/// The second half of the close: payments booked now, the cumulative penalty,
/// the ledger and the registry row, with the money identities asserted.
func finishClose(_ input: AccountCloseInput, period: Period, region: RegionRules, keyRates: KeyRates,
                 penaltyScale: PenaltyScale, lines: [ChargeLine], meterPeriods: [MeterPeriodResult],
                 method: String, volume: KilowattHours, charge: Kopecks, recalculation: Kopecks, benefit: Kopecks,
                 rejected: [RejectedReading], superseded: [Int64], duplicates: [Int64]) -> AccountCloseResult {
    precondition(benefit.value <= 0, "a benefit never raises the bill")
    let account = input.account
    let lastDay = period.lastDay
    let dueDate = region.dueDate(for: period, kind: account.kind)
    let balanceIn = input.previous.isFirstPeriod ? account.openingBalance : input.previous.totalDue
    let newPayments = input.basis.newPayments(through: lastDay)
    var paid = Kopecks.zero
    for p in newPayments { paid += p.amount }

    let current = Obligation(period: period, amount: charge + recalculation + benefit, arisesOn: lastDay, dueDate: dueDate)
    let allocation: Allocation
    let penaltyIn: Kopecks
    var carriedNumerator: Int128 = 0
    switch input.basis {
    case .carried(let carried, let payments):
        precondition(payments.allSatisfy { $0.paidOn > period.previous.lastDay },
                     "a carried settlement continues only with payments after the previous close")
        allocation = allocatePayments(obligations: [current], payments: payments, asOf: lastDay, carried: carried)
        penaltyIn = carried.penaltyOwed
        carriedNumerator = carried.settledNumerator
    case .replay(let history, let payments, let booked):
        allocation = replayAllocation(input.account, history: history, current: current, payments: payments,
                                      asOf: lastDay, period: period, region: region)
        // Where P−1's close left the penalty: its history and only the payments closes booked.
        penaltyIn = history.isEmpty ? .zero
            : replayAllocation(input.account, history: history, current: nil, payments: payments.filter { booked.contains($0.id) },
                               asOf: period.previous.lastDay, period: period, region: region).penaltyUnpaid
    }
    let numerators = penaltyNumerators(asOf: lastDay, allocation: allocation, scale: penaltyScale, keyRates: keyRates)
    let penaltyTotal = penaltyScale.kopecks(carriedNumerator + numerators.settled + numerators.unpaid)
    precondition(penaltyTotal.value >= 0, "a penalty is never negative")
    let penaltyIncrement = penaltyTotal - input.penaltyBooked
    var settlement = allocation.settlement(carried: carriedNumerator, settledNow: numerators.settled)
    settlement.bookPenalty(penaltyIncrement)

    var allLines = lines
    if penaltyIncrement.value != 0 {
        allLines.append(ChargeLine(kind: .penalty, amount: penaltyIncrement,
                                   ground: account.kind == .legal ? "Пени (ст. 37 ФЗ-35 «Об электроэнергетике»)"
                                                                  : "Пени (ч. 14 ст. 155 ЖК РФ)"))
    }
    let ledger = buildLedger(lines: allLines, payments: newPayments, period: period, charge: charge)
    let totalDue = balanceIn + charge + recalculation + benefit + penaltyIncrement - paid
    let row = RegistryRow(accountId: account.id, period: period, method: method, volumeKwh: volume, charge: charge,
                          recalculation: recalculation, benefit: benefit, penalty: penaltyIncrement, payments: paid,
                          balanceIn: balanceIn, totalDue: totalDue, dueDate: dueDate, penaltyTotal: penaltyTotal)
    var ledgerSum = Kopecks.zero
    for e in ledger { ledgerSum += e.amount }
    precondition(ledgerSum == totalDue - balanceIn, "the ledger of the close moves the balance exactly")
    precondition(row.totalDue == row.balanceIn + row.charge + row.recalculation + row.benefit + row.penalty - row.payments,
                 "registry identity")
    return AccountCloseResult(accountId: account.id, period: period, lines: allLines, meterPeriods: meterPeriods,
                              rejected: rejected, superseded: superseded, duplicates: duplicates, row: row,
                              ledger: ledger, bookedPaymentIds: newPayments.map { $0.id }, settlement: settlement,
                              penaltyIn: penaltyIn)
}

/// The allocation replayed from the account's whole history: opening balance,
/// every earlier period with its penalty line, this period (`current`; nil: the
/// state P−1's close left), the given payments.
func replayAllocation(_ account: Account, history: [PastPeriod], current: Obligation?, payments: [Payment],
                      asOf: CivilDate, period: Period, region: RegionRules) -> Allocation {
    var debts = historyDebts(account, history: history, firstPeriod: history.first?.period ?? period, region: region)
    if let current { debts.obligations.append(current) }
    return allocatePayments(obligations: debts.obligations, payments: payments, penaltyCharges: debts.penaltyCharges, asOf: asOf)
}

/// What an account owes by its closed history (RULES.md "Debtors"), the one builder the
/// close's replay and the debtors, notices and claims share: the opening balance, due
/// as the bill of the period before the first one, then each closed period's charge +
/// recalculation + benefit; and the penalty lines the closes booked.
public func historyDebts(_ account: Account, history: [PastPeriod], firstPeriod: Period, region: RegionRules)
    -> (obligations: [Obligation], penaltyCharges: [PenaltyCharge]) {
    var obligations: [Obligation] = []
    obligations.reserveCapacity(history.count + 2)
    if account.openingBalance.value != 0 {
        obligations.append(Obligation(period: nil, amount: account.openingBalance,
                                      arisesOn: firstPeriod.previous.lastDay,
                                      dueDate: region.dueDate(for: firstPeriod.previous, kind: account.kind)))
    }
    var penaltyCharges: [PenaltyCharge] = []
    for h in history {
        obligations.append(Obligation(period: h.period, amount: h.amount, arisesOn: h.period.lastDay, dueDate: h.dueDate))
        if h.penalty.value != 0 { penaltyCharges.append(PenaltyCharge(arisesOn: h.period.lastDay, amount: h.penalty)) }
    }
    return (obligations, penaltyCharges)
}

/// Ledger entries of the close in date order: payments (paid_on, id), then on
/// P's last day one charge entry, one entry per recalculation line, the benefit
/// and the penalty.
public func buildLedger(lines: [ChargeLine], payments: [Payment], period: Period, charge: Kopecks) -> [LedgerEntry] {
    let lastDay = period.lastDay
    var ledger: [LedgerEntry] = []
    ledger.reserveCapacity(payments.count + lines.count + 1)
    for p in payments {
        ledger.append(LedgerEntry(date: p.paidOn, kind: .payment, text: .payment, amount: -p.amount, paymentId: p.id))
    }
    if lines.contains(where: { $0.kind == .energy }) {
        ledger.append(LedgerEntry(date: lastDay, kind: .charge, text: .charge(period), amount: charge, refPeriod: period))
    }
    for l in lines where l.kind != .energy {
        let kind: LedgerKind
        switch l.kind {
        case .recalculation: kind = .recalculation
        case .benefit: kind = .benefit
        case .penalty: kind = .penalty
        case .energy: continue
        }
        ledger.append(LedgerEntry(date: lastDay, kind: kind, text: kind == .penalty ? .penalty(period) : .given(l.ground),
                                  amount: l.amount, refPeriod: l.refPeriod ?? period))
    }
    return ledger
}
