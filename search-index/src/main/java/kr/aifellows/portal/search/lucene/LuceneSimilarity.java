package kr.aifellows.portal.search.lucene;

import java.io.IOException;
import java.io.StringReader;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import kr.aifellows.portal.search.query.IndexFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/** "More like this" over the content fields, scoring given candidates only. */
final class LuceneSimilarity {

	private final Analyzer analyzer;

	LuceneSimilarity(Analyzer analyzer) {
		this.analyzer = analyzer;
	}

	Map<String, Double> scores(IndexSearcher searcher, String text, Collection<String> candidateIds)
			throws IOException {
		MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
		mlt.setAnalyzer(analyzer);
		mlt.setMinTermFreq(1);
		mlt.setMinDocFreq(1);
		mlt.setMaxQueryTerms(50);
		BooleanQuery.Builder like = new BooleanQuery.Builder();
		for (String field : IndexFields.withEnglish(List.of(IndexFields.ALL_CONTENT), IndexFields.EN)) {
			mlt.setFieldNames(new String[] { field });
			like.add(mlt.like(field, new StringReader(text)), Occur.SHOULD);
		}
		Query query = new BooleanQuery.Builder().add(like.build(), Occur.MUST)
			.add(idsIn(candidateIds), Occur.FILTER)
			.build();
		Map<String, Double> scores = new LinkedHashMap<>();
		TopDocs top = searcher.search(query, Math.max(1, candidateIds.size()));
		StoredFields stored = searcher.storedFields();
		for (ScoreDoc scoreDoc : top.scoreDocs) {
			scores.put(id(stored, scoreDoc), (double) scoreDoc.score);
		}
		Set<String> indexed = indexedIds(searcher, candidateIds);
		for (String id : candidateIds) {
			if (indexed.contains(id)) {
				scores.putIfAbsent(id, 0.0);
			}
		}
		return scores;
	}

	private static Set<String> indexedIds(IndexSearcher searcher, Collection<String> ids) throws IOException {
		TopDocs top = searcher.search(idsIn(ids), Math.max(1, ids.size()));
		Set<String> found = new HashSet<>();
		StoredFields stored = searcher.storedFields();
		for (ScoreDoc scoreDoc : top.scoreDocs) {
			found.add(id(stored, scoreDoc));
		}
		return found;
	}

	private static Query idsIn(Collection<String> ids) {
		return new TermInSetQuery(IndexFields.ID, ids.stream().map(BytesRef::new).toList());
	}

	private static String id(StoredFields stored, ScoreDoc scoreDoc) throws IOException {
		return stored.document(scoreDoc.doc, Set.of(IndexFields.ID)).get(IndexFields.ID);
	}

}
