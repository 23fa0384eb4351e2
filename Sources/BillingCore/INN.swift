/// The taxpayer number (ИНН) check digits of the ФНС algorithm: 10 digits for an
/// organisation (one check digit), 12 for an individual or sole trader (two).
public enum INN {
    private static let w10 = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    private static let w11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
    private static let w12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]

    public static func isValid(_ text: String) -> Bool {
        let d = text.utf8.map { Int($0) - 48 }
        guard d.allSatisfy({ (0...9).contains($0) }) else { return false }
        func check(_ w: [Int]) -> Int { zip(w, d).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10 }
        switch d.count {
        case 10: return check(w10) == d[9]
        case 12: return check(w11) == d[10] && check(w12) == d[11]
        default: return false
        }
    }
}
