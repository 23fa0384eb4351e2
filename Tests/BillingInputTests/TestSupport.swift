import Foundation
@testable import BillingInput

/// A fresh temporary directory per test.
func tempDir() -> String {
    let dir = NSTemporaryDirectory() + "eb-input-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
}

func writeFile(_ path: String, _ text: String) { writeFile(path, Array(text.utf8)) }

/// All records of a CSV file as (line, fields).
func readAll(_ path: String, encoding: TextEncoding = .utf8) throws -> (CSVReader, [(Int, [String])]) {
    let r = try CSVReader(path: path, encoding: encoding)
    var rows: [(Int, [String])] = []
    while try r.next() { rows.append((r.line, (0..<r.fieldCount).map { Bytes.string(r.field($0)) })) }
    return (r, rows)
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

func withBytes<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    var a = Array(s.utf8)
    return a.withUnsafeMutableBufferPointer { body(UnsafeBufferPointer($0)) }
}
