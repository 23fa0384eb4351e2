/// "1 платёж", "3 платежа", "5 платежей", "11 платежей": the Russian plural form
/// chosen by the last two digits, for counts in messages and reports.
public func russianCount(_ n: Int64, _ one: String, _ few: String, _ many: String) -> String {
    let tens = abs(n) % 100, units = abs(n) % 10
    let word = (11...14).contains(tens) ? many : units == 1 ? one : (2...4).contains(units) ? few : many
    return "\(n) \(word)"
}
