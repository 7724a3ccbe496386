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

	private SearchCorpus() {
	}

	static List<SearchDocument> documents() {
		return List.of(
				new SearchDocument("1", CALL, "SUBMITTED", Set.of("REINFORCEMENT_LEARNING", "NLP"), List.of("KAIST"),
						List.of("홍길동", "Gildong Hong", "hong@kaist.ac.kr", "0000-0002-1825-0097", "gildong-hong"),
						"대규모 언어 모델을 위한 강화학습", "인간 피드백 기반 강화학습으로 언어모델을 정렬한다.",
						"보상 모델을 학습하고 정책을 최적화한다. <script>alert('x')</script> 는 본문의 일부일 뿐이다.",
						"", List.of("Aligning language models with human feedback, NeurIPS"), List.of(),
						Instant.parse("2026-03-01T09:00:00Z")),
				new SearchDocument("2", CALL, "SUBMITTED", Set.of("COMPUTER_VISION"),
						List.of("Seoul National University"), List.of("김철수", "Chulsoo Kim", "kim@snu.ac.kr"),
						"Efficient training of vision transformers",
						"We trained models on large image collections with efficient attention.",
						"The trainer schedules attention heads.", "", List.of(),
						List.of("A fast attention kernel library"), Instant.parse("2025-11-01T09:00:00Z")),
				new SearchDocument("3", CALL, "UNDER_REVIEW", Set.of("ROBOTICS", "REINFORCEMENT_LEARNING"),
						List.of("POSTECH"), List.of("이영희", "Younghee Lee"), "강화 학습 기반 로봇 제어",
						"로봇 팔을 제어하는 정책을 배운다.", "Reinforcement learning for robot control in simulation.",
						"실험 결과 보고서", List.of(), List.of(), Instant.parse("2026-01-15T09:00:00Z")),
				new SearchDocument("4", CALL, "SUBMITTED", Set.of("SPEECH"), List.of("KAIST"),
						List.of("박민수", "Minsu Park"), "음성 인식 모델 경량화",
						"Quantization of speech recognition models for mobile devices.", "", "",
						List.of("Tiny speech recognizers, Interspeech"), List.of(), Instant.parse("2026-02-10T09:00:00Z")),
				new SearchDocument("5", CALL, "SUBMITTED", Set.of("AI_FOR_SCIENCE"), List.of("Yonsei University"),
						List.of("최지훈", "Jihoon Choi"), "Graph neural networks for drug discovery",
						"Molecule property prediction with message passing.", "", "", List.of(), List.of(),
						Instant.parse("2026-02-20T09:00:00Z")),
				new SearchDocument("9", OTHER_CALL, "SUBMITTED", Set.of("REINFORCEMENT_LEARNING"), List.of("KAIST"),
						List.of("홍길동"), "다른 공고의 강화학습 연구", "강화학습", "", "", List.of(), List.of(),
						Instant.parse("2026-03-02T09:00:00Z")));
	}
}
