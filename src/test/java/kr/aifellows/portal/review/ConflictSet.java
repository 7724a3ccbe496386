package kr.aifellows.portal.review;

import java.util.ArrayList;
import java.util.List;

import kr.aifellows.portal.review.pool.ReviewerRelation;

/**
 * The conflict test set of issue 25, written the way real applications and reviewer
 * profiles look: Hangul and romanised names with titles, institutions in Korean, English
 * and abbreviations, BibTeX author lists, declared relations, ORCID iDs in every form. 27
 * pairs are real conflicts, 9 only look like one. Each side is entered through the
 * portal's own pages by {@link ConflictSetTests}.
 */
final class ConflictSet {

	/** Affiliation: institution as written, start year, end year or null. */
	record Aff(String institution, int start, Integer end) {
	}

	/** The applicant's side. */
	static final class Applicant {

		final String nameKo;

		final String nameRomanized;

		String orcid;

		final List<Aff> affiliations = new ArrayList<>();

		String bibtex;

		/**
		 * name, e-mail ("" for none, "APPLICANT" for the applicant's), advisor flag as
		 * text.
		 */
		final List<String[]> exclusions = new ArrayList<>();

		Applicant(String nameKo, String nameRomanized) {
			this.nameKo = nameKo;
			this.nameRomanized = nameRomanized;
		}

		Applicant orcid(String value) {
			orcid = value;
			return this;
		}

		Applicant aff(String institution, int start, Integer end) {
			affiliations.add(new Aff(institution, start, end));
			return this;
		}

		Applicant bib(String value) {
			bibtex = value;
			return this;
		}

		Applicant excluded(String name, boolean advisor) {
			exclusions.add(new String[] { name, "", Boolean.toString(advisor) });
			return this;
		}

	}

	/**
	 * The reviewer's side; {@code sheet} reviewers come in through the chair's sheet
	 * import.
	 */
	static final class Reviewer {

		final String name;

		final String nameRomanized;

		final boolean sheet;

		String orcid;

		final List<Aff> affiliations = new ArrayList<>();

		/**
		 * kind, name, e-mail ("" for none, "APPLICANT" for the pair's applicant's
		 * address).
		 */
		final List<String[]> relations = new ArrayList<>();

		String bibtex;

		Reviewer(String name, String nameRomanized, boolean sheet) {
			this.name = name;
			this.nameRomanized = nameRomanized;
			this.sheet = sheet;
		}

		Reviewer orcid(String value) {
			orcid = value;
			return this;
		}

		Reviewer aff(String institution, int start, Integer end) {
			affiliations.add(new Aff(institution, start, end));
			return this;
		}

		Reviewer rel(ReviewerRelation.Kind kind, String relName, String email) {
			relations.add(new String[] { kind.name(), relName, email });
			return this;
		}

		Reviewer bib(String value) {
			bibtex = value;
			return this;
		}

	}

	/** One pair: what it tests, whether it is a real conflict, and both sides. */
	record Case(String label, boolean conflict, Applicant applicant, Reviewer reviewer) {
	}

	private ConflictSet() {
	}

	static Applicant a(String nameKo, String nameRomanized) {
		return new Applicant(nameKo, nameRomanized);
	}

	static Reviewer form(String name, String nameRomanized) {
		return new Reviewer(name, nameRomanized, false);
	}

	static Reviewer sheet(String name, String nameRomanized) {
		return new Reviewer(name, nameRomanized, true);
	}

	private static String bib(String key, String title, String authors) {
		return "@inproceedings{" + key + ", title={" + title + "}, author={" + authors
				+ "}, booktitle={ACL}, year={2025}}";
	}

