package kr.aifellows.portal;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Duration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.CallSummary;
import kr.aifellows.portal.portfolios.PortfolioFixtures;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Every numeric query parameter and path variable of every handler, found in Spring MVC's own
 * handler mapping at test time, gets hostile values as a user of each role: nothing answers 500.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class HostileNumbersTests {

	static final List<String> HOSTILE = List.of("0", "-1", "2147483647", "2147483648", "9223372036854775807",
			"9223372036854775808", "-9223372036854775808", "1e309", "NaN", "",
			"twelve");

	private static final Set<Class<?>> NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class,
			double.class, Double.class, float.class, Float.class, short.class, Short.class, BigDecimal.class);

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Autowired
	AccountManagement accounts;

	@Autowired
	UserDetailsService users;

	@Autowired
	PortfolioFixtures fixtures;

	/** Real ids, so that the hostile value reaches the code behind the lookups. */
	private final Map<String, String> ids = new LinkedHashMap<>();

	@Test
	void noNumericParameterOfAnyHandlerAnswers500ToHostileValuesForAnyRole() throws Exception {
		Map<Role, String> people = new LinkedHashMap<>();
		for (Role role : Role.values()) {
			people.put(role, accounts.createVerified("hostile-" + role.name().toLowerCase() + "-"
					+ UUID.randomUUID().toString().substring(0, 8) + "@test.aifellows.kr", "Hostile " + role,
					"correct-horse-battery-9", EnumSet.of(role)).email());
		}
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		ApplicationView application = fixtures.submitted(call.id(), fixtures.account("hostile-applicant", Role.APPLICANT));
		ids.put("calls", Long.toString(call.id()));
		ids.put("applications", Long.toString(application.id()));
		ids.put("applicationId", Long.toString(application.id()));
		List<String> failures = new ArrayList<>();
		int handlersWithNumbers = 0;
		int requests = 0;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
			HandlerMethod handler = entry.getValue();
			List<MethodParameter> numeric = numericParameters(handler);
			if (numeric.isEmpty() || entry.getKey().getPathPatternsCondition() == null) {
				continue;
			}
			handlersWithNumbers++;
			String pattern = entry.getKey().getPathPatternsCondition().getFirstPattern().getPatternString();
			Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
			HttpMethod method = methods.isEmpty() ? HttpMethod.GET : HttpMethod.valueOf(methods.iterator().next().name());
			for (MethodParameter target : numeric) {
				for (String value : HOSTILE) {
					for (Map.Entry<Role, String> person : people.entrySet()) {
						requests++;
						String label = method + " " + pattern + " " + name(target) + "=" + value + " as " + person.getKey();
						try {
							int status = mvc.perform(request(handler, method, pattern, target, value)
								.with(user(users.loadUserByUsername(person.getValue())))
								.with(csrf())).andReturn().getResponse().getStatus();
							if (status >= 500) {
								failures.add(label + " -> " + status);
							}
						}
						catch (Exception ex) {
							failures.add(label + " -> " + rootCause(ex));
						}
					}
				}
			}
		}
		assertThat(handlersWithNumbers).as("handlers with numeric parameters").isGreaterThan(30);
		assertThat(requests).isGreaterThan(1000);
		assertThat(failures).as("requests that failed with 500").isEmpty();
	}

	private static List<MethodParameter> numericParameters(HandlerMethod handler) {
		List<MethodParameter> numeric = new ArrayList<>();
		for (MethodParameter parameter : handler.getMethodParameters()) {
			if ((parameter.hasParameterAnnotation(RequestParam.class)
					|| parameter.hasParameterAnnotation(PathVariable.class))
					&& NUMBERS.contains(parameter.getParameterType())) {
				numeric.add(parameter);
			}
		}
		return numeric;
	}

	private AbstractMockHttpServletRequestBuilder<?> request(HandlerMethod handler, HttpMethod method, String pattern,
			MethodParameter target, String hostile) {
		String path = pattern;
		Map<String, String> query = new LinkedHashMap<>();
		boolean multipart = false;
		for (MethodParameter parameter : handler.getMethodParameters()) {
			String value = parameter.equals(target) ? hostile : plausible(parameter, pattern);
			if (parameter.hasParameterAnnotation(PathVariable.class)) {
				path = path.replace("{" + name(parameter) + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
			else if (parameter.hasParameterAnnotation(RequestParam.class)) {
				if (MultipartFile.class.isAssignableFrom(parameter.getParameterType())
						|| MultipartFile[].class.equals(parameter.getParameterType())) {
					multipart = true;
				}
				else {
					query.put(name(parameter), value);
				}
			}
		}
		// Path variables the handler does not declare (ant-style or regex) get an ordinary id.
		path = path.replaceAll("\\{[^}]+}", NO_SUCH_ID);
		AbstractMockHttpServletRequestBuilder<?> builder;
		if (multipart) {
			builder = MockMvcRequestBuilders.multipart(method, path)
				.file(new MockMultipartFile("file", "x.pdf", "application/pdf", new byte[] { 1 }));
		}
		else {
			builder = MockMvcRequestBuilders.request(method, path);
		}
		query.forEach(builder::param);
		return builder;
	}

	/** An id of the kind the path names ("/calls/{id}" a call's), or an ordinary value of the type. */
	private static final String NO_SUCH_ID = "987654321";

	private String plausible(MethodParameter parameter, String pattern) {
		Class<?> type = parameter.getParameterType();
		if (NUMBERS.contains(type)) {
			String name = name(parameter);
			java.util.regex.Matcher segment = java.util.regex.Pattern.compile("/([^/]+)/\\{" + name + "}").matcher(pattern);
			String kind = segment.find() ? segment.group(1) : name;
			// An id of a kind this test did not make is one that does not exist: the requests must never
			// change the shared demo data (call 1, account 1) that other test classes read.
			return ids.getOrDefault(kind, name.toLowerCase().contains("call") ? ids.get("calls") : NO_SUCH_ID);
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true";
		}
		if (type.isEnum()) {
			return ((Enum<?>) type.getEnumConstants()[0]).name();
		}
		if (type.getSimpleName().equals("LocalDateTime")) {
			return "2030-01-01T09:00:00";
		}
		if (type.getSimpleName().equals("LocalDate")) {
			return "2030-01-01";
		}
		return "x";
	}

	private static String name(MethodParameter parameter) {
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		if (param != null && !param.name().isEmpty()) {
			return param.name();
		}
		if (param != null && !param.value().isEmpty()) {
			return param.value();
		}
		PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
		if (variable != null && !variable.name().isEmpty()) {
			return variable.name();
		}
		if (variable != null && !variable.value().isEmpty()) {
			return variable.value();
		}
		Method method = parameter.getMethod();
		return method == null ? "?" : parameter.getParameterName() != null ? parameter.getParameterName()
				: method.getParameters()[parameter.getParameterIndex()].getName();
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}
}
