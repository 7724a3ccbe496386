package kr.aifellows.portal.fellows.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class FellowDashboardController {

	@GetMapping("/fellow")
	String dashboard() {
		return "fellows/dashboard";
	}
}
