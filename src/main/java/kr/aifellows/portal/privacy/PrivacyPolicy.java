package kr.aifellows.portal.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The privacy policy (개인정보 처리방침): its page is written from {@link Facts}, taken from the
 * same settings the portal enforces, so the two cannot disagree. Whenever the facts or
 * the policy's wording change, a new version is dated and kept; earlier ones stay
 * readable.
 */
@Service
public class PrivacyPolicy {

	/**
	 * Raise when the wording of the policy page changes, so that a new version is dated.
	 */
	static final int TEXT_REVISION = 3;

	private final JdbcTemplate jdbc;

	private final PrivacyProperties properties;

	private final Clock clock;

	private volatile Version current;

	PrivacyPolicy(JdbcTemplate jdbc, PrivacyProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The version in force: the newest, if it states what this instance enforces;
	 * otherwise a new one, dated now. Resolved once per instance.
	 */
	public Version current() {
		Version known = current;
		if (known != null) {
			return known;
		}
		Facts facts = new Facts(TEXT_REVISION, properties.accessRecordRetentionYears(),
				properties.unselectedApplicationRetentionYears(), properties.fellowRecordRetentionYears());
		String fingerprint = AccessRecordHash.sha256(facts.serialized());
		for (int attempt = 0; attempt < 5; attempt++) {
			List<Map<String, Object>> newest = jdbc
				.queryForList("select version, fingerprint from privacy_policy_versions order by version desc limit 1");
			if (!newest.isEmpty() && fingerprint.equals(((String) newest.get(0).get("fingerprint")).trim())) {
				current = version(((Number) newest.get(0).get("version")).intValue()).orElseThrow();
				return current;
			}
			// Another instance may take the same number at the same moment: then look
			// again.
			jdbc.update("""
					insert into privacy_policy_versions (version, effective_from, fingerprint, facts)
					select coalesce(max(version), 0) + 1, ?, ?, ? from privacy_policy_versions
					on conflict (version) do nothing""", Timestamp.from(Instant.now(clock)), fingerprint,
					facts.serialized());
		}
		throw new IllegalStateException("instances disagree on the privacy policy's facts");
	}

	/**
	 * Every version, newest first.
	 */
	public List<Version> versions() {
		return jdbc.query("select version, effective_from, facts from privacy_policy_versions order by version desc",
				(row, n) -> new Version(row.getInt("version"), row.getTimestamp("effective_from").toInstant(),
						Facts.parse(row.getString("facts"))));
	}

	public Optional<Version> version(int number) {
		return jdbc
			.query("select version, effective_from, facts from privacy_policy_versions where version = ?",
					(row, n) -> new Version(row.getInt("version"), row.getTimestamp("effective_from").toInstant(),
							Facts.parse(row.getString("facts"))),
					number)
			.stream()
			.findFirst();
	}

	/**
	 * One dated version of the policy.
	 */
	public record Version(int number, Instant effectiveFrom, Facts facts) {
	}

	/**
	 * What the policy states that the portal's settings decide.
	 *
	 * @param textRevision the revision of the policy's wording
	 * @param accessRecordRetentionYears how long access records are kept
	 * @param fellowRecordRetentionYears how long fellows' records are kept after their
	 * last grant; 0 for versions written before the policy stated it
	 */
	public record Facts(int textRevision, int accessRecordRetentionYears, int unselectedApplicationRetentionYears,
			int fellowRecordRetentionYears) {

		/**
		 * How long backups are kept at most
		 * ({@link PrivacyProperties#shortestRetentionYears()}); 0 for versions written
		 * before the policy stated it.
		 */
		public int backupRetentionYears() {
			if (textRevision < 2) {
				return 0;
			}
			return IntStream
				.of(accessRecordRetentionYears, unselectedApplicationRetentionYears, fellowRecordRetentionYears)
				.filter(years -> years > 0)
				.min()
				.orElse(accessRecordRetentionYears);
		}

		String serialized() {
			return "textRevision=" + textRevision + ";accessRecordRetentionYears=" + accessRecordRetentionYears
					+ ";unselectedApplicationRetentionYears=" + unselectedApplicationRetentionYears
					+ ";fellowRecordRetentionYears=" + fellowRecordRetentionYears;
		}

		static Facts parse(String text) {
			int revision = 0;
			int accessYears = 0;
			int applicationYears = 0;
			int fellowYears = 0;
			for (String pair : text.split(";")) {
				String[] kv = pair.split("=", 2);
				switch (kv[0]) {
					case "textRevision" -> revision = Integer.parseInt(kv[1]);
					case "accessRecordRetentionYears" -> accessYears = Integer.parseInt(kv[1]);
					case "unselectedApplicationRetentionYears" -> applicationYears = Integer.parseInt(kv[1]);
					case "fellowRecordRetentionYears" -> fellowYears = Integer.parseInt(kv[1]);
					default -> {
					}
				}
			}
			return new Facts(revision, accessYears, applicationYears, fellowYears);
		}
	}

}
