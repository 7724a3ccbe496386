package kr.aifellows.portal.search;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A small mixed Korean/English set of applications that the contract tests search.
 */
final class SearchCorpus {

	static final long CALL = 1;

	static final long OTHER_CALL = 2;

	/** The call of {@link #bilingual()}. */
	static final long BILINGUAL_CALL = 3;

	private SearchCorpus() {
	}

	static List<SearchDocument> documents() {
		return List.of(
				new SearchDocument("1", CALL, "SUBMITTED", Set.of("REINFORCEMENT_LEARNING", "NLP"), List.of("KAIST"),
						List.of("홍길동", "Gildong Hong", "hong@kaist.ac.kr", "0000-0002-1825-0097", "gildong-hong"),
						"대규모 언어 모델을 위한 강화학습", "인간 피드백 기반 강화학습으로 언어모델을 정렬한다.",
						"보상 모델을 학습하고 정책을 최적화한다. <script>alert('x')</script> 는 본문의 일부일 뿐이다.", "",
						List.of("Aligning language models with human feedback, NeurIPS"), List.of(),
						Instant.parse("2026-03-01T09:00:00Z")),
				new SearchDocument("2", CALL, "SUBMITTED", Set.of("COMPUTER_VISION"),
						List.of("Seoul National University"), List.of("김철수", "Chulsoo Kim", "kim@snu.ac.kr"),
						"Efficient training of vision transformers",
						"We trained models on large image collections with efficient attention.",
						"The trainer schedules attention heads.", "", List.of(),
						List.of("A fast attention kernel library"), Instant.parse("2025-11-01T09:00:00Z")),
				new SearchDocument("3", CALL, "UNDER_REVIEW", Set.of("ROBOTICS", "REINFORCEMENT_LEARNING"),
						List.of("POSTECH"), List.of("이영희", "Younghee Lee"), "강화 학습 기반 로봇 제어", "로봇 팔을 제어하는 정책을 배운다.",
						"Reinforcement learning for robot control in simulation.", "실험 결과 보고서", List.of(), List.of(),
						Instant.parse("2026-01-15T09:00:00Z")),
				new SearchDocument("4", CALL, "SUBMITTED", Set.of("SPEECH"), List.of("KAIST"),
						List.of("박민수", "Minsu Park"), "음성 인식 모델 경량화",
						"Quantization of speech recognition models for mobile devices.", "", "",
						List.of("Tiny speech recognizers, Interspeech"), List.of(),
						Instant.parse("2026-02-10T09:00:00Z")),
				new SearchDocument("5", CALL, "SUBMITTED", Set.of("AI_FOR_SCIENCE"), List.of("Yonsei University"),
						List.of("최지훈", "Jihoon Choi"), "Graph neural networks for drug discovery",
						"Molecule property prediction with message passing.", "", "", List.of(), List.of(),
						Instant.parse("2026-02-20T09:00:00Z")),
				new SearchDocument("9", OTHER_CALL, "SUBMITTED", Set.of("REINFORCEMENT_LEARNING"), List.of("KAIST"),
						List.of("홍길동"), "다른 공고의 강화학습 연구", "강화학습", "", "", List.of(), List.of(),
						Instant.parse("2026-03-02T09:00:00Z")));
	}

	/**
	 * Applications that say the same things in one language each, for the glossary: every
	 * Korean one has an English twin (31/32, 34/35, 36/37, 38/39), 40 spells RL out.
	 */
	static List<SearchDocument> bilingual() {
		return List.of(bilingual("31", "트랜스포머 기반 한국어 문서 요약", "트랜스포머로 긴 문서를 요약한다."),
				bilingual("32", "Sparse transformers for long documents", "A transformer reads long documents."),
				bilingual("33", "GPU cluster scheduling for deep learning jobs", "Packing jobs onto shared GPUs."),
				bilingual("34", "강화학습 기반 로봇 팔 제어", "로봇 팔을 강화학습으로 제어한다."),
				bilingual("35", "RL agents for robot control", "An RL policy trained in simulation."),
				bilingual("36", "Self-supervised learning for point clouds", "Contrastive pre-training on 3D scans."),
				bilingual("37", "자기지도학습 기반 점군 분할", "점군에서 라벨 없이 배운다."),
				bilingual("38", "대규모 언어모델의 환각 줄이기", "언어모델이 사실과 다른 답을 한다."),
				bilingual("39", "Reducing hallucination in large language models", "Models make facts up."),
				bilingual("40", "Deep reinforcement learning for drones", "Flying by trial and error."));
	}

	private static SearchDocument bilingual(String id, String title, String abstractText) {
		return new SearchDocument(id, BILINGUAL_CALL, "SUBMITTED", Set.of("NLP"), List.of("KAIST"),
				List.of("Applicant " + id), title, abstractText, "", "", List.of(), List.of(),
				Instant.parse("2026-04-01T09:00:00Z").plusSeconds(Long.parseLong(id)));
	}

}
