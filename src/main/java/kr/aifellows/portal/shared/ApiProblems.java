package kr.aifellows.portal.shared;

import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * RFC 9457 problem details for the REST API, in the caller's language (the
 * {@code Accept-Language} header; Korean without one): {@code type} names the problem,
 * {@code code} is its message code, and where one field or limit was at fault,
 * {@code field}, {@code limit}, {@code requested} and {@code allowed} say which and by
 * how much.
 */
@Component
public class ApiProblems {

	/** Where the problem types are documented (the README's API section). */
	public static final String TYPE_BASE = "https://aifellows.kr/api/problems/";

	private final MessageSource messages;

	public ApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	/** The API's language: the best of {@code Accept-Language} that the portal speaks. */
	public static Locale locale(HttpServletRequest request) {
		if (request == null || request.getHeader("Accept-Language") == null) {
			return Locale.KOREAN;
		}
		for (Locale candidate : Collections.list(request.getLocales())) {
			if (SupportedLocales.ALL.stream().anyMatch(l -> l.getLanguage().equals(candidate.getLanguage()))) {
				return SupportedLocales.closest(candidate);
			}
		}
		return Locale.KOREAN;
	}

	/**
	 * @param code the message code of the detail, also the problem's type
	 * @param arguments the message's arguments
	 * @param extra further members (field, limit, requested, allowed, …); nulls are left
	 * out
	 */
	public ProblemDetail problem(HttpStatus status, String code, Object[] arguments, Map<String, Object> extra,
			HttpServletRequest request) {
		Locale locale = locale(request);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setType(URI.create(TYPE_BASE + code));
		problem.setTitle(messages.getMessage("api.status." + status.value(), null, status.getReasonPhrase(), locale));
		problem.setDetail(messages.getMessage(code, arguments, code, locale));
		if (request != null) {
			problem.setInstance(URI.create(request.getRequestURI()));
		}
		problem.setProperty("code", code);
		if (extra != null) {
			extra.forEach((key, value) -> {
				if (value != null) {
					problem.setProperty(key, value);
				}
			});
		}
		return problem;
	}

}
