/// How money reached the supplier: a closed list of stable codes (stored, in JSON and
/// CSV) with the Russian name a payment document prints. Banks and 1C exports write
/// the Russian names; those are accepted as aliases and stored as the code.
public enum PaymentChannel: String, CaseIterable, Sendable {
    case lk, sberbank, vtb, sbp, bank, bankTransfer = "bank_transfer", pochta, kassa, terminal, card, gosuslugi

    public var russian: String {
        switch self {
        case .lk: "личный кабинет"
        case .sberbank: "Сбербанк"
        case .vtb: "ВТБ"
        case .sbp: "СБП"
        case .bank: "банк"
        case .bankTransfer: "банковский перевод"
        case .pochta: "Почта России"
        case .kassa: "касса"
        case .terminal: "платёжный терминал"
        case .card: "банковская карта"
        case .gosuslugi: "Госуслуги"
        }
    }

    /// The channel a file names, by code or by a Russian name (letter case ignored).
    public init?(named text: String) {
        if let c = PaymentChannel(rawValue: text) { self = c; return }
        let key = text.lowercased()
        if let c = PaymentChannel(rawValue: key) { self = c; return }
        guard let c = Self.aliases[key] else { return nil }
        self = c
    }

    private static let aliases: [String: PaymentChannel] = {
        var out: [String: PaymentChannel] = [:]
        for c in PaymentChannel.allCases { out[c.russian.lowercased()] = c }
        let more: [(String, PaymentChannel)] = [
            ("сбербанк онлайн", .sberbank), ("сбер", .sberbank), ("сбербанк россии", .sberbank), ("sber", .sberbank),
            ("втб онлайн", .vtb), ("система быстрых платежей", .sbp), ("почта", .pochta), ("почта россии", .pochta),
            ("касса", .kassa), ("касса поставщика", .kassa), ("терминал", .terminal), ("карта", .card),
            ("банковский перевод", .bankTransfer), ("платёжное поручение", .bankTransfer), ("платежное поручение", .bankTransfer),
            ("лк", .lk), ("личный кабинет", .lk), ("госуслуги", .gosuslugi),
        ]
        for (k, v) in more { out[k] = v }
        return out
    }()

    /// The codes, for a reject reason.
    public static var codeList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
