package kr.aifellows.portal.search;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What every backend must do, with the same hits for the same queries. Subclasses provide
 * the backend, with {@link SearchCorpus} indexed.
 */
abstract class SearchIndexContract {

	abstract SearchIndex index();

	SearchResults search(String text) {
		return index().search(SearchQuery.chair(SearchCorpus.CALL, text));
	}

	Set<String> ids(String text) {
		return Set.copyOf(search(text).ids());
	}

	@Test
	void koreanParticlesDoNotMatter() {
		assertThat(ids("모델을")).containsExactlyInAnyOrder("1", "4");
		assertThat(ids("모델")).containsExactlyInAnyOrder("1", "4");
	}

	@Test
	void compoundsMatchTheirSpacedParts() {
		assertThat(ids("강화학습")).containsExactlyInAnyOrder("1", "3");
		assertThat(ids("강화 학습")).containsExactlyInAnyOrder("1", "3");
		assertThat(ids("언어모델")).containsExactlyInAnyOrder("1");
	}

	@Test
	void englishIsStemmed() {
		assertThat(ids("training")).containsExactlyInAnyOrder("2");
		assertThat(ids("trains")).containsExactlyInAnyOrder("2");
		assertThat(ids("model")).containsExactlyInAnyOrder("1", "2", "4");
		assertThat(ids("recognition")).containsExactlyInAnyOrder("4");
	}

	@Test
	void mixedDocumentsMatchBothLanguages() {
		assertThat(ids("reinforcement 로봇")).containsExactlyInAnyOrder("3");
		assertThat(ids("speech 경량화")).containsExactlyInAnyOrder("4");
	}

	@Test
	void phrasesKeepWordOrder() {
		assertThat(ids("\"vision transformers\"")).containsExactlyInAnyOrder("2");
		assertThat(ids("\"transformers vision\"")).isEmpty();
	}

	@Test
	void exclusionsRemoveHits() {
		assertThat(ids("강화학습 -로봇")).containsExactlyInAnyOrder("1");
		assertThat(ids("-강화학습")).containsExactlyInAnyOrder("2", "4", "5");
	}

	@Test
	void searchesStayWithinTheCall() {
		assertThat(ids("다른 공고")).isEmpty();
		assertThat(index().search(SearchQuery.chair(SearchCorpus.OTHER_CALL, "강화학습")).ids()).containsExactly("9");
	}

	@Test
	void fieldFiltersNarrowTheHits() {
		assertThat(ids("area:SPEECH")).containsExactly("4");
		assertThat(ids("status:under_review")).containsExactly("3");
		assertThat(ids("affiliation:KAIST")).containsExactlyInAnyOrder("1", "4");
		assertThat(ids("affiliation:\"Seoul National University\" attention")).containsExactly("2");
		assertThat(ids("-area:SPEECH model")).containsExactlyInAnyOrder("1", "2");
		assertThat(index()
			.search(SearchQuery.chair(SearchCorpus.CALL, "").withFilters("REINFORCEMENT_LEARNING", null, null))
			.ids()).containsExactlyInAnyOrder("1", "3");
	}

	@Test
	void affiliationsMatchIgnoringCase() {
		assertThat(ids("affiliation:kaist")).containsExactlyInAnyOrder("1", "4");
		assertThat(ids("소속:Kaist 음성")).containsExactly("4");
		assertThat(ids("affiliation:\"seoul NATIONAL university\"")).containsExactly("2");
		assertThat(index().search(SearchQuery.chair(SearchCorpus.CALL, "").withFilters(null, null, "postech")).ids())
			.containsExactly("3");
		assertThat(ids("-affiliation:kaist")).containsExactlyInAnyOrder("2", "3", "5");
	}

	@Test
	void yearsFilterLikeTheOtherFacets() {
		assertThat(ids("year:2025")).containsExactly("2");
		assertThat(ids("연도:2026 강화학습")).containsExactlyInAnyOrder("1", "3");
		assertThat(ids("-year:2026")).containsExactly("2");
		SearchResults chosen = index().search(SearchQuery.chair(SearchCorpus.CALL, "").withYear("2026"));
		assertThat(Set.copyOf(chosen.ids())).containsExactlyInAnyOrder("1", "3", "4", "5");
		assertThat(chosen.facet("year")).containsExactly(new SearchResults.FacetCount("2026", 4));
		assertThat(ids("year:1999")).isEmpty();
	}

