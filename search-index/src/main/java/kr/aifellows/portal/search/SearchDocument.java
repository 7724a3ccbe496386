package kr.aifellows.portal.search;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One application as the index sees it. Content fields are searchable by everybody
 * allowed to see the application; {@code affiliations} and {@code identity} (names,
 * e-mail addresses, ORCID iDs, repository owners) only when the search is not blind.
 *
 * @param id the application's id
 * @param callId the call it was submitted to
 * @param status its status (a keyword, for example {@code SUBMITTED})
 * @param areas research area keywords (for example {@code NLP})
 * @param affiliations institutions (identity: left out of blind searches)
 * @param identity names, e-mail, ORCID iD, repository owners (identity: left out of blind
 * searches)
 * @param date the date that "sort by date" and the year facet use (submission time)
 */
public record SearchDocument(String id, long callId, String status, Set<String> areas, List<String> affiliations,
		List<String> identity, String title, String abstractText, String body, String fileText,
		List<String> publications, List<String> openSource, Instant date) {

	public SearchDocument {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("A search document needs an id");
		}
		status = status == null ? "" : status;
		areas = areas == null ? Set.of() : Set.copyOf(areas);
		affiliations = clean(affiliations);
		identity = clean(identity);
		title = TextCleaner.clean(title);
		abstractText = TextCleaner.clean(abstractText);
		body = TextCleaner.clean(body);
		fileText = TextCleaner.clean(fileText);
		publications = clean(publications);
		openSource = clean(openSource);
		date = date == null ? Instant.EPOCH : date;
	}

	private static List<String> clean(List<String> values) {
		return values == null ? List.of()
				: values.stream().map(TextCleaner::clean).filter(value -> !value.isBlank()).toList();
	}
}
