/// An error that knows its exit code (SPEC: 1 failure, 65 input data error,
/// 75 locked) and says what happened in words an operator can act on.
public struct CommandError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Int32, Sendable { case failure = 1, dataError = 65, locked = 75 }
    public let kind: Kind
    public let message: String
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public var description: String { message }
}
