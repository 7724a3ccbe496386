package kr.aifellows.portal.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Progress of work that runs in the background on one instance (a search rebuild, a
 * reviewer sheet import), kept in the database so that a page served by any instance
 * shows it. A task reports progress at least every {@link #STALE_AFTER}; one silent for
 * longer ran on an instance that stopped, and reads as failed.
 */
@Service
public class BackgroundTasks {

	static final Duration STALE_AFTER = Duration.ofMinutes(2);

	private static final String COLUMNS = """
			id, kind, state, done, total, started_by, started_at, finished_at, error, result,
			state = 'RUNNING' and updated_at < now() - make_interval(secs => :stale) as stale""";

	private final JdbcClient jdbc;

	BackgroundTasks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Starts a task of a kind that runs once at a time, across all instances.
	 * @return the new task, or empty while another task of that kind runs
	 */
	public Optional<Task> startExclusive(String kind, long total, String startedBy) {
		jdbc.sql("""
				update background_task set state = 'FAILED', finished_at = now(), error = 'interrupted'
				where kind = :kind and state = 'RUNNING' and updated_at < now() - make_interval(secs => :stale)""")
			.param("kind", kind)
			.param("stale", STALE_AFTER.toSeconds())
			.update();
		try {
			return Optional.of(insert(kind, true, total, startedBy));
		}
		catch (DuplicateKeyException running) {
			return Optional.empty();
		}
	}

	/** Starts a task of a kind of which several may run at once. */
	public Task start(String kind, long total, String startedBy) {
		return insert(kind, false, total, startedBy);
	}

	private Task insert(String kind, boolean exclusive, long total, String startedBy) {
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into background_task (id, kind, exclusive, state, done, total, started_by, started_at, updated_at)
						values (:id, :kind, :exclusive, 'RUNNING', 0, :total, :startedBy, now(), now())""")
			.param("id", id)
			.param("kind", kind)
			.param("exclusive", exclusive)
			.param("total", total)
			.param("startedBy", startedBy)
			.update();
		return find(id).orElseThrow();
	}

	public void progress(UUID id, long done, long total) {
		jdbc.sql("update background_task set done = :done, total = :total, updated_at = now() where id = :id")
			.param("id", id)
			.param("done", done)
			.param("total", total)
			.update();
	}

	/**
	 * @param result what the task produced, for its progress page (text the caller reads
	 * back)
	 */
	public void finish(UUID id, long done, String result) {
		end(id, "DONE", done, null, result);
	}

	public void fail(UUID id, long done, String error, String result) {
		end(id, "FAILED", done, error, result);
	}

	private void end(UUID id, String state, long done, String error, String result) {
		jdbc.sql("""
				update background_task set state = :state, done = :done, error = :error, result = :result,
				updated_at = now(), finished_at = now() where id = :id""")
			.param("id", id)
			.param("state", state)
			.param("done", done)
			.param("error", error)
			.param("result", result)
			.update();
	}

	public Optional<Task> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from background_task where id = :id")
			.param("id", id)
			.param("stale", STALE_AFTER.toSeconds())
			.query(BackgroundTasks::task)
			.optional();
	}

	/** The most recently started task of a kind. */
	public Optional<Task> latest(String kind) {
		return jdbc
			.sql("select " + COLUMNS + " from background_task where kind = :kind order by started_at desc limit 1")
			.param("kind", kind)
			.param("stale", STALE_AFTER.toSeconds())
			.query(BackgroundTasks::task)
			.optional();
	}

	private static Task task(ResultSet rs, int row) throws SQLException {
		boolean stale = rs.getBoolean("stale");
		return new Task(rs.getObject("id", UUID.class), rs.getString("kind"),
				stale ? State.FAILED : State.valueOf(rs.getString("state")), rs.getLong("done"), rs.getLong("total"),
				rs.getString("started_by"), instant(rs.getTimestamp("started_at")),
				instant(rs.getTimestamp("finished_at")), stale ? "interrupted" : rs.getString("error"),
				rs.getString("result"));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/**
	 * Where a background task stands.
	 */
	public enum State {

		RUNNING, DONE, FAILED

	}

	/**
	 * One background task as last reported.
	 */
	public record Task(UUID id, String kind, State state, long done, long total, String startedBy, Instant startedAt,
			Instant finishedAt, String error, String result) {

		public boolean running() {
			return state == State.RUNNING;
		}
	}

}
