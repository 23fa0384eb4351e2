import CSQLite

/// Raised when the file was written by a newer energobill than this one.
public struct SchemaTooNewError: Error, CustomStringConvertible, Sendable {
    public let found: Int
    public let supported: Int
    public let path: String
    public var description: String {
        "\(path) has schema version \(found), written by a newer energobill; this build supports up to \(supported). Upgrade energobill or use another --db."
    }
}

extension Database {
    public static var schemaVersion: Int { Schema.migrations.count }

    public var userVersion: Int {
        get throws { Int(try scalarInt("PRAGMA user_version") ?? 0) }
    }

    /// Applies the missing migrations in one transaction each; refuses newer files.
    @discardableResult
    public func migrate() throws -> Int {
        let current = try userVersion
        if current > Schema.migrations.count {
            throw SchemaTooNewError(found: current, supported: Schema.migrations.count, path: path)
        }
        for version in current..<Schema.migrations.count {
            try transaction {
                try execute(Schema.migrations[version])
                if let code = Schema.migrationCode[version + 1] { try code(self) }
                try execute("PRAGMA user_version = \(version + 1)")
            }
        }
        return Schema.migrations.count
    }
}
