import BillingCore
import BillingInput
import BillingStore

func importBankStatement(path: String, database: Database, options: ImportOptions) throws -> ImportReport {
    throw ImportError(cause: .input, file: path, message: "not yet")
}
