package kr.aifellows.portal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.accounts.tokens.ApiScope;
import kr.aifellows.portal.accounts.tokens.ApiTokens;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract tests generated from the OpenAPI document the portal serves: every documented
 * operation is called (by its role's token, and without one), and each answer must be a
 * documented status whose documented schema the body fits: documented types, required
 * members present, no undocumented member. Also: every API route is documented and every
 * documented operation is a route. Null is accepted for any member (the document does not
 * say which members may be null).
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class ApiContractTests {

	/** Request bodies of the operations that take one. */
	private static final Map<String, String> BODIES = Map.of("POST /api/v1/fellow/jobs",
			"{\"name\":\"contract\",\"script\":\"sleep 30\",\"timeLimitMinutes\":5}", "POST /api/v1/fellow/top-ups",
			"{\"gpuHours\":5,\"justification\":\"A contract test needs twenty characters.\"}");

	/** Refused requests whose problem details must be documented too. */
	private static final Map<String, String> REFUSED = Map.of("POST /api/v1/fellow/jobs",
			"{\"name\":\"contract\",\"script\":\"true\",\"gpusPerNode\":9}", "POST /api/v1/fellow/top-ups",
			"{\"gpuHours\":0,\"justification\":\"short\"}");

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	GpuAllocations allocations;

	@Autowired
	ObjectMapper json;

	@Test
	void everyDocumentedResponseIsWhatTheServerSends() throws Exception {
		JsonNode document = json.readTree(mvc.perform(MockMvcRequestBuilders.get("/api/v1/openapi.json"))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(document.path("openapi").asString()).startsWith("3.");

		AccountView fellow = fixtures.account("contract-fellow", Role.FELLOW);
		Instant now = Instant.now();
		allocations.grant(fellow.id(), 36_000L, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), "TEST",
				"contract-" + fellow.id(), "test");
		AccountView applicant = fixtures.account("contract-applicant", Role.APPLICANT);
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);
		Map<Character, String> callers = Map.of('F', token(fellow), 'A', token(applicant), 'C',
				token(fixtures.account("contract-chair", Role.CHAIR)), 'R',
				token(fixtures.account("contract-reviewer", Role.REVIEWER)));
		String job = submitJob(callers.get('F'));
		Map<String, String> ids = Map.of("jobs", job, "applications", Long.toString(draft.id()), "calls",
				Long.toString(call.id()));

		List<String> failures = new ArrayList<>();
		Set<String> documented = new TreeSet<>();
		int answers = 0;
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				String key = operation.getKey().toUpperCase() + " " + path.getKey();
				documented.add(key);
				String access = RouteAccessTable.EXPECTED.get(key);
				if (access == null) {
					failures.add(key + " is documented but not in the access table");
					continue;
				}
				String token = access.equals("*") || access.equals("+") ? callers.get('F')
						: callers.get(access.charAt(0));
				HttpMethod method = HttpMethod.valueOf(operation.getKey().toUpperCase());
				String concrete = concrete(path.getKey(), ids);
				if (concrete.endsWith(".xlsx")) {
					// Without a reason: the documented refusal; with one: the workbook.
					answers += check(key + " without reason", operation.getValue(),
							request(method, concrete, null, token), document, failures);
					concrete += "?reason=contract+test";
				}
				answers += check(key, operation.getValue(), request(method, concrete, BODIES.get(key), token), document,
						failures);
				if (!access.equals("*")) {
					answers += check(key + " without token", operation.getValue(),
							request(method, concrete, BODIES.get(key), null), document, failures);
				}
				if (REFUSED.containsKey(key)) {
					answers += check(key + " refused", operation.getValue(),
							request(method, concrete, REFUSED.get(key), token), document, failures);
				}
			}
		}
		for (HandlerRoutes.Route route : HandlerRoutes.all(context)) {
			if (RouteAccessTable.isApi(route.pattern()) && !route.pattern().startsWith("/api/v1/openapi.json")
					&& !documented.contains(route.key())) {
				failures.add(route.key() + " is a route but not documented");
			}
		}
		mvc.perform(request(HttpMethod.POST, "/api/v1/fellow/jobs/" + job + "/cancel", null, callers.get('F')));
		System.out.printf("API contract: %d documented operations, %d answers checked, %d failures%n",
				documented.size(), answers, failures.size());
		assertThat(documented).hasSizeGreaterThan(15);
		assertThat(failures).isEmpty();
	}

	private int check(String what, JsonNode operation, MockHttpServletRequestBuilder request, JsonNode document,
			List<String> failures) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		String status = Integer.toString(response.getStatus());
		JsonNode documented = operation.path("responses").path(status);
		if (documented.isMissingNode()) {
			failures.add(what + " answered " + status + ", documented are "
					+ operation.path("responses").propertyNames() + ": " + response.getContentAsString());
			return 1;
		}
		JsonNode content = documented.path("content");
		if (content.isMissingNode() || content.isEmpty()) {
			return 1;
		}
		String type = String.valueOf(response.getContentType());
		JsonNode media = null;
		for (Map.Entry<String, JsonNode> candidate : content.properties()) {
			if (type.startsWith(candidate.getKey()) || candidate.getKey().equals("*/*")
					|| (type.contains("json") && candidate.getKey().contains("json"))) {
				media = candidate.getValue();
			}
		}
		if (media == null) {
			String body = response.getContentAsString();
			failures.add(what + " " + status + " sent " + type + ", documented are " + content.propertyNames() + ": "
					+ body.substring(0, Math.min(300, body.length())));
			return 1;
		}
		// Downloads (Excel) have no JSON schema to check: the documented media type is
		// the
		// contract.
		if (!media.path("schema").isMissingNode() && type.contains("json")) {
			validate(json.readTree(response.getContentAsString()), media.path("schema"), document,
					what + " " + status + " $", failures);
		}
		return 1;
	}

	/**
	 * A small JSON Schema check: $ref, type, properties, additionalProperties, items,
	 * required.
	 */
	private static void validate(JsonNode value, JsonNode schema, JsonNode document, String where,
			List<String> failures) {
		JsonNode resolved = resolve(schema, document);
		if (value == null || value.isNull() || resolved.has("oneOf") || resolved.has("anyOf")
				|| resolved.has("allOf")) {
			return;
		}
		Set<String> types = types(resolved);
		if (types.isEmpty() && resolved.has("properties")) {
			types = Set.of("object");
		}
		if (!types.isEmpty() && types.stream().noneMatch(type -> fits(value, type))) {
			failures.add(where + ": " + value.getNodeType() + " where the document says " + types);
			return;
		}
		if (value.isObject()) {
			JsonNode properties = resolved.path("properties");
			JsonNode additional = resolved.path("additionalProperties");
			for (Map.Entry<String, JsonNode> member : value.properties()) {
				if (properties.has(member.getKey())) {
					validate(member.getValue(), properties.get(member.getKey()), document,
							where + "." + member.getKey(), failures);
				}
				else if (additional.isObject()) {
					validate(member.getValue(), additional, document, where + "." + member.getKey(), failures);
				}
				else if (!additional.asBoolean(false)) {
					failures.add(where + "." + member.getKey() + " is sent but not documented");
				}
			}
			for (JsonNode required : resolved.path("required")) {
				if (!value.has(required.asString())) {
					failures.add(where + "." + required.asString() + " is required but not sent");
				}
			}
		}
		if (value.isArray() && resolved.has("items")) {
			int index = 0;
			for (JsonNode item : value) {
				validate(item, resolved.get("items"), document, where + "[" + index++ + "]", failures);
			}
		}
		if (value.isString() && "date-time".equals(resolved.path("format").asString(""))) {
			try {
				OffsetDateTime.parse(value.asString());
			}
			catch (RuntimeException ex) {
				failures.add(where + ": \"" + value.asString() + "\" is not a date-time");
			}
		}
	}

	private static JsonNode resolve(JsonNode schema, JsonNode document) {
		JsonNode current = schema;
		while (current.has("$ref")) {
			String ref = current.get("$ref").asString();
			current = document.at(ref.substring(1));
		}
		return current;
	}

	private static Set<String> types(JsonNode schema) {
		JsonNode type = schema.path("type");
		Set<String> types = new TreeSet<>();
		if (type.isString()) {
			types.add(type.asString());
		}
		else if (type.isArray()) {
			type.forEach(one -> types.add(one.asString()));
		}
		return types;
	}

	private static boolean fits(JsonNode value, String type) {
		return switch (type) {
			case "object" -> value.isObject();
			case "array" -> value.isArray();
			case "string" -> value.isString();
			case "integer" -> value.isIntegralNumber();
			case "number" -> value.isNumber();
			case "boolean" -> value.isBoolean();
			case "null" -> value.isNull();
			default -> true;
		};
	}

	private static String concrete(String path, Map<String, String> ids) {
		String[] segments = path.split("/");
		for (int i = 1; i < segments.length; i++) {
			if (segments[i].startsWith("{")) {
				segments[i] = ids.getOrDefault(segments[i - 1], "999999999");
			}
		}
		return String.join("/", segments);
	}

	private static MockHttpServletRequestBuilder request(HttpMethod method, String path, String body, String token) {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private String submitJob(String token) throws Exception {
		String location = mvc
			.perform(request(HttpMethod.POST, "/api/v1/fellow/jobs", BODIES.get("POST /api/v1/fellow/jobs"), token))
			.andReturn()
			.getResponse()
			.getHeader("Location");
		assertThat(location).startsWith("/api/v1/fellow/jobs/");
		return location.substring(location.lastIndexOf('/') + 1);
	}

	private String token(AccountView account) {
		return tokens
			.create(account.id(), account.email(), "contract", EnumSet.allOf(ApiScope.class), Duration.ofDays(1))
			.token();
	}

}
