package kr.aifellows.portal.privacy.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import kr.aifellows.portal.privacy.AccessReasonRequiredException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * An export or download without a reason gets a form asking for one, which repeats the
 * same request (same address, same parameters) with the reason added.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessReasonAdvice {

	@ExceptionHandler(AccessReasonRequiredException.class)
	ModelAndView askForReason(AccessReasonRequiredException ex, HttpServletRequest request) {
		Map<String, String> parameters = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!"reason".equals(name) && !"_csrf".equals(name) && values.length > 0) {
				parameters.put(name, values[0]);
			}
		});
		ModelAndView page = new ModelAndView("privacy/reason");
		page.addObject("action", request.getRequestURI().substring(request.getContextPath().length()));
		page.addObject("parameters", parameters);
		page.addObject("missing", ex.attempted());
		return page;
	}

}
