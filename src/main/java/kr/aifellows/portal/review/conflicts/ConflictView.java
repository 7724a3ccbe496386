package kr.aifellows.portal.review.conflicts;

import java.time.Instant;
import java.util.List;

/**
 * A conflict of interest as the chair sees it: the evidence is a message code with its
 * arguments (which spelling matched which, from which source); {@code detail} is the same
 * in plain text.
 */
public record ConflictView(long id, long callId, long applicationId, long reviewerId, ConflictSource source,
		ConflictSeverity severity, String detail, String evidenceCode, List<String> evidence, Instant detectedAt,
		String waivedBy, String waiverReason, Instant waivedAt) {

	public ConflictView {
		evidence = evidence == null ? List.of() : List.copyOf(evidence);
	}

	/** The evidence arguments for {@code #messages.msgWithParams}. */
	public Object[] evidenceArguments() {
		return evidence.toArray();
	}

	public boolean waived() {
		return waivedAt != null;
	}
}