	@Test
	void phrasesNeverSpanTwoFields() {
		// the title ends with "transformers", the abstract begins with "We trained
		// models"
		assertThat(ids("\"we trained models\"")).containsExactly("2");
		assertThat(ids("\"transformers we trained\"")).isEmpty();
	}

	@Test
	void facetsCountAllHits() {
		SearchResults all = search("");
		assertThat(all.total()).isEqualTo(5);
		assertThat(all.facet("area")).contains(new SearchResults.FacetCount("REINFORCEMENT_LEARNING", 2),
				new SearchResults.FacetCount("SPEECH", 1));
		assertThat(all.facet("area").get(0)).isEqualTo(new SearchResults.FacetCount("REINFORCEMENT_LEARNING", 2));
		assertThat(all.facet("status")).containsExactly(new SearchResults.FacetCount("SUBMITTED", 4),
				new SearchResults.FacetCount("UNDER_REVIEW", 1));
		assertThat(all.facet("affiliation").get(0)).isEqualTo(new SearchResults.FacetCount("KAIST", 2));
		assertThat(all.facet("year")).containsExactly(new SearchResults.FacetCount("2026", 4),
				new SearchResults.FacetCount("2025", 1));
		assertThat(search("강화학습").facet("area")).containsExactly(
				new SearchResults.FacetCount("REINFORCEMENT_LEARNING", 2), new SearchResults.FacetCount("NLP", 1),
				new SearchResults.FacetCount("ROBOTICS", 1));
	}

	@Test
	void chairsFindIdentitiesButBlindSearchesNever() {
		assertThat(ids("홍길동")).containsExactly("1");
		assertThat(ids("kaist")).containsExactlyInAnyOrder("1", "4");
		SearchQuery blind = new SearchQuery(SearchCorpus.CALL, "홍길동", null, true, null, null, null, null,
				SearchQuery.Sort.RELEVANCE, 0, 20);
		assertThat(index().search(blind).ids()).isEmpty();
		assertThat(index().search(blind.withFilters(null, null, null)).total()).isZero();
		SearchQuery blindKaist = new SearchQuery(SearchCorpus.CALL, "kaist", null, true, null, null, null, null,
				SearchQuery.Sort.RELEVANCE, 0, 20);
		assertThat(index().search(blindKaist).ids()).isEmpty();
	}

	@Test
	void blindSearchesRefuseIdentityFieldsAndLeaveThemOutOfFacets() {
		SearchResults refused = index()
			.search(SearchQuery.reviewer(SearchCorpus.CALL, "affiliation:KAIST", null, true));
		assertThat(refused.problem()).isEqualTo("search.query.fieldNotAllowed");
		assertThat(refused.hits()).isEmpty();
		SearchResults refusedFilter = index().search(new SearchQuery(SearchCorpus.CALL, "", null, true, null, null,
				"KAIST", null, SearchQuery.Sort.RELEVANCE, 0, 20));
		assertThat(refusedFilter.problem()).isEqualTo("search.query.fieldNotAllowed");

		SearchResults blind = index().search(new SearchQuery(SearchCorpus.CALL, "강화학습", null, true, null, null, null,
				null, SearchQuery.Sort.RELEVANCE, 0, 20));
		assertThat(blind.ids()).containsExactlyInAnyOrder("1", "3");
		assertThat(blind.facets()).doesNotContainKey("affiliation");
		assertThat(blind.hits()).allSatisfy(
				hit -> assertThat(String.join(" ", hit.snippets())).doesNotContain("홍길동", "KAIST", "POSTECH", "hong@"));
	}

