package kr.aifellows.portal.portfolios;

import java.util.ArrayList;
import java.util.List;

import kr.aifellows.portal.portfolios.files.FileKind;

/**
 * What a complete application has; each missing piece is a message code.
 */
final class SubmissionRules {

	private SubmissionRules() {
	}

	static List<String> problems(ApplicationView application) {
		List<String> problems = new ArrayList<>();
		Profile profile = application.profile();
		if (isBlank(profile.nameKo()) || isBlank(profile.nameRomanized())) {
			problems.add("submit.missing.names");
		}
		if (profile.affiliations().isEmpty()) {
			problems.add("submit.missing.affiliation");
		}
		if (profile.areas().isEmpty()) {
			problems.add("submit.missing.areas");
		}
		if (profile.orcid() != null && !Identifiers.isValidOrcid(profile.orcid())) {
			problems.add("submit.invalid.orcid");
		}
		Proposal proposal = application.proposal();
		if (isBlank(proposal.title()) || isBlank(proposal.abstractText()) || isBlank(proposal.body())) {
			problems.add("submit.missing.proposal");
		}
		if (proposal.requestedGpuHours() == null || proposal.requestedGpuHours() <= 0
				|| isBlank(proposal.gpuJustification())) {
			problems.add("submit.missing.gpuHours");
		}
		for (FileKind kind : FileKind.values()) {
			if (kind.required() && application.file(kind) == null) {
				problems.add("submit.missing.file." + kind.name());
			}
		}
		return problems;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
