package kr.aifellows.portal.review.conflicts;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.ExcludedPerson;
import kr.aifellows.portal.portfolios.Identifiers;
import kr.aifellows.portal.portfolios.Publication;
import kr.aifellows.portal.review.pool.ReviewerRelation;
import kr.aifellows.portal.review.pool.ReviewerView;

/**
 * The six conflict-of-interest sources, as pure functions of an application and a
 * reviewer. "Within N years" means: in the current year or one of the N before it. A
 * shared affiliation counts when both were at the same institution at some time in that
 * window (not necessarily at the same time); a shared paper when it appeared in that
 * window on either list. Every finding carries its evidence (a message code and its
 * arguments): which spelling matched which, from which source.
 */
final class ConflictRules {

	record Found(ConflictSource source, ConflictSeverity severity, String detail, String evidenceCode,
			List<String> evidence) {

		Found(ConflictSource source, ConflictSeverity severity, String evidenceCode, List<String> evidence) {
			this(source, severity, truncate(String.join(" · ", evidence)), evidenceCode, List.copyOf(evidence));
		}
	}

	/**
	 * A name of one side that matched a name of the other, with the readings that agreed.
	 */
	private record NameHit(PersonNames.Match match, String name, String other, String reading, String otherReading) {

		List<String> evidence(String... before) {
			return Stream.concat(Stream.of(before), Stream.of(name, other, reading + " = " + otherReading)).toList();
		}
	}

	private ConflictRules() {
	}

	/** With the registry file alone, no merges. */
	static List<Found> detect(ApplicationView application, ReviewerView reviewer, int currentYear, int years) {
		return detect(application, reviewer, currentYear, years, InstitutionMatcher.registryOnly());
	}

	static List<Found> detect(ApplicationView application, ReviewerView reviewer, int currentYear, int years,
			InstitutionMatcher institutions) {
		Map<ConflictSource, Found> found = new EnumMap<>(ConflictSource.class);
		List<String> applicantNames = names(application.profile().nameKo(), application.profile().nameRomanized());
		List<String> reviewerNames = names(reviewer.profile().name(), reviewer.profile().nameRomanized());
		int since = currentYear - years;
		self(application, reviewer, applicantNames, reviewerNames, found);
		namedByApplicant(application, reviewer, reviewerNames, found);
		declaredByReviewer(application, reviewer, applicantNames, institutions, found);

		// (3) Same institution within the window.
		for (Affiliation mine : reviewer.profile().affiliations()) {
			for (Affiliation theirs : application.profile().affiliations()) {
				if (within(mine, since) && within(theirs, since)) {
					institutions.shared(mine.institution(), theirs.institution())
						.ifPresent(shared -> put(found,
								new Found(ConflictSource.AFFILIATION, ConflictSeverity.HIGH,
										"conflict.evidence.affiliation",
										List.of(mine.institution(), years(mine), theirs.institution(), years(theirs),
												shared.left().institution().label(), shared.left().alias(),
												shared.right().alias()))));
				}
			}
		}

		// (4) Co-authorship within the window, on either side's list, never with the
		// owner's own slot.
		coauthorship(reviewer.publications(), reviewerNames, applicantNames, since,
				"conflict.evidence.coauthor.reviewerPaper", found);
		coauthorship(application.publications(), applicantNames, reviewerNames, since,
				"conflict.evidence.coauthor.applicantPaper", found);
		return List.copyOf(found.values());
	}

	/**
	 * (6) The reviewer is the applicant: same account, e-mail (confirmed or not), ORCID
	 * iD or name.
	 */
	private static void self(ApplicationView application, ReviewerView reviewer, List<String> applicantNames,
			List<String> reviewerNames, Map<ConflictSource, Found> found) {
		String reviewerOrcid = Identifiers.normalizeOrcid(reviewer.profile().orcid());
		String applicantOrcid = Identifiers.normalizeOrcid(application.profile().orcid());
		if (reviewer.accountId() != null && reviewer.accountId() == application.applicantAccountId()) {
			put(found, new Found(ConflictSource.SELF, ConflictSeverity.HIGH, "conflict.evidence.account", List.of()));
		}
		else if (sameEmail(reviewer.email(), application.applicantEmail())) {
			put(found, new Found(ConflictSource.SELF, ConflictSeverity.HIGH, "conflict.evidence.email",
					List.of(reviewer.email(), application.applicantEmail())));
		}
		else if (reviewerOrcid != null && reviewerOrcid.equals(applicantOrcid)) {
			put(found, new Found(ConflictSource.SELF, ConflictSeverity.HIGH, "conflict.evidence.orcid",
					List.of(reviewer.profile().orcid(), application.profile().orcid())));
		}
		else if (reviewerOrcid == null || applicantOrcid == null) {
			// Two different ORCID iDs are two different people, whatever their names.
			NameHit hit = matches(reviewerNames, applicantNames);
			if (hit != null && hit.match() == PersonNames.Match.FULL) {
				put(found, new Found(ConflictSource.SELF, ConflictSeverity.MEDIUM, "conflict.evidence.sameName",
						hit.evidence()));
			}
		}
	}

	/** (2) Named by the applicant, and (5) the applicant's side of advisor or advisee. */
	private static void namedByApplicant(ApplicationView application, ReviewerView reviewer, List<String> reviewerNames,
			Map<ConflictSource, Found> found) {
		for (ExcludedPerson person : application.exclusions()) {
			ConflictSource source = person.advisor() ? ConflictSource.ADVISOR : ConflictSource.NAMED_BY_APPLICANT;
			String code = person.advisor() ? "conflict.evidence.applicantAdvisor" : "conflict.evidence.excluded";
			if (person.email() != null && sameEmail(person.email(), reviewer.email())) {
				put(found, new Found(source, ConflictSeverity.HIGH, code + ".email",
						List.of(person.name(), person.email())));
			}
			else {
				NameHit hit = matches(List.of(person.name()), reviewerNames);
				if (hit != null) {
					put(found, new Found(source, severity(hit.match()), code + ".name", hit.evidence()));
				}
			}
		}
	}

