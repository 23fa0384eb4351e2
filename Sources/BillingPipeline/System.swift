#if canImport(Glibc)
import Glibc
#endif

enum System {
    /// Online cores, for splitting compute; at least 1.
    static let coreCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
