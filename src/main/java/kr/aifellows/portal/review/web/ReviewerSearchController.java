package kr.aifellows.portal.review.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.portfolios.blind.BlindLevel;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.review.scoring.Reviewing;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.SearchResults;
import kr.aifellows.portal.search.SearchUnavailableException;
import kr.aifellows.portal.search.Snippets;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A reviewer's full-text search, limited to the applications of the call assigned to them
 * (never a conflicted one), and blind in a blind call; none in a strictly blind call.
 */
@Controller
class ReviewerSearchController {

	static final int PAGE_SIZE = 20;

	private final ReviewerPool pool;

	private final Reviewing reviewing;

	private final SearchIndex index;

	ReviewerSearchController(ReviewerPool pool, Reviewing reviewing, SearchIndex index) {
		this.pool = pool;
		this.reviewing = reviewing;
		this.index = index;
	}

	@GetMapping("/reviewer/calls/{callId}/search")
	String search(@PathVariable long callId, @RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) String area, @RequestParam(defaultValue = "0") int page,
			@AuthenticationPrincipal PortalUser user, Model model) {
		long reviewerId = pool.me(user.accountId(), user.getUsername(), user.displayName()).id();
		List<Reviewing.QueueItem> assigned = reviewing.queue(reviewerId)
			.stream()
			.filter(item -> item.call().id() == callId)
			.toList();
		if (assigned.isEmpty()) {
			throw new ReviewException(ReviewException.NOT_FOUND);
		}
		CallSummary call = assigned.get(0).call();
		model.addAttribute("call", call);
		if (call.blindReview() && call.blindLevel() == BlindLevel.STRICT) {
			// A strict call hides titles and repositories; a search matching them would
			// reveal them.
			model.addAttribute("strictBlind", true);
			return "review/reviewer-search";
		}
		Set<String> allowed = assigned.stream()
			.map(item -> Long.toString(item.applicationId()))
			.collect(Collectors.toSet());
		SearchQuery query = new SearchQuery(callId, q, allowed, call.blindReview(), area, null, null, null,
				SearchQuery.Sort.RELEVANCE, page, PAGE_SIZE);
		model.addAttribute("q", q);
		model.addAttribute("area", query.area());
		model.addAttribute("areas", ResearchArea.values());
		try {
			SearchResults results = index.search(query);
			model.addAttribute("results", results);
			model.addAttribute("hits", results.hits().stream().map(HitView::of).toList());
		}
		catch (SearchUnavailableException ex) {
			model.addAttribute("unavailable", true);
		}
		return "review/reviewer-search";
	}

	/**
	 * A hit ready for the page: snippets are escaped HTML with only {@code <mark>} left.
	 */
	record HitView(long id, String title, Instant date, List<String> snippets) {

		static HitView of(SearchResults.Hit hit) {
			return new HitView(Long.parseLong(hit.id()), hit.title(), hit.date(),
					hit.snippets().stream().map(Snippets::toHtml).toList());
		}
	}

}
