import Foundation
import Testing

/// Input a clerk would not accept is rejected with a reason naming the field (issue:
/// "Bad input accepted without a word"), on the TST fixture of AnalystCommandsTests
/// (accounts opened 2020-01-01, readings up to 24.11.2025).
@Suite(.serialized) struct BadInputTests {
    @Test func paymentsWithImpossibleDatesOrUnknownChannelsAreRejected() throws {
        let s = try AnalystCommandsTests.setUp("bad-payments")
        try s.write("more.csv", """
        payment_id,account_id,paid_on,amount,channel,period
        Q1,1000000001,1999-01-01,10.00,bank,
        Q2,1000000001,2031-01-01,10.00,bank,
        Q3,1000000001,2025-11-10,10.00,вася,
        Q4,1000000001,2019-12-31,10.00,bank,
        Q5,1000000001,2025-11-11,10.00,Сбербанк Онлайн,
        Q6,1000000001,2025-11-12,10.00,,

        """)
        let r = try s.ok(["import", "payments", s.path("more.csv")])
        #expect(r.stderr.contains("6 строк прочитано, сохранено 2, без изменений 0, отклонено 4"), "\(r.stderr)")
        let rejects = try s.read(try s.rejectsFile("more"))
        #expect(rejects.contains("payment date 01.01.1999 is before 2000"))
        #expect(rejects.contains("payment date 01.01.2031 is more than a year after the latest data (readings up to 24.11.2025)"))
        #expect(rejects.contains("unknown payment channel \"\"вася\"\""))
        #expect(rejects.contains("payment date 31.12.2019 is before the account was opened (01.01.2020)"))
        #expect(rejects.contains("дата платежа 01.01.2031 более чем на год позже последних данных (показания по 24.11.2025): опечатка в годе?"))
        #expect(rejects.contains("неизвестный канал оплаты «вася»"))
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        try s.ok(["close", "--period", "2025-11"])
        let doc = try s.read("out/2025-11/documents/1000000001.html")
        #expect(doc.contains("Сбербанк"), "the document prints the channel's Russian name")
        #expect(!doc.contains("· bank<") && doc.contains("· банк"))
        #expect(try s.read("out/2025-11/documents/1000000001.json").contains("\"channel\": \"sberbank\""))
    }

    @Test func twoReadingsOfOneMeterAtOneMomentConflict() throws {
        let s = try AnalystCommandsTests.setUp("bad-readings")
        try s.write("conflict.csv", """
        account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction
        1000000001,M1,2025-12-24,2025-12-24 12:00:00,lk,1300,,,0
        1000000001,M1,2025-12-24,2025-12-24 12:00:00,lk,1350,,,0
        1000000001,M1,2025-12-24,2025-12-24 12:00:00,lk,1300,,,0

        """)
        let r = try s.ok(["import", "readings", s.path("conflict.csv")])
        #expect(r.stderr.contains("отклонено 1"), "\(r.stderr)")
        let rejects = try s.read(try s.rejectsFile("conflict"))
        #expect(rejects.contains("same received_at and other values (line 2)"))
        #expect(rejects.contains("1350"))
    }

    @Test func innCheckDigitsAndAnInnOnAPersonAreRejected() throws {
        let s = try AnalystCommandsTests.setUp("bad-inn")
        try s.write("more.csv", """
        account_id,holder,address,region,category,kind,inn,residents,rooms,opened_on
        1000000011,ООО «Ромашка»,"г. Тест, ул. Пятая, д. 5",TST,urban_gas,legal,7453320202,1,1,2020-01-01
        1000000012,ООО «Лютик»,"г. Тест, ул. Пятая, д. 6",TST,urban_gas,legal,7453320203,1,1,2020-01-01
        1000000013,Иванов Иван,"г. Тест, ул. Пятая, д. 7",TST,urban_gas,person,7453320202,1,1,2020-01-01

        """)
        let r = try s.ok(["import", "accounts", s.path("more.csv")])
        #expect(r.stderr.contains("3 строки прочитаны, сохранено 1, без изменений 0, отклонено 2"), "\(r.stderr)")
        let rejects = try s.read(try s.rejectsFile("more"))
        #expect(rejects.contains("INN 7453320203 has a wrong check digit"))
        #expect(rejects.contains("an INN is given for a private person"))
    }

    @Test func anSmsFromAPhoneNoAccountHasIsRejected() throws {
        let s = try AnalystCommandsTests.setUp("bad-sms")
        try s.write("sms.csv", """
        received_at,phone,text
        2025-12-24 08:00:00,+7 900 000-00-01,1000000001 1300
        2025-12-24 08:00:00,+79990000000,1000000003 3300

        """)
        let r = try s.ok(["import", "sms", s.path("sms.csv")])
        #expect(r.stderr.contains("2 строки прочитаны, сохранено 1, без изменений 0, отклонено 1"), "\(r.stderr)")
        #expect(try s.read(try s.rejectsFile("sms")).contains("phone \"\"+79990000000\"\" is not the phone of any account"))
    }
}
