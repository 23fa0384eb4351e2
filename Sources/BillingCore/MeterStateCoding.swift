/// The one-line text form of `MeterState`, kept by the store in one TEXT column.
///
/// Format (version 1), fields separated by `|`, always seven:
///
///     v1|<lastActualPeriod YYYY-MM or ->|<lastActualTakenOn YYYY-MM-DD>|<registers a/b/c>
///       |h:<zone volumes a/b>;<a/b>...|s:<estimated>;<estimated>...|f:<failedStreak>
///
/// an estimated period is `YYYY-MM,method,v1/v2,billedKopecks,benefitKopecks,days,failed(0|1)`.
/// Example: `v1|2026-07|2026-07-24|1234/567|h:120/80;130/75|s:2026-08,average,125/78,55012,0,31,0|f:0`.
/// Integers are plain decimal (minus sign for negatives); history and streak are
/// oldest first; empty lists are `h:` and `s:`. Encoding is deterministic and
/// decoding accepts exactly what encoding produces (anything else → nil).
extension MeterState {
    public var encoded: String {
        var s = "v1|"
        s += lastActualPeriod?.description ?? "-"
        s += "|" + lastActualTakenOn.iso + "|" + joinInts(lastActual.values)
        s += "|h:" + history.map(joinInts).joined(separator: ";")
        s += "|s:" + streak.map { e in
            e.period.description + "," + e.method.rawValue + "," + joinInts(e.volumes) + ","
                + String(e.billed.value) + "," + String(e.benefit.value) + "," + String(e.days) + ","
                + (e.failed ? "1" : "0")
        }.joined(separator: ";")
        s += "|f:" + String(failedStreak)
        return s
    }

    public init?(encoded text: String) {
        let f = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 7, f[0] == "v1", f[4].hasPrefix("h:"), f[5].hasPrefix("s:"), f[6].hasPrefix("f:"),
              let taken = CivilDate(f[2]), taken.iso == f[2],
              let regs = parseInts(f[3]), !regs.isEmpty,
              let failed = Int(f[6].dropFirst(2)), failed >= 0 else { return nil }
        var period: Period? = nil
        if f[1] != "-" {
            guard let p = Period(f[1]) else { return nil }
            period = p
        }
        var history: [[Int64]] = []
        let h = f[4].dropFirst(2)
        if !h.isEmpty {
            for part in h.split(separator: ";", omittingEmptySubsequences: false) {
                guard let v = parseInts(String(part)), !v.isEmpty else { return nil }
                history.append(v)
            }
        }
        var streak: [EstimatedPeriod] = []
        let s = f[5].dropFirst(2)
        if !s.isEmpty {
            for part in s.split(separator: ";", omittingEmptySubsequences: false) {
                let g = part.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard g.count == 7, let p = Period(g[0]), let m = VolumeMethod(rawValue: g[1]),
                      let v = parseInts(g[2]), let billed = Int64(g[3]), let benefit = Int64(g[4]),
                      let days = Int(g[5]), g[6] == "0" || g[6] == "1" else { return nil }
                streak.append(EstimatedPeriod(period: p, method: m, volumes: v, billed: Kopecks(billed),
                                              benefit: Kopecks(benefit), days: days, failed: g[6] == "1"))
            }
        }
        self.init(lastActualPeriod: period, lastActualTakenOn: taken, lastActual: Registers(regs),
                  history: history, streak: streak, failedStreak: failed)
    }
}

func joinInts(_ v: [Int64]) -> String { v.map { String($0) }.joined(separator: "/") }

func parseInts(_ text: String) -> [Int64]? {
    if text.isEmpty { return [] }
    var out: [Int64] = []
    for part in text.split(separator: "/", omittingEmptySubsequences: false) {
        guard let v = Int64(part) else { return nil }
        out.append(v)
    }
    return out
}
