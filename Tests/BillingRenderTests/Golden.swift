import Foundation

/// With DUMP_FIXTURE=1, writes a rendered fixture to /tmp for scripts/check-print.
func dumpFixture(_ name: String, _ bytes: [UInt8]) throws {
    guard ProcessInfo.processInfo.environment["DUMP_FIXTURE"] == "1" else { return }
    try Data(bytes).write(to: URL(fileURLWithPath: "/tmp/" + name))
}