	static List<Case> cases() {
		ReviewerRelation.Kind person = ReviewerRelation.Kind.PERSON;
		ReviewerRelation.Kind advisor = ReviewerRelation.Kind.ADVISOR;
		ReviewerRelation.Kind advisee = ReviewerRelation.Kind.ADVISEE;
		ReviewerRelation.Kind institution = ReviewerRelation.Kind.INSTITUTION;
		return List.of(
				// Institutions in every spelling.
				real("KAIST AI Graduate School = 한국과학기술원",
						a("김하늘", "Ha-neul Kim").aff("KAIST AI Graduate School", 2022, null),
						form("임재성", null).aff("한국과학기술원", 2012, null)),
				real("Korea Advanced Institute of Science and Technology = 김재철AI대학원",
						a("박서진", "Seo-jin Park").aff("Korea Advanced Institute of Science and Technology", 2021, null),
						sheet("Prof. Dong-wook Shin", null).aff("김재철AI대학원", 2019, null)),
				real("서울대학교 AI연구원 = SNU", a("이도현", "Do-hyun Lee").aff("서울대학교 AI연구원", 2023, null),
						form("조은비", "Eun-bi Cho").aff("SNU", 2010, null)),
				real("department before Seoul National University = 서울대 전기정보공학부",
						a("정민호", "Min-ho Jung")
							.aff("Dept. of Electrical and Computer Engineering, Seoul National University", 2020, null),
						sheet("한상우", "Sang-woo Han").aff("서울대 전기정보공학부", 2015, null)),
				real("LG AI연구원 = LG AI Research", a("윤서아", "Seo-a Yoon").aff("LG AI연구원", 2024, null),
						form("Hye-jin Kang", null).aff("LG AI Research", 2021, null)),
				real("포스텍 = Pohang Univ. of Science & Technology",
						a("장우진", "Woo-jin Jang").aff("포스텍 컴퓨터공학과", 2021, null),
						sheet("Sung-ho Baek", null).aff("Pohang Univ. of Science & Technology", 2008, null)),
				real("NAVER Cloud = 네이버 클로바", a("송지아", "Ji-a Song").aff("NAVER Cloud", 2023, null),
						form("홍예린", "Ye-rin Hong").aff("네이버 클로바", 2020, null)),
				real("Yonsei Univ. = 연세대학교 인공지능대학원", a("문태윤", "Tae-yoon Moon").aff("Yonsei Univ.", 2022, null),
						sheet("구본혁", "Bon-hyuk Koo").aff("연세대학교 인공지능대학원", 2018, null)),
				real("카카오브레인 (until 2024) = Kakao Corp.", a("신유나", "Yu-na Shin").aff("카카오브레인", 2022, 2024),
						form("Ki-hoon Nam", null).aff("Kakao Corp.", 2019, null)),
				real("성균관대 = SKKU", a("한지호", "Ji-ho Han").aff("성균관대", 2021, null),
						sheet("Soo-bin Cha", null).aff("SKKU", 2016, null)),
				real("unknown institution by normalised name",
						a("오세린", "Se-rin Oh").aff("Dept. of AI, Hallasan University", 2022, null),
						form("Myung-soo Pyo", null).aff("Hallasan Univ.", 2015, null)),
				real("declared institution UNIST = 울산과학기술원", a("배지민", "Ji-min Bae").aff("울산과학기술원 인공지능대학원", 2023, null),
						form("노현우", "Hyun-woo Noh").rel(institution, "UNIST", "")),
				// Names as Koreans write them.
				real("advisor named with honorific 배현석 교수님 = Hyun-seok Bae",
						own(a("천수아", "Su-a Cheon")).excluded("배현석 교수님", true), form("Hyun-seok Bae", null)),
				real("Prof. In So Kweon = 권인소", own(a("표하준", "Ha-jun Pyo")).excluded("Prof. In So Kweon", false),
						sheet("권인소", null)),
				real("advisee Ji-hoon Yoo = 유지훈 (Jihoon Yu)", own(a("유지훈", "Jihoon Yu")),
						form("Yeon-woo Seok", null).rel(advisee, "YOO Ji-hoon", "")),
				real("declared Ryoo Seungmin = 류승민 (Seungmin Lyu)", own(a("류승민", "Seungmin Lyu")),
						form("Ga-eun Ahn", null).rel(person, "Ryoo Seungmin", "")),
				real("advisor Bora Hwang = 황보라 read as 황 + 보라", own(a("황보라", "Hwangbo Ra")),
						form("Jun-young Seo", null).rel(advisor, "Bora Hwang", "")),
				real("Tae-oh Kim = 김태오", own(a("추민재", "Min-jae Choo")).excluded("Tae-oh Kim", false),
						form("김태오", null)),
				real("정수민 책임연구원 = Sumin Jeong, Ph.D.", own(a("변소율", "So-yul Byun")).excluded("정수민 책임연구원", false),
						sheet("Sumin Jeong, Ph.D.", null)),
				real("McCune–Reischauer Ch'oe T'ae-ho = 최태호",
						own(a("마준서", "Jun-seo Ma")).excluded("Ch'oe T'ae-ho", true), form("최태호", null)),
				// Identifiers.
				real("ORCID with prefix and lower-case x = ORCID without hyphens (sheet)",
						own(a("설가윤", "Ga-yoon Seol")).orcid("https://orcid.org/0000-0002-1694-233x"),
						sheet("Dr. Gayun Sul", null).orcid("000000021694233X")),
				real("ORCID with spaces = ORCID with hyphens", own(a("탁윤호", "Yun-ho Tak")).orcid("0000 0003 1234 5674"),
						form("Y. Tak", null).orcid("0000-0003-1234-5674")),
				real("declared person by the applicant's e-mail", own(a("도하윤", "Ha-yoon Do")),
						form("Eun-ji Min", null).rel(person, "Someone Else", "APPLICANT")),
				// Co-authorship from BibTeX.
				real("reviewer's BibTeX lists the applicant", own(a("곽지훈", "Ji-hoon Kwak")),
						form("Jae-won Seong", null)
							.bib(bib("r1", "Reasoning in Korean", "Seong, Jae-won and Kwak, Jihoon and Kim, Min-ji"))),
				real("applicant's BibTeX lists the reviewer (Kweon)",
						own(a("길예나", "Ye-na Gil")).bib(bib("a1", "Korean speech", "Gil, Ye-na and Kweon, Hyuk")),
						sheet("권혁", null)),
				real("applicant's BibTeX lists the reviewer by initials (MEDIUM)",
						own(a("남규리", "Gyu-ri Nam")).bib(bib("a2", "Vision tokens", "Nam, Gyu-ri and Oh, S.-W.")),
						form("오승우", null)),
				real("reviewer's BibTeX in McCune–Reischauer lists 정영호", own(a("정영호", "Yeong-ho Jeong")),
						form("Su-hyeon Paek", null)
							.bib(bib("r2", "Graph learning", "Paek, Su-hyeon and Chŏng, Yŏng-ho"))),
				// Only look like conflicts.
				fake("namesake reviewer whose own paper lists their own name", own(a("김민준", "Min-jun Kim")),
						form("김민준", "Minjun Kim").bib(bib("r3", "Speech synthesis", "Kim, Minjun and Lee, Sora"))),
				fake("유지원 is not 류지원", own(a("유지원", "Jiwon Yoo")), form("Hyun-a Ko", null).rel(person, "류지원", "")),
				fake("KIST is not KAIST", a("백나래", "Na-rae Baek").aff("KIST", 2022, null),
						sheet("Jong-hyun Yeom", null).aff("KAIST", 2014, null)),
				fake("Korea University is not 한국항공대학교", a("하은별", "Eun-byeol Ha").aff("Korea University", 2021, null),
						form("Seung-hyun Ok", null).aff("한국항공대학교", 2015, null)),
				fake("서울시립대학교 is not 서울대학교", a("어진우", "Jin-woo Eo").aff("서울시립대학교", 2022, null),
						sheet("Ju-won Yang", null).aff("서울대학교", 2011, null)),
				fake("UNIST is not 울산대학교", a("봉세아", "Se-a Bong").aff("UNIST", 2022, null),
						form("Do-yoon Kang", null).aff("울산대학교", 2010, null)),
				fake("Yonsei, but both left before the window", own(a("위서율", "Seo-yul Wi")).aff("연세대학교", 2012, 2016),
						sheet("Min-seo Eom", null).aff("Yonsei University", 2000, 2018)),
				fake("same name, different ORCID iDs", own(a("이서연", "Seo-yeon Lee")).orcid("0000-0002-9876-5436"),
						form("이서연", "Seo-yeon Lee").orcid("0000-0001-4455-6674")),
				fake("김철수 교수님 is not Cheol-ho Kim", own(a("연하람", "Ha-ram Yeon")).excluded("김철수 교수님", false),
						form("Cheol-ho Kim", null)));
	}

	private static int own = 0;

	/**
	 * An applicant's own unknown affiliation, different for each, so that it ties them to
	 * no one.
	 */
	private static Applicant own(Applicant applicant) {
		return applicant.aff("Aifellows Test Org " + (++own), 2022, null);
	}

	private static Case real(String label, Applicant applicant, Reviewer reviewer) {
		return new Case(label, true, applicant, reviewer);
	}

	private static Case fake(String label, Applicant applicant, Reviewer reviewer) {
		return new Case(label, false, applicant, reviewer);
	}

}
