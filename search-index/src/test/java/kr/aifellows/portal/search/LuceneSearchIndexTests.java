package kr.aifellows.portal.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import kr.aifellows.portal.search.lucene.LuceneSearchIndex;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
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
				var writers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Long>> found = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				String id = "c" + i;
				found.add(writers.submit(() -> {
					shared.index(doc(id, 9, "동시 색인 문서 " + id));
					return shared.search(SearchQuery.reviewer(9, "", Set.of(id), false)).total();
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
	void anIndexOfAnOlderLayoutIsSetAsideAndRebuilt() throws IOException {
		Path directory = Path.of("target", "search-index-tests", "old-layout-" + System.nanoTime());
		Path old = directory.resolve("gen-1-old");
		// what the first version wrote: per-field text, no layout in the commit
		try (var files = FSDirectory.open(old); var writer = new IndexWriter(files, new IndexWriterConfig())) {
			Document document = new Document();
			document.add(new StringField("call", "5", Field.Store.NO));
			document.add(new TextField("title", "옛 문서", Field.Store.YES));
			writer.addDocument(document);
		}
		Files.writeString(directory.resolve("current"), "gen-1-old");

		try (LuceneSearchIndex reopened = new LuceneSearchIndex(directory)) {
			assertThat(reopened.needsRebuild()).isTrue();
			assertThat(reopened.search(SearchQuery.chair(5, "")).total()).as("nothing of the old layout").isZero();
			assertThat(old).doesNotExist();
			try (SearchIndex.Rebuild rebuild = reopened.rebuild()) {
				rebuild.add(List.of(doc("n1", 5, "새 문서")));
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
	void theIndexSurvivesARestartIncludingARebuild() throws IOException {
		Path directory = Path.of("target", "search-index-tests", "restart-" + System.nanoTime());
		try (LuceneSearchIndex first = new LuceneSearchIndex(directory)) {
			first.index(doc("r1", 5, "다시 열어도 남는 문서"));
			try (SearchIndex.Rebuild rebuild = first.rebuild()) {
				rebuild.add(List.of(doc("r2", 5, "재색인된 문서")));
				rebuild.swap();
			}
		}
		// what a stop in the middle of a rebuild leaves behind
		Files.createDirectories(directory.resolve("gen-1-interrupted"));
		try (LuceneSearchIndex reopened = new LuceneSearchIndex(directory)) {
			assertThat(reopened.search(SearchQuery.chair(5, "문서")).ids()).containsExactly("r2");
			assertThat(reopened.needsRebuild()).isFalse();
		}
		try (var generations = Files.list(directory)) {
			assertThat(generations.filter(Files::isDirectory).count()).as("an interrupted rebuild's files are deleted")
				.isEqualTo(1);
		}
	}

}
