extension Schema {
    /// v7. `account_periods.penalty_in`: the penalty still owed within `balance_in`
    /// (the rest is energy), as the close of the period found it, so the document
    /// prints the split from its own row whether the close continued from P−1's
    /// settlement or replayed the account's history. NULL: none known (the first
    /// period, or P−1 kept no settlement). Rows closed before v7 take it from P−1's
    /// settlement text (`s1|`/`s2|<advance>|<penaltyOwed>|…`).
    static let v7 = """
    ALTER TABLE account_periods ADD COLUMN penalty_in INTEGER;
    UPDATE account_periods AS p SET penalty_in = (
        SELECT CAST(substr(rest, 1, instr(rest, '|') - 1) AS INTEGER)
        FROM (SELECT substr(q.settlement, instr(substr(q.settlement, 4), '|') + 4) AS rest
              FROM account_periods q
              WHERE q.account_id = p.account_id
                AND q.period = strftime('%Y-%m', p.period || '-01', '-1 month')
                AND (q.settlement LIKE 's1|%|%|%' OR q.settlement LIKE 's2|%|%|%')));
    """
}
