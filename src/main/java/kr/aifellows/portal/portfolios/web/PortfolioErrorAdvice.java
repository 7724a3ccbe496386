package kr.aifellows.portal.portfolios.web;

import kr.aifellows.portal.portfolios.PortfolioException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Someone else's application (or one that does not exist) is simply not found: the answer
 * never tells whether the id exists.
 */
@ControllerAdvice
class PortfolioErrorAdvice {

	@ExceptionHandler(PortfolioException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(PortfolioException ex) {
		if (!"application.notFound".equals(ex.code()) && !"call.notFound".equals(ex.code())
				&& !"correction.requestNotFound".equals(ex.code())) {
			throw ex;
		}
		return "error/404";
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	@ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
	String tooLarge() {
		return "portfolios/upload-too-large";
	}

}
