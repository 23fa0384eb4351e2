import BillingCore


// Reading back a value the engine itself stored: a date, period or timestamp that
// does not parse means the database was changed behind the engine's back or is
// damaged. That is the operator's to repair, so it is an error naming the table,
// the row and the column (exit 1), never a trap.

extension Statement {
    func storedDate(_ col: Int32, _ table: String, _ row: @autoclosure () -> String) throws -> CivilDate {
        guard let d = date(col) else { throw unreadableStoredValue(col, table, row()) }
        return d
    }

    func storedPeriod(_ col: Int32, _ table: String, _ row: @autoclosure () -> String) throws -> Period {
        guard let p = period(col) else { throw unreadableStoredValue(col, table, row()) }
        return p
    }

    func storedTimestamp(_ col: Int32, _ table: String, _ row: @autoclosure () -> String) throws -> LocalTimestamp {
        guard let t = timestamp(col) else { throw unreadableStoredValue(col, table, row()) }
        return t
    }

    /// A stored code of one of the engine's closed lists (line and ledger kinds).
    func storedCode<T: RawRepresentable>(_ col: Int32, _ table: String, _ row: @autoclosure () -> String) throws -> T
        where T.RawValue == String {
        guard let v = T(rawValue: text(col)) else { throw unreadableStoredValue(col, table, row()) }
        return v
    }

    private func unreadableStoredValue(_ col: Int32, _ table: String, _ row: String) -> BillingError {
        let value = isNull(col) ? "NULL" : "«" + text(col) + "»"
        return BillingError(.failed, "сохранённое значение не читается: таблица \(table), \(row), столбец \(columnName(col)) = \(value). "
            + "База данных повреждена или изменена в обход energobill — проверьте её командой 'energobill check' "
            + "и восстановите из резервной копии; ничего не записано")
    }
}
