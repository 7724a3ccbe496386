package kr.aifellows.portal.gpu;

import java.time.Instant;

/**
 * A job's state as the launcher sees it.
 *
 * @param state the state
 * @param startedAt when it started running, or null
 * @param endedAt when it ended, or null
 * @param exitCode the exit code once finished, or null
 * @param placement where it runs (node names and GPU indexes), or empty
 * @param reason the launcher's reason while queued or on failure, or empty
 */
public record JobStatus(JobState state, Instant startedAt, Instant endedAt, Integer exitCode, String placement,
		String reason) {
}
