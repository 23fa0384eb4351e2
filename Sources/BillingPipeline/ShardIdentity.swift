/// Which shard of a close on several machines this process works on. Given as
/// `--shard K/N`, or by `--shard-from-env` from the scheduler: Slurm's
/// `SLURM_ARRAY_TASK_ID` or Kubernetes' `JOB_COMPLETION_INDEX`, with N from
/// `ENERGOBILL_SHARDS` (a re-run of one array task sees a task count of 1, so the
/// scheduler's own count cannot be trusted for N).
public struct ShardIdentity: Sendable, Equatable {
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index; self.count = count
    }

    /// "3/8" as given on the command line.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k, count: n)
    }

    public static let indexVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"]
    public static let countVariable = "ENERGOBILL_SHARDS"

    /// The shard the scheduler gave this task, or why there is none.
    public static func fromEnvironment(_ env: [String: String]) -> Result<ShardIdentity, ShardEnvironmentProblem> {
        guard let (name, value) = indexVariables.lazy.compactMap({ n in env[n].map { (n, $0) } }).first else {
            return .failure(.init(message: "--shard-from-env: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set (run it as a Slurm array task or a Kubernetes Indexed Job)"))
        }
        guard let countText = env[countVariable], let n = Int(countText), n >= 1 else {
            return .failure(.init(message: "--shard-from-env: set \(countVariable) to the number of shards (got '\(env[countVariable] ?? "")')"))
        }
        guard let k = Int(value), let id = ShardIdentity(index: k, count: n) else {
            return .failure(.init(message: "--shard-from-env: \(name)=\(value) is not a shard of 0…\(n - 1)"))
        }
        return .success(id)
    }

    /// A path pattern with `{shard}` replaced by the index: one job script serves every task.
    public func substitute(_ pattern: String) -> String {
        pattern.replacingOccurrences(of: "{shard}", with: String(index))
    }

    public var label: String { "shard \(index)/\(count)" }
}

public struct ShardEnvironmentProblem: Error, Sendable { public let message: String }
