package kr.aifellows.portal.search.lucene;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WithinCallTests {

	@Test
	void findsWhatACallFilterFindsWithTheSameScoresInPureMixedAndForeignSegments() throws IOException {
		try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
				IndexWriter writer = new IndexWriter(directory,
						new IndexWriterConfig(new StandardAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE))) {
			// one segment with call 1 only, one mixed, one with call 2 only
			add(writer, List.of("1", "1", "1"), "robot learning", "robot control", "speech");
			add(writer, List.of("1", "2", "1", "2"), "robot learning robot", "robot", "learning", "robot learning");
			add(writer, List.of("2", "2"), "robot", "robot learning");
			try (DirectoryReader reader = DirectoryReader.open(writer)) {
				assertThat(reader.leaves()).hasSize(3);
				IndexSearcher searcher = new IndexSearcher(reader);
				for (Query text : List.of(new TermQuery(new Term("text", "robot")), new MatchAllDocsQuery(),
						new PhraseQuery("text", "robot", "learning"),
						new BooleanQuery.Builder().add(new TermQuery(new Term("text", "robot")), Occur.SHOULD)
							.add(new TermQuery(new Term("text", "learning")), Occur.SHOULD)
							.build())) {
					for (String call : List.of("1", "2", "3")) {
						Query filtered = new BooleanQuery.Builder().add(text, Occur.MUST)
							.add(new TermQuery(new Term("call", call)), Occur.FILTER)
							.build();
						assertThat(hits(searcher, new WithinCall(text, new Term("call", call))))
							.as("%s in call %s", text, call)
							.isEqualTo(hits(searcher, filtered));
						assertThat(searcher.count(new WithinCall(text, new Term("call", call))))
							.isEqualTo(searcher.count(filtered));
					}
				}
			}
		}
	}

	private static void add(IndexWriter writer, List<String> calls, String... texts) throws IOException {
		for (int i = 0; i < texts.length; i++) {
			Document document = new Document();
			document.add(new StringField("call", calls.get(i), Field.Store.NO));
			document.add(new TextField("text", texts[i], Field.Store.NO));
			writer.addDocument(document);
		}
		writer.commit();
	}

	private static String hits(IndexSearcher searcher, Query query) throws IOException {
		ScoreDoc[] hits = searcher.search(query, 100).scoreDocs;
		return Arrays.stream(hits).map(hit -> hit.doc + ":" + hit.score).toList().toString();
	}

}
