package kr.aifellows.portal.review.assignment;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import kr.aifellows.portal.review.assignment.ExpertiseSimilarity.Candidate;
import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.lucene.LuceneSearchIndex;
import kr.aifellows.portal.shared.ResearchArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TextAndAreaSimilarityTests {

	@TempDir
	Path directory;

	LuceneSearchIndex index;

	TextAndAreaSimilarity similarity;

	final Candidate reinforcementLearning = new Candidate(1, Set.of(ResearchArea.NLP), "");

	final Candidate speech = new Candidate(2, Set.of(ResearchArea.NLP), "");

	@BeforeEach
	void indexTwoApplicationsInTheSameArea() {
		index = new LuceneSearchIndex(directory);
		index
			.index(document("1", "강화학습 기반 언어 모델 정렬", "Reinforcement learning from human feedback for language models"));
		index.index(document("2", "음성 인식 모델의 잡음 내성", "Robust speech recognition under noise"));
		similarity = new TextAndAreaSimilarity(new AreaOverlapSimilarity(), index);
	}

	@AfterEach
	void close() throws Exception {
		index.close();
	}

	@Test
	void publicationsCloseToAProposalRaiseTheAffinityBeyondSharedAreas() {
		Candidate reviewer = new Candidate(10, Set.of(ResearchArea.NLP),
				"Deep reinforcement learning with human feedback\nPolicy optimisation for language model alignment");

		double[][] affinity = similarity.affinities(List.of(reinforcementLearning, speech), List.of(reviewer));

		assertThat(affinity[0][0]).isGreaterThan(affinity[1][0]);
		assertThat(affinity[0][0]).isLessThanOrEqualTo(1.0);
	}

	@Test
	void aReviewerWithoutPublicationsIsJudgedByResearchAreasAlone() {
		Candidate reviewer = new Candidate(11, Set.of(ResearchArea.NLP), "");

		double[][] affinity = similarity.affinities(List.of(reinforcementLearning, speech), List.of(reviewer));

		assertThat(affinity[0][0]).isEqualTo(1.0);
		assertThat(affinity[1][0]).isEqualTo(1.0);
	}

	@Test
	void anIndexThatIsDownLeavesResearchAreasAlone() throws Exception {
		index.close();
		Candidate reviewer = new Candidate(12, Set.of(ResearchArea.NLP), "reinforcement learning");

		double[][] affinity = similarity.affinities(List.of(reinforcementLearning), List.of(reviewer));

		assertThat(affinity[0][0]).isEqualTo(1.0);
	}

	private static SearchDocument document(String id, String title, String abstractText) {
		return new SearchDocument(id, 1, "UNDER_REVIEW", Set.of("NLP"), List.of(), List.of(), title, abstractText, "",
				"", List.of(), List.of(), Instant.parse("2026-11-01T00:00:00Z"));
	}

}
