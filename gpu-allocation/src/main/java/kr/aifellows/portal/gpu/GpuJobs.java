package kr.aifellows.portal.gpu;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import kr.aifellows.portal.gpu.JobRefusedException.Limit;

/**
 * Admits fellows' jobs against their balance, hands them to the launcher, follows them and
 * settles them in the ledger. Admission holds GPUs × time limit under the fellow's wallet row
 * lock; settlement charges GPUs × elapsed exactly once per job and releases the rest.
 */
public class GpuJobs {

	private static final Logger log = LoggerFactory.getLogger(GpuJobs.class);

	/** Letters, digits, '.', '-', '_'; starts with a letter or digit. No shell metacharacters. */
	public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	/** A POSIX user name, as a fellow's cluster user must be. */
	public static final Pattern CLUSTER_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

	public static final int MAX_SCRIPT_CHARS = 65_536;

	public static final int MAX_INPUT_FILES = 5;

	public static final int MAX_INPUT_FILE_BYTES = 1024 * 1024;

	private static final Duration CAPACITY_TTL = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final TransactionTemplate transaction;

	private final JobLauncher launcher;

	private final GpuProperties properties;

	private final Clock clock;

	private volatile CachedCapacity cachedCapacity;

	private record CachedCapacity(ClusterCapacity capacity, Instant at) {
	}

	public GpuJobs(DataSource dataSource, PlatformTransactionManager transactionManager, JobLauncher launcher,
			GpuProperties properties, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.ledger = new Ledger(jdbc);
		this.transaction = new TransactionTemplate(transactionManager);
		this.launcher = launcher;
		this.properties = properties;
		this.clock = clock;
	}

	public GpuProperties limits() {
		return properties;
	}

	public String launcherName() {
		return launcher.name();
	}

	/**
	 * Checks the request, holds its GPU-seconds and starts it.
	 * @return the job; its state is LAUNCH_FAILED (nothing charged) when the launcher refused it
	 * @throws JobRefusedException when a limit refuses it; then nothing is held
	 */
	public GpuJob submit(JobRequest request) {
		long jobId = admit(request);
		JobSpec spec = new JobSpec(jobId, request.name(), request.script(), request.nodes(), request.gpusPerNode(),
				request.partition(), request.timeLimit(), request.clusterUser(), request.inputFiles());
		try {
			String externalId = launcher.submit(spec);
			jdbc.sql("update gpu_job set external_id = ? where id = ?").params(externalId, jobId).update();
		}
		catch (LaunchException ex) {
			log.warn("Job {} was not launched: {}", jobId, ex.getMessage());
			settle(jobId, new JobAccounting(JobState.LAUNCH_FAILED, null, clock.instant(), null, 0, 0, -1, -1),
					ex.getMessage());
		}
		return find(jobId).orElseThrow();
	}

