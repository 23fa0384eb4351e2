/// What a library operation could not do, in words an operator can act on, and of
/// which sort. The sort is the library's word; the exit code it becomes (SPEC: 65,
/// 1, 75) is the command line's (`exitCode(for:)` in energobill/main.swift).
public struct BillingError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Hashable {
        /// The input or the reference data is wrong or incomplete; nothing was stored.
        case badInput
        /// The work could not be done (stored data unreadable, a proof failed, a file not written).
        case failed
        /// Another process holds the database.
        case busy
    }
    public let kind: Kind
    public let message: String
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public var description: String { message }
}
