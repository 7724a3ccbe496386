package kr.aifellows.portal.review.web;

import kr.aifellows.portal.review.ReviewException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * An application a reviewer may not see (unassigned, conflicted, or made up) is simply
 * not found.
 */
@ControllerAdvice
class ReviewErrorAdvice {

	@ExceptionHandler(ReviewException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(ReviewException ex) {
		if (!ReviewException.NOT_FOUND.equals(ex.code())) {
			throw ex;
		}
		return "error/404";
	}

}
