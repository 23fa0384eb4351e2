import BillingCore
import BillingStore

public func exportBankDebts(_ ws: Workspace, bank: String, asOf: CivilDate) throws -> [String] {
    throw CommandError(.failure, "not yet")
}
