package kr.aifellows.portal.review.web;

import kr.aifellows.portal.review.ReviewException;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Turns a refused request into a message on the next page; "not found" stays a 404. */
final class Problems {

	private Problems() {
	}

	static void flash(ReviewException ex, RedirectAttributes redirect) {
		if (ReviewException.NOT_FOUND.equals(ex.code())) {
			throw ex;
		}
		redirect.addFlashAttribute("problem", ex.code());
		redirect.addFlashAttribute("problemArguments", ex.arguments());
	}

}
