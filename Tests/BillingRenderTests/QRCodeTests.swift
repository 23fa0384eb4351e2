import Foundation
import Testing
@testable import BillingRender
import BillingCore

// Reference matrices were produced once with segno 1.6.6 (byte mode, level M,
// automatic version and mask) with one correction: segno appends a whole zero
// byte when the bit stream is already byte-aligned after the terminator,
// whereas ISO/IEC 18004 §7.4.10 pads only to the codeword boundary; with that
// patched, segno agreed with this encoder on version, mask and every module
// for 48 payloads of 1–2331 bytes, and the `qrcode` package agreed on all
// eight forced masks of each. "#" = dark.

private let helloWorldV1: [String] = [
    "#######.##..#.#######",
    "#.....#....#..#.....#",
    "#.###.#..#.#..#.###.#",
    "#.###.#.#..#..#.###.#",
    "#.###.#.###.#.#.###.#",
    "#.....#.#..#..#.....#",
    "#######.#.#.#.#######",
    "........#..##........",
    "#...#.######.#####..#",
    "...#....#.###....####",
    "..######..##.##.#..#.",
    "#####...##...#.......",
    "#####.#.#.#.#.##..##.",
    "........#.#.####.#.##",
    "#######.###.#.#.##.#.",
    "#.....#..#.###.##..##",
    "#.###.#.##.#.##...##.",
    "#.###.#..#..#...##.##",
    "#.###.#..###...###...",
    "#.....#....#.#.......",
    "#######.#########.#.#",
]

private let gostV7Text = "ST00012|Name=ООО «Энергосбыт»|PersonalAcc=40702810900000012345|BIC=044525225|PersAcc=1234567890"

private let gostV7: [String] = [
    "#######.....#..###...#.##...#....#..#.#######",
    "#.....#.....##.##.#...##.###.##....#..#.....#",
    "#.###.#.##..#.#........##..###.###.#..#.###.#",
    "#.###.#.#.#....##.##.###.#....#..#.##.#.###.#",
    "#.###.#.#.#.#..###.######...###.#.###.#.###.#",
    "#.....#.####..#..#.##...##..####......#.....#",
    "#######.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#######",
    "........##.#.......##...#..######.#.#........",
    "#.#####...#...#.##..#####..#..#..###..#####..",
    "..###..##...##....##...######.###...#..#..##.",
    ".....##...##.##...##....#...##...##.####.#.#.",
    "##.##..#.####.#####..#.#####.######.#..###.##",
    "##...##...##..###..#..#.#.#.##.#..#.##...##..",
    ".#.###.#..#....##.#...##.#.##.###.#..##.....#",
    "..##.#####...##########.#.#.##..#..###.#..##.",
    "..##.#...#.##..###....#.####.#.#.#..#...#.#..",
    "....#.#.####.#.#..#.##.###.....###..#..#.#...",
    "#...##..##....####...#.......#.#.#.##....####",
    "#.##.####.##.##..#####.##########.#.#######..",
    "####.#...#..##.####..########.####.#...#.##.#",
    ".#.#######..#.#..##.#####.#...#..#########...",
    "....#...###......#..#...###.####.#.##...#####",
    "##.##.#.##.#.##...###.#.#..#...#..#.#.#.#.#.#",
    "##.##...###..#...##.#...#....#####..#...#.#..",
    "#########..#.##...#######.#####....#######...",
    ".....#...##.##.#.###..#.#.##.##.#....####.##.",
    ".#.##.##....####..##.#....##.#...###.#....##.",
    ".##..#.###.#.#.##.#...#....#...###.##.##....#",
    ".#.#..#..#...###.##..#..##.#..#.#...#...##.##",
    "###.#....####.#..##.#.#.##.#..#.###.##.#..##.",
    "#....##..##.##....##.#..#.##.#...#.....#.###.",
    "..####......#.##...#####...#..####...###..#..",
    "#.###.###.##.##.#..###........#..#.#...#.#.##",
    "..##....##.######..#..##...##..#.#..#.....###",
    "....#.#.#..###...##.##.#.###.###..#...#.#....",
    ".####...##....##....#...#...######.#.###.##..",
    "#..##.##..#....#.#..######...##...#.######...",
    "........#.##.##.#.###...#..####..#..#...#.##.",
    "#######....#..#.##.##.#.##.#.#.#..###.#.#.###",
    "#.....#.#...##...##.#...#.#..#.##.#.#...#.#..",
    "#.###.#.#..#####.#..#######.#.#.....######...",
    "#.###.#.###.####.#.#.#..########...#....##..#",
    "#.###.#.#....####.###..###..#.#..##.#..#...#.",
    "#.....#..####.##..##..#.###.#....#.#...#.#...",
    "#######.##.....#.#.##..##..#.######.####.###.",
]

