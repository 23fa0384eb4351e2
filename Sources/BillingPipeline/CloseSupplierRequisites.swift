import BillingCore
import BillingRender

/// Supplier requisites beyond GOST R 56042's limits still give every document a QR
/// code: a bank name over 45 characters is shortened in it (the printed document keeps
/// it whole), a malformed account or BIC makes a bank app refuse it. The close says so
/// once per region on stderr, before anything is computed, and goes on: the
/// requisites are the supplier's to correct in its tariff file.
func warnAboutSupplierRequisites(_ ws: Workspace, rules: StoredRules, regions: [String]) {
    for code in regions {
        guard let s = rules.regions[code]?.supplier else { continue }
        var q = PaymentQRPayload(name: s.name, personalAcc: s.account, bankName: s.bank, bic: s.bic, correspAcc: s.corrAccount)
        q.payeeINN = s.inn
        q.kpp = s.kpp
        let problems = q.validationProblems()
        guard !problems.isEmpty else { continue }
        ws.console.err("предупреждение: реквизиты поставщика региона \(code) выходят за ограничения ГОСТ Р 56042-2014: "
                       + problems.joined(separator: "; ")
                       + ". Исправьте реквизиты в файле тарифов региона и импортируйте его снова")
    }
}
