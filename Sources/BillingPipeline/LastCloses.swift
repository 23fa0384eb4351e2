import BillingCore
import BillingStore

/// The last closed period of every region, read once. Debtors, notices, claims and
/// acts dated past it say so (SPEC): the charges after it are not billed yet. One
/// reading and one sentence for all of them, so the warnings cannot drift apart.
struct LastCloses {
    private(set) var byRegion: [String: Period] = [:]

    /// `through`: only closes up to that period (an act ending in it).
    init(_ db: Database, through: Period? = nil) throws {
        byRegion = try db.lastClosedPeriods(through: through)
    }

    /// The region's last closed period when `date` lies past it; nil when it does not.
    func behind(_ region: String, date: CivilDate) -> Period? {
        guard let p = byRegion[region], p.lastDay < date else { return nil }
        return p
    }

    /// The operator's warning for `what` dated `date`, naming every region it lies past
    /// (all regions ever closed, or just `regions`, where one never closed is named too);
    /// nil when none.
    func warning(_ what: String, date: CivilDate, regions: [String]? = nil, consequence: String = "") -> String? {
        var behindText: [String] = []
        for code in regions ?? byRegion.keys.sorted() {
            if let p = byRegion[code] {
                if p.lastDay < date { behindText.append("\(code) (\(p))") }
            } else if regions != nil {
                behindText.append("\(code) (закрытых периодов нет)")
            }
        }
        guard !behindText.isEmpty else { return nil }
        return "внимание: \(what) на \(date.russian) позже последнего закрытого периода: " + behindText.joined(separator: ", ")
            + "; начисления после него ещё не выставлены" + consequence
    }
}