private func rows(_ q: QRCode) -> [String] {
    (0..<q.size).map { y in String((0..<q.size).map { x in q.isDark(x: x, y: y) ? "#" : "." }) }
}

@Test func helloWorldChoosesVersion1AndMask4() throws {
    let q = try QRCode(text: "HELLO WORLD")
    #expect(q.version == 1)
    #expect(q.size == 21)
    #expect(q.mask == 4)
    // Level M (indicator 00), mask 100, BCH(15,5), XOR 101010000010010.
    #expect(QRCode.formatBits(mask: q.mask) == 0b100010111111001)
}

@Test func formatBitsMatchTheStandardTableForLevelM() {
    let table = [0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
                 0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000]
    #expect((0..<8).map { QRCode.formatBits(mask: $0) } == table)
}

@Test func formatBitsAreReadableFromTheSymbol() throws {
    let q = try QRCode(text: "HELLO WORLD")
    // First copy: bits 14…9 along row 8 left of the timing column, then 8 at x=7.
    var bits = 0
    for x in [0, 1, 2, 3, 4, 5, 7] { bits = bits << 1 | (q.isDark(x: x, y: 8) ? 1 : 0) }
    for y in [8, 7, 5, 4, 3, 2, 1, 0] { bits = bits << 1 | (q.isDark(x: 8, y: y) ? 1 : 0) }
    #expect(bits == 0b100010111111001)
}

@Test func versionInformationForVersion7() {
    // Table D.1 of ISO/IEC 18004: version 7 → 000111110010010100.
    #expect(QRCode.versionBits(version: 7) == 0b000111110010010100)
    #expect(QRCode.versionBits(version: 40) == 0b101000110001101001)
}

@Test func helloWorldMatrixMatchesReference() throws {
    #expect(rows(try QRCode(text: "HELLO WORLD")) == helloWorldV1)
}

@Test func cyrillicVersion7MatrixMatchesReference() throws {
    let q = try QRCode(text: gostV7Text)
    #expect(q.version == 7)
    #expect(q.mask == 2)
    #expect(rows(q) == gostV7)
}

@Test func reedSolomonMatchesTheStandardExample() {
    // ISO/IEC 18004 Annex I: "01234567" 1-M data and its ten ECC codewords.
    let data: [UInt8] = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17]
    let ecc = ReedSolomon.remainder(data[...], generator: ReedSolomon.generator(degree: 10))
    #expect(ecc == [165, 36, 212, 193, 237, 54, 199, 135, 44, 85])
}

@Test func smallestVersionIsChosenAtCapacityBoundaries() throws {
    // Byte capacities at level M from the standard's table 7.
    let capacities = [1: 14, 2: 26, 5: 84, 7: 122, 10: 213, 20: 666, 40: 2331]
    for (version, capacity) in capacities {
        #expect(QRCode.byteCapacity(version: version) == capacity)
        #expect(try QRCode(bytes: [UInt8](repeating: 0x41, count: capacity)).version == version)
        if version < 40 {
            #expect(try QRCode(bytes: [UInt8](repeating: 0x41, count: capacity + 1)).version == version + 1)
        }
    }
}

@Test func dataBeyondVersion40IsRejected() {
    #expect(throws: QRCode.EncodingError.dataTooLong(byteCount: 2332, maximum: 2331)) {
        try QRCode(bytes: [UInt8](repeating: 0x41, count: 2332))
    }
}

@Test func svgIsCompactAndDeterministic() throws {
    let q = try QRCode(text: "HELLO WORLD")
    let svg = q.svg(moduleSize: 3, quietZone: 4)
    #expect(svg == q.svg(moduleSize: 3, quietZone: 4))
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"87\" height=\"87\" viewBox=\"0 0 29 29\" shape-rendering=\"crispEdges\">"))
    #expect(svg.contains("<rect width=\"29\" height=\"29\" fill=\"#fff\"/>"))
    // Top row: finder (7), light, "##" , light, finder — runs start at the quiet zone.
    #expect(svg.contains("d=\"M4 4h7v1h-7zM"))
    #expect(svg.hasSuffix("\"/></svg>"))
    #expect(svg.components(separatedBy: "<path").count == 2)
}

