extension Schema {
    /// v8. The close reads one month of readings and payments; these indexes make that
    /// read proportional to the month, not to the years stored. Both hold every column
    /// the close reads, so it makes no table lookups (for rows imported account by
    /// account those land on pages spread over the whole table).
    /// `readings_received` keeps its name and its lead column, so the import still
    /// probes it for rows repeating a stored one and still builds it once after a bulk
    /// load; the close sorts the window's rows by account. `payments_month` is keyed by
    /// the calendar month of paid_on (the ISO text's first 7 characters), then by
    /// account: a month's payments are contiguous and already in the close's order.
    static let v8 = """
    DROP INDEX readings_received;
    CREATE INDEX readings_received ON readings(received_at, account_id, meter_id, taken_on, source, t1, t2, t3, correction);
    CREATE INDEX payments_month ON payments(substr(paid_on, 1, 7), account_id, paid_on, payment_id, amount, period);
    """

    /// v10. `readings_received` holds received_at alone again. Covering, it was a second
    /// copy of every reading, and building it after a bulk load sorted all of that: the
    /// generated 2.5 M-row import of 1 M accounts took 10.2 s with it and 8.3–8.9 s
    /// without, in one run, and the database is about 75 bytes a reading smaller. The
    /// close still reads a window by a range of it, but takes the ids first and then the
    /// rows in id order (`Database.readingIds`), so the lookups walk the table forward
    /// instead of at random: its opening scans took 0.7–1.2 s longer, the whole close
    /// was no slower (26.5 and 25.8 s against 27.0 and 26.2 s).
    static let v10 = """
    DROP INDEX readings_received;
    CREATE INDEX readings_received ON readings(received_at);
    """
}

extension Database {
    /// A subquery of the ids of the readings meeting `condition` on received_at, for
    /// `id IN (…)`: SQLite collects the ids from a range of `readings_received` in an
    /// ordered set and reads the rows in that order. Existence probes that stop at the
    /// first row keep the plain range scan instead.
    static func readingIds(_ condition: String) -> String {
        "SELECT id FROM readings INDEXED BY readings_received WHERE " + condition
    }
}
