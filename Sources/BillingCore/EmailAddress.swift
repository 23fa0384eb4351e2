/// A bare addr-spec `local@domain` of printable ASCII without spaces, quotes, brackets,
/// commas or semicolons: safe to put into a mail header as is (no header injection).
public func isPlainEmailAddress(_ s: String) -> Bool {
    let b = Array(s.utf8)
    guard (3...254).contains(b.count), let at = b.firstIndex(of: 0x40), at > 0, at < b.count - 1,
          b.lastIndex(of: 0x40) == at else { return false }
    let domain = b[(at + 1)...]
    guard domain.contains(0x2E), domain.first != 0x2E, domain.last != 0x2E else { return false }
    let forbidden: Set<UInt8> = [0x22, 0x28, 0x29, 0x2C, 0x3A, 0x3B, 0x3C, 0x3E, 0x5B, 0x5C, 0x5D]
    return b.allSatisfy { $0 > 0x20 && $0 < 0x7F && !forbidden.contains($0) }
}