// MARK: - Round trip through a real decoder (rsvg-convert + zbarimg)

private func findTool(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Runs a tool and returns its exit status and standard output.
private func run(_ tool: String, _ arguments: [String]) throws -> (Int32, Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let stdout = Pipe()
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

private func gostPayload(purposeLength: Int) -> String {
    var p = PaymentQRPayload(name: "ПАО «Энергосбыт Плюс» | филиал", personalAcc: "40702810900000012345",
                             bankName: "ПАО Сбербанк", bic: "044525225", correspAcc: "30101810400000000225")
    p.payeeINN = "7701234567"
    p.kpp = "770101001"
    p.sum = Kopecks(123456)
    p.lastName = "Иванова"
    p.firstName = "Мария"
    p.middleName = "Петровна"
    p.payerAddress = "г. Челябинск, ул. Ленина, д. 10, кв. 15"
    p.persAcc = "7400123456"
    p.paymPeriod = Period(year: 2026, month: 10)
    p.counterId = "011552148"
    p.counterVal = "T1 12345; T2 6789"
    p.addAmount = Kopecks(1234)
    let filler = "Оплата электроэнергии за октябрь 2026 года, лицевой счёт 7400123456. "
    var purpose = ""
    while purpose.count < purposeLength { purpose += filler }
    p.purpose = String(purpose.prefix(purposeLength))
    return p.text
}

private func minimalGostPayload() -> String {
    var p = PaymentQRPayload(name: "АО «Энергосбыт»", personalAcc: "40702810900000012345",
                             bankName: "ПАО Сбербанк", bic: "044525225", correspAcc: "30101810400000000225")
    p.payeeINN = "7701234567"
    p.persAcc = "7400123456"
    p.sum = Kopecks(98765)
    p.paymPeriod = Period(year: 2026, month: 10)
    p.purpose = "Электроэнергия, лицевой счёт 7400123456"
    return p.text
}

@Test func roundTripThroughRealDecoder() throws {
    guard let rsvg = findTool("rsvg-convert"), let zbar = findTool("zbarimg") else {
        Issue.record("rsvg-convert and zbarimg are required for the QR round-trip test: apt-get update && apt-get install -y librsvg2-bin zbar-tools")
        return
    }
    let payloads = [
        "Свет 2026",
        "ST00012|Name=Тест",
        String(repeating: "energobill 0123456789 ", count: 5),
        minimalGostPayload(),
        gostPayload(purposeLength: 10),
        gostPayload(purposeLength: 60),
        gostPayload(purposeLength: 200),
        String(repeating: "Электроэнергия|", count: 40),
        String(repeating: "x", count: 1200),
    ]
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qr-roundtrip-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var versions = [Int]()
    for (i, text) in payloads.enumerated() {
        let q = try QRCode(text: text)
        versions.append(q.version)
        let svg = dir.appendingPathComponent("\(i).svg"), png = dir.appendingPathComponent("\(i).png")
        try q.svg(moduleSize: 4, quietZone: 4).write(to: svg, atomically: true, encoding: .utf8)
        let (renderStatus, _) = try run(rsvg, ["-o", png.path, svg.path])
        #expect(renderStatus == 0, "rsvg-convert failed for payload \(i)")
        let (status, out) = try run(zbar, ["--raw", "-q", png.path])
        var decoded = String(decoding: out, as: UTF8.self)
        if decoded.hasSuffix("\n") { decoded.removeLast() }
        #expect(status == 0, "zbarimg found no symbol in payload \(i) (version \(q.version))")
        #expect(decoded == text, "payload \(i), \(text.utf8.count) bytes, version \(q.version)")
    }
    #expect(versions.min() == 1, "versions \(versions)")
    #expect(versions.max()! >= 10)
    #expect(versions.contains { $0 >= 7 && $0 < 10 })
}

@Test func svgRenderingIsFast() throws {
    let q = try QRCode(text: gostPayload(purposeLength: 80))
    let clock = ContinuousClock()
    var total = 0
    let elapsed = clock.measure {
        for _ in 0..<200 { total &+= q.svg().utf8.count }
    }
    #expect(total > 0)
    // Generous bound so debug builds pass; release is far below 100 µs each.
    #expect(elapsed < .seconds(2))
}
