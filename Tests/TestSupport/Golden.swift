import Foundation
import Testing

/// Compares bytes with Golden/<name> beside the calling test file, byte for byte.
/// With UPDATE_GOLDEN=1 in the environment it writes the file instead (and the
/// test still passes), so goldens change only on purpose.
public func expectGolden(_ name: String, _ bytes: [UInt8], testFile: String = #filePath,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: testFile).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return
    }
    guard let expected = FileManager.default.contents(atPath: url.path) else {
        Issue.record("missing golden \(name); run with UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
        return
    }
    if [UInt8](expected) != bytes {
        let firstDiff = zip(expected, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expected.count, bytes.count)
        let message = "golden \(name) differs at byte \(firstDiff) (expected \(expected.count) bytes, got \(bytes.count)); rerun with UPDATE_GOLDEN=1 if the change is intended"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