	@Test
	void reviewersOnlyFindTheirAssignedApplications() {
		assertThat(index().search(SearchQuery.reviewer(SearchCorpus.CALL, "강화학습", Set.of("2", "3"), false)).ids())
			.containsExactly("3");
		assertThat(index().search(SearchQuery.reviewer(SearchCorpus.CALL, "", Set.of("2", "3", "9"), true)).ids())
			.containsExactlyInAnyOrder("2", "3");
		SearchResults none = index().search(SearchQuery.reviewer(SearchCorpus.CALL, "", Set.of(), true));
		assertThat(none.total()).isZero();
		assertThat(none.facet("area")).isEmpty();
	}

	@Test
	void badQueriesGiveAResultOrAMessage() {
		assertThat(ids("\"vision transformers")).containsExactly("2");
		assertThat(search("강화학습 ".repeat(300)).problem()).isEqualTo("search.query.tooLong");
		assertThat(search("the of and").problem()).isEqualTo("search.query.nothingToSearch");
		assertThat(search("+-&&||!(){}[]^\"~*?:\\/").problem()).isEqualTo("search.query.nothingToSearch");
		for (String nasty : List.of("<script>alert(1)</script>", "*:*", "title:(a OR b)", "\\", "\"", "-", "--x",
				"affiliation:", "area:\"", "status:\"\"", "{\"query\":{\"match_all\":{}}}", "a".repeat(999),
				"identity:홍길동 OR 1=1", "\u0000\u0001", "강화학습 AND NOT 로봇", "x".repeat(40) + ":" + "y")) {
			assertThatCode(() -> search(nasty)).as(nasty).doesNotThrowAnyException();
		}
		assertThat(ids("*:*")).isEmpty();
		assertThat(ids("script")).containsExactly("1");
		assertThat(search(" ").total()).isEqualTo(5);
		assertThat(search(String.join(" ", Collections.nCopies(40, "모델"))).problem())
			.isEqualTo("search.query.tooManyTerms");
		assertThat(index().search(SearchQuery.chair(SearchCorpus.CALL, "").withPage(500, 100)).problem())
			.isEqualTo("search.query.pageTooDeep");
	}

	@Test
	void sortsByDateAndPages() {
		SearchQuery byDate = SearchQuery.chair(SearchCorpus.CALL, "").withSort(SearchQuery.Sort.DATE).withPage(0, 2);
		SearchResults first = index().search(byDate);
		assertThat(first.ids()).containsExactly("1", "5");
		assertThat(first.total()).isEqualTo(5);
		assertThat(first.hasNext()).isTrue();
		assertThat(index().search(byDate.withPage(1, 2)).ids()).containsExactly("4", "3");
		assertThat(index().search(byDate.withPage(2, 2)).ids()).containsExactly("2");
		assertThat(index().search(byDate.withPage(2, 2)).hasNext()).isFalse();
	}

	@Test
	void relevanceRanksTheBetterMatchFirst() {
		assertThat(search("speech recognition").ids().get(0)).isEqualTo("4");
		assertThat(search("강화학습 언어모델").ids()).containsExactly("1");
	}

