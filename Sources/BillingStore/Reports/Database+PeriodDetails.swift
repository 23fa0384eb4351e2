import BillingCore

/// Reading `account_periods.detail` (schema v9): every reader of lines, meter periods
/// or ledger entries decodes it through these, so a damaged value is one error, worded once.
extension Statement {
    /// The detail in column `col` of the current row (account id in column 0).
    func periodDetail(_ col: Int32, period: String) throws -> AccountPeriodDetail {
        guard let d = AccountPeriodDetail(bytes: blobBytes(col)) else { throw unreadableDetail(period: period) }
        return d
    }

    func periodDetailMeters(_ col: Int32, period: String) throws -> [StoredMeterPeriod] {
        guard let m = AccountPeriodDetail.meters(bytes: blobBytes(col)) else { throw unreadableDetail(period: period) }
        return m
    }

    func periodDetailSums(_ col: Int32, period: String) throws -> DetailSums {
        guard let t = AccountPeriodDetail.sums(bytes: blobBytes(col)) else { throw unreadableDetail(period: period) }
        return t
    }

    func unreadableDetail(period: String) -> BillingError {
        BillingError(.failed, "сохранённые строки документа, счётчики и проводки не читаются: таблица account_periods, "
            + "л/с \(text(0)), период \(period), столбец detail. База данных повреждена или изменена в обход energobill — "
            + "проверьте её командой 'energobill check' и восстановите из резервной копии; ничего не записано")
    }
}
