#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the pipeline talks to the operator: results to stdout, progress and
/// diagnostics to stderr. Progress only when stderr is a terminal and not --quiet.
public final class Console: @unchecked Sendable {
    public let quiet: Bool
    public let showsProgress: Bool
    private var progressShown = false
    /// Put before every diagnostic line ("shard 3/8: "), so a cluster's logs say who spoke.
    public var linePrefix = ""

    public init(quiet: Bool) {
        self.quiet = quiet
        self.showsProgress = !quiet && isatty(2) == 1
    }

    public func out(_ s: String) { write(1, s + "\n") }
    public func err(_ s: String) {
        clearProgress()
        write(2, linePrefix + s + "\n")
    }
    /// The one-line summary at the end of long work; silenced by --quiet.
    public func summary(_ s: String) {
        guard !quiet else { return }
        clearProgress()
        write(2, linePrefix + s + "\n")
    }
    public func progress(_ s: String) {
        guard showsProgress else { return }
        write(2, "\r\u{1B}[K" + s)
        progressShown = true
    }
    public func clearProgress() {
        if progressShown { write(2, "\r\u{1B}[K"); progressShown = false }
    }

    private func write(_ fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { buf in
            var off = 0
            while off < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                if n <= 0 { break }
                off += n
            }
        }
    }
}
