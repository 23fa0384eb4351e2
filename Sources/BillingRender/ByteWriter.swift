import BillingCore

/// A growable byte buffer for every CSV and JSON file the engine writes outside the
/// documents: a public face over the same locale-free appenders the documents use
/// (ByteOutput.swift), so a number or an amount is formatted by one piece of code.
public struct ByteWriter: Sendable {
    public var bytes: [UInt8] = []
    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    @inline(__always) public mutating func append(_ s: String) { bytes.raw(s) }
    @inline(__always) public mutating func append(byte: UInt8) { bytes.append(byte) }
    public mutating func append(int v: Int64) { bytes.int(v) }
    /// "-1234.56" (Kopecks.rublesString).
    public mutating func append(money k: Kopecks) { bytes.rublesPlain(k) }
    /// A JSON string literal (the escaper of every JSON file).
    public mutating func appendJSONString(_ s: String) { appendJSONQuoted(s, to: &bytes) }
}
