package kr.aifellows.portal.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash of one access record: SHA-256 over its fields, each prefixed by its length so
 * that no two different entries share an input, and over the previous entry's hash.
 */
final class AccessRecordHash {

	static final String GENESIS = "0".repeat(64);

	private AccessRecordHash() {
	}

	static String of(long id, Instant occurredAt, String actor, String remoteAddress, Long applicantAccountId,
			String action, String target, String reason, String previousHash) {
		StringBuilder input = new StringBuilder(256);
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt);
		for (Object field : new Object[] { id, micros, actor, remoteAddress, applicantAccountId, action, target, reason,
				previousHash }) {
			String text = field == null ? "" : field.toString();
			input.append(field == null ? -1 : text.length()).append(':').append(text).append(';');
		}
		return sha256(input.toString());
	}

	static String sha256(String text) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
