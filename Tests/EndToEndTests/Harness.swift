import Foundation
import Testing

/// What one run of the built binary did.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Where the package and the built binary are. The binary is the one `swift build`
/// made (or $ENERGOBILL_BIN): end-to-end tests exercise exactly what users run.
enum Harness {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }   // Tests/EndToEndTests/Harness.swift → root
        return url.path
    }()

    static var binary: String {
        if let b = ProcessInfo.processInfo.environment["ENERGOBILL_BIN"], !b.isEmpty { return b }
        return packageRoot + "/.build/debug/energobill"
    }
}

/// A throwaway folder with its own database (db.sqlite) and output folder (out/),
/// removed when the test ends. Paths given to helpers are relative to it.
final class Sandbox {
    let dir: String
    var db: String { dir + "/db.sqlite" }
    var out: String { dir + "/out" }

    init(_ name: String = "e2e") throws {
        var template = Array((NSTemporaryDirectory() + "/energobill-\(name)-XXXXXX").utf8CString)
        guard let p = mkdtemp(&template) else { throw SandboxError("cannot create a temp dir") }
        dir = String(cString: p)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func path(_ rel: String) -> String { rel.hasPrefix("/") ? rel : dir + "/" + rel }

    /// Writes a text file (UTF-8), creating its folders.
    func write(_ rel: String, _ text: String) throws {
        let p = path(rel)
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
    }

    func read(_ rel: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path(rel))), as: UTF8.self)
    }

    func bytes(_ rel: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path(rel))) }

    /// The newest OUT/rejects/<base>-<run>-rejects.csv (highest run number).
    func rejectsFile(_ base: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: path("out/rejects"))
            .filter { $0.hasPrefix(base + "-") && $0.hasSuffix("-rejects.csv") }
        let run = { (n: String) in Int(n.dropFirst(base.count + 1).dropLast("-rejects.csv".count)) ?? -1 }
        guard let newest = names.max(by: { run($0) < run($1) }) else { throw SandboxError("no rejects file for \(base)") }
        return "out/rejects/" + newest
    }

    func exists(_ rel: String) -> Bool { FileManager.default.fileExists(atPath: path(rel)) }

    /// Runs the binary with --db and --out of this sandbox, the sandbox as the
    /// working folder, stdout and stderr captured through files (no pipe deadlock).
    @discardableResult
    func run(_ args: [String], environment: [String: String] = [:]) throws -> RunResult {
        try runProgram(Harness.binary, ["--db", db, "--out", out] + args, environment: environment)
    }

    /// Runs the binary and requires exit 0, showing stderr otherwise.
    @discardableResult
    func ok(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let r = try run(args)
        #expect(r.status == 0, "energobill \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        return r
    }

    /// Runs any program in the sandbox.
    func runProgram(_ program: String, _ args: [String], environment: [String: String] = [:]) throws -> RunResult {
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw SandboxError("\(program) is not there: run `swift build` first (or set ENERGOBILL_BIN)")
        }
        let outPath = dir + "/.stdout", errPath = dir + "/.stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ENERGOBILL_DB")
        for (k, v) in environment { env[k] = v }
        p.environment = env
        p.standardOutput = outHandle
        p.standardError = errHandle
        try p.run()
        p.waitUntilExit()
        try outHandle.close(); try errHandle.close()
        return RunResult(status: p.terminationStatus, stdout: try read(outPath), stderr: try read(errPath))
    }

    /// A program on PATH (e.g. sqlite3), or nil.
    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = String(dir) + "/" + name
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

struct SandboxError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Lines of a text, without the trailing empty one.
func lines(_ s: String) -> [String] {
    var l = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if l.last == "" { l.removeLast() }
    return l
}
