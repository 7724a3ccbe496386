package kr.aifellows.portal.portfolios;

import java.time.Instant;
import java.util.List;

import kr.aifellows.portal.portfolios.files.FileKind;

/**
 * A whole application as its applicant and the chair see it. The people the applicant
 * asks to exclude ({@code exclusions}) are for conflict checks only, never for reviewers'
 * eyes.
 */
public record ApplicationView(long id, long callId, long applicantAccountId, String applicantEmail,
		ApplicationStatus status, Profile profile, List<Publication> publications, List<OpenSourceWork> openSource,
		Proposal proposal, List<ApplicationFileView> files, String receiptNumber, Instant createdAt, Instant updatedAt,
		Instant submittedAt, Instant withdrawnAt, List<ExcludedPerson> exclusions) {

	public boolean isDraft() {
		return status == ApplicationStatus.DRAFT;
	}

	public ApplicationFileView file(FileKind kind) {
		return files.stream().filter(file -> file.kind() == kind).findFirst().orElse(null);
	}
}
