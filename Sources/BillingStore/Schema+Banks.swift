extension Schema {
    /// v6. Money from banks: registry templates, the registries and statements that
    /// came in, the commission beside each payment, and payments that name no known
    /// account (held until assigned; `payments` keeps its NOT NULL account).
    static let v6 = """
    CREATE TABLE bank_templates(
        name TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        source_json TEXT NOT NULL,
        sha256 TEXT NOT NULL
    ) STRICT;
    CREATE TABLE bank_registries(
        id INTEGER PRIMARY KEY,
        bank TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        registry_date TEXT NOT NULL,
        order_no TEXT NOT NULL,
        order_date TEXT,
        rows INTEGER NOT NULL,
        operation_sum INTEGER NOT NULL,
        transferred_sum INTEGER NOT NULL,
        commission INTEGER NOT NULL,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        -- The bank's transfer for this registry as found in a statement (NULL: not yet).
        transfer_document TEXT,
        transfer_amount INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX bank_registries_order ON bank_registries(bank, order_no, order_date) WHERE order_no <> '';
    CREATE TABLE bank_statements(
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        date_from TEXT,
        date_to TEXT,
        documents INTEGER NOT NULL,
        received INTEGER NOT NULL,
        import_id INTEGER NOT NULL REFERENCES imports(id)
    ) STRICT;
    ALTER TABLE payments ADD COLUMN commission INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE payments ADD COLUMN registry_id INTEGER;
    CREATE TABLE unmatched_payments(
        payment_id TEXT PRIMARY KEY,
        source_file TEXT NOT NULL,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        line INTEGER NOT NULL,
        paid_on TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        commission INTEGER NOT NULL DEFAULT 0,
        channel TEXT NOT NULL DEFAULT '',
        period TEXT,
        payer TEXT NOT NULL DEFAULT '',
        payer_inn TEXT NOT NULL DEFAULT '',
        purpose TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        doc_no TEXT NOT NULL DEFAULT '',
        doc_date TEXT,
        registry_id INTEGER,
        assigned_account TEXT REFERENCES accounts(account_id),
        assigned_run INTEGER
    ) STRICT;
    CREATE INDEX unmatched_open ON unmatched_payments(paid_on, payment_id) WHERE assigned_account IS NULL;
    -- Money in as it stood at the latest close of the period, so a re-run writes the same summary.
    CREATE TABLE close_money_in(
        period TEXT PRIMARY KEY,
        received INTEGER NOT NULL,
        on_accounts INTEGER NOT NULL,
        booked_in_period INTEGER NOT NULL,
        unmatched INTEGER NOT NULL,
        unmatched_count INTEGER NOT NULL,
        registries INTEGER NOT NULL,
        commission INTEGER NOT NULL,
        registries_without_transfer INTEGER NOT NULL
    ) STRICT;
    """
}
