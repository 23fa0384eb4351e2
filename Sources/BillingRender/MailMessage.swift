import BillingCore

/// A ready RFC 5322 message for `sendmail -t` (SPEC "Debt work and delivery"): From,
/// To, an RFC 2047 Subject, a Date and Message-ID given by the caller (derived from
/// the document, so a re-run writes the same bytes), then multipart/mixed holding a
/// multipart/alternative (text/plain summary, the HTML document) and the same HTML
/// as an attachment. CRLF line ends; every body base64, wrapped at 76.
/// Addresses must be plain addr-specs (`isPlainEmailAddress`): the caller checks.
public struct MailMessage: Sendable {
    public var fromName: String
    public var fromAddress: String
    public var toName: String
    public var toAddress: String
    public var subject: String
    /// Local date and time of the message and the region's offset east of UTC in minutes.
    public var date: CivilDate
    public var hour: Int
    public var utcOffsetMinutes: Int
    /// `id-left` of the Message-ID: letters, digits, '.', '-' and '_' only (it also names the boundaries).
    public var idLeft: String
    public var text: String
    public var html: [UInt8]
    public var attachmentName: String

    public init(fromName: String, fromAddress: String, toName: String, toAddress: String, subject: String,
                date: CivilDate, hour: Int = 9, utcOffsetMinutes: Int, idLeft: String, text: String, html: [UInt8],
                attachmentName: String) {
        self.fromName = fromName; self.fromAddress = fromAddress; self.toName = toName; self.toAddress = toAddress
        self.subject = subject; self.date = date; self.hour = hour; self.utcOffsetMinutes = utcOffsetMinutes
        self.idLeft = idLeft; self.text = text; self.html = html; self.attachmentName = attachmentName
    }

    public var messageId: String {
        let domain = fromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        return "<" + idLeft + "@" + domain + ">"
    }

    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(html.count * 3 + 4096)
        func line(_ s: String) { out.append(contentsOf: s.utf8); out.append(0x0D); out.append(0x0A) }
        let mixed = "=_mixed_" + idLeft, alternative = "=_alt_" + idLeft
        line("From: " + encodedWords(fromName, maxBytes: 45).joined(separator: "\r\n ") + "\r\n <" + fromAddress + ">")
        line("To: " + encodedWords(toName, maxBytes: 45).joined(separator: "\r\n ") + "\r\n <" + toAddress + ">")
        line("Subject: " + encodedWords(subject, maxBytes: 39).joined(separator: "\r\n "))
        line("Date: " + rfc5322Date(date, hour: hour, offsetMinutes: utcOffsetMinutes))
        line("Message-ID: " + messageId)
        line("MIME-Version: 1.0")
        line("Content-Type: multipart/mixed;\r\n boundary=\"" + mixed + "\"")
        line("")
        line("--" + mixed)
        line("Content-Type: multipart/alternative;\r\n boundary=\"" + alternative + "\"")
        line("")
        line("--" + alternative)
        part("text/plain; charset=UTF-8", Array(text.utf8), disposition: nil, into: &out)
        line("--" + alternative)
        part("text/html; charset=UTF-8", html, disposition: nil, into: &out)
        line("--" + alternative + "--")
        line("--" + mixed)
        part("text/html; charset=UTF-8; name=\"" + attachmentName + "\"", html,
             disposition: "attachment; filename=\"" + attachmentName + "\"", into: &out)
        line("--" + mixed + "--")
        return out
    }
}

private func part(_ type: String, _ body: [UInt8], disposition: String?, into out: inout [UInt8]) {
    var head = "Content-Type: " + type + "\r\n"
    if let disposition { head += "Content-Disposition: " + disposition + "\r\n" }
    head += "Content-Transfer-Encoding: base64\r\n\r\n"
    out.append(contentsOf: head.utf8)
    appendBase64(body, lineLength: 76, into: &out)
}

private let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

/// Base64 (RFC 4648) of `bytes`; with a line length, CRLF after every full line and after the last.
func appendBase64(_ bytes: [UInt8], lineLength: Int? = nil, into out: inout [UInt8]) {
    var column = 0
    func emit(_ c: UInt8) {
        out.append(c)
        column += 1
        if let l = lineLength, column == l { out.append(0x0D); out.append(0x0A); column = 0 }
    }
    var i = 0
    while i < bytes.count {
        let n = min(3, bytes.count - i)
        let b0 = UInt32(bytes[i]), b1 = n > 1 ? UInt32(bytes[i + 1]) : 0, b2 = n > 2 ? UInt32(bytes[i + 2]) : 0
        let v = b0 << 16 | b1 << 8 | b2
        emit(base64Alphabet[Int(v >> 18 & 63)])
        emit(base64Alphabet[Int(v >> 12 & 63)])
        emit(n > 1 ? base64Alphabet[Int(v >> 6 & 63)] : 0x3D)
        emit(n > 2 ? base64Alphabet[Int(v & 63)] : 0x3D)
        i += 3
    }
    if lineLength != nil && column > 0 { out.append(0x0D); out.append(0x0A) }
}

/// RFC 2047 `=?UTF-8?B?…?=` words of at most `maxBytes` bytes of text each (whole
/// characters; 45 bytes make the longest word allowed, 75 characters), so that a header
/// line with its name stays within 78 characters. Readers join adjacent words without
/// the folding space between them (RFC 2047 §6.2), so a word may end inside a name.
func encodedWords(_ text: String, maxBytes: Int) -> [String] {
    var words: [String] = [], chunk: [UInt8] = []
    func flush() {
        var b: [UInt8] = []
        appendBase64(chunk, into: &b)
        words.append("=?UTF-8?B?" + String(decoding: b, as: UTF8.self) + "?=")
        chunk.removeAll()
    }
    for ch in text {
        let bytes = Array(String(ch).utf8)
        if chunk.count + bytes.count > maxBytes && !chunk.isEmpty { flush() }
        chunk += bytes
    }
    if !chunk.isEmpty || words.isEmpty { flush() }
    return words
}

/// "Sun, 01 Nov 2026 09:00:00 +0500".
func rfc5322Date(_ d: CivilDate, hour: Int, offsetMinutes: Int) -> String {
    let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let weekday = days[((d.dayNumber % 7) + 7) % 7]
    let m = abs(offsetMinutes)
    func two(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
    return weekday + ", " + two(d.day) + " " + months[d.month - 1] + " " + String(d.year) + " " + two(hour) + ":00:00 "
        + (offsetMinutes < 0 ? "-" : "+") + two(m / 60) + two(m % 60)
}
