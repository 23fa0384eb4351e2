import BillingCore

/// The УПД in the ФНС electronic format 5.03 (КНД 1115131, function СЧФДОП), as text
/// to be written in windows-1251 (the declaration says so; the pipeline encodes it,
/// characters outside the code page as character references). Unsigned: signing and
/// sending belong to the EDO operator's software. Dates are DD.MM.YYYY, money has a
/// dot and 2 decimals, prices 4 decimals; the file's formation date and time are the
/// invoice date at 00.00.00, so a re-run writes the same bytes.
public func renderInvoiceXML(_ inv: InvoiceData) -> String {
    let s = inv.supplier, b = inv.buyer
    let date = inv.date.russian
    var x = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n"
    x += "<Файл ИдФайл=\"\(xmlAttr(inv.fileId))\" ВерсФорм=\"5.03\" ВерсПрог=\"\(xmlAttr(inv.program))\">\n"
    x += "  <СвУчДокОбор ИдОтпр=\"\(xmlAttr(inv.senderId))\" ИдПол=\"\(xmlAttr(inv.receiverId))\"/>\n"
    x += "  <Документ КНД=\"1115131\" Функция=\"СЧФДОП\""
    x += " ПоФактХЖ=\"Документ об отгрузке товаров (выполнении работ), передаче имущественных прав (документ об оказании услуг)\""
    x += " НаимДокОпр=\"Счет-фактура и документ об отгрузке товаров (выполнении работ), передаче имущественных прав (документ об оказании услуг)\""
    x += " ДатаИнфПр=\"\(date)\" ВремИнфПр=\"00.00.00\""
    x += " НаимЭконСубСост=\"\(xmlAttr(s.name + ", ИНН/КПП " + s.inn + "/" + s.kpp))\">\n"
    x += "    <СвСчФакт НомерДок=\"\(inv.number)\" ДатаДок=\"\(date)\">\n"
    x += "      <СвПрод>\n" + party(name: s.name, inn: s.inn, kpp: s.kpp, address: s.address) + "      </СвПрод>\n"
    x += "      <ГрузОт>\n        <ОнЖе>он же</ОнЖе>\n      </ГрузОт>\n"
    x += "      <ГрузПолуч>\n" + party(name: b.holder, inn: b.inn, kpp: b.kpp, address: b.address) + "      </ГрузПолуч>\n"
    x += "      <СвПокуп>\n" + party(name: b.holder, inn: b.inn, kpp: b.kpp, address: b.address) + "      </СвПокуп>\n"
    x += "      <ДенИзм КодОКВ=\"643\" НаимОКВ=\"Российский рубль\"/>\n"
    x += "    </СвСчФакт>\n    <ТаблСчФакт>\n"
    for (i, l) in inv.lines.enumerated() {
        x += "      <СведТов НомСтр=\"\(i + 1)\" НаимТов=\"\(xmlAttr(l.title))\" ОКЕИ_Тов=\"245\" НаимЕдИзм=\"кВт·ч\""
        if let v = l.volumeKwh { x += " КолТов=\"\(v)\"" }
        if let p = l.price { x += " ЦенаТов=\"\(p.description)\"" }
        x += " СтТовБезНДС=\"\(l.vat.net.rublesString())\" НалСт=\"\(percentText(l.vat.ratePercentCenti))%\""
        x += " СтТовУчНал=\"\(l.amount.rublesString())\">\n"
        x += "        <Акциз>\n          <БезАкциз>без акциза</БезАкциз>\n        </Акциз>\n"
        x += "        <СумНал>\n          <СумНал>\(l.vat.vat.rublesString())</СумНал>\n        </СумНал>\n      </СведТов>\n"
    }
    x += "      <ВсегоОпл СтТовБезНДСВсего=\"\(inv.netTotal.rublesString())\" СтТовУчНалВсего=\"\(inv.total.rublesString())\">\n"
    x += "        <СумНалВсего>\n          <СумНал>\(inv.vatTotal.rublesString())</СумНал>\n        </СумНалВсего>\n"
    x += "      </ВсегоОпл>\n    </ТаблСчФакт>\n"
    x += "    <СвПродПер>\n      <СвПер СодОпер=\"Электрическая энергия передана за \(RussianWords.period(inv.period))\" ДатаПер=\"\(date)\">\n"
    x += "        <ОснПер РеквНаимДок=\"Договор энергоснабжения\" РеквНомерДок=\"\(xmlAttr(b.contract.isEmpty ? "б/н" : b.contract))\""
    x += " РеквДатаДок=\"\((b.contractDate ?? b.openedOn ?? inv.date).russian)\"/>\n"
    x += "      </СвПер>\n    </СвПродПер>\n"
    x += "    <Подписант СпосПодтПолном=\"1\" Должн=\"Уполномоченное лицо продавца\">\n"
    x += "      <ФИО Фамилия=\"-\" Имя=\"-\"/>\n    </Подписант>\n"
    x += "  </Документ>\n</Файл>\n"
    return x
}

private func party(name: String, inn: String, kpp: String, address: String) -> String {
    var x = "        <ИдСв>\n          <СвЮЛУч НаимОрг=\"\(xmlAttr(name))\" ИННЮЛ=\"\(xmlAttr(inn))\""
    if !kpp.isEmpty { x += " КПП=\"\(xmlAttr(kpp))\"" }
    x += "/>\n        </ИдСв>\n"
    x += "        <Адрес>\n          <АдрИнф КодСтр=\"643\" НаимСтран=\"Россия\" АдрТекст=\"\(xmlAttr(address.isEmpty ? "-" : address))\"/>\n        </Адрес>\n"
    return x
}

/// An attribute value with the five markup characters escaped and control characters as spaces.
func xmlAttr(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default:
            out.unicodeScalars.append(ch.value < 0x20 ? " " : ch)   // XML 1.0 has no control characters
        }
    }
    return out
}
