package kr.aifellows.portal.portfolios.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.SearchResults;
import kr.aifellows.portal.search.SearchUnavailableException;
import kr.aifellows.portal.search.Snippets;
import kr.aifellows.portal.shared.ResearchArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The chair's full-text search over a call's applications, with identities (not blind).
 */
@Controller
class SearchController {

	private static final Logger log = LoggerFactory.getLogger(SearchController.class);

	static final int PAGE_SIZE = 20;

	private final CallCatalog calls;

	private final SearchIndex index;

	private final ApplicationCatalog applications;

	SearchController(CallCatalog calls, SearchIndex index, ApplicationCatalog applications) {
		this.applications = applications;
		this.calls = calls;
		this.index = index;
	}

	@GetMapping("/chair/calls/{id}/search")
	String search(@PathVariable long id, @RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) String area, @RequestParam(required = false) String status,
			@RequestParam(required = false) String affiliation, @RequestParam(required = false) String year,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "relevance") String sort,
			Model model, Locale locale) {
		CallSummary call = calls.find(id).orElseThrow(() -> new PortfolioException("call.notFound"));
		SearchQuery.Sort order = "date".equalsIgnoreCase(sort) ? SearchQuery.Sort.DATE : SearchQuery.Sort.RELEVANCE;
		SearchQuery query = new SearchQuery(id, q, null, false, area, status, affiliation, year, order, page,
				PAGE_SIZE);
		model.addAttribute("call", call);
		model.addAttribute("q", q);
		model.addAttribute("area", query.area());
		model.addAttribute("status", query.status());
		model.addAttribute("affiliation", query.affiliation());
		model.addAttribute("year", query.year());
		model.addAttribute("sort", order == SearchQuery.Sort.DATE ? "date" : "relevance");
		model.addAttribute("areas", ResearchArea.values());
		try {
			SearchResults results = index.search(query);
			model.addAttribute("results", results);
			model.addAttribute("pendingExtractions", applications.pendingExtractions(call.id()));
			model.addAttribute("hits", results.hits().stream().map(HitView::of).toList());
			model.addAttribute("areaFacet",
					results.facet("area")
						.stream()
						.map(facet -> new FacetView(facet.value(), areaLabel(facet.value(), locale), facet.count()))
						.toList());
		}
		catch (SearchUnavailableException ex) {
			log.warn("Search backend unavailable: {}", ex.getMessage());
			model.addAttribute("unavailable", true);
		}
		return "search/chair-search";
	}

	private static String areaLabel(String value, Locale locale) {
		try {
			return ResearchArea.valueOf(value).label(locale);
		}
		catch (IllegalArgumentException unknown) {
			return value;
		}
	}

	/**
	 * A hit ready for the page: snippets are escaped HTML with only {@code <mark>} left.
	 */
	record HitView(long id, String title, String status, Instant date, List<String> snippets) {

		static HitView of(SearchResults.Hit hit) {
			return new HitView(Long.parseLong(hit.id()), hit.title(), hit.status(), hit.date(),
					hit.snippets().stream().map(Snippets::toHtml).toList());
		}
	}

	record FacetView(String value, String label, long count) {
	}

}
