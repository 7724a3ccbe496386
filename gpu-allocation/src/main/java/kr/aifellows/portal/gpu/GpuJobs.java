package kr.aifellows.portal.gpu;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admits fellows' jobs against their balance, hands them to the launcher, follows them
 * and settles them in the ledger. Admission holds GPUs × time limit under the fellow's
 * wallet row lock; settlement charges GPUs × elapsed exactly once per job and releases
 * the rest.
 */
public class GpuJobs {

	private static final Logger log = LoggerFactory.getLogger(GpuJobs.class);

	/**
	 * Letters, digits, '.', '-', '_'; starts with a letter or digit. No shell
	 * metacharacters.
	 */
	public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	/** A POSIX user name, as a fellow's cluster user must be. */
	public static final Pattern CLUSTER_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

	public static final int MAX_SCRIPT_CHARS = 65_536;

	public static final int MAX_INPUT_FILES = 5;

	public static final int MAX_INPUT_FILE_BYTES = 1024 * 1024;

	private static final Duration CAPACITY_TTL = Duration.ofSeconds(5);

	private final Context context;

	private final JdbcClient jdbc;

	private final JobAdmission admission;

	private final JobReconciliation reconciliation;

	private volatile CachedCapacity cachedCapacity;

	private record CachedCapacity(ClusterCapacity capacity, Instant at) {
	}

	/** What admission, reconciliation and the queries work with. */
	record Context(JdbcClient jdbc, Ledger ledger, TransactionTemplate transaction, JobLauncher launcher,
			GpuProperties properties, Clock clock, ApplicationEventPublisher events) {
	}

	public GpuJobs(DataSource dataSource, PlatformTransactionManager transactionManager, JobLauncher launcher,
			GpuProperties properties, Clock clock) {
		this(dataSource, transactionManager, launcher, properties, clock, event -> {
		});
	}

	/**
	 * As the other constructor; {@link JobFinished} goes to {@code events} inside the
	 * transaction that settles the job.
	 */
	public GpuJobs(DataSource dataSource, PlatformTransactionManager transactionManager, JobLauncher launcher,
			GpuProperties properties, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = JdbcClient.create(dataSource);
		this.context = new Context(jdbc, new Ledger(jdbc), new TransactionTemplate(transactionManager), launcher,
				properties, clock, events);
		this.admission = new JobAdmission(context, this::capacity);
		this.reconciliation = new JobReconciliation(context);
	}

	public GpuProperties limits() {
		return context.properties();
	}

	public String launcherName() {
		return context.launcher().name();
	}

	/** Whether jobs can be started now; a fellow sees it before submitting. */
	public LauncherHealth launcherHealth() {
		return context.launcher().health();
	}

	/**
	 * Checks the request, holds its GPU-seconds and starts it.
	 * @return the job; its state is LAUNCH_FAILED (nothing charged) when the launcher
	 * refused it
	 * @throws JobRefusedException when a limit refuses it; then nothing is held
	 */
	public GpuJob submit(JobRequest request) {
		long jobId = admit(request);
		JobSpec spec = new JobSpec(jobId, request.name(), request.script(), request.nodes(), request.gpusPerNode(),
				request.partition(), request.timeLimit(), request.clusterUser(), request.inputFiles());
		try {
			String externalId = context.launcher().submit(spec);
			jdbc.sql("update gpu_job set external_id = ? where id = ?").params(externalId, jobId).update();
		}
		catch (LaunchException ex) {
			log.warn("Job {} was not launched: {}", jobId, ex.getMessage());
			settle(jobId,
					new JobAccounting(JobState.LAUNCH_FAILED, null, context.clock().instant(), null, 0, 0, -1, -1),
					ex.getMessage());
		}
		return find(jobId).orElseThrow();
	}

	/**
	 * The admission step alone: checks every limit and records the job with its HOLD, in
	 * one transaction under the wallet lock. Returns the new job's id.
	 */
	public long admit(JobRequest request) {
		return admission.admit(request);
	}

