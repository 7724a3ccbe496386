package kr.aifellows.portal.search.elasticsearch;

import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.query.Glossary;
import kr.aifellows.portal.search.query.IndexFields;
import kr.aifellows.portal.search.query.ParsedQuery;

/**
 * A parsed query as query DSL: the call and the caller's scope as filters, then the text;
 * user text only ever appears as the text of match queries.
 */
final class ElasticsearchQueries {

	private static final List<String> WIDENED_FIELDS = IndexFields.withEnglish(IndexFields.WIDENED,
			ElasticsearchSearch.EN);

	private ElasticsearchQueries() {
	}

	static Query toQuery(SearchQuery query, ParsedQuery parsed, List<String> textFields) {
		BoolQuery.Builder bool = new BoolQuery.Builder();
		bool.filter(f -> f.term(t -> t.field(IndexFields.CALL).value(Long.toString(query.callId()))));
		if (query.allowedIds() != null) {
			List<FieldValue> ids = query.allowedIds().stream().map(FieldValue::of).toList();
			bool.filter(f -> f.terms(t -> t.field(IndexFields.ID).terms(v -> v.value(ids))));
		}
		for (ParsedQuery.Filter filter : parsed.filters()) {
			boolean ignoreCase = filter.field().equals(IndexFields.AFFILIATION);
			Query term = Query.of(q -> q.term(t -> t.field(filter.field())
				.value(filter.value())
				.caseInsensitive(ignoreCase ? Boolean.TRUE : null)));
			if (filter.negated()) {
				bool.mustNot(term);
			}
			else {
				bool.filter(term);
			}
		}
		for (ParsedQuery.Group group : parsed.groups()) {
			Query any = toQuery(group, textFields);
			if (group.negated()) {
				bool.mustNot(any);
			}
			else {
				bool.must(any);
			}
		}
		if (parsed.positive().isEmpty()) {
			bool.must(m -> m.matchAll(all -> all));
		}
		return Query.of(q -> q.bool(bool.build()));
	}

	/**
	 * The clauses as typed, each in any field; widened by the glossary, also any
	 * alternative as a phrase in the content fields, with exact matches a tier above
	 * ({@link Glossary#EXACT_BONUS}), as in the embedded backend.
	 */
	private static Query toQuery(ParsedQuery.Group group, List<String> textFields) {
		List<Query> exact = new ArrayList<>();
		for (ParsedQuery.Clause clause : group.clauses()) {
			BoolQuery.Builder anyField = new BoolQuery.Builder().minimumShouldMatch("1");
			for (String field : textFields) {
				if (clause.phrase()) {
					anyField.should(s -> s.matchPhrase(m -> m.field(field).query(clause.text())));
				}
				else {
					anyField.should(s -> s.match(m -> m.field(field)
						.query(clause.text())
						.operator(Operator.And)
						.autoGenerateSynonymsPhraseQuery(false)));
				}
			}
			exact.add(Query.of(q -> q.bool(anyField.build())));
		}
		Query typed = exact.size() == 1 ? exact.get(0) : Query.of(q -> q.bool(b -> b.must(exact)));
		if (group.alternatives().isEmpty()) {
			return typed;
		}
		BoolQuery.Builder alternatives = new BoolQuery.Builder().minimumShouldMatch("1").boost(Glossary.SYNONYM_WEIGHT);
		for (String alternative : group.alternatives()) {
			for (String field : WIDENED_FIELDS) {
				alternatives.should(s -> s.matchPhrase(m -> m.field(field).query(alternative)));
			}
		}
		Query widened = Query.of(q -> q.bool(alternatives.build()));
		return Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
			.should(typed)
			.should(s -> s.constantScore(c -> c.filter(typed).boost(Glossary.EXACT_BONUS)))
			.should(widened)));
	}

}
