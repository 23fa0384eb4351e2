import BillingCore
import BillingRender
import BillingStore

/// What `remind --period P` wrote.
public struct RemindReport: Sendable {
    public var period: Period
    public var reminders = 0
    public var alreadySubmitted = 0
    public var badPhones = 0
    public var closedRegions: [String] = []
    public var path = ""
}

/// `remind --period P` (SPEC "Debt work and delivery"): OUT/<P>/sms/reminders.csv, one SMS
/// per account that consents (sms = 1) and has a phone, a meter in service in P and no
/// reading yet for P — none received after the previous period's deadline. The text
/// names P's reading window and the channels. Regions already closed for P are skipped.
public func runRemind(_ ws: Workspace, period: Period) throws -> RemindReport {
    let db = ws.database
    let rules = try loadStoredRules(db)
    var report = RemindReport(period: period)
    // Per region: the window of P and the readings that already count for it.
    var windows: [String: ReadingWindow] = [:]
    var submitted: [String: Set<String>] = [:]
    for (code, region) in rules.regions.sorted(by: { $0.key < $1.key }) {
        if try db.isClosed(region: code, period: period) {
            report.closedRegions.append(code)
            continue
        }
        guard let window: ReadingWindow = region.readingWindows.inForce(on: period.firstDay) else {
            throw BillingError(.badInput, "регион \(code): нет окна приёма показаний (reading_window) на период \(period); добавьте его и импортируйте тарифы")
        }
        windows[code] = window
        let after = region.readingWindows.inForce(on: period.previous.firstDay) as ReadingWindow? != nil
            ? region.deadline(for: period.previous) : LocalTimestamp.endOf(period.previous.lastDay)
        submitted[code] = try db.accountsWithReadings(region: code, receivedAfter: after, by: region.deadline(for: period))
    }
    let metered = try db.accountsWithMeters(from: period.firstDay, through: period.lastDay)
    var out = ByteWriter(capacity: 1 << 14)
    out.append(SMSOutboxCSV.header)
    let recipients = try db.smsAccounts()
    while let a = try recipients.next() {
        guard let window = windows[a.region], let region = rules.regions[a.region], metered.contains(a.id),
              a.closedOn.map({ $0 >= period.firstDay }) ?? true, a.openedOn.map({ $0 <= period.lastDay }) ?? true else { continue }
        if submitted[a.region]?.contains(a.id) == true { report.alreadySubmitted += 1; continue }
        guard let phone = smsPhone(a.phone) else { report.badPhones += 1; continue }
        let text = reminderSMS(account: a, period: period, firstDay: window.firstDay, lastDay: window.lastDay,
                               supplierPhone: region.supplier.phone)
        SMSOutboxCSV.append(.init(account: a.id, phone: phone, text: text), to: &out)
        report.reminders += 1
    }
    let files = OutputFiles(root: ws.outDir)
    try files.makeDirectory(period.description, "sms")
    report.path = files.path(period.description, "sms", "reminders.csv")
    try OutputFiles.write(out.bytes, to: report.path)
    return report
}
