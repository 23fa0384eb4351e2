extension Schema {
    /// v8. The close reads one month of readings and payments; these indexes make that
    /// read proportional to the month, not to the years stored. Each is keyed by the
    /// calendar month of its date (the first 7 characters of the ISO text), then by
    /// account, so a month's rows are contiguous and already in the order the close
    /// merges them by, and holds every column the close reads (no table lookups, which
    /// for rows imported account by account land on pages spread over the whole table).
    /// `readings_received` stays: the import probes it for rows repeating a stored one.
    static let v8 = """
    CREATE INDEX readings_month ON readings(substr(received_at, 1, 7), account_id, id, received_at, meter_id,
                                            taken_on, source, t1, t2, t3, correction);
    CREATE INDEX payments_month ON payments(substr(paid_on, 1, 7), account_id, paid_on, payment_id, amount, period);
    """
}
