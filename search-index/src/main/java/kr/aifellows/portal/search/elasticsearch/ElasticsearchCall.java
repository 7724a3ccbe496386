package kr.aifellows.portal.search.elasticsearch;

import java.io.IOException;

import kr.aifellows.portal.search.SearchUnavailableException;

/**
 * A call to Elasticsearch; {@link #call} reports any failure as the search being
 * unavailable.
 */
@FunctionalInterface
interface ElasticsearchCall<T> {

	T run() throws IOException;

	static <T> T call(ElasticsearchCall<T> call) {
		try {
			return call.run();
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof SearchUnavailableException unavailable) {
				throw unavailable;
			}
			throw new SearchUnavailableException("Elasticsearch failed: " + ex.getMessage(), ex);
		}
	}

}
