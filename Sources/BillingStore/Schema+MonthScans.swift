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
}