	/** (1) Declared by the reviewer, and (5) advisor or advisee. */
	private static void declaredByReviewer(ApplicationView application, ReviewerView reviewer,
			List<String> applicantNames, InstitutionMatcher institutions, Map<ConflictSource, Found> found) {
		for (ReviewerRelation relation : reviewer.profile().relations()) {
			String code = "conflict.evidence.declared." + relation.kind();
			switch (relation.kind()) {
				case INSTITUTION -> application.profile()
					.affiliations()
					.stream()
					.map(a -> institutions.shared(relation.name(), a.institution()))
					.flatMap(Optional::stream)
					.findFirst()
					.ifPresent(shared -> put(found,
							new Found(ConflictSource.DECLARED, ConflictSeverity.HIGH, code,
									List.of(relation.name(), shared.right().affiliation(),
											shared.left().institution().label(), shared.left().alias(),
											shared.right().alias()))));
				case PERSON, ADVISOR, ADVISEE -> {
					ConflictSource source = relation.kind() == ReviewerRelation.Kind.PERSON ? ConflictSource.DECLARED
							: ConflictSource.ADVISOR;
					if (relation.email() != null && sameEmail(relation.email(), application.applicantEmail())) {
						put(found, new Found(source, ConflictSeverity.HIGH, code + ".email",
								List.of(relation.name(), relation.email())));
					}
					else {
						NameHit hit = matches(List.of(relation.name()), applicantNames);
						if (hit != null) {
							put(found, new Found(source, severity(hit.match()), code + ".name", hit.evidence()));
						}
					}
				}
			}
		}
	}

	private static void coauthorship(List<Publication> publications, List<String> ownerNames, List<String> otherNames,
			int since, String code, Map<ConflictSource, Found> found) {
		for (Publication publication : publications) {
			if (publication.year() < since) {
				continue;
			}
			List<String> authors = publication.authors();
			int own = ownPosition(authors, ownerNames);
			for (int i = 0; i < authors.size(); i++) {
				if (i == own) {
					continue;
				}
				NameHit hit = matches(List.of(authors.get(i)), otherNames);
				if (hit != null) {
					put(found, new Found(ConflictSource.COAUTHOR, severity(hit.match()), code,
							hit.evidence(publication.title(), Integer.toString(publication.year()))));
				}
			}
		}
	}

	/**
	 * The author slot that is the list's owner: the best match of the owner's names, or
	 * -1.
	 */
	private static int ownPosition(List<String> authors, List<String> ownerNames) {
		int initials = -1;
		for (int i = 0; i < authors.size(); i++) {
			NameHit hit = matches(List.of(authors.get(i)), ownerNames);
			if (hit != null && hit.match() == PersonNames.Match.FULL) {
				return i;
			}
			if (hit != null && initials < 0) {
				initials = i;
			}
		}
		return initials;
	}

	/** Keeps the stronger finding per source. */
	private static void put(Map<ConflictSource, Found> found, Found finding) {
		Found existing = found.get(finding.source());
		if (existing == null
				|| (existing.severity() == ConflictSeverity.MEDIUM && finding.severity() == ConflictSeverity.HIGH)) {
			found.put(finding.source(), finding);
		}
	}

	private static String truncate(String detail) {
		return detail.length() > 480 ? detail.substring(0, 480) : detail;
	}

	private static ConflictSeverity severity(PersonNames.Match match) {
		return match == PersonNames.Match.FULL ? ConflictSeverity.HIGH : ConflictSeverity.MEDIUM;
	}

	/**
	 * The best match between a name on the left and one on the right, or null. When both
	 * sides are written in Hangul, the Hangul forms decide: a romanised "Yoo" may be 유 or
	 * 류, but 유지원 and 류지원 are two names.
	 */
	private static NameHit matches(List<String> names, List<String> others) {
		List<String> left = names;
		List<String> right = others;
		if (names.stream().anyMatch(ConflictRules::isHangul) && others.stream().anyMatch(ConflictRules::isHangul)) {
			left = names.stream().filter(ConflictRules::isHangul).toList();
			right = others.stream().filter(ConflictRules::isHangul).toList();
		}
		NameHit best = null;
		for (String name : left) {
			for (String other : right) {
				PersonNames.Explained explained = PersonNames.explain(name, other);
				if (explained.match() == PersonNames.Match.FULL) {
					return new NameHit(explained.match(), name, other, explained.left(), explained.right());
				}
				if (explained.match() == PersonNames.Match.INITIALS && best == null) {
					best = new NameHit(explained.match(), name, other, explained.left(), explained.right());
				}
			}
		}
		return best;
	}

	private static boolean isHangul(String name) {
		String compact = PersonNames.stripTitles(name).replaceAll("\\s+", "");
		return !compact.isEmpty() && compact.chars().allMatch(c -> c >= 0xAC00 && c <= 0xD7A3);
	}

	private static List<String> names(String... names) {
		return Stream.of(names).filter(Objects::nonNull).filter(n -> !n.isBlank()).toList();
	}

	private static boolean within(Affiliation affiliation, int since) {
		return affiliation.endYear() == null || affiliation.endYear() >= since;
	}

	private static String years(Affiliation affiliation) {
		return affiliation.startYear() + "–" + (affiliation.endYear() == null ? "" : affiliation.endYear());
	}

	/**
	 * Lower case, "+tag" dropped, so that a second address of the same mailbox matches.
	 */
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

}
