/// The database schema as an ordered list of migrations. The schema version is
/// SQLite's user_version; every command applies what is missing, and refuses a
/// database written by a newer energobill.
enum Schema {
    static let migrations: [String] = [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10]

    /// Steps in Swift that run after a version's SQL, in its transaction (by version number).
    static let migrationCode: [Int: @Sendable (Database) throws -> Void] = [9: fillPeriodDetails]

    static let v1 = """
    CREATE TABLE regions(
        code TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        source_json TEXT NOT NULL,
        sha256 TEXT NOT NULL
    ) STRICT;
    CREATE TABLE key_rates(
        from_date TEXT PRIMARY KEY,
        percent_centi INTEGER NOT NULL CHECK (percent_centi >= 0)
    ) STRICT;
    CREATE TABLE policies(
        name TEXT PRIMARY KEY,
        source_json TEXT NOT NULL
    ) STRICT;
    CREATE TABLE imports(
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        rows_read INTEGER NOT NULL,
        rows_stored INTEGER NOT NULL,
        rows_unchanged INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE rejects(
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        line INTEGER NOT NULL,
        field TEXT NOT NULL,
        reason TEXT NOT NULL,
        row TEXT NOT NULL
    ) STRICT;
    CREATE TABLE accounts(
        account_id TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        address TEXT NOT NULL,
        region TEXT NOT NULL REFERENCES regions(code),
        category TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'legal')),
        inn TEXT NOT NULL DEFAULT '',
        kpp TEXT NOT NULL DEFAULT '',
        residents INTEGER NOT NULL DEFAULT 1,
        rooms INTEGER NOT NULL DEFAULT 1,
        area_centi_m2 INTEGER NOT NULL DEFAULT 0,
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        delivery TEXT NOT NULL DEFAULT 'paper' CHECK (delivery IN ('paper', 'email')),
        opened_on TEXT,
        closed_on TEXT,
        opening_balance INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX accounts_region ON accounts(region, account_id);
    CREATE INDEX accounts_inn ON accounts(inn) WHERE inn <> '';
    CREATE TABLE meters(
        meter_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        zones INTEGER NOT NULL CHECK (zones IN (1, 2, 3)),
        digits INTEGER NOT NULL CHECK (digits BETWEEN 1 AND 12),
        ratio INTEGER NOT NULL DEFAULT 1 CHECK (ratio >= 1),
        accuracy_class TEXT NOT NULL DEFAULT '',
        installed_on TEXT NOT NULL,
        next_verification_on TEXT,
        initial_t1 INTEGER NOT NULL,
        initial_t2 INTEGER,
        initial_t3 INTEGER,
        removed_on TEXT
    ) STRICT;
    CREATE INDEX meters_account ON meters(account_id);
    CREATE TABLE readings(
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        meter_id TEXT NOT NULL REFERENCES meters(meter_id),
        taken_on TEXT NOT NULL,
        received_at TEXT NOT NULL,
        source TEXT NOT NULL,
        t1 INTEGER NOT NULL,
        t2 INTEGER,
        t3 INTEGER,
        correction INTEGER NOT NULL DEFAULT 0,
        import_id INTEGER NOT NULL,
        line INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX readings_received ON readings(received_at);
    CREATE TABLE payments(
        payment_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        paid_on TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        channel TEXT NOT NULL DEFAULT '',
        period TEXT,
        import_id INTEGER NOT NULL,
        line INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX payments_account ON payments(account_id, paid_on, payment_id);
    CREATE TABLE runs(
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        period TEXT,
        region TEXT,
        outcome TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE TABLE closes(
        region TEXT NOT NULL REFERENCES regions(code),
        period TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        accounts INTEGER NOT NULL,
        input_sha256 TEXT NOT NULL,
        -- Payments are booked by the first close after their import whose period
        -- covers paid_on: booked by this close ⇔ rowid ≤ watermark and paid_on ≤ period end.
        payments_watermark INTEGER NOT NULL,
        PRIMARY KEY (region, period)
    ) STRICT;
    CREATE TABLE account_periods(
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        period TEXT NOT NULL,
        region TEXT NOT NULL,
        method TEXT NOT NULL,
        volume_kwh INTEGER NOT NULL,
        charge INTEGER NOT NULL,
        recalculation INTEGER NOT NULL,
        benefit INTEGER NOT NULL CHECK (benefit <= 0),
        penalty INTEGER NOT NULL,
        payments INTEGER NOT NULL,
        balance_in INTEGER NOT NULL,
        total_due INTEGER NOT NULL,
        due_date TEXT NOT NULL,
        penalty_total INTEGER NOT NULL,
        CHECK (total_due = balance_in + charge + recalculation + benefit + penalty - payments),
        -- Period first: a close appends its rows at the end instead of rewriting
        -- every account's history; per-account history merges per-period scans.
        PRIMARY KEY (period, account_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE lines(
        account_id TEXT NOT NULL,
        period TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('energy', 'recalculation', 'benefit', 'penalty')),
        meter_id TEXT NOT NULL DEFAULT '',
        zone TEXT NOT NULL DEFAULT '',
        tier INTEGER NOT NULL DEFAULT 0,
        method TEXT NOT NULL DEFAULT '',
        volume_kwh INTEGER NOT NULL DEFAULT 0,
        price INTEGER NOT NULL DEFAULT 0,
        amount INTEGER NOT NULL,
        ground TEXT NOT NULL DEFAULT '',
        ref_period TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (period, account_id, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE meter_periods(
        meter_id TEXT NOT NULL,
        period TEXT NOT NULL,
        account_id TEXT NOT NULL,
        method TEXT NOT NULL,
        reading_id INTEGER,
        prev_registers TEXT NOT NULL,
        cur_registers TEXT,
        volumes TEXT NOT NULL,
        amount INTEGER NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (period, account_id, meter_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE reading_rejects(
        reading_id INTEGER NOT NULL REFERENCES readings(id),
        period TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (reading_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE ledger(
        period TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        seq INTEGER NOT NULL,
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('charge', 'recalculation', 'benefit', 'penalty', 'payment')),
        document TEXT NOT NULL,
        amount INTEGER NOT NULL,
        ref TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (period, account_id, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE posted_recalcs(
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        ref_period TEXT NOT NULL,
        line TEXT NOT NULL,
        amount INTEGER NOT NULL,
        ground TEXT NOT NULL,
        fingerprint TEXT NOT NULL UNIQUE,
        booked_period TEXT
    ) STRICT;
    CREATE INDEX posted_recalcs_pending ON posted_recalcs(account_id) WHERE booked_period IS NULL;
    """

