package kr.aifellows.portal.accounts.tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import kr.aifellows.portal.accounts.AccountException;
import kr.aifellows.portal.accounts.Tokens;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Personal access tokens: made, named, scoped and revoked by their owner on the token
 * page, shown once and stored as their SHA-256 only, valid until they expire. Each use is
 * counted per token and minute in PostgreSQL (so the rate limit holds across instances),
 * and the first use of a token in a minute is written to the audit log (not every
 * request: an audit row per request would cost more than the request itself).
 */
@Service
public class ApiTokens {

	/** Every token starts with this, so that secret scanners and people recognise it. */
	public static final String PREFIX = "afp_";

	static final int MAX_NAME = 64;

	static final int MAX_ACTIVE_PER_ACCOUNT = 20;

	private static final String INSERT = """
			insert into api_tokens (account_id, name, token_hash, token_prefix, scopes, created_at, expires_at)
			values (:account, :name, :hash, :prefix, :scopes, :now, :expires)
			returning id""";

	private static final String OF_ACCOUNT = """
			select id, name, token_prefix, scopes, created_at, expires_at, revoked_at, last_used_at
			from api_tokens where account_id = :account order by created_at desc, id desc""";

	private static final String ACTIVE_COUNT = """
			select count(*) from api_tokens
			where account_id = :account and revoked_at is null and expires_at > :now""";

	private static final String REVOKE = """
			update api_tokens set revoked_at = :now
			where id = :id and account_id = :account and revoked_at is null
			returning name""";

	private static final String DELETE_ALL = """
			delete from api_tokens where account_id = :account""";

	private static final String BY_HASH = """
			select t.id, t.account_id, a.email, t.scopes, t.name from api_tokens t join accounts a on a.id = t.account_id
			where t.token_hash = :hash and t.revoked_at is null and t.expires_at > :now""";

	private static final String COUNT_REQUEST = """
			insert into api_rate_windows (token_id, window_start, requests) values (:token, :window, 1)
			on conflict (token_id, window_start) do update set requests = api_rate_windows.requests + 1
			returning requests""";

	private static final String FIRST_USE_IN_WINDOW = """
			with used as (update api_tokens set last_used_at = :now where id = :token)
			delete from api_rate_windows where token_id = :token and window_start < :window""";

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final ApiProperties properties;

	private final Clock clock;

	ApiTokens(JdbcClient jdbc, AuditLog auditLog, ApiProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.properties = properties;
		this.clock = clock;
	}

	/** A token just made: {@code token} is shown once and never again. */
	public record IssuedToken(long id, String name, String token, Instant expiresAt) {
	}

	/** A token as its owner's page lists it (never the token itself). */
	public record TokenView(long id, String name, String prefix, Set<ApiScope> scopes, Instant createdAt,
			Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

		public boolean usableAt(Instant now) {
			return revokedAt == null && expiresAt.isAfter(now);
		}

		public String scopeList() {
			return scopes.stream().map(Enum::name).collect(Collectors.joining(", "));
		}
	}

	/** Who a valid token speaks for. */
	public record Caller(long tokenId, long accountId, String email, Set<ApiScope> scopes, String tokenName) {
	}

	/**
	 * One request counted against the token's minute.
	 *
	 * @param retryAfterSeconds seconds until the next minute starts, when refused
	 */
	public record Usage(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
	}

	public ApiProperties properties() {
		return properties;
	}

