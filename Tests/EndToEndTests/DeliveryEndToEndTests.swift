import Foundation
import Testing

/// E-mail and SMS delivery through the binary, on region TST with a supplier e-mail.
/// October 2025: 1000000001 (e-mail delivery, SMS consent) 150 kWh = 750.00 due 10.11.2025.
@Suite(.serialized) struct DeliveryEndToEndTests {
    static func setUp(_ name: String) throws -> Sandbox {
        let s = try Sandbox(name)
        let region = AnalystCommandsTests.region.replacingOccurrences(of: "PRICE", with: "5.00")
            .replacingOccurrences(of: #""corr_account":"30101810000000000602"}"#,
                                  with: #""corr_account":"30101810000000000602","email":"doc@tst.example","address":"г. Тест, ул. Образцовая, д. 1","phone":"+7 (351) 000-00-00"}"#)
        try s.write("tariffs/TST.json", region)
        try s.write("tariffs/key-rate.csv", "from,percent\n2020-01-01,9.50\n")
        try s.write("tariffs/penalty.json", AnalystCommandsTests.penalty)
        try s.write("accounts.csv", """
        account_id,holder,address,region,category,kind,residents,rooms,phone,email,delivery,sms,opened_on
        1000000001,Иванова Мария Александровна-Константинопольская,"г. Тест, ул. Первая, д. 1",TST,urban_gas,person,1,1,8 (912) 000-00-01,a1@example.ru,email,1,2020-01-01
        1000000002,Петров Пётр,"г. Тест, ул. Вторая, д. 2",TST,urban_gas,person,1,1,+79120000002,p2@example.ru,paper,0,2020-01-01
        1000000003,Сидорова Анна,"г. Тест, ул. Третья, д. 3",TST,urban_gas,person,1,1,+7 343 000 00 03,,paper,1,2020-01-01

        """)
        try s.write("meters.csv", """
        meter_id,account_id,zones,digits,installed_on,initial_t1
        M1,1000000001,1,6,2020-01-01,1000
        M2,1000000002,1,6,2020-01-01,2000
        M3,1000000003,1,6,2020-01-01,3000

        """)
        try s.write("readings.csv", """
        account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction
        1000000001,M1,2025-10-24,2025-10-24 12:00:00,lk,1150,,,0
        1000000002,M2,2025-10-24,2025-10-24 12:00:00,lk,2100,,,0
        1000000003,M3,2025-10-24,2025-10-24 12:00:00,lk,3100,,,0

        """)
        try s.ok(["import", "tariffs", s.path("tariffs")])
        for k in ["accounts", "meters", "readings"] { try s.ok(["import", k, s.path("\(k).csv")]) }
        return s
    }

    /// Python's `email` package reads the message: headers, recipients for `sendmail -t`,
    /// the attachment decoding to the document's bytes, CRLF and line lengths.
    static let check = #"""
    import sys, email
    from email import policy
    from email.utils import getaddresses
    from email.header import decode_header, make_header
    raw = open(sys.argv[1], 'rb').read()
    doc = open(sys.argv[2], 'rb').read()
    assert raw.count(b'\n') == raw.count(b'\r\n'), 'bare LF'
    assert max(len(l) for l in raw.split(b'\r\n')) <= 78, [l for l in raw.split(b'\r\n') if len(l) > 78]
    m = email.message_from_bytes(raw, policy=policy.default)
    assert str(m['Subject']) == 'Платёжный документ за октябрь 2025, л/с 1000000001', m['Subject']
    # Address headers through the classic API: RFC 2047 §6.2 joins adjacent encoded words without
    # the folding space, which policy.default's address parser does not do (its own output splits names too).
    legacy = email.message_from_bytes(raw)
    def name_and_address(h):
        [(name, address)] = getaddresses([legacy[h]])
        return (str(make_header(decode_header(name))), address)
    assert name_and_address('To') == ('Иванова Мария Александровна-Константинопольская', 'a1@example.ru'), legacy['To']
    assert name_and_address('From') == ('ООО «Тестэнергосбыт»', 'doc@tst.example'), legacy['From']
    assert [a for _, a in getaddresses(legacy.get_all('To', []) + legacy.get_all('Cc', []) + legacy.get_all('Bcc', []))] == ['a1@example.ru']
    assert str(m['Date']) == 'Sat, 01 Nov 2025 09:00:00 +0500', m['Date']
    assert str(m['Message-ID']) == '<document.2025-10.1000000001@tst.example>', m['Message-ID']
    assert m.get_content_type() == 'multipart/mixed'
    parts = [(p.get_content_type(), p.get_filename(), p.get_payload(decode=True)) for p in m.walk() if not p.is_multipart()]
    assert [(t, f) for t, f, _ in parts] == [('text/plain', None), ('text/html', None), ('text/html', '1000000001_2025-10.html')], parts
    assert parts[1][2] == doc and parts[2][2] == doc, 'document bytes'
    text = parts[0][2].decode('utf-8')
    assert 'К оплате: 750,00 руб. до 10.11.2025.' in text, text
    print('ok')
    """#

    @Test func emailedDocumentsParseWithPythonAndRewriteTheSameBytes() throws {
        let s = try Self.setUp("mail")
        let r = try s.ok(["close", "--period", "2025-10", "--go-live", "--documents", "html,json,eml,sms"])
        #expect(r.stderr.contains("писем 1, SMS 1"), "\(r.stderr)")
        try s.write("check.py", Self.check)
        guard let python = Sandbox.which("python3") else { Issue.record("python3 is required"); return }
        let p = try s.runProgram(python, [s.path("check.py"), s.path("out/2025-10/mail/1000000001.eml"),
                                          s.path("out/2025-10/documents/1000000001.html")])
        #expect(p.status == 0 && p.stdout == "ok\n", "\(p.stdout)\(p.stderr)")
        #expect(try s.read("out/2025-10/mail/index.csv") == """
        account,email,file,total_due
        1000000001,a1@example.ru,1000000001.eml,750.00

        """)
        #expect(!s.exists("out/2025-10/mail/1000000002.eml"), "paper delivery is not mailed")
        let eml = try s.bytes("out/2025-10/mail/1000000001.eml")
        try s.ok(["close", "--period", "2025-10", "--go-live", "--documents", "eml"])
        #expect(try s.bytes("out/2025-10/mail/1000000001.eml") == eml, "a re-run writes the same bytes")
        // SMS: the consent and a phone; 8 (912)… becomes +7912…; 1000000003's landline is no SMS number.
        #expect(try s.read("out/2025-10/sms/outbox.csv") == """
        account_id,phone,text,segments
        1000000001,+79120000001,"Л/с 1000000001: к оплате 750,00 руб. за 10.2025, срок до 10.11.2025",1

        """)
        #expect(r.stderr.contains("у 1 лицевого счёта с согласием на SMS телефон не мобильный"), "\(r.stderr)")
    }

    @Test func actByEmail() throws {
        let s = try Self.setUp("act-mail")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        let r = try s.ok(["act", "--account", "1000000001", "--from", "2025-10-01", "--to", "2025-10-31", "--email"])
        #expect(r.stderr.contains("1 e-mail"), "\(r.stderr)")
        let eml = try s.read("out/acts/1000000001_2025-10-01_2025-10-31.eml")
        #expect(eml.contains("Content-Disposition: attachment; filename=\"1000000001_2025-10-01_2025-10-31.html\""))
        #expect(eml.contains("To: =?UTF-8?B?"))
        let plain = try s.ok(["act", "--account", "1000000003", "--from", "2025-10-01", "--to", "2025-10-31", "--email"])
        #expect(plain.stderr.contains("without an e-mail"), "\(plain.stderr)")
        #expect(!s.exists("out/acts/1000000003_2025-10-01_2025-10-31.eml"))
    }

    /// November 2025 (window 23–25): 1000000001 has sent nothing since the October deadline; the
    /// 154-character text is 3 parts of 67. Once its reading is in, no reminder; October is closed.
    @Test func remindersForAccountsWithoutAReading() throws {
        let s = try Self.setUp("remind")
        try s.ok(["close", "--period", "2025-10", "--go-live"])
        let r = try s.ok(["remind", "--period", "2025-11"])
        #expect(try s.read("out/2025-11/sms/reminders.csv") == """
        account_id,phone,text,segments
        1000000001,+79120000001,"Л/с 1000000001: передайте показания счётчика за 11.2025 с 23 по 25.11.2025: личный кабинет, Госуслуги, SMS «1000000001 показание», тел. +7 (351) 000-00-00",3

        """)
        #expect(r.stderr.contains("у 1 лицевого счёта с согласием на SMS телефон не мобильный"), "\(r.stderr)")
        try s.write("late.csv", "account_id,meter_id,taken_on,received_at,source,t1,t2,t3,correction\n1000000001,M1,2025-11-20,2025-11-20 10:00:00,lk,1200,,,0\n")
        try s.ok(["import", "readings", s.path("late.csv")])
        let again = try s.ok(["remind", "--period", "2025-11"])
        #expect(lines(try s.read("out/2025-11/sms/reminders.csv")).count == 1)
        #expect(again.stdout.contains("0 SMS (уже передали показания: 1 лицевой счёт)"), "\(again.stdout)")
        let closed = try s.ok(["remind", "--period", "2025-10"])
        #expect(closed.stderr.contains("2025-10 уже закрыт для TST"), "\(closed.stderr)")
    }

    @Test func smsSegmentsAsGatewaysBill() throws {
        // Checked through the outbox: a 67-character text is one part.
        let s = try Self.setUp("sms-segments")
        try s.ok(["close", "--period", "2025-10", "--go-live", "--documents", "sms"])
        #expect(try s.read("out/2025-10/sms/outbox.csv").hasSuffix(",1\n"))
        #expect(!s.exists("out/2025-10/documents"), "sms alone writes no documents")
    }

    @Test func documentsOptionRejectsUnknownKinds() throws {
        let s = try Self.setUp("docs-usage")
        #expect(try s.run(["close", "--period", "2025-10", "--documents", "html,fax"]).status == 64)
    }
}
