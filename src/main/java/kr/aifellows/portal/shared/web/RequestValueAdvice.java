package kr.aifellows.portal.shared.web;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Bounds every number in every request, for every handler at once (see
 * {@link RequestNumbers}), and answers a value that does not fit with 400 and a message
 * naming the parameter.
 */
@ControllerAdvice
class RequestValueAdvice {

	@InitBinder
	void boundNumbers(WebDataBinder binder) {
		// For @RequestParam and @PathVariable the binder is named after the parameter.
		if (RequestNumbers.isPageParameter(binder.getObjectName())) {
			binder.registerCustomEditor(int.class, RequestNumbers.page(false));
			binder.registerCustomEditor(Integer.class, RequestNumbers.page(true));
			return;
		}
		binder.registerCustomEditor(int.class, RequestNumbers.integral(int.class, RequestNumbers.MAX_INT, false));
		binder.registerCustomEditor(Integer.class,
				RequestNumbers.integral(Integer.class, RequestNumbers.MAX_INT, true));
		binder.registerCustomEditor(long.class, RequestNumbers.integral(long.class, RequestNumbers.MAX_LONG, false));
		binder.registerCustomEditor(Long.class, RequestNumbers.integral(Long.class, RequestNumbers.MAX_LONG, true));
		binder.registerCustomEditor(double.class, RequestNumbers.decimal(double.class, false));
		binder.registerCustomEditor(Double.class, RequestNumbers.decimal(Double.class, true));
		binder.registerCustomEditor(float.class, RequestNumbers.decimal(float.class, false));
		binder.registerCustomEditor(Float.class, RequestNumbers.decimal(Float.class, true));
	}

	@ExceptionHandler(TypeMismatchException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badValue(TypeMismatchException ex, Model model) {
		model.addAttribute("badParameter", ex.getPropertyName());
		Class<?> type = ex.getRequiredType();
		if (type == int.class || type == Integer.class) {
			model.addAttribute("badMin", -RequestNumbers.MAX_INT);
			model.addAttribute("badMax", RequestNumbers.MAX_INT);
		}
		else if (type == long.class || type == Long.class) {
			model.addAttribute("badMin", -RequestNumbers.MAX_LONG);
			model.addAttribute("badMax", RequestNumbers.MAX_LONG);
		}
		return "error/400";
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String missingValue(MissingServletRequestParameterException ex, Model model) {
		model.addAttribute("badParameter", ex.getParameterName());
		return "error/400";
	}

}
