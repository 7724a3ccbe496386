package kr.aifellows.portal.search;

import java.nio.file.Path;

import kr.aifellows.portal.search.lucene.LuceneSearchIndex;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LuceneSearchIndexTests extends SearchIndexContract {

	private static final Path DIRECTORY = Path.of("target", "search-index-tests", "lucene-" + System.nanoTime());

	private static LuceneSearchIndex index;

	@BeforeAll
	static void indexCorpus() {
		index = new LuceneSearchIndex(DIRECTORY);
		index.indexAll(SearchCorpus.documents());
	}

	@AfterAll
	static void close() {
		index.close();
	}

	@Override
	SearchIndex index() {
		return index;
	}

	@Test
	void concurrentWritersEachFindTheirDocumentOnceIndexReturnsAndAfterARestart() throws Exception {
		Path directory = Path.of("target", "search-index-tests", "concurrent-" + System.nanoTime());
		try (LuceneSearchIndex shared = new LuceneSearchIndex(directory);
				var writers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
			java.util.List<java.util.concurrent.Future<Long>> found = new java.util.ArrayList<>();
			for (int i = 0; i < 200; i++) {
				String id = "c" + i;
				found.add(writers.submit(() -> {
					shared.index(doc(id, 9, "동시 색인 문서 " + id));
					return shared.search(SearchQuery.reviewer(9, "", java.util.Set.of(id), false)).total();
				}));
			}
			for (var each : found) {
				assertThat(each.get()).as("searchable when index() returns").isEqualTo(1L);
			}
		}
		try (LuceneSearchIndex reopened = new LuceneSearchIndex(directory)) {
			assertThat(reopened.search(SearchQuery.chair(9, "")).total()).as("and committed").isEqualTo(200);
		}
	}

	@Test
	void anIndexOfAnOlderLayoutIsSetAsideAndRebuilt() throws java.io.IOException {
		Path directory = Path.of("target", "search-index-tests", "old-layout-" + System.nanoTime());
		Path old = directory.resolve("gen-1-old");
		// what the first version wrote: per-field text, no layout in the commit
		try (var files = org.apache.lucene.store.FSDirectory.open(old);
				var writer = new org.apache.lucene.index.IndexWriter(files,
						new org.apache.lucene.index.IndexWriterConfig())) {
			org.apache.lucene.document.Document document = new org.apache.lucene.document.Document();
			document.add(new org.apache.lucene.document.StringField("call", "5",
					org.apache.lucene.document.Field.Store.NO));
			document.add(new org.apache.lucene.document.TextField("title", "옛 문서",
					org.apache.lucene.document.Field.Store.YES));
			writer.addDocument(document);
		}
		java.nio.file.Files.writeString(directory.resolve("current"), "gen-1-old");

		try (LuceneSearchIndex reopened = new LuceneSearchIndex(directory)) {
			assertThat(reopened.needsRebuild()).isTrue();
			assertThat(reopened.search(SearchQuery.chair(5, "")).total()).as("nothing of the old layout").isZero();
			assertThat(old).doesNotExist();
			try (SearchIndex.Rebuild rebuild = reopened.rebuild()) {
				rebuild.add(java.util.List.of(doc("n1", 5, "새 문서")));
				rebuild.swap();
			}
			assertThat(reopened.needsRebuild()).isFalse();
			assertThat(reopened.search(SearchQuery.chair(5, "문서")).ids()).containsExactly("n1");
		}
		try (LuceneSearchIndex again = new LuceneSearchIndex(directory)) {
			assertThat(again.needsRebuild()).isFalse();
			assertThat(again.search(SearchQuery.chair(5, "문서")).ids()).containsExactly("n1");
		}
	}

	@Test
	void theIndexSurvivesARestartIncludingARebuild() throws java.io.IOException {
		Path directory = Path.of("target", "search-index-tests", "restart-" + System.nanoTime());
		try (LuceneSearchIndex first = new LuceneSearchIndex(directory)) {
			first.index(doc("r1", 5, "다시 열어도 남는 문서"));
			try (SearchIndex.Rebuild rebuild = first.rebuild()) {
				rebuild.add(java.util.List.of(doc("r2", 5, "재색인된 문서")));
				rebuild.swap();
			}
		}
		// what a stop in the middle of a rebuild leaves behind
		java.nio.file.Files.createDirectories(directory.resolve("gen-1-interrupted"));
		try (LuceneSearchIndex reopened = new LuceneSearchIndex(directory)) {
			assertThat(reopened.search(SearchQuery.chair(5, "문서")).ids()).containsExactly("r2");
			assertThat(reopened.needsRebuild()).isFalse();
		}
		try (var generations = java.nio.file.Files.list(directory)) {
			assertThat(generations.filter(java.nio.file.Files::isDirectory).count())
				.as("an interrupted rebuild's files are deleted").isEqualTo(1);
		}
	}
}
