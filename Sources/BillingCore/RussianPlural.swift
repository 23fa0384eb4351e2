/// "1 платёж", "3 платежа", "5 платежей", "11 платежей": a count with its noun in the
/// form Russian agreement asks for, by the same rule the amounts in words use.
public func russianCount(_ n: Int64, _ one: String, _ few: String, _ many: String) -> String {
    "\(n) " + RussianNumerals.Noun(one: one, few: few, many: many).form(Int(n.magnitude % 100))
}
