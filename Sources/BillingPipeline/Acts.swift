import BillingCore
import BillingRender
import BillingStore

/// Which acts to write: one account, one legal entity (all its accounts by INN),
/// or every account with activity in the range.
public enum ActScope: Sendable {
    case account(String)
    case inn(String)
    case all
}

/// Reconciliation acts straight from the ledger: the opening balance is the
/// account's opening balance plus every entry dated before `from`; the rows are
/// the entries dated in the range, in date order (charges before payments on the
/// same day). So an act always agrees with the ledger to the kopeck.
public func runActs(_ ws: Workspace, scope: ActScope, from: CivilDate, to: CivilDate, email: Bool = false) throws {
    guard from <= to else { throw BillingError(.badInput, "--from \(from) is after --to \(to)") }
    let db = ws.database
    let rules = try loadStoredRules(db)
    let files = OutputFiles(root: ws.outDir)
    try files.makeDirectory("acts")
    var written = 0, mailed = 0
    // Acts show the holder and requisites as they stood at the close of the last
    // period they cover; a range past the last closed period says so (SPEC).
    let closes = try LastCloses(db, through: to.period)
    let lastClosed = closes.byRegion
    var asClosed: [Period: AsClosed] = [:]
    var warned: Set<String> = []
    func emit(_ current: [Account], _ opening: Kopecks, _ rows: [ActRow], name: String) throws {
        let code = current[0].region
        var accounts = current, regionRules = rules.regions[code]
        if let p = lastClosed[code] {
            if asClosed[p] == nil { asClosed[p] = try AsClosed(db, rules: rules, period: p) }
            if let view = asClosed[p] {
                accounts = current.map(view.account)
                regionRules = view.rules.regions[code]
            }
        }
        guard let region = regionRules else {
            throw BillingError(.failed, "л/с \(current[0].id): для региона \(code) не загружены тарифы")
        }
        var billedThrough: CivilDate? = nil
        if to > (lastClosed[code]?.lastDay ?? from.adding(days: -1)) {
            billedThrough = lastClosed[code]?.lastDay ?? from.adding(days: -1)
            if warned.insert(code).inserted,
               let w = closes.warning("акт", date: to, regions: [code], consequence: " и в акт не вошли") {
                ws.console.err(w)
            }
        }
        let vat = accounts.contains { $0.kind == .legal } ? try vatOfCharges(db, accounts: accounts, from: from, to: to) : nil
        let act = ActData(number: "\(name)/\(compact(from))-\(compact(to))", date: to, from: from, to: to,
                          supplier: region.supplier, accounts: accounts, opening: opening, rows: rows, vat: vat,
                          billedThrough: billedThrough)
        let base = "\(name)_\(from.iso)_\(to.iso)"
        let html = renderActHTML(act)
        try OutputFiles.write(html, to: files.path("acts", base + ".html"))
        // `--email`: the act attached to a message for an account with an e-mail (seed 003).
        if email, let mail = actMail(act, name: base, html: Array(html.utf8), utcOffsetMinutes: region.utcOffsetMinutes) {
            try OutputFiles.write(mail.bytes(), to: files.path("acts", base + ".eml"))
            mailed += 1
        }
        try OutputFiles.write(renderActCSV(act), to: files.path("acts", base + ".csv"))
        written += 1
        ws.console.progress("acts: \(written)")
    }
    switch scope {
    case .account(let id):
        guard let account = try db.account(id: id) else { throw BillingError(.badInput, "неизвестный лицевой счёт \(id)") }
        let (opening, rows) = try ActLoader(database: db, from: from, to: to, only: id).entries(for: account)
        try emit([account], opening, rows, name: account.id)
    case .inn(let inn):
        let accounts = try db.accounts(inn: inn)
        guard !accounts.isEmpty else { throw BillingError(.badInput, "нет лицевых счетов с ИНН \(inn)") }
        guard OutputFiles.isSafePart(inn), inn.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw BillingError(.badInput, "ИНН состоит из цифр, а указано \(inn)")
        }
        var opening = Kopecks.zero, rows: [ActRow] = []
        for a in accounts {
            let (o, r) = try ActLoader(database: db, from: from, to: to, only: a.id).entries(for: a)
            opening += o; rows += r
        }
        rows.sort { ($0.date, actKindOrder($0.kind), $0.accountId) < ($1.date, actKindOrder($1.kind), $1.accountId) }
        try emit(accounts, opening, rows, name: inn)
    case .all:
        let loader = try ActLoader(database: db, from: from, to: to, only: nil)
        let all = try db.allAccounts()
        while let account = try all.next() {
            let (opening, rows) = try loader.entries(for: account)
            if rows.isEmpty && opening == .zero { continue }
            try emit([account], opening, rows, name: account.id)
        }
    }
    ws.console.summary("wrote \(written) act\(written == 1 ? "" : "s") to \(files.path("acts"))/"
                       + (email ? ", \(mailed) e-mail\(mailed == 1 ? "" : "s")" : ""))
    if email && mailed < written {
        ws.console.err("note: \(written - mailed) act\(written - mailed == 1 ? "" : "s") without an e-mail: the account has no plain e-mail address or the region's supplier has no \"email\"")
    }
}

/// Charges before payments on the same day.
func actKindOrder(_ kind: LedgerKind) -> Int {
    switch kind {
    case .charge: 0
    case .recalculation: 1
    case .benefit: 2
    case .penalty: 3
    case .payment: 4
    }
}

private func compact(_ d: CivilDate) -> String { d.iso.split(separator: "-").joined() }

/// Streams ledger entries by account for one date range. The ledger is keyed by
/// period first, so every closed period is one range scan (one seek per period
/// for a single account) and an account's entries are merged across them.
final class ActLoader {
    private let before: PeriodMergeCursor<Kopecks>
    private let inRange: PeriodMergeCursor<ActRow>

    /// `only` restricts the scans to one account (a primary-key seek per period).
    init(database db: Database, from: CivilDate, to: CivilDate, only: String?) throws {
        let periods = try closedPeriods(db)
        before = try db.ledgerSums(before: from, periods: periods, account: only)
        inRange = try db.ledgerEntries(from: from, to: to, periods: periods, account: only) { e in
            ActRow(date: e.date, kind: e.kind, document: e.document, accountId: e.accountId, amount: e.amount)
        }
    }

    /// Opening balance and rows of one account in date order (charges before
    /// payments on the same day); accounts must be asked in id order.
    func entries(for account: Account) throws -> (Kopecks, [ActRow]) {
        let opening = try before.rows(for: account.id).reduce(account.openingBalance, +)
        let rows = try inRange.rows(for: account.id).enumerated().sorted {
            ($0.element.date, actKindOrder($0.element.kind), $0.offset) < ($1.element.date, actKindOrder($1.element.kind), $1.offset)
        }.map(\.element)
        return (opening, rows)
    }
}

/// The VAT within the charges and recalculations an act lists: the lines of every period
/// whose last day (the date of its ledger entries) falls in the range.
func vatOfCharges(_ db: Database, accounts: [Account], from: CivilDate, to: CivilDate) throws -> Kopecks {
    guard let first = Period(year: from.year, month: from.month), var last = Period(year: to.year, month: to.month) else {
        return .zero
    }
    if to < last.lastDay { last = last.previous }
    guard first <= last else { return .zero }
    return try db.vatOfLines(accounts: accounts.map(\.id), from: first, through: last)
}