	/**
	 * The admission step alone: checks every limit and records the job with its HOLD, in one
	 * transaction under the wallet lock. Returns the new job's id.
	 */
	public long admit(JobRequest request) {
		validate(request);
		long hold = request.holdSeconds();
		return transaction.execute(status -> {
			Instant now = clock.instant();
			Timestamp nowTs = Timestamp.from(now);
			// One round trip: the wallet's row lock, its balance, its live GPUs and whether an allocation is valid now.
			Wallet wallet = jdbc.sql("""
					select available, live_gpus,
					       exists (select 1 from gpu_allocation a where a.account_id = w.account_id and not a.expired
					               and a.valid_from <= ? and a.valid_until > ?) as active
					from gpu_wallet w where account_id = ? for update""")
				.params(nowTs, nowTs, request.accountId())
				.query((rs, row) -> new Wallet(rs.getLong("available"), rs.getLong("live_gpus"), rs.getBoolean("active")))
				.optional()
				.orElseThrow(() -> new JobRefusedException(Limit.NO_ALLOCATION, hold, 0));
			if (!wallet.active()) {
				throw new JobRefusedException(Limit.NO_ALLOCATION, hold, 0);
			}
			if (wallet.liveGpus() + request.gpus() > properties.maxConcurrentGpus()) {
				throw new JobRefusedException(Limit.CONCURRENT_GPUS, request.gpus(),
						Math.max(0, properties.maxConcurrentGpus() - wallet.liveGpus()));
			}
			if (hold > wallet.available()) {
				throw new JobRefusedException(Limit.BALANCE, hold, wallet.available());
			}
			// A second round trip writes the job, its HOLD entry and the wallet together.
			return jdbc.sql("""
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
						request.gpus(), request.partition(), request.timeLimit().toSeconds(), hold, launcher.name(),
						nowTs, request.accountId(), hold, -hold, hold,
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
	public void validate(JobRequest request) {
		if (request.clusterUser() == null ? launcher.requiresClusterUser()
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
		if (request.gpusPerNode() < 1 || request.gpusPerNode() > properties.maxGpusPerNode()) {
			throw new JobRefusedException(Limit.GPUS_PER_NODE, request.gpusPerNode(), properties.maxGpusPerNode());
		}
		ClusterCapacity capacity = capacity();
		ClusterCapacity.Partition partition = capacity.partitions()
			.stream()
			.filter(candidate -> candidate.name().equals(request.partition()))
			.findFirst()
			.orElseThrow(() -> new JobRefusedException(Limit.PARTITION, 0, 0));
		// A job wider than the partition's largest node would wait forever (Slurm) or fail to launch (local).
		int largestNode = capacity.nodes()
			.stream()
			.filter(node -> List.of(node.partition().split(",")).contains(partition.name()))
			.mapToInt(ClusterCapacity.Node::gpusTotal)
			.max()
			.orElse(properties.maxGpusPerNode());
		if (request.gpusPerNode() > largestNode) {
			throw new JobRefusedException(Limit.GPUS_PER_NODE, request.gpusPerNode(),
					Math.min(largestNode, properties.maxGpusPerNode()));
		}
		int maxNodes = Math.min(properties.maxNodes(), Math.max(1, partition.nodes()));
		if (request.nodes() < 1 || request.nodes() > maxNodes) {
			throw new JobRefusedException(Limit.NODES, request.nodes(), maxNodes);
		}
		long maxSeconds = properties.maxTimeLimit().toSeconds();
		if (partition.maxTimeSeconds() > 0) {
			maxSeconds = Math.min(maxSeconds, partition.maxTimeSeconds());
		}
		if (request.timeLimit() == null || request.timeLimit().toSeconds() < 1
				|| request.timeLimit().toSeconds() > maxSeconds) {
			throw new JobRefusedException(Limit.TIME_LIMIT, request.timeLimit() == null ? 0 : request.timeLimit().toSeconds(),
					maxSeconds);
		}
	}

	/** The Unix user the fellow's jobs run as on the cluster, when an administrator set one. */
	public Optional<String> clusterUser(long accountId) {
		return jdbc.sql("select cluster_user from gpu_wallet where account_id = ?")
			.param(accountId)
			.query(String.class)
			.optional()
			.filter(name -> name != null);
	}

	/** Whether the launcher refuses jobs of fellows without a cluster user. */
	public boolean requiresClusterUser() {
		return launcher.requiresClusterUser();
	}

	/**
	 * Sets (or with null or blank, clears) the fellow's cluster user after the launcher has checked
	 * that jobs can run as it. Jobs submitted afterwards run as the new user.
	 * @return the name now set, or empty when cleared
	 * @throws ClusterUserException when the name is not a POSIX user name, the launcher can not
	 * run jobs as it, or another fellow has it
	 */
	public Optional<String> assignClusterUser(long accountId, String name) {
		String user = name == null || name.isBlank() ? null : name.strip();
		if (user != null) {
			if (!CLUSTER_USER.matcher(user).matches()) {
				throw new ClusterUserException(ClusterUserException.Problem.INVALID_NAME, user);
			}
			launcher.checkClusterUser(user);
		}
		try {
			transaction.executeWithoutResult(status -> {
				ledger.ensureWallet(accountId);
				jdbc.sql("update gpu_wallet set cluster_user = ? where account_id = ?").params(user, accountId).update();
			});
		}
		catch (DuplicateKeyException ex) {
			throw new ClusterUserException(ClusterUserException.Problem.TAKEN, user);
		}
		return Optional.ofNullable(user);
	}

	/**
	 * Asks the launcher to stop a job of this fellow.
	 * @throws JobNotFoundException when the fellow has no such job
	 */
	public void cancel(long accountId, long jobId) {
		GpuJob job = find(accountId, jobId).orElseThrow(() -> new JobNotFoundException(jobId));
		if (job.settled()) {
			return;
		}
		if (job.externalId() != null) {
			launcher.cancel(job.externalId());
			reconcile(List.of(job));
		}
	}

	public Optional<GpuJob> find(long accountId, long jobId) {
		return jdbc.sql("select * from gpu_job where id = ? and account_id = ?")
			.params(jobId, accountId)
			.query(GpuJobs::job)
			.optional();
	}

	Optional<GpuJob> find(long jobId) {
		return jdbc.sql("select * from gpu_job where id = ?").param(jobId).query(GpuJobs::job).optional();
	}

	/** One fellow's jobs, newest first. */
	public List<GpuJob> jobs(long accountId, int offset, int limit) {
		return jdbc.sql("select * from gpu_job where account_id = ? order by id desc offset ? limit ?")
			.params(accountId, offset, limit)
			.query(GpuJobs::job)
			.list();
	}

	public long countJobs(long accountId) {
		return jdbc.sql("select count(*) from gpu_job where account_id = ?").param(accountId).query(Long.class).single();
	}

	/** Every fellow's queued and running jobs, oldest first (for the cluster page). */
	public List<GpuJob> liveJobs(int offset, int limit) {
		return jdbc.sql("select * from gpu_job where settled_at is null order by id offset ? limit ?")
			.params(offset, limit)
			.query(GpuJobs::job)
			.list();
	}

	public long countLiveJobs() {
		return jdbc.sql("select count(*) from gpu_job where settled_at is null").query(Long.class).single();
	}

	/** GPUs the fellow's queued and running jobs hold now. */
	public long liveGpus(long accountId) {
		return jdbc.sql("select live_gpus from gpu_wallet where account_id = ?")
			.param(accountId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/** The end of the job's output (empty when the launcher has none). */
	public String logTail(long accountId, long jobId, int maxBytes) {
		GpuJob job = find(accountId, jobId).orElseThrow(() -> new JobNotFoundException(jobId));
		if (job.externalId() == null) {
			return "";
		}
		try {
			return launcher.logTail(job.externalId(), maxBytes);
		}
		catch (RuntimeException ex) {
			log.debug("No log for job {}: {}", jobId, ex.getMessage());
			return "";
		}
	}

	/** The launcher's partitions and nodes, at most a few seconds old. */
	public ClusterCapacity capacity() {
		CachedCapacity cached = cachedCapacity;
		Instant now = clock.instant();
		if (cached == null || cached.at().plus(CAPACITY_TTL).isBefore(now)) {
			cached = new CachedCapacity(launcher.capacity(), now);
			cachedCapacity = cached;
		}
		return cached.capacity();
	}

	public Optional<ClusterCapacity.Partition> partition(String name) {
		return capacity().partitions().stream().filter(partition -> partition.name().equals(name)).findFirst();
	}

	/** Settled usage per fellow per month (by end time, UTC), months in [from, to]. */
	public List<MonthlyUsage> monthlyUsage(YearMonth from, YearMonth to) {
		return jdbc.sql("""
				select account_id, to_char(ended_at at time zone 'UTC', 'YYYY-MM') as month, count(*) as jobs,
				       coalesce(sum(charged_seconds), 0) as charged, coalesce(sum(overrun_seconds), 0) as overrun,
				       coalesce(sum(unbilled_seconds), 0) as unbilled
				from gpu_job where settled_at is not null and ended_at >= ? and ended_at < ?
				group by account_id, month order by month, account_id""")
			.params(Timestamp.from(from.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()),
					Timestamp.from(to.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
			.query((rs, row) -> new MonthlyUsage(rs.getLong("account_id"), YearMonth.parse(rs.getString("month")),
					rs.getLong("jobs"), rs.getLong("charged"), rs.getLong("overrun"), rs.getLong("unbilled")))
			.list();
	}

	/** Streams the settled jobs that ended in [from, to) to the consumer, oldest first. */
	public void forEachSettledJob(Instant from, Instant to, Consumer<GpuJob> consumer) {
		jdbc.sql("select * from gpu_job where settled_at is not null and ended_at >= ? and ended_at < ? order by ended_at, id")
			.params(Timestamp.from(from), Timestamp.from(to))
			.query(GpuJobs::job)
			.stream()
			.forEach(consumer);
	}

	/**
	 * Compares every live job with the launcher: records state changes and settles the finished
	 * ones (also those that ended while the portal was down).
	 */
	public void reconcileAll() {
		reconcile(jdbc.sql("select * from gpu_job where settled_at is null order by id").query(GpuJobs::job).list());
	}

	void reconcile(List<GpuJob> live) {
		Map<String, GpuJob> byExternalId = new HashMap<>();
		Instant now = clock.instant();
		for (GpuJob job : live) {
			if (job.externalId() != null) {
				byExternalId.put(job.externalId(), job);
			}
			else if (job.submittedAt().plus(properties.launchTimeout()).isBefore(now)) {
				Optional<String> recovered = launcher.recover(job.id());
				if (recovered.isPresent()) {
					jdbc.sql("update gpu_job set external_id = ? where id = ?").params(recovered.get(), job.id()).update();
					byExternalId.put(recovered.get(), job);
				}
				else {
					settle(job.id(), new JobAccounting(JobState.LAUNCH_FAILED, null, now, null, 0, 0, -1, -1),
							"no launcher id after " + properties.launchTimeout());
				}
			}
		}
		if (byExternalId.isEmpty()) {
			return;
		}
		Map<String, JobStatus> statuses = launcher.statuses(byExternalId.keySet());
		for (Map.Entry<String, GpuJob> entry : byExternalId.entrySet()) {
			GpuJob job = entry.getValue();
			JobStatus status = statuses.get(entry.getKey());
			try {
				if (status != null && !status.state().isFinished()) {
					update(job, status);
					continue;
				}
				Optional<JobAccounting> accounting = launcher.accounting(entry.getKey());
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
	 * Charges a finished job and releases the rest of its hold, exactly once: a job already
	 * settled is left alone, and the ledger's unique index refuses a second charge anyway.
	 * What ran beyond the hold is charged as far as the balance allows and recorded as overrun.
	 */
	void settle(long jobId, JobAccounting accounting, String reason) {
		transaction.executeWithoutResult(status -> {
			long accountId = jdbc.sql("select account_id from gpu_job where id = ?").param(jobId).query(Long.class).single();
			Balance balance = ledger.lockWallet(accountId).orElseThrow();
			GpuJob job = jdbc.sql("select * from gpu_job where id = ? for update").param(jobId).query(GpuJobs::job).single();
			if (job.settled()) {
				return;
			}
			Instant now = clock.instant();
			long used = Math.max(0, accounting.gpuSeconds());
			long hold = job.holdSeconds();
			long fromHold = Math.min(used, hold);
			long overrun = used - fromHold;
			long billableOverrun = Math.min(overrun, balance.available());
			long unbilled = overrun - billableOverrun;
			long charged = fromHold + billableOverrun;
			String chargeReason = accounting.state() + ", " + accounting.elapsedSeconds() + " s × " + job.gpus() + " GPUs";
			if (overrun > 0) {
				chargeReason += "; overrun " + overrun + " GPU-s beyond the hold"
						+ (unbilled > 0 ? ", " + unbilled + " GPU-s unbilled (balance exhausted)" : "");
			}
			ledger.append(accountId, LedgerEntry.Kind.CHARGE, charged, -billableOverrun, -fromHold, null, jobId,
					chargeReason, "system", now);
			ledger.append(accountId, LedgerEntry.Kind.RELEASE, hold - fromHold, hold - fromHold, -(hold - fromHold),
					null, jobId, "rest of the hold", "system", now);
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

	static GpuJob job(ResultSet rs, int row) throws SQLException {
		return new GpuJob(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"), rs.getString("script"),
				rs.getInt("nodes"), rs.getInt("gpus_per_node"), rs.getInt("gpus"), rs.getString("partition_name"),
				rs.getLong("time_limit_seconds"), rs.getLong("hold_seconds"), rs.getString("launcher"),
				rs.getString("external_id"), JobState.valueOf(rs.getString("state")), rs.getString("reason"),
				rs.getString("placement"), Ledger.instant(rs, "submitted_at"), Ledger.instant(rs, "started_at"),
				Ledger.instant(rs, "ended_at"), (Integer) rs.getObject("exit_code"),
				Ledger.nullableLong(rs, "elapsed_seconds"), Ledger.nullableLong(rs, "charged_seconds"),
				Ledger.nullableLong(rs, "overrun_seconds"), Ledger.nullableLong(rs, "unbilled_seconds"),
				Ledger.nullableLong(rs, "cpu_seconds"), Ledger.nullableLong(rs, "peak_memory_bytes"),
				rs.getTimestamp("settled_at") != null);
	}

}
