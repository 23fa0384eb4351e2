extension Schema {
    /// v5. Legal entities' VAT and invoices: the VAT rates of `tariffs/vat.csv`; per
    /// document line its net amount, rate and VAT (NULL on lines that carry no VAT:
    /// households, benefits, penalties); and the invoice (УПД) numbers a close gives,
    /// gap-free per supplier and year, so every later re-run prints the same numbers.
    static let v5 = """
    CREATE TABLE vat_rates(
        from_date TEXT PRIMARY KEY,
        percent_centi INTEGER NOT NULL CHECK (percent_centi >= 0 AND percent_centi <= 10000)
    ) STRICT;
    ALTER TABLE lines ADD COLUMN net INTEGER;
    ALTER TABLE lines ADD COLUMN vat_rate INTEGER;
    ALTER TABLE lines ADD COLUMN vat INTEGER;
    CREATE TABLE invoices(
        supplier_inn TEXT NOT NULL,
        year INTEGER NOT NULL,
        number INTEGER NOT NULL CHECK (number >= 1),
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        period TEXT NOT NULL,
        PRIMARY KEY (supplier_inn, year, number),
        UNIQUE (period, account_id)
    ) STRICT;
    """
}
