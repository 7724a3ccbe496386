package kr.aifellows.portal.review.conflicts;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.ExcludedPerson;
import kr.aifellows.portal.portfolios.Profile;
import kr.aifellows.portal.portfolios.Proposal;
import kr.aifellows.portal.portfolios.Publication;
import kr.aifellows.portal.review.pool.ReviewerProfile;
import kr.aifellows.portal.review.pool.ReviewerRelation;
import kr.aifellows.portal.review.pool.ReviewerView;
import kr.aifellows.portal.shared.ResearchArea;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictRulesTests {

	private static final int YEAR = 2026;

	private static final int WINDOW = 3;

	@Test
	void anUnrelatedReviewerHasNoConflict() {
		assertThat(detect(application(List.of()),
				reviewer("reviewer@uni.kr", "Jane Doe", List.of(), List.of(), List.of())))
			.isEmpty();
	}

	@Test
	void theReviewerIsTheApplicantByEmailEvenAPlusAddressOrByOrcid() {
		assertThat(sources(application(List.of()),
				reviewer("Gildong+review@Example.org", "Someone", List.of(), List.of(), List.of())))
			.containsExactly(ConflictSource.SELF);
		ReviewerView byOrcid = new ReviewerView(9, "other@x.kr", null,
				new ReviewerProfile("X", null, "0000-0002-1825-0097", Set.of(), List.of(), List.of()), List.of(), 8, 0,
				Instant.now(), Instant.now());
		assertThat(sources(application(List.of()), byOrcid)).containsExactly(ConflictSource.SELF);
		ReviewerView sameAccount = new ReviewerView(9, "other@x.kr", 42L,
				new ReviewerProfile("X", null, null, Set.of(), List.of(), List.of()), List.of(), 8, 0, Instant.now(),
				Instant.now());
		assertThat(sources(application(List.of()), sameAccount)).containsExactly(ConflictSource.SELF);
	}

	@Test
	void theApplicantNamesPeopleToExcludeByNameOrEmail() {
		ApplicationView application = application(List.of(new ExcludedPerson("이영재", null, "rival"),
				new ExcludedPerson("Someone", "ex@uni.kr", "former advisor")));
		assertThat(sources(application, reviewer("yj@uni.kr", "Young-jae Lee", List.of(), List.of(), List.of())))
			.containsExactly(ConflictSource.NAMED_BY_APPLICANT);
		assertThat(sources(application, reviewer("EX@uni.kr", "Other Person", List.of(), List.of(), List.of())))
			.containsExactly(ConflictSource.NAMED_BY_APPLICANT);
	}

	@Test
	void sameAffiliationCountsWithinTheWindowOnly() {
		ApplicationView application = application(List.of());
		assertThat(sources(application, reviewer("r@x.kr", "R",
				List.of(new Affiliation("kaist", "Professor", 2010, null)), List.of(), List.of())))
			.containsExactly(ConflictSource.AFFILIATION);
		assertThat(sources(application, reviewer("r@x.kr", "R",
				List.of(new Affiliation("Seoul National Univ.", "Professor", 2000, 2024)), List.of(), List.of())))
			.isEmpty();
		assertThat(sources(application, reviewer("r@x.kr", "R",
				List.of(new Affiliation("KAIST", "Professor", 2000, 2020)), List.of(), List.of())))
			.isEmpty();
	}

	@Test
	void coauthorshipIsFoundOnEitherListWithinTheWindow() {
		ApplicationView application = application(List.of());
		// On the applicant's list: "Minsu Kim" co-wrote the 2024 paper.
		assertThat(detect(application, reviewer("r@x.kr", "김민수", List.of(), List.of(), List.of())))
			.extracting(ConflictRules.Found::source, ConflictRules.Found::severity)
			.containsExactly(Tuple.tuple(ConflictSource.COAUTHOR, ConflictSeverity.HIGH));
		// On the reviewer's list, written with initials: a weaker finding.
		Publication paper = Publication.of("Shared work", "NeurIPS", 2025, List.of("Jane Doe", "G.-D. Hong"), null,
				null);
		assertThat(detect(application, reviewer("r@x.kr", "Jane Doe", List.of(), List.of(paper), List.of())))
			.extracting(ConflictRules.Found::source, ConflictRules.Found::severity)
			.containsExactly(Tuple.tuple(ConflictSource.COAUTHOR, ConflictSeverity.MEDIUM));
		Publication old = Publication.of("Old work", "ICML", 2015, List.of("Jane Doe", "Gil-dong Hong"), null, null);
		assertThat(detect(application, reviewer("r@x.kr", "Jane Doe", List.of(), List.of(old), List.of()))).isEmpty();
	}

	@Test
	void declaredPeopleInstitutionsAndAdvisorsAreConflicts() {
		ApplicationView application = application(List.of());
		assertThat(sources(application,
				reviewer("r@x.kr", "R", List.of(), List.of(),
						List.of(new ReviewerRelation(ReviewerRelation.Kind.ADVISEE, "Hong Gil-dong", null)))))
			.containsExactly(ConflictSource.ADVISOR);
		assertThat(sources(application(List.of(new ExcludedPerson("Park Ji-hoon", null, "my PhD advisor", true))),
				reviewer("jh@x.kr", "박지훈", List.of(), List.of(), List.of())))
			.containsExactly(ConflictSource.ADVISOR);
		assertThat(sources(application,
				reviewer("r@x.kr", "R", List.of(), List.of(),
						List.of(new ReviewerRelation(ReviewerRelation.Kind.PERSON, "홍길동", null)))))
			.containsExactly(ConflictSource.DECLARED);
		assertThat(sources(application,
				reviewer("r@x.kr", "R", List.of(), List.of(), List
					.of(new ReviewerRelation(ReviewerRelation.Kind.INSTITUTION, "Seoul National University", null)))))
			.containsExactly(ConflictSource.DECLARED);
	}

	@Test
	void theReviewerIsNeverTheirOwnCoauthorAndSharingTheApplicantsNameIsOnlyAWaivableMediumFinding() {
		// The reviewer is called Gil-dong Hong too; their own paper lists them, not the
		// applicant.
		Publication own = Publication.of("Speech recognition", "ICASSP", 2025, List.of("Gil-dong Hong", "Jane Doe"),
				null, null);
		assertThat(detect(application(List.of()), reviewer("other@x.kr", "홍길동", List.of(), List.of(own), List.of())))
			.extracting(ConflictRules.Found::source, ConflictRules.Found::severity)
			.containsExactly(Tuple.tuple(ConflictSource.SELF, ConflictSeverity.MEDIUM));
		// The applicant's own slot on the applicant's paper is not a co-author either.
		assertThat(
				detect(application(List.of()), reviewer("other@x.kr", "Gildong Hong", List.of(), List.of(), List.of())))
			.extracting(ConflictRules.Found::source)
			.containsExactly(ConflictSource.SELF);
		// Two different ORCID iDs are two people, whatever their names.
		ReviewerView namesake = new ReviewerView(9, "other@x.kr", null,
				new ReviewerProfile("홍길동", null, "0000-0001-5109-3700", Set.of(), List.of(), List.of()), List.of(own),
				8, 0, Instant.now(), Instant.now());
		assertThat(detect(application(List.of()), namesake)).isEmpty();
	}

	@Test
	void anOrcidIdMatchesInEveryWrittenForm() {
		for (String written : List.of("000000021825009 7", "https://orcid.org/0000-0002-1825-0097",
				"0000 0002 1825 0097", "orcid.org/0000000218250097")) {
			ReviewerView byOrcid = new ReviewerView(9, "other@x.kr", null,
					new ReviewerProfile("X", null, written, Set.of(), List.of(), List.of()), List.of(), 8, 0,
					Instant.now(), Instant.now());
			assertThat(detect(application(List.of()), byOrcid)).as(written)
				.extracting(ConflictRules.Found::source, ConflictRules.Found::evidenceCode)
				.containsExactly(Tuple.tuple(ConflictSource.SELF, "conflict.evidence.orcid"));
		}
	}

	@Test
	void institutionsMatchInEverySpellingAndTheEvidenceSaysWhichMatchedWhich() {
		for (String spelling : List.of("KAIST AI Graduate School", "한국과학기술원", "김재철AI대학원",
				"Korea Advanced Institute of Science and Technology", "Dept. of Computer Science, KAIST")) {
			List<ConflictRules.Found> found = detect(application(List.of()), reviewer("r@x.kr", "R",
					List.of(new Affiliation(spelling, "Professor", 2015, null)), List.of(), List.of()));
			assertThat(found).as(spelling).singleElement().satisfies(f -> {
				assertThat(f.source()).isEqualTo(ConflictSource.AFFILIATION);
				assertThat(f.evidenceCode()).isEqualTo("conflict.evidence.affiliation");
				assertThat(f.evidence()).containsSubsequence(spelling, "2015–", "KAIST", "2021–", "KAIST (한국과학기술원)");
			});
		}
		assertThat(sources(application(List.of()), reviewer("r@x.kr", "R",
				List.of(new Affiliation("카이스트 전산학부", "Professor", 2015, 2024)), List.of(), List.of())))
			.containsExactly(ConflictSource.AFFILIATION);
		assertThat(sources(application(List.of()), reviewer("r@x.kr", "R",
				List.of(new Affiliation("KIST", "Researcher", 2015, null)), List.of(), List.of())))
			.isEmpty();
	}

	@Test
	void yooAndRyuInHangulOnBothSidesAreDifferentPeopleEvenWhenOneIsAlsoRomanised() {
		ApplicationView application = application(List.of(new ExcludedPerson("류지원", null, "rival")));
		ReviewerView yoo = new ReviewerView(9, "y@x.kr", null,
				new ReviewerProfile("유지원", "Jiwon Yoo", null, Set.of(), List.of(), List.of()), List.of(), 8, 0,
				Instant.now(), Instant.now());
		assertThat(detect(application, yoo)).isEmpty();
		ReviewerView romanisedOnly = new ReviewerView(9, "y@x.kr", null,
				new ReviewerProfile("Jiwon Yoo", null, null, Set.of(), List.of(), List.of()), List.of(), 8, 0,
				Instant.now(), Instant.now());
		assertThat(sources(application, romanisedOnly)).containsExactly(ConflictSource.NAMED_BY_APPLICANT);
	}

	private static List<ConflictRules.Found> detect(ApplicationView application, ReviewerView reviewer) {
		return ConflictRules.detect(application, reviewer, YEAR, WINDOW);
	}

	private static List<ConflictSource> sources(ApplicationView application, ReviewerView reviewer) {
		return detect(application, reviewer).stream().map(ConflictRules.Found::source).toList();
	}

	private static ReviewerView reviewer(String email, String name, List<Affiliation> affiliations,
			List<Publication> publications, List<ReviewerRelation> relations) {
		return new ReviewerView(7, email, null,
				new ReviewerProfile(name, null, null, Set.of(ResearchArea.NLP), affiliations, relations), publications,
				8, 0, Instant.now(), Instant.now());
	}

	static ApplicationView application(List<ExcludedPerson> exclusions) {
		Profile profile = new Profile("홍길동", "Gil-dong Hong", "0000-0002-1825-0097", Set.of(ResearchArea.NLP),
				List.of(new Affiliation("KAIST", "PhD student", 2021, null),
						new Affiliation("Seoul National University", "BS", 2016, 2020)));
		return new ApplicationView(1, 1, 42, "gildong@example.org", ApplicationStatus.SUBMITTED, profile,
				List.of(Publication.of("Korean LLM evaluation", "ACL", 2024, List.of("Gil-dong Hong", "Minsu Kim"),
						null, null)),
				List.of(), new Proposal("t", "a", "b", 100L, "j"), List.of(), "AIF-1", Instant.now(), Instant.now(),
				Instant.now(), null, exclusions);
	}

}
