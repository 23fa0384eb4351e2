import Testing
@testable import BillingPipeline

@Suite struct RejectReasonRussianTests {
    @Test func valuesAreCarriedIntoTheRussianText() {
        #expect(russianRejectReason("unknown account 7400000009") == "неизвестный лицевой счёт 7400000009")
        #expect(russianRejectReason("taken after received (taken 2026-10-25, received 2026-10-24 10:00:00)")
                == "показание снято позже, чем получено (снято 2026-10-25, получено 2026-10-24 10:00:00)")
        #expect(russianRejectReason("account id \"a b\" is not a plain identifier")
                == "номер лицевого счёта «a b» — не простой идентификатор (латинские буквы, цифры, - и _, не более 32 знаков)")
        #expect(russianRejectReason("T2: negative value") == "T2: отрицательное значение")
    }

    @Test func countsTakeTheRussianPlural() {
        #expect(russianRejectReason("exceeds digit capacity (1 digits)") == "больше разрядности счётчика (1 разряд)")
        #expect(russianRejectReason("exceeds digit capacity (6 digits)") == "больше разрядности счётчика (6 разрядов)")
        #expect(russianRejectReason("the row has 5 fields, the header has 4 (an unquoted delimiter or decimal comma?)")
                == "в строке 5 полей, в заголовке 4 (разделитель без кавычек или десятичная запятая?)")
        #expect(russianRejectReason("ambiguous: account 7400000001 has 2 meters active on 2026-10-24; give meter_id")
                == "неоднозначно: у лицевого счёта 7400000001 на 2026-10-24 2 действующих счётчика; укажите meter_id")
    }

    @Test func russianAndUnknownReasonsAreKept() {
        #expect(russianRejectReason("лицевой счёт 7499999999 не найден") == "лицевой счёт 7499999999 не найден")
        #expect(russianRejectReason("something new") == "something new")
        #expect(russianRejectReason("unknown accountant") == "unknown accountant", "a wording matches up to its spaces")
    }

    @Test func theSummaryLineIsRussianWithPlurals() {
        var r = ImportReport(kind: .readings, file: "r.csv")
        r.rowsRead = 21; r.stored = 20; r.rejected = 1
        #expect(r.summary == "import readings r.csv: 21 строка прочитана, сохранено 20, без изменений 0, отклонено 1")
        r.rowsRead = 12
        #expect(r.summary.contains(": 12 строк прочитано,"))
        r.alreadyImported = true
        #expect(r.summary == "import readings r.csv: файл уже загружен, ничего не изменилось")
    }
}
