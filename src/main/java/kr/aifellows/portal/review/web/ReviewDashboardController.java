package kr.aifellows.portal.review.web;

import kr.aifellows.portal.portfolios.CallCatalog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class ReviewDashboardController {

	private final CallCatalog calls;

	ReviewDashboardController(CallCatalog calls) {
		this.calls = calls;
	}

	@GetMapping("/reviewer")
	String reviewer() {
		return "review/reviewer";
	}

	@GetMapping("/chair")
	String chair(Model model) {
		model.addAttribute("calls", calls.allCalls());
		return "review/chair";
	}
}
