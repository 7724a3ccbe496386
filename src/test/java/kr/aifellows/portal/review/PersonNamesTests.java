package kr.aifellows.portal.review;

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
}
