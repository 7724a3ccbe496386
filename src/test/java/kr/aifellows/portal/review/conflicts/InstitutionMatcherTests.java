package kr.aifellows.portal.review.conflicts;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstitutionMatcherTests {

	private final InstitutionMatcher matcher = InstitutionMatcher.registryOnly();

	@Test
	void theRegistryHoldsTheInstitutionsKoreanAiResearchersComeFrom() {
		assertThat(InstitutionMatcher.registrySize()).isGreaterThanOrEqualTo(200);
	}

	@Test
	void everySpellingOfAnInstitutionIsThatInstitution() {
		assertSame("kaist", "KAIST", "한국과학기술원", "Korea Advanced Institute of Science and Technology",
				"KAIST AI Graduate School", "김재철AI대학원", "카이스트", "Dept. of Computer Science, KAIST",
				"Korea Adv. Inst. of Sci. & Tech.", "School of Computing, KAIST, Daejeon, Korea", "KAIST전산학부");
		assertSame("snu", "서울대학교", "Seoul National University", "SNU", "서울대학교 AI연구원", "서울대", "Seoul Nat'l Univ.",
				"Department of Electrical and Computer Engineering, Seoul National University", "서울대학교 전기정보공학부",
				"seoul national university");
		assertSame("postech", "POSTECH", "포항공과대학교", "포스텍", "Pohang University of Science and Technology",
				"포항공대 인공지능대학원");
		assertSame("lgai", "LG AI연구원", "LG AI Research", "LG AI 연구원", "엘지AI연구원");
		assertSame("naver", "NAVER Cloud", "네이버클라우드", "NAVER AI Lab", "네이버", "Naver Corp.");
		assertSame("kakao", "Kakao Brain", "카카오브레인", "카카오");
		assertSame("yonsei", "연세대", "연세대학교", "Yonsei Univ.", "YONSEI UNIVERSITY");
		assertSame("etri", "ETRI", "한국전자통신연구원", "Electronics and Telecommunications Research Institute");
		assertSame("mila", "Mila", "Université de Montréal", "University of Montreal");
	}

	@Test
	void aLongerNameWinsOverTheNameInsideIt() {
		assertThat(keys("Korea University of Technology and Education")).containsExactly("koreatech");
		assertThat(keys("Korea University")).containsExactly("korea");
		assertThat(keys("Seoul National University of Science and Technology")).containsExactly("seoultech");
		assertThat(keys("한국과학기술연구원")).containsExactly("kist");
		assertThat(keys("한국과학기술정보연구원")).containsExactly("kisti");
		assertThat(keys("Samsung Research")).containsExactly("samsungresearch");
		assertThat(keys("삼성종합기술원")).containsExactly("sait");
		assertThat(keys("Google DeepMind")).containsExactly("deepmind");
		assertThat(keys("대구가톨릭대학교")).containsExactly("dcu");
		assertThat(keys("울산대학교")).containsExactly("ulsan");
		assertThat(keys("UNIST")).containsExactly("unist");
	}

	@Test
	void twoInstitutionsInOneAffiliationAreBothFound() {
		assertThat(keys("KAIST / NAVER AI Lab")).containsExactly("kaist", "naver");
	}

	@Test
	void anUnknownInstitutionMatchesOnItsNormalisedName() {
		assertThat(matcher.shared("Foo Univ.", "Dept. of Physics, Foo University")).isPresent();
		assertThat(matcher.shared("Bar Institute", "Foo University")).isEmpty();
		assertThat(matcher.shared("가나다대학교 컴퓨터공학과", "가나다대")).isPresent();
		assertThat(matcher.find("Foo University").get(0).inRegistry()).isFalse();
	}

	@Test
	void differentInstitutionsStayApart() {
		assertThat(matcher.shared("KAIST", "KIST")).isEmpty();
		assertThat(matcher.shared("Korea University", "Korea Aerospace University")).isEmpty();
		assertThat(matcher.shared("MIT", "Stanford University")).isEmpty();
		assertThat(matcher.shared("서울대학교", "서울시립대학교")).isEmpty();
		assertThat(matcher.shared("UNIST", "울산대학교")).isEmpty();
		assertThat(matcher.shared("POSTECH", "POSCO")).isEmpty();
	}

	@Test
	void aMergedSpellingIsReadAsItsInstitution() {
		InstitutionMatcher merged = new InstitutionMatcher(List.of(
				new InstitutionMatcher.MergedSpelling("Graduate School of AI, Daejeon Campus", "kaist", "KAIST"),
				new InstitutionMatcher.MergedSpelling("KIST Europe", "~kist europe forschungsgesellschaft",
						"KIST Europe")));
		assertThat(merged.shared("Graduate School of AI, Daejeon Campus", "한국과학기술원")).isPresent();
		assertThat(merged.shared("KIST Europe", "KIST")).isEmpty();
		assertThat(matcher.shared("Graduate School of AI, Daejeon Campus", "한국과학기술원")).isEmpty();
	}

	private void assertSame(String key, String... spellings) {
		for (String spelling : spellings) {
			assertThat(keys(spelling)).as(spelling).containsExactly(key);
		}
	}

	private List<String> keys(String affiliation) {
		return matcher.find(affiliation).stream().map(f -> f.institution().key()).toList();
	}

}
