package kr.aifellows.portal.gpu;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grants, adjustments, expiry and balances of fellows' GPU-seconds. Fellows are
 * identified by their portal account id; the module knows nothing else about them.
 */
public class GpuAllocations {

	private static final Logger log = LoggerFactory.getLogger(GpuAllocations.class);

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final TransactionTemplate transaction;

	private final Clock clock;

	public GpuAllocations(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.ledger = new Ledger(jdbc);
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Grants GPU-seconds for a period. Idempotent per {@code (source, reference)}: a
	 * second call with the same pair changes nothing and returns the first grant.
	 * @param source where the grant comes from, e.g. {@code DECISION}, {@code TOP_UP},
	 * {@code ADMIN}
	 * @param reference the source's id for it (a decision id, a top-up request id, ...)
	 * @param actor who granted it, for the ledger
	 */
	public Allocation grant(long accountId, long gpuSeconds, Instant validFrom, Instant validUntil, String source,
			String reference, String actor) {
		if (gpuSeconds <= 0) {
			throw new IllegalArgumentException("A grant needs a positive number of GPU-seconds");
		}
		if (!validUntil.isAfter(validFrom)) {
			throw new IllegalArgumentException("A grant's period must end after it starts");
		}
		return transaction.execute(status -> {
			ledger.ensureWallet(accountId);
			ledger.lockWallet(accountId);
			List<Allocation> existing = jdbc.sql("select * from gpu_allocation where source = ? and reference = ?")
				.params(source, reference)
				.query(GpuAllocations::allocation)
				.list();
			if (!existing.isEmpty()) {
				return existing.getFirst();
			}
			Instant now = clock.instant();
			long id = jdbc
				.sql("""
						insert into gpu_allocation (account_id, gpu_seconds, valid_from, valid_until, source, reference, created_at)
						values (?, ?, ?, ?, ?, ?, ?) returning id""")
				.params(accountId, gpuSeconds, Timestamp.from(validFrom), Timestamp.from(validUntil), source, reference,
						Timestamp.from(now))
				.query(Long.class)
				.single();
			ledger.append(accountId, LedgerEntry.Kind.GRANT, gpuSeconds, gpuSeconds, 0, id, null,
					source + " " + reference, actor, now);
			return allocation(id);
		});
	}

	/**
	 * Adds (positive) or removes (negative) GPU-seconds by hand, with a reason. A removal
	 * never takes the balance below zero: it is refused instead.
	 */
	public Balance adjust(long accountId, long deltaSeconds, String reason, String actor) {
		return adjust(accountId, deltaSeconds, reason, actor, null);
	}

	/**
	 * Adds (positive) or removes (negative) GPU-seconds by hand, with a reason, once per
	 * {@code reference} (a form's token): a second call with the same reference changes
	 * nothing. The balance is checked under the wallet's row lock, so that a removal
	 * racing with job submissions can never take it below zero.
	 * @param reference the caller's id for this adjustment, or null
	 * @throws JobRefusedException with {@link JobRefusedException.Limit#BALANCE} when the
	 * removal is larger than the available balance (requested: what was to be removed;
	 * allowed: what is available)
	 */
	public Balance adjust(long accountId, long deltaSeconds, String reason, String actor, String reference) {
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("An adjustment needs a reason");
		}
		if (deltaSeconds == 0) {
			throw new IllegalArgumentException("An adjustment needs a non-zero amount");
		}
		return transaction.execute(status -> {
			ledger.ensureWallet(accountId);
			Balance balance = ledger.lockWallet(accountId).orElseThrow();
			if (reference != null && jdbc.sql("select count(*) from gpu_ledger where kind = 'ADJUST' and reference = ?")
				.param(reference)
				.query(Long.class)
				.single() > 0) {
				return balance;
			}
			if (balance.available() + deltaSeconds < 0) {
				throw new JobRefusedException(JobRefusedException.Limit.BALANCE, -deltaSeconds, balance.available());
			}
			ledger.append(accountId, LedgerEntry.Kind.ADJUST, Math.abs(deltaSeconds), deltaSeconds, 0, null, null,
					reason.strip(), actor, clock.instant(), reference);
			return ledger.balance(accountId).orElseThrow();
		});
	}

	public Balance balance(long accountId) {
		return ledger.balance(accountId).orElse(Balance.none(accountId));
	}

	public List<Allocation> allocations(long accountId) {
		return jdbc.sql("select * from gpu_allocation where account_id = ? order by valid_from, id")
			.param(accountId)
			.query(GpuAllocations::allocation)
			.list();
	}

	/**
	 * The whole ledger of one fellow, oldest first, with the balance after each entry.
	 */
	public List<LedgerEntry> ledger(long accountId) {
		return jdbc.sql("""
				select l.*, sum(balance_delta) over (order by id) as available_after
				from gpu_ledger l where account_id = ? order by id""")
			.param(accountId)
			.query((rs, row) -> new LedgerEntry(rs.getLong("id"), rs.getLong("account_id"),
					LedgerEntry.Kind.valueOf(rs.getString("kind")), rs.getLong("gpu_seconds"),
					rs.getLong("balance_delta"), rs.getLong("held_delta"), rs.getLong("available_after"),
					Ledger.nullableLong(rs, "job_id"), Ledger.nullableLong(rs, "allocation_id"), rs.getString("reason"),
					rs.getString("actor"), Ledger.instant(rs, "recorded_at")))
			.list();
	}

	/**
	 * Ends allocations whose period is over: what is left of them (at most the available
	 * balance, never what running jobs hold) leaves the balance as an EXPIRE entry.
	 */
	@Scheduled(fixedDelayString = "${portal.gpu.expiry-interval:PT1M}")
	@SchedulerLock(name = "gpu-expiry", lockAtMostFor = "PT10M")
	public void expireEnded() {
		List<Allocation> due = jdbc
			.sql("select * from gpu_allocation where not expired and valid_until <= ? order by id")
			.param(Timestamp.from(clock.instant()))
			.query(GpuAllocations::allocation)
			.list();
		for (Allocation allocation : due) {
			transaction.executeWithoutResult(status -> expire(allocation.id()));
		}
	}

	private void expire(long allocationId) {
		Allocation allocation = allocation(allocationId);
		Balance balance = ledger.lockWallet(allocation.accountId()).orElseThrow();
		Boolean expired = jdbc.sql("select expired from gpu_allocation where id = ? for update")
			.param(allocationId)
			.query(Boolean.class)
			.single();
		if (expired) {
			return;
		}
		long unused = Math.max(0, allocation.gpuSeconds() - allocation.usedSeconds());
		long amount = Math.min(unused, balance.available());
		ledger.append(allocation.accountId(), LedgerEntry.Kind.EXPIRE, amount, -amount, 0, allocationId, null,
				"period ended " + allocation.validUntil(), "system", clock.instant());
		jdbc.sql("update gpu_allocation set expired = true where id = ?").param(allocationId).update();
		log.info("Allocation {} of account {} ended; {} GPU-seconds expired", allocationId, allocation.accountId(),
				amount);
	}

	private Allocation allocation(long id) {
		return jdbc.sql("select * from gpu_allocation where id = ?")
			.param(id)
			.query(GpuAllocations::allocation)
			.single();
	}

	static Allocation allocation(ResultSet rs, int row) throws SQLException {
		return new Allocation(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("gpu_seconds"),
				Ledger.instant(rs, "valid_from"), Ledger.instant(rs, "valid_until"), rs.getString("source"),
				rs.getString("reference"), rs.getLong("used_seconds"), rs.getBoolean("expired"),
				Ledger.instant(rs, "created_at"));
	}

}
