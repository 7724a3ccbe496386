package kr.aifellows.portal.portfolios.web;

import kr.aifellows.portal.portfolios.CallCatalog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class ApplicantDashboardController {

	private final CallCatalog calls;

	ApplicantDashboardController(CallCatalog calls) {
		this.calls = calls;
	}

	@GetMapping("/applicant")
	String dashboard(Model model) {
		model.addAttribute("openCalls", calls.openCalls());
		return "portfolios/dashboard";
	}
}