	public IssuedToken create(long accountId, String actor, String name, Set<ApiScope> scopes, Duration validity) {
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty()) {
			throw new AccountException("name", "tokens.name.required");
		}
		if (trimmed.length() > MAX_NAME) {
			throw new AccountException("name", "tokens.name.tooLong", MAX_NAME);
		}
		if (scopes == null || scopes.isEmpty()) {
			throw new AccountException("scopes", "tokens.scopes.required");
		}
		if (validity == null || validity.isNegative() || validity.isZero()
				|| validity.compareTo(properties.maxValidity()) > 0) {
			throw new AccountException("validityDays", "tokens.validity.range", properties.maxValidity().toDays());
		}
		Instant now = clock.instant();
		if (jdbc.sql(ACTIVE_COUNT)
			.param("account", accountId)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single() >= MAX_ACTIVE_PER_ACCOUNT) {
			throw new AccountException(null, "tokens.tooMany", MAX_ACTIVE_PER_ACCOUNT);
		}
		String token = PREFIX + Tokens.newToken();
		Instant expires = now.plus(validity);
		long id = jdbc.sql(INSERT)
			.param("account", accountId)
			.param("name", trimmed)
			.param("hash", Tokens.hash(token))
			.param("prefix", token.substring(0, PREFIX.length() + 4))
			.param("scopes", scopes.stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(expires))
			.query(Long.class)
			.single();
		auditLog.record(actor, "API_TOKEN_CREATED", actor, "token " + id + " \"" + trimmed + "\" scopes " + scopes
				+ " until " + expires.truncatedTo(ChronoUnit.SECONDS));
		return new IssuedToken(id, trimmed, token, expires);
	}

	public List<TokenView> ofAccount(long accountId) {
		return jdbc.sql(OF_ACCOUNT).param("account", accountId).query(ApiTokens::view).list();
	}

	/** Revokes one of the account's tokens; false when it has none by that id. */
	public boolean revoke(long accountId, long tokenId, String actor) {
		Optional<String> name = jdbc.sql(REVOKE)
			.param("id", tokenId)
			.param("account", accountId)
			.param("now", Timestamp.from(clock.instant()))
			.query(String.class)
			.optional();
		name.ifPresent(revoked -> auditLog.record(actor, "API_TOKEN_REVOKED", actor,
				"token " + tokenId + " \"" + revoked + "\""));
		return name.isPresent();
	}

	/**
	 * Deletes every token of an account that is erased (their names and times are the
	 * person's data); returns how many there were.
	 */
	public int deleteAll(long accountId) {
		return jdbc.sql(DELETE_ALL).param("account", accountId).update();
	}

	/**
	 * The caller a token speaks for, if it is one of ours, not revoked and not expired.
	 */
	public Optional<Caller> authenticate(String token) {
		if (token == null || !token.startsWith(PREFIX) || token.length() > 128) {
			return Optional.empty();
		}
		return jdbc.sql(BY_HASH)
			.param("hash", Tokens.hash(token))
			.param("now", Timestamp.from(clock.instant()))
			.query((rs, row) -> new Caller(rs.getLong("id"), rs.getLong("account_id"), rs.getString("email"),
					scopes(rs.getString("scopes")), rs.getString("name")))
			.optional();
	}

	/**
	 * Counts one request of the caller's token in the current minute; the first of a
	 * minute is audited (with the path) and marks the token's last use.
	 */
	public Usage count(Caller caller, String what) {
		Instant now = clock.instant();
		Instant window = now.truncatedTo(ChronoUnit.MINUTES);
		int requests = jdbc.sql(COUNT_REQUEST)
			.param("token", caller.tokenId())
			.param("window", Timestamp.from(window))
			.query(Integer.class)
			.single();
		if (requests == 1) {
			jdbc.sql(FIRST_USE_IN_WINDOW)
				.param("token", caller.tokenId())
				.param("now", Timestamp.from(now))
				.param("window", Timestamp.from(window))
				.update();
			auditLog.record(caller.email(), "API_TOKEN_USED", caller.email(),
					"token " + caller.tokenId() + " \"" + caller.tokenName() + "\" first use this minute: " + what);
		}
		int limit = properties.requestsPerMinute();
		long retryAfter = Math.max(1, Duration.between(now, window.plus(Duration.ofMinutes(1))).toSeconds());
		return new Usage(requests <= limit, limit, Math.max(0, limit - requests), retryAfter);
	}

	private static TokenView view(ResultSet rs, int row) throws SQLException {
		return new TokenView(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
				scopes(rs.getString("scopes")), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("revoked_at")),
				instant(rs.getTimestamp("last_used_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static Set<ApiScope> scopes(String list) {
		Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
		Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).forEach(s -> scopes.add(ApiScope.valueOf(s.strip())));
		return scopes;
	}

}
