package kr.aifellows.portal.portfolios.indexing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.OpenSourceWork;
import kr.aifellows.portal.portfolios.Profile;
import kr.aifellows.portal.portfolios.Proposal;
import kr.aifellows.portal.portfolios.Publication;
import kr.aifellows.portal.portfolios.files.FileKind;
import kr.aifellows.portal.search.SearchDocument;

import org.springframework.stereotype.Component;

/**
 * Turns an application into what the search index holds. What a blind reviewer must not
 * see (names, e-mail, ORCID iD, affiliations, repository addresses with their owners,
 * author lists, the CV and portfolio files) goes only into the identity fields; the
 * proposal, its file, publication titles and venues and open-source descriptions are
 * content.
 */
@Component
class SearchDocuments {

	private final ApplicationCatalog catalog;

	SearchDocuments(ApplicationCatalog catalog) {
		this.catalog = catalog;
	}

	SearchDocument of(ApplicationView application) {
		Map<FileKind, String> files = catalog.fileTexts(application.id());
		Profile profile = application.profile();
		Proposal proposal = application.proposal() == null ? new Proposal("", "", "", null, "")
				: application.proposal();
		List<String> identity = new ArrayList<>();
		identity.add(profile.nameKo());
		identity.add(profile.nameRomanized());
		identity.add(application.applicantEmail());
		identity.add(profile.orcid());
		application.openSource().stream().map(OpenSourceWork::repositoryUrl).forEach(identity::add);
		Set<String> authors = new LinkedHashSet<>();
		application.publications().forEach(publication -> authors.addAll(publication.authors()));
		identity.addAll(authors);
		identity.add(files.getOrDefault(FileKind.CV, ""));
		identity.add(files.getOrDefault(FileKind.PORTFOLIO, ""));
		return new SearchDocument(Long.toString(application.id()), application.callId(), application.status().name(),
				profile.areas().stream().map(Enum::name).collect(Collectors.toSet()),
				profile.affiliations().stream().map(Affiliation::institution).toList(),
				identity.stream().filter(value -> value != null && !value.isBlank()).toList(), proposal.title(),
				proposal.abstractText(), proposal.body(), files.getOrDefault(FileKind.PROPOSAL, ""),
				application.publications().stream().map(SearchDocuments::publication).toList(),
				application.openSource().stream().map(OpenSourceWork::description).toList(),
				application.submittedAt() != null ? application.submittedAt() : application.updatedAt());
	}

	private static String publication(Publication publication) {
		return publication.title()
				+ (publication.venue() == null || publication.venue().isBlank() ? "" : ", " + publication.venue());
	}

}