	@Test
	void snippetsMarkMatchesAndCarryTitles() {
		SearchResults results = search("강화학습");
		SearchResults.Hit hit = results.hits().stream().filter(h -> h.id().equals("1")).findFirst().orElseThrow();
		assertThat(hit.title()).isEqualTo("대규모 언어 모델을 위한 강화학습");
		assertThat(hit.status()).isEqualTo("SUBMITTED");
		assertThat(hit.date()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
		assertThat(hit.snippets()).isNotEmpty();
		assertThat(Snippets.toHtml(hit.snippets().get(0))).contains("<mark>").doesNotContain("\uE000");
		SearchResults.Hit english = search("training").hits().get(0);
		assertThat(english.snippets()).anySatisfy(snippet -> assertThat(snippet).contains("\uE000"));
		SearchResults.Hit script = search("script").hits().get(0);
		assertThat(script.snippets())
			.anySatisfy(snippet -> assertThat(Snippets.toHtml(snippet)).contains("&lt;").doesNotContain("<script>"));
	}

	@Test
	void snippetsOfLongTextStayShort() {
		long call = 66;
		String filler = String.join(" ", Collections.nCopies(150, "lorem ipsum"));
		index().index(new SearchDocument("66", call, "SUBMITTED", Set.of(), List.of(), List.of(), "긴 본문", "",
				filler + " 양자화 " + filler, "", List.of(), List.of(), Instant.parse("2026-01-01T00:00:00Z")));
		try {
			SearchResults.Hit hit = index().search(SearchQuery.chair(call, "양자화")).hits().get(0);
			assertThat(hit.snippets()).hasSize(1);
			assertThat(Snippets.toHtml(hit.snippets().get(0))).contains("<mark>양자화</mark>").hasSizeLessThan(320);
		}
		finally {
			index().remove("66");
		}
	}

	@Test
	void similarityScoresCandidatesByContent() {
		Map<String, Double> scores = index().similarity("speech recognition models on mobile devices, 음성 인식",
				List.of("2", "4", "5", "404"));
		assertThat(scores).containsOnlyKeys("2", "4", "5");
		assertThat(scores.get("4")).isGreaterThan(scores.get("2")).isGreaterThan(0.0);
		assertThat(scores.get("4")).isGreaterThan(scores.get("5"));
		assertThat(index().similarity("홍길동 KAIST", List.of("1"))).containsEntry("1", 0.0);
	}

	@Test
	void writesAreVisibleAtOnceAndRemovalsLeave() {
		long call = 77;
		index().index(new SearchDocument("77", call, "SUBMITTED", Set.of("NLP"), List.of(), List.of(), "새로 제출된 지원서", "",
				"", "", List.of(), List.of(), Instant.now()));
		assertThat(index().search(SearchQuery.chair(call, "지원서")).ids()).containsExactly("77");
		index().index(new SearchDocument("77", call, "SUBMITTED", Set.of("NLP"), List.of(), List.of(), "고친 제목", "", "",
				"", List.of(), List.of(), Instant.now()));
		assertThat(index().search(SearchQuery.chair(call, "지원서")).ids()).isEmpty();
		assertThat(index().search(SearchQuery.chair(call, "제목")).ids()).containsExactly("77");
		index().remove("77");
		assertThat(index().search(SearchQuery.chair(call, "")).total()).isZero();
		assertThatCode(() -> index().remove("never-indexed")).doesNotThrowAnyException();
	}

	@Test
	void rebuildSwapsInANewIndexWhileSearchesGoOn() {
		long call = 88;
		index().index(doc("88-old", call, "옛 문서"));
		try (SearchIndex.Rebuild rebuild = index().rebuild()) {
			rebuild.add(List.of(doc("88-a", call, "새 문서 하나"), doc("88-b", call, "새 문서 둘")));
			assertThat(index().search(SearchQuery.chair(call, "")).ids()).containsExactly("88-old");
			index().index(doc("88-live", call, "재색인 중에 제출"));
			rebuild.add(List.of(doc("88-c", call, "새 문서 셋")));
			rebuild.swap();
		}
		// the whole corpus is gone too: a rebuild is everything
		assertThat(Set.copyOf(index().search(SearchQuery.chair(call, "").withPage(0, 10)).ids()))
			.containsExactlyInAnyOrder("88-a", "88-b", "88-c", "88-live");
		assertThat(index().search(SearchQuery.chair(call, "문서")).total()).isEqualTo(3);
		index().indexAll(SearchCorpus.documents());
		assertThat(search("").total()).isEqualTo(5);
	}

	@Test
	void anAbandonedRebuildChangesNothing() {
		long before = search("").total();
		try (SearchIndex.Rebuild rebuild = index().rebuild()) {
			rebuild.add(List.of(doc("99", 99, "버려질 문서")));
		}
		assertThat(search("").total()).isEqualTo(before);
		assertThat(index().search(SearchQuery.chair(99, "")).total()).isZero();
		try (SearchIndex.Rebuild again = index().rebuild()) {
			assertThat(again).isNotNull();
		}
	}

	@Test
	void reportsItsHealth() {
		SearchIndex.Health health = index().health();
		assertThat(health.up()).isTrue();
		assertThat(health.documents()).isPositive();
	}

	static SearchDocument doc(String id, long call, String title) {
		return new SearchDocument(id, call, "SUBMITTED", Set.of(), List.of(), List.of(), title, "", "", "", List.of(),
				List.of(), Instant.parse("2026-01-01T00:00:00Z"));
	}

}
