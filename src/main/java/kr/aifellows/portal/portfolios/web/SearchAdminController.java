package kr.aifellows.portal.portfolios.web;

import java.util.LinkedHashMap;
import java.util.Map;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.portfolios.indexing.SearchReindexing;
import kr.aifellows.portal.search.SearchIndex;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's view of the search index: its health and "reindex everything" with live
 * progress.
 */
@Controller
class SearchAdminController {

	private final SearchIndex index;

	private final SearchReindexing reindexing;

	SearchAdminController(SearchIndex index, SearchReindexing reindexing) {
		this.index = index;
		this.reindexing = reindexing;
	}

	@GetMapping("/admin/search")
	String overview(Model model) {
		model.addAttribute("backend", index.backend());
		model.addAttribute("health", index.health());
		model.addAttribute("progress", reindexing.progress());
		return "search/admin-search";
	}

	@PostMapping("/admin/search/reindex")
	String reindex(@AuthenticationPrincipal PortalUser admin, RedirectAttributes redirect) {
		redirect.addFlashAttribute(reindexing.start(admin.getUsername()) ? "started" : "alreadyRunning", true);
		return "redirect:/admin/search";
	}

	@GetMapping(path = "/admin/search/progress", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> progress() {
		SearchReindexing.Progress progress = reindexing.progress();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("state", progress.state().name());
		json.put("done", progress.done());
		json.put("total", progress.total());
		json.put("percent", progress.percent());
		json.put("error", progress.error() != null);
		return json;
	}

}
