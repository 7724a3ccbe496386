package kr.aifellows.portal.search.lucene;

import java.util.List;

import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.query.Glossary;
import kr.aifellows.portal.search.query.IndexFields;
import kr.aifellows.portal.search.query.ParsedQuery;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * A parsed query as a Lucene query: the call and the caller's scope as filters, then the
 * text.
 */
final class LuceneQueries {

	private final Analyzer analyzer;

	LuceneQueries(Analyzer analyzer) {
		this.analyzer = analyzer;
	}

	Query toLucene(SearchQuery query, ParsedQuery parsed) {
		BooleanQuery.Builder bool = new BooleanQuery.Builder();
		bool.add(new TermQuery(new Term(IndexFields.CALL, Long.toString(query.callId()))), Occur.FILTER);
		if (query.allowedIds() != null) {
			bool.add(new TermInSetQuery(IndexFields.ID, query.allowedIds().stream().map(BytesRef::new).toList()),
					Occur.FILTER);
		}
		for (ParsedQuery.Filter filter : parsed.filters()) {
			bool.add(new TermQuery(new Term(filter.field(), filter.value())),
					filter.negated() ? Occur.MUST_NOT : Occur.FILTER);
		}
		List<String> fields = IndexFields.withEnglish(IndexFields.searchable(query.blind()), IndexFields.EN);
		QueryBuilder builder = new QueryBuilder(analyzer);
		for (ParsedQuery.Group group : parsed.groups()) {
			bool.add(toLucene(group, fields, builder), group.negated() ? Occur.MUST_NOT : Occur.MUST);
		}
		if (parsed.positive().isEmpty()) {
			bool.add(new MatchAllDocsQuery(), Occur.MUST);
		}
		return bool.build();
	}

	/**
	 * The clauses as typed, each in any field; widened by the glossary, also any
	 * alternative as a phrase, with exact matches a tier above
	 * ({@link Glossary#EXACT_BONUS}).
	 */
	private static Query toLucene(ParsedQuery.Group group, List<String> fields, QueryBuilder builder) {
		BooleanQuery.Builder exact = new BooleanQuery.Builder();
		for (ParsedQuery.Clause clause : group.clauses()) {
			BooleanQuery.Builder anyField = new BooleanQuery.Builder();
			for (String field : fields) {
				Query fieldQuery = clause.phrase() ? builder.createPhraseQuery(field, clause.text())
						: builder.createBooleanQuery(field, clause.text(), Occur.MUST);
				if (fieldQuery != null) {
					anyField.add(fieldQuery, Occur.SHOULD);
				}
			}
			exact.add(anyField.build(), Occur.MUST);
		}
		Query typed = group.clauses().size() == 1 ? exact.build().clauses().get(0).query() : exact.build();
		if (group.alternatives().isEmpty()) {
			return typed;
		}
		BooleanQuery.Builder alternatives = new BooleanQuery.Builder();
		for (String alternative : group.alternatives()) {
			for (String field : fields) {
				Query fieldQuery = builder.createPhraseQuery(field, alternative);
				if (fieldQuery != null) {
					alternatives.add(fieldQuery, Occur.SHOULD);
				}
			}
		}
		return new BooleanQuery.Builder().add(typed, Occur.SHOULD)
			.add(new BoostQuery(new ConstantScoreQuery(typed), Glossary.EXACT_BONUS), Occur.SHOULD)
			.add(new BoostQuery(alternatives.build(), Glossary.SYNONYM_WEIGHT), Occur.SHOULD)
			.build();
	}

}
