import Testing
@testable import BillingPipeline

@Suite("Tuning")
struct TuningTests {
    @Test func offAndDefaultWithoutTheVariables() {
        let t = Tuning(environment: [:])
        #expect(t == Tuning())
        #expect(!t.timings && !t.profileSQL && t.closeCacheMB == 128)
        #expect(t.closeCachePragmaValue == -128 * 1024)
    }

    @Test func readsTheSameVariablesAsBefore() {
        let t = Tuning(environment: ["ENERGOBILL_TIMINGS": "1", "ENERGOBILL_PROFILE_SQL": "1", "ENERGOBILL_CLOSE_CACHE_MB": "64"])
        #expect(t.timings && t.profileSQL && t.closeCacheMB == 64)
        #expect(t.closeCachePragmaValue == -64 * 1024)
        #expect(Set(Tuning.variables) == ["ENERGOBILL_TIMINGS", "ENERGOBILL_PROFILE_SQL", "ENERGOBILL_CLOSE_CACHE_MB",
                                          "ENERGOBILL_KILL_AFTER_ACCOUNTS"])
        #expect(t.killAfterAccounts == nil)
    }

    @Test func theKillPointIsAPositiveCountOrNothing() {
        #expect(Tuning(environment: ["ENERGOBILL_KILL_AFTER_ACCOUNTS": "5000"]).killAfterAccounts == 5000)
        #expect(Tuning(environment: ["ENERGOBILL_KILL_AFTER_ACCOUNTS": "0"]).killAfterAccounts == nil)
        #expect(Tuning(environment: ["ENERGOBILL_KILL_AFTER_ACCOUNTS": "soon"]).killAfterAccounts == nil)
    }

    @Test func onlyOneSwitchesOnAndABadSizeKeepsTheDefault() {
        let t = Tuning(environment: ["ENERGOBILL_TIMINGS": "yes", "ENERGOBILL_PROFILE_SQL": "0", "ENERGOBILL_CLOSE_CACHE_MB": "lots"])
        #expect(!t.timings && !t.profileSQL && t.closeCacheMB == 128)
        let huge = Tuning(closeCacheMB: Int.max)
        #expect(huge.closeCachePragmaValue == -128 * 1024, "a size that overflows in KiB falls back instead of trapping")
    }
}
