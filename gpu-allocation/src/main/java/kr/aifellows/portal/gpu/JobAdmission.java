package kr.aifellows.portal.gpu;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import kr.aifellows.portal.gpu.JobRefusedException.Limit;

import org.springframework.jdbc.core.simple.JdbcClient;

import static kr.aifellows.portal.gpu.GpuJobs.CLUSTER_USER;
import static kr.aifellows.portal.gpu.GpuJobs.MAX_INPUT_FILES;
import static kr.aifellows.portal.gpu.GpuJobs.MAX_INPUT_FILE_BYTES;
import static kr.aifellows.portal.gpu.GpuJobs.MAX_SCRIPT_CHARS;
import static kr.aifellows.portal.gpu.GpuJobs.NAME;

/**
 * Admission of a job: every limit that needs no balance (name, script, files, GPUs,
 * nodes, time against the launcher's partitions), then balance, live GPUs and a valid
 * allocation under the fellow's wallet row lock, and the job recorded with its HOLD in
 * the same transaction.
 */
final class JobAdmission {

	private final GpuJobs.Context context;

	private final JdbcClient jdbc;

	private final Supplier<ClusterCapacity> capacity;

	JobAdmission(GpuJobs.Context context, Supplier<ClusterCapacity> capacity) {
		this.context = context;
		this.jdbc = context.jdbc();
		this.capacity = capacity;
	}

	/** Checks every limit and records the job with its HOLD; returns the new job's id. */
	long admit(JobRequest request) {
		validate(request);
		long hold = request.holdSeconds();
		return context.transaction().execute(status -> {
			Instant now = context.clock().instant();
			Timestamp nowTs = Timestamp.from(now);
			// One round trip: the wallet's row lock, its balance, its live GPUs and
			// whether an allocation is valid now.
			Wallet wallet = jdbc.sql("""
					select available, live_gpus,
					       exists (select 1 from gpu_allocation a where a.account_id = w.account_id and not a.expired
					               and a.valid_from <= ? and a.valid_until > ?) as active
					from gpu_wallet w where account_id = ? for update""")
				.params(nowTs, nowTs, request.accountId())
				.query((rs, row) -> new Wallet(rs.getLong("available"), rs.getLong("live_gpus"),
						rs.getBoolean("active")))
				.optional()
				.orElseThrow(() -> new JobRefusedException(Limit.NO_ALLOCATION, hold, 0));
			if (!wallet.active()) {
				throw new JobRefusedException(Limit.NO_ALLOCATION, hold, 0);
			}
			if (wallet.liveGpus() + request.gpus() > context.properties().maxConcurrentGpus()) {
				throw new JobRefusedException(Limit.CONCURRENT_GPUS, request.gpus(),
						Math.max(0, context.properties().maxConcurrentGpus() - wallet.liveGpus()));
			}
			if (hold > wallet.available()) {
				throw new JobRefusedException(Limit.BALANCE, hold, wallet.available());
			}
			// A second round trip writes the job, its HOLD entry and the wallet together.
			return jdbc
				.sql("""
						with job as (
						    insert into gpu_job (account_id, name, script, nodes, gpus_per_node, gpus, partition_name,
						                         time_limit_seconds, hold_seconds, launcher, state, submitted_at)
						    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?) returning id),
						hold as (
						    insert into gpu_ledger (account_id, kind, gpu_seconds, balance_delta, held_delta, job_id, reason,
						                            actor, recorded_at)
						    select ?, 'HOLD', ?, ?, ?, id, ?, 'fellow', ? from job)
						update gpu_wallet set available = available - ?, held = held + ?, live_gpus = live_gpus + ?
						where account_id = ? returning (select id from job)""")
				.params(request.accountId(), request.name(), request.script(), request.nodes(), request.gpusPerNode(),
						request.gpus(), request.partition(), request.timeLimit().toSeconds(), hold,
						context.launcher().name(), nowTs, request.accountId(), hold, -hold, hold,
						request.gpus() + " GPUs × " + request.timeLimit().toSeconds() + " s", nowTs, hold, hold,
						request.gpus(), request.accountId())
				.query(Long.class)
				.single();
		});
	}

