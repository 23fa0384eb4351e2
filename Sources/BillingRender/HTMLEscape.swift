/// Text made safe for HTML element content and quoted attribute values:
/// & < > " ' become entities. Works over UTF-8 bytes and returns the input
/// untouched (no copy) when nothing needs escaping, the common case.
public func htmlEscape(_ s: String) -> String {
    let utf8 = s.utf8
    guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
    var out = [UInt8]()
    out.reserveCapacity(utf8.count + 16)
    for b in utf8 {
        switch b {
        case 0x26: out += [0x26, 0x61, 0x6D, 0x70, 0x3B]                // &amp;
        case 0x3C: out += [0x26, 0x6C, 0x74, 0x3B]                      // &lt;
        case 0x3E: out += [0x26, 0x67, 0x74, 0x3B]                      // &gt;
        case 0x22: out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]          // &quot;
        case 0x27: out += [0x26, 0x23, 0x33, 0x39, 0x3B]                // &#39;
        default: out.append(b)
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// One CSV field, safe to open in a spreadsheet. A field starting with
/// = + - @ (or TAB/CR, which some spreadsheets strip before parsing) would be
/// run as a formula, so it gets a leading apostrophe (OWASP's advice); a field
/// holding , ; " CR or LF is quoted with inner quotes doubled, so either
/// common delimiter parses it whole. Meant for text columns: the engine's own
/// numbers ("-12.50") would gain the apostrophe too, so write those directly.
/// A phone number ("+79120000001", "+7 912 000 00 01": a plus, then at least ten
/// digits and maybe spaces) computes nothing and stays as it is.
public func csvField(_ s: String) -> String {
    var value = s
    let isPhone = s.utf8.first == 0x2B && s.utf8.dropFirst().allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x20 }
        && s.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.count >= 10
    if !isPhone, let first = s.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D {
        value = "'" + s
    }
    guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x3B || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return value }
    var out = [UInt8]()
    out.reserveCapacity(value.utf8.count + 4)
    out.append(0x22)
    for b in value.utf8 {
        out.append(b)
        if b == 0x22 { out.append(0x22) }
    }
    out.append(0x22)
    return String(decoding: out, as: UTF8.self)
}
