package kr.aifellows.portal.search.lucene;

import java.util.List;

import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.query.Glossary;
import kr.aifellows.portal.search.query.IndexFields;
import kr.aifellows.portal.search.query.ParsedQuery;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * A parsed query as a Lucene query: the caller's scope and the filters, then the text;
 * {@link #withinCall} limits it to its call.
 */
final class LuceneQueries {

	private static final List<String> WIDENED_FIELDS = IndexFields.withEnglish(IndexFields.WIDENED, IndexFields.EN);

	private final Analyzer analyzer;

	LuceneQueries(Analyzer analyzer) {
		this.analyzer = analyzer;
	}

	/** The query's matches in its call ({@link WithinCall}). */
	static Query withinCall(SearchQuery query, Query matches) {
		return new WithinCall(matches, new Term(IndexFields.CALL, Long.toString(query.callId())));
	}

	/** The caller's scope, the filters and the text, in any call. */
	Query toLucene(SearchQuery query, ParsedQuery parsed) {
		BooleanQuery.Builder bool = new BooleanQuery.Builder();
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
	 * alternative as a phrase in the content fields, with exact matches a tier above
	 * ({@link ExactMatchBonus}).
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
		// an exclusion is not scored: no tiers to build
		Query tiered = group.negated() ? typed : new FunctionScoreQuery(typed, ExactMatchBonus.INSTANCE);
		// each alternative a clause of its own, so that the disjunction is flat for the
		// bulk scorer
		BooleanQuery.Builder anyTerm = new BooleanQuery.Builder().add(tiered, Occur.SHOULD);
		for (String alternative : group.alternatives()) {
			for (String field : WIDENED_FIELDS) {
				Query fieldQuery = builder.createPhraseQuery(field, alternative);
				if (fieldQuery != null) {
					anyTerm.add(new BoostQuery(fieldQuery, Glossary.SYNONYM_WEIGHT), Occur.SHOULD);
				}
			}
		}
		return anyTerm.build();
	}

}
