package kr.aifellows.portal;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every route of the running portal, read from Spring MVC's handler mappings at test time
 * (the controllers' and the actuator's), so that a test built on it covers a new route
 * without anyone remembering to add it; and requests for a route with plausible values
 * for its parameters.
 */
public final class HandlerRoutes {

	public static final Set<Class<?>> NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class, double.class,
			Double.class, float.class, Float.class, short.class, Short.class, BigDecimal.class);

	private HandlerRoutes() {
	}

	/**
	 * One method and path pattern of a handler.
	 *
	 * @param method the HTTP method (GET and POST for a handler that names none)
	 * @param pattern the path pattern as mapped, e.g. {@code /chair/calls/{id}}
	 * @param handler the controller method
	 */
	public record Route(HttpMethod method, String pattern, HandlerMethod handler) {

		public String key() {
			return method.name() + " " + pattern;
		}

		public boolean changesState() {
			return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
					|| HttpMethod.OPTIONS.equals(method));
		}
	}

	/**
	 * Every route of every request-mapping handler mapping in the context, sorted by
	 * pattern.
	 */
	public static List<Route> all(ApplicationContext context) {
		Map<String, Route> routes = new LinkedHashMap<>();
		for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				Set<RequestMethod> declared = entry.getKey().getMethodsCondition().getMethods();
				List<HttpMethod> methods = new ArrayList<>();
				if (declared.isEmpty()) {
					methods.add(HttpMethod.GET);
					methods.add(HttpMethod.POST);
				}
				declared.forEach(method -> methods.add(HttpMethod.valueOf(method.name())));
				for (String pattern : entry.getKey().getPatternValues()) {
					for (HttpMethod method : methods) {
						Route route = new Route(method, pattern, entry.getValue());
						routes.putIfAbsent(route.key(), route);
					}
				}
			}
		}
		List<Route> sorted = new ArrayList<>(routes.values());
		sorted.sort(Comparator.comparing(Route::pattern).thenComparing(route -> route.method().name()));
		return sorted;
	}

	/**
	 * A request for the route: path variables and parameters get the value in
	 * {@code values} under their name, else an id from {@code ids} under the path segment
	 * before them ("/calls/{id}" a call's), else {@code defaultId} for numbers and an
	 * ordinary value of their type otherwise.
	 */
	public static AbstractMockHttpServletRequestBuilder<?> request(Route route, Map<String, String> values,
			Map<String, String> ids, String defaultId) {
		String path = route.pattern();
		Map<String, String> query = new LinkedHashMap<>();
		boolean multipart = false;
		for (MethodParameter parameter : route.handler().getMethodParameters()) {
			String name = name(parameter);
			String value = values.containsKey(name) ? values.get(name)
					: plausible(parameter, route.pattern(), ids, defaultId);
			if (parameter.hasParameterAnnotation(PathVariable.class)) {
				path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
			else if (parameter.hasParameterAnnotation(RequestParam.class)) {
				if (MultipartFile.class.isAssignableFrom(parameter.getParameterType())
						|| MultipartFile[].class.equals(parameter.getParameterType())) {
					multipart = true;
				}
				else {
					query.put(name, value);
				}
			}
		}
		// Path variables the handler does not declare (ant-style, regex, actuator's) get
		// an ordinary id.
		path = path.replaceAll("\\{[^}]+}", Matcher.quoteReplacement(defaultId)).replace("/**", "/x");
		AbstractMockHttpServletRequestBuilder<?> builder;
		if (multipart) {
			builder = MockMvcRequestBuilders.multipart(route.method(), path)
				.file(new MockMultipartFile("file", "x.pdf", "application/pdf", new byte[] { 1 }));
		}
		else {
			builder = MockMvcRequestBuilders.request(route.method(), path);
		}
		query.forEach(builder::param);
		return builder;
	}

	/** The numeric query parameters and path variables of a handler. */
	public static List<MethodParameter> numericParameters(HandlerMethod handler) {
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

	/** Whether the route takes an id in its path. */
	public static boolean hasPathId(Route route) {
		for (MethodParameter parameter : route.handler().getMethodParameters()) {
			if (parameter.hasParameterAnnotation(PathVariable.class)
					&& NUMBERS.contains(parameter.getParameterType())) {
				return true;
			}
		}
		return false;
	}

	private static String plausible(MethodParameter parameter, String pattern, Map<String, String> ids,
			String defaultId) {
		Class<?> type = parameter.getParameterType();
		if (NUMBERS.contains(type)) {
			String name = name(parameter);
			Matcher segment = Pattern.compile("/([^/]+)/\\{" + name + "}").matcher(pattern);
			String kind = segment.find() ? segment.group(1) : name;
			return ids.getOrDefault(kind, defaultId);
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

	public static String name(MethodParameter parameter) {
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

	public static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

}
