package kr.aifellows.portal.search.elasticsearch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import kr.aifellows.portal.search.query.IndexFields;

import static kr.aifellows.portal.search.elasticsearch.ElasticsearchCall.call;

/** "More like this" over the content fields, scoring given candidates only. */
final class ElasticsearchSimilarity {

	private final ElasticsearchClient client;

	private final ElasticsearchIndices indices;

	ElasticsearchSimilarity(ElasticsearchClient client, ElasticsearchIndices indices) {
		this.client = client;
		this.indices = indices;
	}

	Map<String, Double> scores(String text, Collection<String> candidateIds) {
		List<String> fields = IndexFields.withEnglish(List.of(IndexFields.ALL_CONTENT), ElasticsearchSearch.EN);
		List<FieldValue> ids = candidateIds.stream().map(FieldValue::of).toList();
		Query like = Query.of(q -> q.moreLikeThis(m -> m.fields(fields)
			.like(l -> l.text(text))
			.minTermFreq(1)
			.minDocFreq(1)
			.maxQueryTerms(50)
			.minimumShouldMatch("1")));
		@SuppressWarnings("rawtypes")
		SearchResponse<Map> scored = call(() -> client.search(s -> s.index(indices.target())
			.query(q -> q
				.bool(b -> b.must(like).filter(f -> f.terms(t -> t.field(IndexFields.ID).terms(v -> v.value(ids))))))
			.size(candidateIds.size())
			.source(src -> src.fetch(false)), Map.class));
		@SuppressWarnings("rawtypes")
		SearchResponse<Map> indexed = call(() -> client.search(s -> s.index(indices.target())
			.query(q -> q.terms(t -> t.field(IndexFields.ID).terms(v -> v.value(ids))))
			.size(candidateIds.size())
			.source(src -> src.fetch(false)), Map.class));
		Map<String, Double> scores = new LinkedHashMap<>();
		scored.hits().hits().forEach(hit -> scores.put(hit.id(), hit.score() == null ? 0.0 : hit.score()));
		indexed.hits().hits().forEach(hit -> scores.putIfAbsent(hit.id(), 0.0));
		return scores;
	}

}
