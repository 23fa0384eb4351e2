import Foundation
import Testing

/// Every command example of README.md runs, in the README's order, on the bundled
/// sample data: the lines are read from the README itself, so an example that
/// stops working (or a README that drifts from the binary) fails here.
@Suite struct ReadmeExamplesTests {
    /// The example commands of README.md's ```sh blocks: lines that start with `$B `,
    /// `energobill `, `for ` or `while ` (the loops the README shows), with `\`
    /// continuations joined. Scripts (`scripts/…`) and shell tools (`ls`, `xmllint`) are
    /// not the binary's examples.
    static func exampleCommands(_ readme: String) -> [String] {
        var commands: [String] = []
        var inBlock = false
        var pending = ""
        for raw in lines(readme) {
            if raw.hasPrefix("```") { inBlock = raw == "```sh" ? !inBlock : false; continue }
            guard inBlock else { continue }
            if !pending.isEmpty {
                pending += " " + raw.trimmingCharacters(in: .whitespaces)
            } else {
                let t = raw.trimmingCharacters(in: .whitespaces)
                guard ["$B ", "energobill ", "for ", "while "].contains(where: t.hasPrefix) else { continue }
                pending = t
            }
            if pending.hasSuffix("\\") { pending.removeLast(); continue }
            commands.append(pending)
            pending = ""
        }
        return commands
    }

    @Test func everyReadmeExampleRunsOnTheSampleData() throws {
        let readme = try String(contentsOfFile: Harness.packageRoot + "/README.md", encoding: .utf8)
        let commands = Self.exampleCommands(readme)
        #expect(commands.count >= 40, "README examples found: \(commands.count)")
        let s = try Sandbox("readme")
        let root = Harness.packageRoot
        for folder in ["sample-data", "tariffs"] {
            let r = try s.runProgram("/bin/cp", ["-R", root + "/" + folder, s.path(folder)])
            #expect(r.status == 0, "\(r.stderr)")
        }
        // The analyst's what-if tariffs: a copy of tariffs/ with one price changed, as the README says.
        _ = try s.runProgram("/bin/cp", ["-R", root + "/tariffs", s.path("new-tariffs")])
        let che = try s.read("new-tariffs/CHE.json")
        try s.write("new-tariffs/CHE.json", che.replacingOccurrences(of: "\"5.38\"", with: "\"5.50\""))
        // `energobill` on PATH and $B are both the built binary.
        try FileManager.default.createDirectory(atPath: s.path("bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: s.path("bin/energobill"), withDestinationPath: Harness.binary)
        let path = s.path("bin") + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for command in commands {
            // A shard's lines run on every machine: here once per task K, as Slurm would.
            let tasks: [String?] = command.contains("--shard-from-env") ? ["0", "1", "2", "3"] : [nil]
            for task in tasks {
                var env = ["B": Harness.binary, "PATH": path, "ENERGOBILL_SHARDS": "4"]
                if let task { env["SLURM_ARRAY_TASK_ID"] = task }
                let r = try s.runProgram("/bin/bash", ["-e", "-o", "pipefail", "-c", command], environment: env)
                #expect(r.status == 0, "README example exited \(r.status)\(task.map { " (task \($0))" } ?? ""): \(command)\n\(r.stderr)")
                if r.status != 0 { return }
            }
        }
        // What the examples claim they produce is there.
        #expect(s.exists("out/dry-run/2026-10/close-summary.txt"))
        #expect(s.exists("merged/2025-10/registry.csv"))
        #expect(s.exists("generated/accounts.csv"))
    }

    /// The README's prose promises and the help agree (the examples test above runs the lines).
    @Test func readmeNamesWhatHelpSays() throws {
        let readme = try String(contentsOfFile: Harness.packageRoot + "/README.md", encoding: .utf8)
        let s = try Sandbox("readme-help")
        let help = try s.ok(["close", "--help"]).stdout
        #expect(help.contains("--documents html,json,eml,sms|none"))
        #expect(readme.contains("`--documents html,json,eml,sms|none`"))
        #expect(!readme.contains("--documents html|json"))
    }
}
