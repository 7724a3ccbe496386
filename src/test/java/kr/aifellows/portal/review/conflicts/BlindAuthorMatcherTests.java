package kr.aifellows.portal.review.conflicts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import kr.aifellows.portal.portfolios.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blind view finds the applicant in an author list however the name is written: a
 * generated list of the ways publications write a name (marks, notes, degrees, initials,
 * order, romanisation, Hangul), each at every position among co-authors who are not the
 * applicant.
 */
class BlindAuthorMatcherTests {

	private static final Profile MINSU_PARK = new Profile("박민수", "Minsu Park", null, Set.of(), List.of());

	private static final Profile GILDONG_HONG = new Profile("홍길동", "Gil-dong Hong", null, Set.of(), List.of());

	private static final List<String> COAUTHORS = List.of("Jiwoo Lee", "Seo-yeon Kim", "Hyun-woo Choi", "김철수");

	private static final List<String> MARKS = List.of("", "*", "†", "‡", "¹", "²³", "*†", "¹*", " (corresponding)",
			" (Corresponding author)", ", Ph.D.", ", PhD", " PhD", " [equal contribution]", "✉", " {1}");

	private final BlindAuthorMatcher matcher = new BlindAuthorMatcher();

	static Stream<Arguments> variants() {
		List<Arguments> arguments = new ArrayList<>();
		Stream
			.of("Minsu Park", "Park Minsu", "Park, Minsu", "MINSU PARK", "minsu park", "Min-su Park", "Min Su Park",
					"Minsoo Park", "Minsu Bak", "Minsu Pak", "M. Park", "Park, M.", "M Park", "M.S. Park", "Minsu P.",
					"박민수", "박 민수")
			.forEach(name -> MARKS.forEach(mark -> arguments.add(Arguments.of(MINSU_PARK, name + mark))));
		Stream
			.of("Gil-dong Hong", "Hong Gil-dong", "Hong, Gil-dong", "Gildong Hong", "Kil-dong Hong", "Gil Dong Hong",
					"G. Hong", "G.-D. Hong", "Hong, G.", "G.D. Hong", "홍길동")
			.forEach(name -> MARKS.forEach(mark -> arguments.add(Arguments.of(GILDONG_HONG, name + mark))));
		return arguments.stream();
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("variants")
	void theApplicantIsFoundAtEveryPositionHoweverTheNameIsWritten(Profile applicant, String written) {
		for (int position = 0; position <= COAUTHORS.size(); position++) {
			List<String> authors = new ArrayList<>(COAUTHORS);
			authors.add(position, written);
			assertThat(matcher.applicantPosition(applicant, authors)).as("%s in %s", written, authors)
				.isEqualTo(position + 1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("others")
	void otherPeopleAreNotTakenForTheApplicant(String other) {
		assertThat(matcher.applicantPosition(MINSU_PARK, List.of(other + "*", "Jiwoo Lee"))).isZero();
	}

	static Stream<String> others() {
		return Stream.of("Minho Park", "Jisu Park", "Minsu Kim", "박민호", "김민수", "J. Park", "Park, J.", "Sumin Park");
	}

}
