package kr.aifellows.portal.portfolios;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BibtexImporterTests {

	private final BibtexImporter importer = new BibtexImporter();

	@Test
	void goodEntriesAreKeptAndEachBadOneIsReportedByItsKey() {
		BibtexImporter.ImportResult result = importer.parse("""
				@inproceedings{vaswani2017,
				  title = {Attention Is All You Need},
				  author = {Vaswani, Ashish and Shazeer, Noam and Hong, Gil-dong},
				  booktitle = {NeurIPS},
				  year = {2017},
				  eprint = {1706.03762}
				}
				@article{noyear,
				  title = {A Paper Without a Year},
				  author = {Kim, Minsu},
				  journal = {JMLR}
				}
				@article{broken, title = {Unclosed
				@article{korean2024,
				  title = {{한국어} 거대 언어 모델의 평가},
				  author = {홍길동 and 김철수},
				  journal = {정보과학회논문지},
				  year = 2024,
				  doi = {https://doi.org/10.5626/JOK.2024.51.1.1}
				}
				""");

		assertThat(result.publications()).hasSize(2);
		Publication attention = result.publications().get(0);
		assertThat(attention.title()).isEqualTo("Attention Is All You Need");
		assertThat(attention.authors()).containsExactly("Ashish Vaswani", "Noam Shazeer", "Gil-dong Hong");
		assertThat(attention.venue()).isEqualTo("NeurIPS");
		assertThat(attention.arxivId()).isEqualTo("1706.03762");
		Publication korean = result.publications().get(1);
		assertThat(korean.title()).isEqualTo("한국어 거대 언어 모델의 평가");
		assertThat(korean.authors()).containsExactly("홍길동", "김철수");
		assertThat(korean.doi()).isEqualTo("10.5626/JOK.2024.51.1.1");
		assertThat(result.problems())
			.extracting(BibtexImporter.ImportProblem::entry, BibtexImporter.ImportProblem::code)
			.containsExactly(Tuple.tuple("noyear", "bibtex.badYear"), Tuple.tuple("broken", "bibtex.unreadable"));
	}

	@Test
	void emptyAndGarbageInputGetAClearProblem() {
		assertThat(importer.parse("   ").problems()).extracting(BibtexImporter.ImportProblem::code)
			.containsExactly("bibtex.empty");
		assertThat(importer.parse("@@@ {{{ not bibtex").publications()).isEmpty();
	}

}
