import BillingCore

/// What a dry run found, kept where an operator can read it after `--quiet` (a cron
/// job, a script): OUT/dry-run/<P>/close-summary.txt. It is no output of record —
/// not the period's folder, not hashed, not checked — and the next dry run replaces it.
func writeDryRunSummary(_ ws: Workspace, period: Period, regions: [String], tally: CloseTally) throws -> String {
    let files = OutputFiles(root: ws.outDir)
    try files.makeDirectory("dry-run", period.description)
    let path = files.path("dry-run", period.description, "close-summary.txt")
    var s = "Пробное закрытие \(period) (close --dry-run): в базе ничего не сохранено, документы не выписаны.\n"
    s += "Регионы: " + regions.map { "\($0) — \(russianCount(Int64(tally.byRegion[$0] ?? 0), "лицевой счёт", "лицевых счёта", "лицевых счетов"))" }.joined(separator: ", ") + "\n"
    s += "Всего: \(russianCount(Int64(tally.accounts), "лицевой счёт", "лицевых счёта", "лицевых счетов"))\n"
    s += "Способы расчёта: " + tally.byMethod.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
    s += "Отклонено показаний: \(tally.rejected)\n"
    let names = ["Начислено", "Перерасчёт", "Льготы", "Пени", "Оплачено"]
    for (name, (_, kopecks)) in zip(names, tally.totals.registry.named) { s += "\(name): \(Kopecks(kopecks).groupedRubles()) ₽\n" }
    s += "Проверка инвариантов: пройдена\n"
    try OutputFiles.write(s, to: path)
    return path
}
