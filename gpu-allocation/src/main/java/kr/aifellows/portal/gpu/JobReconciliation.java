package kr.aifellows.portal.gpu;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Follows live jobs in the launcher and settles the finished ones: the charge of GPUs ×
 * elapsed, exactly once per job, the release of the rest of the hold, and the charge
 * counted against the fellow's allocations.
 */
final class JobReconciliation {

	private static final Logger log = LoggerFactory.getLogger(GpuJobs.class);

	private final GpuJobs.Context context;

	private final JdbcClient jdbc;

	JobReconciliation(GpuJobs.Context context) {
		this.context = context;
		this.jdbc = context.jdbc();
	}

	/**
	 * Compares these live jobs with the launcher: records state changes and settles the
	 * finished ones (also those that ended while the portal was down).
	 */
	void reconcile(List<GpuJob> live) {
		Map<String, GpuJob> byExternalId = new HashMap<>();
		Instant now = context.clock().instant();
		for (GpuJob job : live) {
			if (job.externalId() != null) {
				byExternalId.put(job.externalId(), job);
			}
			else if (job.submittedAt().plus(context.properties().launchTimeout()).isBefore(now)) {
				// One job that cannot be settled must not stop the others (nor the
				// start-up).
				try {
					recoverOrFail(job, now).ifPresent(externalId -> byExternalId.put(externalId, job));
				}
				catch (RuntimeException ex) {
					log.warn("Could not reconcile job {} without a launcher id: {}", job.id(), ex.toString());
				}
			}
		}
		if (byExternalId.isEmpty()) {
			return;
		}
		Map<String, JobStatus> statuses = context.launcher().statuses(byExternalId.keySet());
		for (Map.Entry<String, GpuJob> entry : byExternalId.entrySet()) {
			GpuJob job = entry.getValue();
			JobStatus status = statuses.get(entry.getKey());
			try {
				if (status != null && !status.state().isFinished()) {
					update(job, status);
					continue;
				}
				Optional<JobAccounting> accounting = context.launcher().accounting(entry.getKey());
				if (accounting.isPresent()) {
					settle(job.id(), accounting.get(), status == null ? null : status.reason());
				}
				else if (status != null) {
					update(job, status);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not reconcile job {} ({}): {}", job.id(), entry.getKey(), ex.toString());
			}
		}
	}

	private Optional<String> recoverOrFail(GpuJob job, Instant now) {
		Optional<String> recovered = context.launcher().recover(job.id());
		if (recovered.isPresent()) {
			jdbc.sql("update gpu_job set external_id = ? where id = ?").params(recovered.get(), job.id()).update();
		}
		else {
			settle(job.id(), new JobAccounting(JobState.LAUNCH_FAILED, null, now, null, 0, 0, -1, -1),
					"no launcher id after " + context.properties().launchTimeout());
		}
		return recovered;
	}

	private void update(GpuJob job, JobStatus status) {
		jdbc.sql("""
				update gpu_job set state = ?, started_at = coalesce(?, started_at), placement = coalesce(?, placement),
				                   reason = ?
				where id = ? and settled_at is null""")
			.params(status.state().name(), status.startedAt() == null ? null : Timestamp.from(status.startedAt()),
					emptyToNull(status.placement()), emptyToNull(status.reason()), job.id())
			.update();
	}

	/**
	 * Charges a finished job and releases the rest of its hold, exactly once: a job
	 * already settled is left alone, and the ledger's unique index refuses a second
	 * charge anyway. What ran beyond the hold is charged as far as the balance allows and
	 * recorded as overrun.
	 */
	void settle(long jobId, JobAccounting accounting, String reason) {
		context.transaction().executeWithoutResult(status -> {
			long accountId = jdbc.sql("select account_id from gpu_job where id = ?")
				.param(jobId)
				.query(Long.class)
				.single();
			Balance balance = context.ledger().lockWallet(accountId).orElseThrow();
			GpuJob job = jdbc.sql("select * from gpu_job where id = ? for update")
				.param(jobId)
				.query(GpuJobs::job)
				.single();
			if (job.settled()) {
				return;
			}
			Instant now = context.clock().instant();
			long used = Math.max(0, accounting.gpuSeconds());
			long hold = job.holdSeconds();
			long fromHold = Math.min(used, hold);
			long overrun = used - fromHold;
			long billableOverrun = Math.min(overrun, balance.available());
			long unbilled = overrun - billableOverrun;
			long charged = fromHold + billableOverrun;
			String chargeReason = accounting.state() + ", " + accounting.elapsedSeconds() + " s × " + job.gpus()
					+ " GPUs";
			if (overrun > 0) {
				chargeReason += "; overrun " + overrun + " GPU-s beyond the hold"
						+ (unbilled > 0 ? ", " + unbilled + " GPU-s unbilled (balance exhausted)" : "");
			}
			context.ledger()
				.append(accountId, LedgerEntry.Kind.CHARGE, charged, -billableOverrun, -fromHold, null, jobId,
						chargeReason, "system", now);
			context.ledger()
				.append(accountId, LedgerEntry.Kind.RELEASE, hold - fromHold, hold - fromHold, -(hold - fromHold), null,
						jobId, "rest of the hold", "system", now);
			attributeToAllocations(accountId, charged, now);
			jdbc.sql("update gpu_wallet set live_gpus = live_gpus - ? where account_id = ?")
				.params(job.gpus(), accountId)
				.update();
			Instant ended = accounting.endedAt() != null ? accounting.endedAt() : now;
			jdbc.sql("""
					update gpu_job set state = ?, started_at = coalesce(?, started_at), ended_at = ?, exit_code = ?,
					    elapsed_seconds = ?, charged_seconds = ?, overrun_seconds = ?, unbilled_seconds = ?,
					    cpu_seconds = ?, peak_memory_bytes = ?, reason = coalesce(?, reason), settled_at = ?
					where id = ?""")
				.params(accounting.state().name(),
						accounting.startedAt() == null ? null : Timestamp.from(accounting.startedAt()),
						Timestamp.from(ended), accounting.exitCode(), accounting.elapsedSeconds(), charged, overrun,
						unbilled, accounting.cpuSeconds() < 0 ? null : accounting.cpuSeconds(),
						accounting.peakMemoryBytes() < 0 ? null : accounting.peakMemoryBytes(), emptyToNull(reason),
						Timestamp.from(now), jobId)
				.update();
			context.events().publishEvent(new JobFinished(jobId, accountId, job.name(), accounting.state(), charged));
		});
	}

	/** Counts a charge against the fellow's allocations, those ending soonest first. */
	private void attributeToAllocations(long accountId, long charged, Instant now) {
		long rest = charged;
		List<long[]> open = new ArrayList<>(jdbc.sql("""
				select id, gpu_seconds - used_seconds from gpu_allocation
				where account_id = ? and not expired and used_seconds < gpu_seconds order by valid_until, id""")
			.param(accountId)
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list());
		for (long[] allocation : open) {
			if (rest <= 0) {
				break;
			}
			long part = Math.min(rest, allocation[1]);
			jdbc.sql("update gpu_allocation set used_seconds = used_seconds + ? where id = ?")
				.params(part, allocation[0])
				.update();
			rest -= part;
		}
	}

	private static String emptyToNull(String text) {
		return text == null || text.isBlank() ? null : text;
	}

}
