package kr.aifellows.portal.portfolios;

import java.time.Instant;

/**
 * What the committee reads of an application changed after it was submitted: today, the
 * text of one of its files was extracted ({@code section} "extraction"), so the search
 * index and the conflict checks read it again. Drafts publish no event (they are neither
 * indexed nor checked).
 */
public record ApplicationUpdated(long applicationId, long callId, long applicantAccountId, String section,
		Instant updatedAt) {
}
