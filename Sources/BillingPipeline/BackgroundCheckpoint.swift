import Foundation
import BillingStore

/// Copies a large commit from the WAL into the database file on a connection and
/// thread of its own while the close writes its outputs, instead of inside COMMIT
/// (SQLite's automatic checkpoint would run there, on the critical path, and then
/// again when the last connection closes). Waited for before the command returns,
/// so the WAL is folded back by the time the close reports success.
final class BackgroundCheckpoint: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var failure: Error?

    init(dbPath: String) {
        Thread.detachNewThread { [self] in
            do {
                try Database(path: dbPath).checkpointWALPassive()
            } catch {
                failure = error
            }
            done.signal()
        }
    }

    /// Waits for the checkpoint; a failure is not an error of the close (the data is
    /// committed and the next checkpoint folds the WAL back), so it is only reported.
    func wait() -> Error? {
        done.wait()
        return failure
    }
}
