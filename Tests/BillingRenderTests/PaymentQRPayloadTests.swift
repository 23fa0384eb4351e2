import BillingCore
import Testing
@testable import BillingRender

private func base() -> PaymentQRPayload {
    PaymentQRPayload(name: "АО «Энергосбыт»", personalAcc: "40702810900000012345",
                     bankName: "ПАО Сбербанк", bic: "044525225", correspAcc: "30101810400000000225")
}

@Test func mandatoryOnlyKeepsTechCode() {
    #expect(base().text == "ST00012|Name=АО «Энергосбыт»|PersonalAcc=40702810900000012345|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225|TechCode=02")
}

@Test func allFieldsInFixedOrder() {
    var p = base()
    p.techCode = "02"
    p.counterVal = "T1 12345; T2 6789"
    p.counterId = "011552148"
    p.addAmount = Kopecks(1234)
    p.quittDate = CivilDate(year: 2026, month: 11, day: 1)
    p.quittId = "2026-10/7400123456"
    p.paymTerm = CivilDate(year: 2026, month: 11, day: 10)
    p.paymPeriod = Period(year: 2026, month: 10)
    p.persAcc = "7400123456"
    p.payerAddress = "г. Челябинск, ул. Ленина, д. 10, кв. 15"
    p.middleName = "Петровна"
    p.firstName = "Мария"
    p.lastName = "Иванова"
    p.purpose = "Электроэнергия"
    p.sum = Kopecks(123456)
    p.kpp = "770101001"
    p.payeeINN = "7701234567"
    #expect(p.text == "ST00012|Name=АО «Энергосбыт»|PersonalAcc=40702810900000012345|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225"
        + "|PayeeINN=7701234567|KPP=770101001|Sum=123456|Purpose=Электроэнергия|LastName=Иванова|FirstName=Мария|MiddleName=Петровна"
        + "|PayerAddress=г. Челябинск, ул. Ленина, д. 10, кв. 15|PersAcc=7400123456|PaymPeriod=102026|PaymTerm=10.11.2026"
        + "|QuittId=2026-10/7400123456|QuittDate=01.11.2026|CounterId=011552148|CounterVal=T1 12345; T2 6789|AddAmount=1234|TechCode=02")
    #expect(p.validationProblems().isEmpty)
}

@Test func emptyOptionalsAndNonPositiveAmountsAreOmitted() {
    var p = base()
    p.firstName = ""
    p.middleName = nil
    p.sum = Kopecks(0)
    p.addAmount = Kopecks(-500)
    p.techCode = nil
    #expect(p.text == "ST00012|Name=АО «Энергосбыт»|PersonalAcc=40702810900000012345|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225")
}

@Test func separatorAndLineBreaksInValuesAreReplaced() {
    var p = base()
    p.name = "ООО \"Свет|Тепло\""
    p.purpose = "строка 1\r\nстрока 2\tконец"
    p.techCode = nil
    #expect(p.text == "ST00012|Name=ООО \"Свет/Тепло\"|PersonalAcc=40702810900000012345|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225|Purpose=строка 1  строка 2 конец")
    #expect(p.text.split(separator: "|").count == 7)
}

@Test func validationReportsMalformedRequisites() {
    var p = base()
    p.personalAcc = "4070281090000001234"
    p.bic = "04452522A"
    p.payeeINN = "123"
    #expect(p.validationProblems() == ["расчётный счёт (PersonalAcc) должен состоять из 20 цифр", "БИК (BIC) должен состоять из 9 цифр",
                                       "ИНН получателя (PayeeINN) должен состоять из 10 или 12 цифр"])
}

@Test func fieldsLongerThanTheStandardAllowsAreCutAtAWord() {
    let bank = "ПАО «Сбербанк России», Челябинское отделение № 8597 г. Челябинск"
    var p = PaymentQRPayload(name: "ООО «Тест»", personalAcc: "40702810000000000001", bankName: bank,
                             bic: "047501602", correspAcc: "30101810700000000602")
    p.purpose = String(repeating: "оплата ", count: 40)
    let fields = p.text.split(separator: "|").dropFirst()
    let value = { (key: String) in fields.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) } ?? "" }
    #expect(value("BankName").count <= 45 && bank.hasPrefix(value("BankName")) && !value("BankName").hasSuffix(" "))
    #expect(value("BankName") == "ПАО «Сбербанк России», Челябинское отделение")
    #expect(value("Purpose").count <= 210)
    #expect(p.validationProblems() == ["наименование банка (BankName) длиннее 45 знаков (\(bank.count)), в QR-коде сокращено до «ПАО «Сбербанк России», Челябинское отделение»"])
}
