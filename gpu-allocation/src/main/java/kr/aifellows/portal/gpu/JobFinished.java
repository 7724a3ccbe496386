package kr.aifellows.portal.gpu;

/**
 * A fellow's job ended and was settled: charged, its hold released.
 */
public record JobFinished(long jobId, long accountId, String name, JobState state, long chargedSeconds) {
}
