package kr.aifellows.portal.gpu.slurm;

import java.time.Instant;
import java.util.Optional;

import kr.aifellows.portal.gpu.JobSpec;

import org.springframework.modulith.NamedInterface;

/**
 * When the scheduler expects a job to start, for the job form and a queued job's page. A
 * launcher that can not tell (the local one) does not implement it.
 */
@NamedInterface("queue-wait")
public interface QueueWaitEstimator {

	/**
	 * When a job like this would start if it were submitted now, without submitting it.
	 */
	Optional<Instant> expectedStart(JobSpec spec);

	/**
	 * When a queued job is expected to start; empty when it runs, has ended or the
	 * scheduler can not tell yet.
	 */
	Optional<Instant> expectedStart(String externalId);

}
