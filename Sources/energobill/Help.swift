/// Help text generated from the command table, so `--help`, `help COMMAND` and
/// `COMMAND --help` always agree with what the parser accepts.
func topHelp() -> String {
    var s = """
    energobill — batch billing and settlement for electricity suppliers

    USAGE: energobill [--db PATH] [--out DIR] [--quiet] COMMAND [OPTIONS]
           energobill --version        the version and the database schema version

    COMMANDS:

    """
    let width = commands.map(\.name.count).max() ?? 10
    for c in commands {
        s += "  " + c.name + String(repeating: " ", count: width - c.name.count + 2) + c.summary + "\n"
    }
    s += "\nGLOBAL OPTIONS (before or after the command):\n"
    s += optionLines(globalOptions)
    s += """

    EXIT CODES: 0 done, 1 failure, 64 usage error, 65 input data error, 75 database locked by another process.

    See 'energobill help COMMAND' or 'energobill COMMAND --help' for a command's options.

    """
    return s
}

func commandHelp(_ c: CommandSpec) -> String {
    var s = "energobill \(c.name) — \(c.summary)\n\nUSAGE: \(usageLine(c))\n"
    if !c.options.isEmpty { s += "\nOPTIONS:\n" + optionLines(c.options) }
    s += "\nGLOBAL OPTIONS:\n" + optionLines(globalOptions)
    if !c.details.isEmpty { s += "\n" + c.details + "\n" }
    return s
}

func usageLine(_ c: CommandSpec) -> String {
    var s = "energobill \(c.name)"
    if !c.usage.isEmpty { s += " " + c.usage }
    let extra = c.options.filter { !c.usage.contains($0.name) }
    for o in extra { s += " [\(o.name)\(o.value.map { " " + $0 } ?? "")]" }
    return s
}

func optionLines(_ options: [OptionSpec]) -> String {
    let labels = options.map { $0.name + ($0.value.map { " " + $0 } ?? "") }
    let width = labels.map(\.count).max() ?? 10
    var s = ""
    for (label, o) in zip(labels, options) {
        s += "  " + label + String(repeating: " ", count: width - label.count + 2) + o.help + "\n"
    }
    return s
}

/// The kinds of a two-word command ("import", "payments"), one line each, so
/// `help import` shows every import instead of the first one.
func groupHelp(_ group: String) -> String {
    let members = commands.filter { $0.name.hasPrefix(group + " ") }
    let width = members.map(\.name.count).max() ?? 10
    var s = "energobill \(group) KIND — \(members.count) kinds\n\nKINDS:\n"
    for c in members {
        s += "  " + c.name + String(repeating: " ", count: width - c.name.count + 2) + c.summary + "\n"
    }
    s += "\nSee 'energobill help \(group) KIND' for a kind's options"
    s += group == "import" ? ", its columns and allowed values; all import rules: docs/IMPORT.md.\n" : ".\n"
    return s
}
