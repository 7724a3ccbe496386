package kr.aifellows.portal.shared.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import kr.aifellows.portal.shared.ApiProblems;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The REST API's answers to requests it can not read: problem details with every field at
 * fault, the constraint and its limit, in the caller's language. The API's controllers
 * are the portal's only {@code @RestController}s; page controllers keep their error
 * pages.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiErrorAdvice {

	private final ApiProblems problems;

	private final MessageSource messages;

	// Made here rather than injected: advice is also loaded by the @WebMvcTest slices of
	// page controllers, which hold web beans only.
	ApiErrorAdvice(MessageSource messages) {
		this.problems = new ApiProblems(messages);
		this.messages = messages;
	}

	/** Also {@code MethodArgumentNotValidException}, which extends it. */
	@ExceptionHandler(BindException.class)
	ProblemDetail invalid(BindException ex, HttpServletRequest request) {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (FieldError error : ex.getFieldErrors()) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("field", error.getField());
			one.put("constraint", error.getCode());
			Object limit = limit(error);
			if (limit != null) {
				one.put("limit", limit);
			}
			one.put("detail", messages.getMessage(error, ApiProblems.locale(request)));
			errors.add(one);
		}
		FieldError first = ex.getFieldError();
		Map<String, Object> extra = new LinkedHashMap<>();
		String detail = first == null ? "" : messages.getMessage(first, ApiProblems.locale(request));
		if (first != null) {
			extra.put("field", first.getField());
			extra.put("limit", limit(first));
		}
		extra.put("errors", errors);
		return problems.problem(HttpStatus.BAD_REQUEST, first == null ? "api.invalid.request" : "api.invalid.field",
				new Object[] { first == null ? "" : first.getField(), detail }, extra, request);
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class })
	ProblemDetail unreadable(Exception ex, HttpServletRequest request) {
		return problems.problem(HttpStatus.BAD_REQUEST, "api.body.unreadable", null, null, request);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ProblemDetail missing(MissingServletRequestParameterException ex, HttpServletRequest request) {
		return problems.problem(HttpStatus.BAD_REQUEST, "api.parameter.missing", new Object[] { ex.getParameterName() },
				Map.of("field", ex.getParameterName()), request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail mismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		return problems.problem(HttpStatus.BAD_REQUEST, "api.parameter.invalid", new Object[] { ex.getName() },
				Map.of("field", ex.getName()), request);
	}

	/** Max and Min name their limit as the second argument, Size its maximum. */
	private static Object limit(FieldError error) {
		Object[] arguments = error.getArguments();
		if (arguments == null || arguments.length < 2 || arguments[1] instanceof MessageSourceResolvable) {
			return null;
		}
		return switch (String.valueOf(error.getCode())) {
			case "Max", "Min", "Size", "DecimalMax", "DecimalMin" -> arguments[1];
			default -> null;
		};
	}

}
