package kr.aifellows.portal.fellows;

import java.util.Locale;
import java.util.Optional;

import kr.aifellows.portal.gpu.Balance;
import kr.aifellows.portal.gpu.ClusterUserException;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.gpu.GpuJobs;
import kr.aifellows.portal.gpu.JobRefusedException;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.stereotype.Service;

/**
 * What administrators (and the chair) change by hand on a fellow's GPU account: the
 * cluster user the fellow's jobs run as, and adjustments of the balance. Each change is
 * audited.
 */
@Service
public class GpuAdministration {

	private final GpuJobs jobs;

	private final GpuAllocations allocations;

	private final AuditLog audit;

	GpuAdministration(GpuJobs jobs, GpuAllocations allocations, AuditLog audit) {
		this.jobs = jobs;
		this.allocations = allocations;
		this.audit = audit;
	}

	/**
	 * Sets or (blank) clears the fellow's cluster user.
	 * @throws ClusterUserException when the name is refused; nothing changes then
	 */
	public Optional<String> assignClusterUser(long fellowId, String fellowEmail, String name, String actorEmail) {
		Optional<String> before = jobs.clusterUser(fellowId);
		Optional<String> after = jobs.assignClusterUser(fellowId, name);
		if (!before.equals(after)) {
			audit.record(actorEmail, "GPU_CLUSTER_USER_SET", fellowEmail,
					before.orElse("(none)") + " -> " + after.orElse("(none)"));
		}
		return after;
	}

	/**
	 * Adds or removes GPU-seconds, once per token.
	 * @throws JobRefusedException when a removal is larger than the available balance
	 */
	public Balance adjust(long fellowId, String fellowEmail, long deltaSeconds, String reason, String actorEmail,
			String token) {
		long adjustedBefore = allocations.balance(fellowId).adjusted();
		Balance balance = allocations.adjust(fellowId, deltaSeconds, reason, actorEmail, "form:" + token);
		if (balance.adjusted() != adjustedBefore) {
			audit.record(actorEmail, "GPU_ADJUSTED", fellowEmail, deltaSeconds + " GPU-seconds ("
					+ String.format(Locale.ROOT, "%+.4f", deltaSeconds / 3600.0) + " GPU-hours): " + reason.strip());
		}
		return balance;
	}

}
