package kr.aifellows.portal.review.conflicts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNamesTests {

	@Test
	void caseSpacingHyphensAndOrderDoNotHideThePerson() {
		assertThat(PersonNames.match("Gil-dong Hong", "HONG Gildong")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("Gil-dong Hong", "Hong, Gil Dong")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("  gil-dong   hong ", "Gil-Dong Hong")).isEqualTo(PersonNames.Match.FULL);
	}

	@Test
	void hangulNamesMatchTheirRomanisationsAndCommonSpellingVariants() {
		assertThat(PersonNames.match("홍길동", "Gil-dong Hong")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("김민수", "Minsoo Kim")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("이영재", "Young-jae Lee")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("이영재", "Yeongjae Yi")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("박지현", "Park Ji-hyun")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("최성훈", "Sung-hoon Choi")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("정 수 민", "Jeong Sumin")).isEqualTo(PersonNames.Match.FULL);
	}

	@Test
	void initialsMatchOnlyAsInitials() {
		assertThat(PersonNames.match("G. Hong", "Gil-dong Hong")).isEqualTo(PersonNames.Match.INITIALS);
		assertThat(PersonNames.match("G.-D. Hong", "홍길동")).isEqualTo(PersonNames.Match.INITIALS);
		assertThat(PersonNames.match("J. Smith", "John Smith")).isEqualTo(PersonNames.Match.INITIALS);
	}

	@Test
	void differentPeopleDoNotMatch() {
		assertThat(PersonNames.match("Gil-dong Hong", "Gil-dong Kim")).isEqualTo(PersonNames.Match.NONE);
		assertThat(PersonNames.match("홍길동", "홍길순")).isEqualTo(PersonNames.Match.NONE);
		assertThat(PersonNames.match("S. Hong", "Gil-dong Hong")).isEqualTo(PersonNames.Match.NONE);
		assertThat(PersonNames.match("John Smith", "Jane Smith")).isEqualTo(PersonNames.Match.NONE);
		assertThat(PersonNames.match("", "Jane Smith")).isEqualTo(PersonNames.Match.NONE);
	}

	@Test
	void titlesAndHonorificsAreNotPartOfTheName() {
		assertThat(PersonNames.match("배현석 교수님", "배현석")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("배현석교수님", "Hyun-seok Bae")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("김민수 박사", "Dr. Minsu Kim")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("이영재 선생님", "Prof. Young-jae Lee, Ph.D.")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("정수민 책임연구원", "Sumin Jeong PhD")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("홍길동님", "Mr. Gildong Hong")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("Professor Hong, Gil-dong", "홍길동 연구원")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.stripTitles("배현석 교수님")).isEqualTo("배현석");
	}

	@Test
	void surnameSpellingsOfBothRomanisationsAndCommonUseAreKnown() {
		assertThat(PersonNames.match("권인소", "In So Kweon")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("권인소", "Inso Gwon")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("유지훈", "Ji-hoon Yoo")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("유지훈", "Jihoon Yu")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("류지훈", "Ji-hoon Ryu")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("류지훈", "Ji-hoon Yoo")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("최태호", "Ch'oe T'ae-ho")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("정영호", "Chŏng Yŏng-ho")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("김민우", "Min-woo Kim")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("이정희", "Jung-hee Lee")).isEqualTo(PersonNames.Match.FULL);
	}

	@Test
	void yooAndRyuWrittenInHangulAreDifferentSurnames() {
		assertThat(PersonNames.match("유지훈", "류지훈")).isEqualTo(PersonNames.Match.NONE);
		assertThat(PersonNames.match("유지훈", "Ji-hoon Ryu")).isEqualTo(PersonNames.Match.NONE);
	}

	@Test
	void anAmbiguousCompoundSurnameGivesEveryReading() {
		assertThat(PersonNames.match("황보라", "Bora Hwang")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("황보라", "Ra Hwangbo")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("남궁민수", "Namgung Minsu")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.explain("황보라", "Bora Hwang").left()).isEqualTo("황 + 보라");
		assertThat(PersonNames.match("황보라", "황보란")).isEqualTo(PersonNames.Match.NONE);
	}

	@Test
	void ohInsideAGivenNameIsTheSyllableO() {
		assertThat(PersonNames.match("김태오", "Tae-oh Kim")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("김태오", "Taeoh Kim")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("오태호", "Tae-ho Oh")).isEqualTo(PersonNames.Match.FULL);
	}

	@Test
	void aNameInParenthesesIsAnotherWrittenForm() {
		assertThat(PersonNames.match("홍길동 (Gil-dong Hong)", "HONG Gildong")).isEqualTo(PersonNames.Match.FULL);
		assertThat(PersonNames.match("Gil-dong Hong / 홍길동", "홍길동")).isEqualTo(PersonNames.Match.FULL);
	}

}
