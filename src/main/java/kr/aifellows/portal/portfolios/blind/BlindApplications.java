package kr.aifellows.portal.portfolios.blind;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kr.aifellows.portal.portfolios.ApplicantNameMatcher;
import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.AuthorNames;
import kr.aifellows.portal.portfolios.OpenSourceWork;
import kr.aifellows.portal.portfolios.Profile;
import kr.aifellows.portal.portfolios.files.ExtractionState;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Builds the blind view of an application at its call's {@link BlindLevel}: author lists
 * become the number of authors and the applicant's position, repository owners (at STRICT
 * whole repository names) and publication titles (at STRICT) are left out.
 */
@Component
public class BlindApplications {

	private static final Pattern REPOSITORY_OWNER = Pattern.compile("^(https?://[^/]+/)([^/]+)(/.*)?$",
			Pattern.CASE_INSENSITIVE);

	private final ObjectProvider<ApplicantNameMatcher> matcher;

	BlindApplications(ObjectProvider<ApplicantNameMatcher> matcher) {
		this.matcher = matcher;
	}

	public ApplicationCatalog.BlindApplication of(ApplicationView application, BlindLevel level, String proposalText,
			ExtractionState proposalExtraction) {
		ApplicantNameMatcher names = matcher.getIfAvailable(() -> BlindApplications::exactPosition);
		boolean strict = level == BlindLevel.STRICT;
		List<BlindPublication> publications = application.publications()
			.stream()
			.map(publication -> new BlindPublication(strict ? null : publication.title(), publication.venue(),
					publication.year(), publication.authors().size(),
					names.applicantPosition(application.profile(), publication.authors())))
			.toList();
		List<OpenSourceWork> openSource = application.openSource()
			.stream()
			.map(work -> new OpenSourceWork(strict ? null : maskOwner(work.repositoryUrl()), work.role(),
					work.description()))
			.toList();
		return new ApplicationCatalog.BlindApplication(application.id(), application.callId(), level,
				application.status(), application.profile().areas(), publications, openSource, application.proposal(),
				proposalText, proposalExtraction);
	}

	static String maskOwner(String repositoryUrl) {
		Matcher matcher = REPOSITORY_OWNER.matcher(repositoryUrl == null ? "" : repositoryUrl.strip());
		if (!matcher.matches()) {
			return "[repository]";
		}
		return matcher.group(1) + "***" + (matcher.group(3) == null ? "" : matcher.group(3));
	}

	/**
	 * Without the review module's matching: equal names after marks are stripped, in
	 * either order.
	 */
	static int exactPosition(Profile profile, List<String> authors) {
		Set<String> own = Stream.of(profile.nameKo(), profile.nameRomanized(), reversed(profile.nameRomanized()))
			.filter(name -> name != null && !name.isBlank())
			.map(BlindApplications::normalizeName)
			.collect(Collectors.toSet());
		for (int i = 0; i < authors.size(); i++) {
			if (own.contains(normalizeName(AuthorNames.stripMarks(authors.get(i))))) {
				return i + 1;
			}
		}
		return 0;
	}

	/** "Gil-dong Hong" and "Hong Gil-dong" name the same person. */
	private static String reversed(String name) {
		if (name == null) {
			return null;
		}
		String[] parts = name.strip().split("\\s+");
		return parts.length == 2 ? parts[1] + " " + parts[0] : null;
	}

	private static String normalizeName(String name) {
		return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("[\\s\\-.,]+", "");
	}

}
