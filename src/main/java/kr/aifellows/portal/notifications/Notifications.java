package kr.aifellows.portal.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import kr.aifellows.portal.accounts.PortalUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's notifications: written once per happening, listed newest first, marked read
 * by their owner only. The header asks for the unread count on every page
 * ({@code ${@notifications.unread(#authentication.principal)}}).
 */
@Service("notifications")
public class Notifications {

	private static final String INSERT = """
			insert into notifications (account_id, kind, argument, link, event_key, created_at)
			values (:account, :kind, :argument, :link, :key, :now)
			on conflict (event_key) do nothing
			""";

	private static final String UNREAD = """
			select count(*) from notifications where account_id = :account and read_at is null
			""";

	private static final String RECENT = """
			select id, kind, argument, link, created_at, read_at from notifications
			where account_id = :account order by id desc limit :limit
			""";

	private static final String MARK_ONE_READ = """
			update notifications set read_at = :now where id = :id and account_id = :account and read_at is null
			""";

	private static final String MARK_ALL_READ = """
			update notifications set read_at = :now where account_id = :account and read_at is null
			""";

	private static final String ERASE = "delete from notifications where account_id = :account";

	private static final String OWNED = "select count(*) from notifications where id = :id and account_id = :account";

	private static final String LINK = "select link from notifications where id = :id and account_id = :account";

	private final JdbcClient jdbc;

	private final Clock clock;

	Notifications(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	/**
	 * Notifies the account once per {@code eventKey}.
	 * @param kind the message is {@code notification.<kind>} with {@code argument} as {0}
	 * @param link the portal path the notification leads to
	 */
	@Transactional
	public void notify(long accountId, String kind, String argument, String link, String eventKey) {
		jdbc.sql(INSERT)
			.param("account", accountId)
			.param("kind", kind)
			.param("argument", argument)
			.param("link", link)
			.param("key", eventKey)
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/** Unread notifications of the signed-in person; 0 for anyone else. */
	@Transactional(readOnly = true)
	public long unread(Object principal) {
		if (!(principal instanceof PortalUser user)) {
			return 0;
		}
		return jdbc.sql(UNREAD).param("account", user.accountId()).query(Long.class).single();
	}

	@Transactional(readOnly = true)
	public List<NotificationView> recent(long accountId, int limit) {
		return jdbc.sql(RECENT).param("account", accountId).param("limit", limit).query((rs, row) -> {
			Timestamp read = rs.getTimestamp("read_at");
			return new NotificationView(rs.getLong("id"), rs.getString("kind"), rs.getString("argument"),
					rs.getString("link"), rs.getTimestamp("created_at").toInstant(),
					read == null ? null : read.toInstant());
		}).list();
	}

	/**
	 * Marks one of the account's notifications read and returns its link; another
	 * person's notification is not found.
	 */
	@Transactional
	public Optional<String> read(long accountId, long id) {
		if (jdbc.sql(OWNED).param("id", id).param("account", accountId).query(Long.class).single() == 0) {
			return Optional.empty();
		}
		jdbc.sql(MARK_ONE_READ).param("id", id).param("account", accountId).param("now", now()).update();
		return jdbc.sql(LINK).param("id", id).param("account", accountId).query(String.class).optional();
	}

	@Transactional
	public int readAll(long accountId) {
		return jdbc.sql(MARK_ALL_READ).param("account", accountId).param("now", now()).update();
	}

	/** Deletes every notification of the account (its owner's account is deleted). */
	@Transactional
	public int erase(long accountId) {
		return jdbc.sql(ERASE).param("account", accountId).update();
	}

	private Timestamp now() {
		Instant now = clock.instant();
		return Timestamp.from(now);
	}

	/** One notification as its owner sees it. */
	public record NotificationView(long id, String kind, String argument, String link, Instant createdAt,
			Instant readAt) {

		public boolean unread() {
			return readAt == null;
		}

	}

}