	private record Wallet(long available, long liveGpus, boolean active) {
	}

	/**
	 * Checks everything that does not need the balance; throws the first limit broken.
	 */
	void validate(JobRequest request) {
		if (request.clusterUser() == null ? context.launcher().requiresClusterUser()
				: !CLUSTER_USER.matcher(request.clusterUser()).matches()) {
			throw new JobRefusedException(Limit.CLUSTER_USER, 0, 0);
		}
		if (request.name() == null || !NAME.matcher(request.name()).matches()) {
			throw new JobRefusedException(Limit.NAME, request.name() == null ? 0 : request.name().length(), 64);
		}
		if (request.script() == null || request.script().isBlank() || request.script().length() > MAX_SCRIPT_CHARS) {
			throw new JobRefusedException(Limit.SCRIPT, request.script() == null ? 0 : request.script().length(),
					MAX_SCRIPT_CHARS);
		}
		if (request.inputFiles().size() > MAX_INPUT_FILES) {
			throw new JobRefusedException(Limit.INPUT_FILES, request.inputFiles().size(), MAX_INPUT_FILES);
		}
		for (Map.Entry<String, byte[]> file : request.inputFiles().entrySet()) {
			if (!NAME.matcher(file.getKey()).matches()) {
				throw new JobRefusedException(Limit.INPUT_FILES, 0, 0);
			}
			if (file.getValue().length > MAX_INPUT_FILE_BYTES) {
				throw new JobRefusedException(Limit.INPUT_FILES, file.getValue().length, MAX_INPUT_FILE_BYTES);
			}
		}
		if (request.gpusPerNode() < 1 || request.gpusPerNode() > context.properties().maxGpusPerNode()) {
			throw new JobRefusedException(Limit.GPUS_PER_NODE, request.gpusPerNode(),
					context.properties().maxGpusPerNode());
		}
		ClusterCapacity capacity = this.capacity.get();
		ClusterCapacity.Partition partition = capacity.partitions()
			.stream()
			.filter(candidate -> candidate.name().equals(request.partition()))
			.findFirst()
			.orElseThrow(() -> new JobRefusedException(Limit.PARTITION, 0, 0));
		// A job wider than the partition's largest node would wait forever (Slurm) or
		// fail to launch (local).
		int largestNode = capacity.nodes()
			.stream()
			.filter(node -> List.of(node.partition().split(",")).contains(partition.name()))
			.mapToInt(ClusterCapacity.Node::gpusTotal)
			.max()
			.orElse(context.properties().maxGpusPerNode());
		if (request.gpusPerNode() > largestNode) {
			throw new JobRefusedException(Limit.GPUS_PER_NODE, request.gpusPerNode(),
					Math.min(largestNode, context.properties().maxGpusPerNode()));
		}
		int maxNodes = Math.min(context.properties().maxNodes(), Math.max(1, partition.nodes()));
		if (request.nodes() < 1 || request.nodes() > maxNodes) {
			throw new JobRefusedException(Limit.NODES, request.nodes(), maxNodes);
		}
		long maxSeconds = context.properties().maxTimeLimit().toSeconds();
		if (partition.maxTimeSeconds() > 0) {
			maxSeconds = Math.min(maxSeconds, partition.maxTimeSeconds());
		}
		if (request.timeLimit() == null || request.timeLimit().toSeconds() < 1
				|| request.timeLimit().toSeconds() > maxSeconds) {
			throw new JobRefusedException(Limit.TIME_LIMIT,
					request.timeLimit() == null ? 0 : request.timeLimit().toSeconds(), maxSeconds);
		}
	}

}