	/**
	 * Checks everything that does not need the balance; throws the first limit broken.
	 */
	public void validate(JobRequest request) {
		admission.validate(request);
	}

	/**
	 * The Unix user the fellow's jobs run as on the cluster, when an administrator set
	 * one.
	 */
	public Optional<String> clusterUser(long accountId) {
		return jdbc.sql("select cluster_user from gpu_wallet where account_id = ?")
			.param(accountId)
			.query(String.class)
			.optional()
			.filter(name -> name != null);
	}

	/** Whether the launcher refuses jobs of fellows without a cluster user. */
	public boolean requiresClusterUser() {
		return context.launcher().requiresClusterUser();
	}

	/**
	 * Sets (or with null or blank, clears) the fellow's cluster user after the launcher
	 * has checked that jobs can run as it. Jobs submitted afterwards run as the new user.
	 * @return the name now set, or empty when cleared
	 * @throws ClusterUserException when the name is not a POSIX user name, the launcher
	 * can not run jobs as it, or another fellow has it
	 */
	public Optional<String> assignClusterUser(long accountId, String name) {
		String user = name == null || name.isBlank() ? null : name.strip();
		if (user != null) {
			if (!CLUSTER_USER.matcher(user).matches()) {
				throw new ClusterUserException(ClusterUserException.Problem.INVALID_NAME, user);
			}
			context.launcher().checkClusterUser(user);
		}
		try {
			context.transaction().executeWithoutResult(status -> {
				context.ledger().ensureWallet(accountId);
				jdbc.sql("update gpu_wallet set cluster_user = ? where account_id = ?")
					.params(user, accountId)
					.update();
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
			context.launcher().cancel(job.externalId());
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
		return jdbc.sql("select count(*) from gpu_job where account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single();
	}

	/** Every fellow's queued and running jobs, oldest first (for the cluster page). */
	/**
	 * The latest jobs the launcher refused to start, newest first, for administrators.
	 */
	public List<GpuJob> recentLaunchFailures(int limit) {
		return jdbc.sql("select * from gpu_job where state = 'LAUNCH_FAILED' order by id desc limit ?")
			.params(limit)
			.query(GpuJobs::job)
			.list();
	}

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
			return context.launcher().logTail(job.externalId(), maxBytes);
		}
		catch (RuntimeException ex) {
			log.debug("No log for job {}: {}", jobId, ex.getMessage());
			return "";
		}
	}

	/** The launcher's partitions and nodes, at most a few seconds old. */
	public ClusterCapacity capacity() {
		CachedCapacity cached = cachedCapacity;
		Instant now = context.clock().instant();
		if (cached == null || cached.at().plus(CAPACITY_TTL).isBefore(now)) {
			cached = new CachedCapacity(context.launcher().capacity(), now);
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

	/**
	 * Streams the settled jobs that ended in [from, to) to the consumer, oldest first.
	 */
	public void forEachSettledJob(Instant from, Instant to, Consumer<GpuJob> consumer) {
		jdbc.sql(
				"select * from gpu_job where settled_at is not null and ended_at >= ? and ended_at < ? order by ended_at, id")
			.params(Timestamp.from(from), Timestamp.from(to))
			.query(GpuJobs::job)
			.stream()
			.forEach(consumer);
	}

	/**
	 * Compares every live job with the launcher: records state changes and settles the
	 * finished ones (also those that ended while the portal was down).
	 */
	public void reconcileAll() {
		reconcile(jdbc.sql("select * from gpu_job where settled_at is null order by id").query(GpuJobs::job).list());
	}

	void reconcile(List<GpuJob> live) {
		reconciliation.reconcile(live);
	}

	/**
	 * Charges a finished job and releases the rest of its hold, exactly once (see
	 * {@link JobReconciliation#settle}).
	 */
	void settle(long jobId, JobAccounting accounting, String reason) {
		reconciliation.settle(jobId, accounting, reason);
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
