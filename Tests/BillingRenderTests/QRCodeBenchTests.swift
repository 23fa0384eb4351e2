import Foundation
import Testing
@testable import BillingRender

// Timing harness, skipped unless QR_BENCH is set. Run in release:
//   QR_BENCH=1 swift test -c release --filter QRCodeBench
// Prints µs per encode (and per encode + svg()) for 100/300/600-byte payloads, and
// checks what the timing relies on: every payload fits, a longer one needs a larger
// version, and encoding is deterministic (same mask, same SVG each time).

private func benchPayload(_ length: Int) -> [UInt8] {
    // GOST-like text: ASCII keys and digits mixed with two-byte Cyrillic.
    let base = Array("ST00012|Name=ООО «Энергосбыт»|PersonalAcc=40702810900000012345|BIC=044525225|Purpose=Оплата электроэнергии за октябрь 2026 года, лицевой счёт 7400123456|".utf8)
    var out = [UInt8]()
    while out.count < length { out += base }
    return Array(out.prefix(length))
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["QR_BENCH"] != nil))
func qrEncodeTiming() throws {
    let clock = ContinuousClock()
    var versions: [Int] = []
    for length in [100, 300, 600] {
        let bytes = benchPayload(length)
        var sink = 0
        for _ in 0..<200 { sink &+= try QRCode(bytes: bytes).mask }
        let iterations = 300
        var best = Duration.seconds(1000), bestSVG = Duration.seconds(1000)
        for _ in 0..<40 {  // best of 40 batches: the machine may be shared
            let e = try clock.measure { for _ in 0..<iterations { sink &+= try QRCode(bytes: bytes).mask } }
            best = min(best, e)
            let s = try clock.measure { for _ in 0..<iterations { sink &+= try QRCode(bytes: bytes).svg().utf8.count } }
            bestSVG = min(bestSVG, s)
        }
        let q = try QRCode(bytes: bytes)
        let again = try QRCode(bytes: bytes)
        #expect(q.mask == again.mask && q.svg() == again.svg(), "encoding \(length) B is deterministic")
        #expect(best < .milliseconds(50 * iterations), "encode of \(length) B under 50 ms even on a shared machine")
        versions.append(Int(q.version))
        func us(_ d: Duration) -> String {
            let ns = d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
            let per = ns * 10 / Int64(iterations) / 1000  // tenths of µs
            return "\(per / 10).\(per % 10) µs"
        }
        print("QR bench \(length) B: version \(q.version) mask \(q.mask): encode \(us(best)), encode+svg \(us(bestSVG)) [\(sink & 1)]")
    }
    #expect(versions == versions.sorted() && Set(versions).count == 3, "versions \(versions) grow with the payload")
}
