package kr.aifellows.portal.review;

import java.text.Normalizer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.ExcludedPerson;
import kr.aifellows.portal.portfolios.Publication;

/**
 * The six conflict-of-interest sources, as pure functions of an application and a reviewer.
 * "Within N years" means: in the current year or one of the N before it. A shared affiliation
 * counts when both were at the same institution at some time in that window (not necessarily at
 * the same time); a shared paper when it appeared in that window on either list.
 */
final class ConflictRules {

	record Found(ConflictSource source, ConflictSeverity severity, String detail) {
	}

	private ConflictRules() {
	}

	static List<Found> detect(ApplicationView application, ReviewerView reviewer, int currentYear, int years) {
		Map<ConflictSource, Found> found = new EnumMap<>(ConflictSource.class);
		List<String> applicantNames = names(application.profile().nameKo(), application.profile().nameRomanized());
		List<String> reviewerNames = names(reviewer.profile().name(), reviewer.profile().nameRomanized());
		int since = currentYear - years;

		// (6) The reviewer is the applicant: same account, e-mail (confirmed or not), ORCID iD or name.
		if (reviewer.accountId() != null && reviewer.accountId() == application.applicantAccountId()) {
			put(found, ConflictSource.SELF, ConflictSeverity.HIGH, "account");
		}
		else if (sameEmail(reviewer.email(), application.applicantEmail())) {
			put(found, ConflictSource.SELF, ConflictSeverity.HIGH, "e-mail " + reviewer.email());
		}
		else if (reviewer.profile().orcid() != null && reviewer.profile().orcid().equals(application.profile().orcid())) {
			put(found, ConflictSource.SELF, ConflictSeverity.HIGH, "ORCID " + reviewer.profile().orcid());
		}
		else if (matches(reviewerNames, applicantNames) == PersonNames.Match.FULL) {
			put(found, ConflictSource.SELF, ConflictSeverity.MEDIUM, "same name");
		}

		// (2) Named by the applicant, and (5) the applicant's side of advisor or advisee.
		for (ExcludedPerson person : application.exclusions()) {
			ConflictSource source = person.advisor() ? ConflictSource.ADVISOR : ConflictSource.NAMED_BY_APPLICANT;
			if (person.email() != null && sameEmail(person.email(), reviewer.email())) {
				put(found, source, ConflictSeverity.HIGH, person.name());
			}
			else {
				PersonNames.Match match = matches(reviewerNames, List.of(person.name()));
				if (match != PersonNames.Match.NONE) {
					put(found, source, severity(match), person.name());
				}
			}
		}

		// (1) Declared by the reviewer, and (5) advisor or advisee.
		for (ReviewerRelation relation : reviewer.profile().relations()) {
			switch (relation.kind()) {
				case INSTITUTION -> application.profile()
					.affiliations()
					.stream()
					.filter(a -> sameInstitution(a.institution(), relation.name()))
					.findFirst()
					.ifPresent(a -> put(found, ConflictSource.DECLARED, ConflictSeverity.HIGH, a.institution()));
				case PERSON, ADVISOR, ADVISEE -> {
					ConflictSource source = relation.kind() == ReviewerRelation.Kind.PERSON ? ConflictSource.DECLARED
							: ConflictSource.ADVISOR;
					if (relation.email() != null && sameEmail(relation.email(), application.applicantEmail())) {
						put(found, source, ConflictSeverity.HIGH, relation.kind() + " " + relation.name());
					}
					else {
						PersonNames.Match match = matches(applicantNames, List.of(relation.name()));
						if (match != PersonNames.Match.NONE) {
							put(found, source, severity(match), relation.kind() + " " + relation.name());
						}
					}
				}
			}
		}

		// (3) Same institution within the window.
		for (Affiliation mine : reviewer.profile().affiliations()) {
			for (Affiliation theirs : application.profile().affiliations()) {
				if (sameInstitution(mine.institution(), theirs.institution()) && within(mine, since)
						&& within(theirs, since)) {
					put(found, ConflictSource.AFFILIATION, ConflictSeverity.HIGH, theirs.institution());
				}
			}
		}

		// (4) Co-authorship within the window, on either side's list.
		coauthorship(reviewer.publications(), applicantNames, since, found);
		coauthorship(application.publications(), reviewerNames, since, found);
		return List.copyOf(found.values());
	}

	private static void coauthorship(List<Publication> publications, List<String> otherNames, int since,
			Map<ConflictSource, Found> found) {
		for (Publication publication : publications) {
			if (publication.year() < since) {
				continue;
			}
			for (String author : publication.authors()) {
				PersonNames.Match match = matches(otherNames, List.of(author));
				if (match != PersonNames.Match.NONE) {
					put(found, ConflictSource.COAUTHOR, severity(match),
							publication.title() + " (" + publication.year() + ")");
				}
			}
		}
	}

	/** Keeps the stronger finding per source. */
	private static void put(Map<ConflictSource, Found> found, ConflictSource source, ConflictSeverity severity,
			String detail) {
		Found existing = found.get(source);
		if (existing == null || (existing.severity() == ConflictSeverity.MEDIUM && severity == ConflictSeverity.HIGH)) {
			found.put(source, new Found(source, severity, truncate(detail)));
		}
	}

	private static String truncate(String detail) {
		return detail.length() > 480 ? detail.substring(0, 480) : detail;
	}

	private static ConflictSeverity severity(PersonNames.Match match) {
		return match == PersonNames.Match.FULL ? ConflictSeverity.HIGH : ConflictSeverity.MEDIUM;
	}

	private static PersonNames.Match matches(List<String> names, List<String> others) {
		PersonNames.Match best = PersonNames.Match.NONE;
		for (String name : names) {
			for (String other : others) {
				PersonNames.Match match = PersonNames.match(name, other);
				if (match == PersonNames.Match.FULL) {
					return match;
				}
				if (match == PersonNames.Match.INITIALS) {
					best = match;
				}
			}
		}
		return best;
	}

	private static List<String> names(String... names) {
		return Stream.of(names).filter(Objects::nonNull).filter(n -> !n.isBlank()).toList();
	}

	private static boolean within(Affiliation affiliation, int since) {
		return affiliation.endYear() == null || affiliation.endYear() >= since;
	}

	/** Lower case, "+tag" dropped, so that a second address of the same mailbox matches. */
	static boolean sameEmail(String a, String b) {
		return a != null && b != null && canonicalEmail(a).equals(canonicalEmail(b));
	}

	static String canonicalEmail(String email) {
		String lower = email.strip().toLowerCase(Locale.ROOT);
		int at = lower.lastIndexOf('@');
		if (at < 0) {
			return lower;
		}
		String local = lower.substring(0, at);
		int plus = local.indexOf('+');
		return (plus >= 0 ? local.substring(0, plus) : local) + lower.substring(at);
	}

	static boolean sameInstitution(String a, String b) {
		if (a == null || b == null) {
			return false;
		}
		String left = institutionKey(a);
		String right = institutionKey(b);
		return !left.isEmpty() && left.equals(right);
	}

	private static String institutionKey(String name) {
		return Normalizer.normalize(name, Normalizer.Form.NFKC)
			.toLowerCase(Locale.ROOT)
			.replaceAll("\\buniversity\\b|\\buniv\\b\\.?", "univ")
			.replaceAll("\\b(the|of)\\b", " ")
			.replaceAll("[^\\p{L}\\p{N}]", "");
	}
}
