package kr.aifellows.portal.system.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

@Controller
class HomeController {

	@GetMapping("/")
	String home() {
		return "home";
	}

	/**
	 * Spring Security forwards here for every refused request, whatever its method; a
	 * form with a missing or tampered CSRF token gets its own explanation.
	 */
	@RequestMapping("/access-denied")
	String accessDenied(HttpServletRequest request, Model model) {
		AccessDeniedException exception = (AccessDeniedException) request.getAttribute(WebAttributes.ACCESS_DENIED_403);
		model.addAttribute("csrf", exception instanceof CsrfException);
		return "error/403";
	}

}