    /// v2. (1) `kind` checks of the two largest tables as OR chains: SQLite
    /// compiles `x IN (list)` in a CHECK into a temporary index built and dropped
    /// for every inserted row, which cost a close more than the inserts themselves.
    /// (2) `account_periods.settlement`: the payment allocation a close leaves for
    /// the next one (`Settlement`'s text form; NULL in rows closed before v2, whose
    /// accounts the next close replays from their history once).
    static let v2 = """
    CREATE TABLE lines_v2(
        account_id TEXT NOT NULL,
        period TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind = 'energy' OR kind = 'recalculation' OR kind = 'benefit' OR kind = 'penalty'),
        meter_id TEXT NOT NULL DEFAULT '',
        zone TEXT NOT NULL DEFAULT '',
        tier INTEGER NOT NULL DEFAULT 0,
        method TEXT NOT NULL DEFAULT '',
        volume_kwh INTEGER NOT NULL DEFAULT 0,
        price INTEGER NOT NULL DEFAULT 0,
        amount INTEGER NOT NULL,
        ground TEXT NOT NULL DEFAULT '',
        ref_period TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (period, account_id, seq)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO lines_v2 SELECT account_id, period, seq, kind, meter_id, zone, tier, method, volume_kwh, price, amount,
        ground, ref_period FROM lines;
    DROP TABLE lines;
    ALTER TABLE lines_v2 RENAME TO lines;
    CREATE TABLE ledger_v2(
        period TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        seq INTEGER NOT NULL,
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind = 'charge' OR kind = 'recalculation' OR kind = 'benefit' OR kind = 'penalty'
                                  OR kind = 'payment'),
        document TEXT NOT NULL,
        amount INTEGER NOT NULL,
        ref TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (period, account_id, seq)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO ledger_v2 SELECT period, account_id, seq, date, kind, document, amount, ref FROM ledger;
    DROP TABLE ledger;
    ALTER TABLE ledger_v2 RENAME TO ledger;
    ALTER TABLE account_periods ADD COLUMN settlement TEXT;
    """

    /// v3. Account columns of SPEC's accounts file that v2 did not keep: SMS consent,
    /// and for legal entities the contract (the УПД's ground) and the EDO id.
    static let v3 = """
    ALTER TABLE accounts ADD COLUMN sms INTEGER NOT NULL DEFAULT 0 CHECK (sms = 0 OR sms = 1);
    ALTER TABLE accounts ADD COLUMN contract TEXT NOT NULL DEFAULT '';
    ALTER TABLE accounts ADD COLUMN contract_date TEXT;
    ALTER TABLE accounts ADD COLUMN edo_id TEXT NOT NULL DEFAULT '';
    """

    /// v4. What a closed period's documents and acts were rendered from: an account row
    /// or a region file replaced after a close keeps its old version here, with the last
    /// period of its region closed while it stood (SPEC "Closes, outputs and history");
    /// and the hashes of the files each period's outputs were last written with (`check`).
    static let v4 = """
    CREATE TABLE account_history(
        seq INTEGER PRIMARY KEY,
        valid_through TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        holder TEXT NOT NULL, address TEXT NOT NULL, region TEXT NOT NULL, category TEXT NOT NULL,
        kind TEXT NOT NULL, inn TEXT NOT NULL, kpp TEXT NOT NULL, residents INTEGER NOT NULL, rooms INTEGER NOT NULL,
        area_centi_m2 INTEGER NOT NULL, email TEXT NOT NULL, phone TEXT NOT NULL, delivery TEXT NOT NULL,
        opened_on TEXT, closed_on TEXT, opening_balance INTEGER NOT NULL, sms INTEGER NOT NULL, contract TEXT NOT NULL,
        contract_date TEXT, edo_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX account_history_through ON account_history(valid_through);
    CREATE TABLE region_history(
        seq INTEGER PRIMARY KEY,
        valid_through TEXT NOT NULL,
        code TEXT NOT NULL REFERENCES regions(code),
        source_json TEXT NOT NULL,
        sha256 TEXT NOT NULL
    ) STRICT;
    CREATE TABLE outputs(
        period TEXT NOT NULL,
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (period, file)
    ) STRICT;
    """
}
