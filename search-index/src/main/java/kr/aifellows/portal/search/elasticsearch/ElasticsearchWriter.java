package kr.aifellows.portal.search.elasticsearch;

import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchUnavailableException;
import kr.aifellows.portal.search.query.IndexFields;
import kr.aifellows.portal.search.query.TextFields;

import static kr.aifellows.portal.search.elasticsearch.ElasticsearchCall.call;

/**
 * The index's writing: documents go to the aliased index (refreshed, so they are
 * searchable when a write returns) and to the index a rebuild is filling, which is then
 * swapped in.
 */
final class ElasticsearchWriter {

	private final ElasticsearchClient client;

	private final ElasticsearchIndices indices;

	private final Object writeLock = new Object();

	private volatile String building;

	ElasticsearchWriter(ElasticsearchClient client, ElasticsearchIndices indices) {
		this.client = client;
		this.indices = indices;
	}

	void indexAll(Collection<SearchDocument> documents) {
		if (documents.isEmpty()) {
			return;
		}
		synchronized (writeLock) {
			bulk(indices.target(), documents, true);
			String rebuilding = building;
			if (rebuilding != null) {
				bulk(rebuilding, documents, false);
			}
		}
	}

	void remove(String id) {
		synchronized (writeLock) {
			call(() -> client.delete(delete -> delete.index(indices.target()).id(id).refresh(Refresh.True)));
			String rebuilding = building;
			if (rebuilding != null) {
				call(() -> client.delete(delete -> delete.index(rebuilding).id(id)));
			}
		}
	}

	private void bulk(String index, Collection<SearchDocument> documents, boolean refresh) {
		BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(refresh ? Refresh.True : Refresh.False);
		for (SearchDocument document : documents) {
			Map<String, Object> source = source(document);
			bulk.operations(
					operation -> operation.index(write -> write.index(index).id(document.id()).document(source)));
		}
		BulkResponse response = call(() -> client.bulk(bulk.build()));
		if (response.errors()) {
			String reason = response.items()
				.stream()
				.filter(item -> item.error() != null)
				.map(item -> item.id() + ": " + item.error().reason())
				.findFirst()
				.orElse("unknown");
			throw new SearchUnavailableException("Elasticsearch refused documents: " + reason, null);
		}
	}

	private static Map<String, Object> source(SearchDocument document) {
		Map<String, Object> source = new LinkedHashMap<>();
		source.put(IndexFields.ID, document.id());
		source.put(IndexFields.CALL, Long.toString(document.callId()));
		source.put(IndexFields.STATUS, document.status());
		source.put(IndexFields.AREA, List.copyOf(document.areas()));
		source.put(IndexFields.AFFILIATION, List.copyOf(new LinkedHashSet<>(document.affiliations())));
		source.put(IndexFields.YEAR, Integer.toString(document.date().atZone(ZoneOffset.UTC).getYear()));
		source.put(IndexFields.DATE, document.date().toEpochMilli());
		source.putAll(TextFields.of(document));
		return source;
	}

	SearchIndex.Rebuild rebuild() {
		String fresh;
		synchronized (writeLock) {
			if (building != null) {
				throw new IllegalStateException("A rebuild is already running");
			}
			indices.target();
			fresh = indices.create();
			building = fresh;
		}
		return new Rebuilding(fresh);
	}

	/**
	 * Fills a fresh index, which the live one's writes also reach, until the alias moves
	 * to it.
	 */
	private final class Rebuilding implements SearchIndex.Rebuild {

		/** Once swapped in, the fresh index is the live one and closing must leave it. */
		private boolean swapped;

		private final String fresh;

		Rebuilding(String fresh) {
			this.fresh = fresh;
		}

		@Override
		public void add(Collection<SearchDocument> documents) {
			if (!documents.isEmpty()) {
				bulk(fresh, documents, false);
			}
		}

		@Override
		public void swap() {
			synchronized (writeLock) {
				List<String> old = indices.moveAliasTo(fresh);
				building = null;
				swapped = true;
				indices.deleteAll(old);
			}
		}

		@Override
		public void close() {
			synchronized (writeLock) {
				if (swapped) {
					return;
				}
				if (fresh.equals(building)) {
					building = null;
				}
				indices.delete(fresh);
			}
		}

	}

}
