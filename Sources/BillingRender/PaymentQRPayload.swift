import BillingCore

/// The text of a payment QR code by GOST R 56042-2014: header `ST0001`,
/// encoding digit `2` (UTF-8), then `|Key=Value` requisites. The five
/// mandatory requisites come first (the standard's block order), the others
/// in a fixed order so the same document always yields the same bytes; empty
/// or absent optional requisites are left out.
///
/// The standard forbids the separator inside values. Rather than switch
/// separators (many bank apps only accept `|`), values are sanitised: every
/// `|` becomes `/`, and CR, LF and TAB become a space, so a value never splits
/// into a bogus requisite. Amounts are whole kopecks; a non-positive `sum` or
/// `addAmount` is omitted, leaving the payer to enter the amount.
public struct PaymentQRPayload: Sendable, Equatable {
    // Mandatory block (GOST R 56042 table 1).
    /// Payee name, ≤ 160 characters.
    public var name: String
    /// Payee settlement account, 20 digits.
    public var personalAcc: String
    /// Payee bank name, ≤ 45 characters.
    public var bankName: String
    /// Bank identification code, 9 digits.
    public var bic: String
    /// Bank correspondent account, ≤ 20 digits ("0" when the bank has none).
    public var correspAcc: String

    // Additional block (table 2).
    public var payeeINN: String?
    public var kpp: String?
    /// Amount to pay, in kopecks (`Sum`).
    public var sum: Kopecks?
    public var purpose: String?

    // Other requisites (table 3).
    public var lastName: String?
    public var firstName: String?
    public var middleName: String?
    public var payerAddress: String?
    /// The payer's account number at the supplier (лицевой счёт).
    public var persAcc: String?
    /// `PaymPeriod`, written MMYYYY.
    public var paymPeriod: Period?
    /// `PaymTerm`: the due date, DD.MM.YYYY.
    public var paymTerm: CivilDate?
    /// `QuittId`: the payment document number.
    public var quittId: String?
    /// `QuittDate`: the payment document date, DD.MM.YYYY.
    public var quittDate: CivilDate?
    /// Meter serial number.
    public var counterId: String?
    /// Meter reading(s) as printed, e.g. "12345" or "T1 1234; T2 567".
    public var counterVal: String?
    /// `AddAmount`: "insurance / additional service / penalty amount" in
    /// kopecks; the engine puts the penalty (пени) included in `sum` here.
    public var addAmount: Kopecks?
    /// `TechCode`: the kind of service; "02" is electricity.
    public var techCode: String?

    public init(name: String, personalAcc: String, bankName: String, bic: String, correspAcc: String,
                techCode: String? = "02") {
        self.name = name
        self.personalAcc = personalAcc
        self.bankName = bankName
        self.bic = bic
        self.correspAcc = correspAcc
        self.techCode = techCode
    }

    public var text: String {
        var out = "ST00012"
        func add(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out += "|" + key + "=" + PaymentQRPayload.sanitise(value)
        }
        func amount(_ key: String, _ value: Kopecks?) {
            guard let value, value.value > 0 else { return }
            add(key, String(value.value))
        }
        add("Name", PaymentQRPayload.limited(name, 160))
        add("PersonalAcc", personalAcc)
        add("BankName", PaymentQRPayload.limited(bankName, 45))
        add("BIC", bic)
        add("CorrespAcc", correspAcc)
        add("PayeeINN", payeeINN)
        add("KPP", kpp)
        amount("Sum", sum)
        add("Purpose", purpose.map { PaymentQRPayload.limited($0, 210) })
        add("LastName", lastName)
        add("FirstName", firstName)
        add("MiddleName", middleName)
        add("PayerAddress", payerAddress)
        add("PersAcc", persAcc)
        add("PaymPeriod", paymPeriod?.mmyyyy)
        add("PaymTerm", paymTerm?.russian)
        add("QuittId", quittId)
        add("QuittDate", quittDate?.russian)
        add("CounterId", counterId)
        add("CounterVal", counterVal)
        amount("AddAmount", addAmount)
        add("TechCode", techCode)
        return out
    }

    /// The standard's length limit (in characters): cut at the last space that fits,
    /// or hard at the limit when there is none, so a bank app never refuses the code.
    static func limited(_ value: String, _ max: Int) -> String {
        guard value.count > max else { return value }
        let cut = value.prefix(max)
        var kept = cut[...]
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > max / 2 { kept = cut[..<space] }
        while let last = kept.last, last == "," || last == ";" || last == " " { kept = kept.dropLast() }
        return String(kept)
    }

    static func sanitise(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x7C || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return value }
        var bytes = Array(value.utf8)
        for i in bytes.indices {
            switch bytes[i] {
            case 0x7C: bytes[i] = 0x2F
            case 0x0A, 0x0D, 0x09: bytes[i] = 0x20
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Departures from the standard's limits for the mandatory requisites and the
    /// payee's INN/KPP, in Russian for the operator; empty when all is well. A name
    /// longer than the standard allows is named with the shortened form `text`
    /// puts in the code. The text is still produced either way: a misprinted code
    /// is the supplier's data problem, and the caller decides whether to stop.
    public func validationProblems() -> [String] {
        func digits(_ s: String, _ counts: Set<Int>) -> Bool {
            counts.contains(s.utf8.count) && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        var problems = [String]()
        func tooLong(_ what: String, _ value: String, _ max: Int) {
            problems.append("\(what) длиннее \(max) знаков (\(value.count)), в QR-коде сокращено до «\(Self.limited(value, max))»")
        }
        if name.isEmpty { problems.append("наименование получателя (Name) не задано") }
        else if name.count > 160 { tooLong("наименование получателя (Name)", name, 160) }
        if !digits(personalAcc, [20]) { problems.append("расчётный счёт (PersonalAcc) должен состоять из 20 цифр") }
        if bankName.isEmpty { problems.append("наименование банка (BankName) не задано") }
        else if bankName.count > 45 { tooLong("наименование банка (BankName)", bankName, 45) }
        if !digits(bic, [9]) { problems.append("БИК (BIC) должен состоять из 9 цифр") }
        if !digits(correspAcc, Set(1...20)) { problems.append("корреспондентский счёт (CorrespAcc) должен состоять из 1–20 цифр") }
        if let inn = payeeINN, !inn.isEmpty, !digits(inn, [10, 12]) { problems.append("ИНН получателя (PayeeINN) должен состоять из 10 или 12 цифр") }
        if let kpp, !kpp.isEmpty, !digits(kpp, [9]) { problems.append("КПП (KPP) должен состоять из 9 цифр") }
        return problems
    }
}
