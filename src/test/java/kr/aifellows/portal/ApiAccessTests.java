package kr.aifellows.portal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.servlet.http.Cookie;

import kr.aifellows.portal.accounts.AccountSecurity;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.accounts.tokens.ApiScope;
import kr.aifellows.portal.accounts.tokens.ApiTokens;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The REST API with personal access tokens: every API route of {@link RouteAccessTable}
 * called by nobody and with a token of each role (all scopes), scopes on top of roles,
 * sessions that do not reach the API, tokens that are revoked, expired or unknown, the
 * job journey (submit with the form's refusals, watch, log, cancel), problem details in
 * the caller's language, paging links and the per-token rate limit. {@link IdorTests}
 * calls the API's routes with another person's ids.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class ApiAccessTests {

	private static final Map<Role, Character> LETTERS = Map.of(Role.APPLICANT, 'A', Role.REVIEWER, 'R', Role.CHAIR, 'C',
			Role.FELLOW, 'F', Role.ADMIN, 'D', Role.PRIVACY_OFFICER, 'P');

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
	UserDetailsService users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AccountSecurity security;

	@Test
	void everyApiRouteAnswersEachRolesTokenAsTheTableSays() throws Exception {
		Map<Role, String> callers = new LinkedHashMap<>();
		for (Role role : Role.values()) {
			callers.put(role, token(fixtures.account("api-" + role.name().toLowerCase(), role), ApiScope.values()));
		}
		List<String> failures = new ArrayList<>();
		Map<String, String> observed = new TreeMap<>();
		int routes = 0;
		for (HandlerRoutes.Route route : HandlerRoutes.all(context)) {
			if (!RouteAccessTable.isApi(route.pattern())) {
				continue;
			}
			routes++;
			boolean anonymous = reaches(route, null, failures);
			StringBuilder reached = new StringBuilder();
			for (Role role : Role.values()) {
				if (reaches(route, callers.get(role), failures)) {
					reached.append(LETTERS.get(role));
				}
			}
			String seen = anonymous ? "*" : reached.length() == Role.values().length ? "+" : reached.toString();
			observed.put(route.key(), seen);
			String expected = RouteAccessTable.EXPECTED.get(route.key());
			if (!seen.equals(expected)) {
				failures.add(route.key() + " expected \"" + expected + "\" but reached by \"" + seen + "\"");
			}
		}
		RouteAccessTable.EXPECTED.keySet()
			.stream()
			.filter(key -> RouteAccessTable.isApi(key.substring(key.indexOf(' ') + 1)))
			.filter(key -> !observed.containsKey(key))
			.forEach(key -> failures.add(key + " is in the access table but no longer a route"));
		System.out.printf("API access matrix: %d routes x 7 callers, %d failures%n", routes, failures.size());
		assertThat(routes).isGreaterThan(15);
		assertThat(failures).isEmpty();
	}

	@Test
	void aTokenReachesOnlyWhatItsScopesAllowAndNeverMoreThanItsOwner() throws Exception {
		AccountView fellow = fellow(3600);
		String readOnly = token(fellow, ApiScope.READ);
		String jobsOnly = token(fellow, ApiScope.JOBS);
		assertThat(status(get("/api/v1/fellow/jobs"), readOnly)).isEqualTo(200);
		assertThat(status(post("/api/v1/fellow/jobs").contentType(MediaType.APPLICATION_JSON).content("{}"), readOnly))
			.isEqualTo(403);
		assertThat(status(get("/api/v1/fellow/jobs"), jobsOnly)).isEqualTo(403);
		// Every scope, but the account is not a reviewer.
		assertThat(status(get("/api/v1/reviewer/assignments"), token(fellow, ApiScope.values()))).isEqualTo(403);
		MockHttpServletResponse me = call(get("/api/v1/me"), readOnly);
		assertThat(me.getContentAsString()).contains("\"email\":\"" + fellow.email() + "\"")
			.contains("\"roles\":[\"FELLOW\"]")
			.contains("\"scopes\":[\"READ\"]");
	}

	@Test
	void aSignedInSessionDoesNotReachTheApi() throws Exception {
		AccountView fellow = fellow(3600);
		MockHttpServletResponse login = mvc
			.perform(post("/login").param("email", fellow.email())
				.param("password", PortfolioFixtures.PASSWORD)
				.with(csrf()))
			.andReturn()
			.getResponse();
		Cookie session = login.getCookie("SESSION");
		assertThat(session).as("session cookie after login").isNotNull();
		assertThat(mvc.perform(get("/fellow").cookie(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
		MockHttpServletResponse api = mvc.perform(get("/api/v1/fellow/jobs").cookie(session)).andReturn().getResponse();
		assertThat(api.getStatus()).isEqualTo(401);
		assertThat(api.getContentType()).startsWith("application/problem+json");
		assertThat(api.getHeader("WWW-Authenticate")).startsWith("Bearer");
		assertThat(api.getCookie("SESSION")).as("the API never starts a session").isNull();
	}

	@Test
	void tokensAreStoredHashedAndStopWorkingWhenRevokedOrExpired() throws Exception {
		AccountView fellow = fellow(3600);
		ApiTokens.IssuedToken issued = tokens.create(fellow.id(), fellow.email(), "laptop", Set.of(ApiScope.READ),
				Duration.ofDays(1));
		assertThat(jdbc.queryForObject("select count(*) from api_tokens where token_hash = ? or token_prefix = ?",
				Long.class, issued.token(), issued.token()))
			.isZero();
		assertThat(status(get("/api/v1/me"), issued.token())).isEqualTo(200);
		assertThat(tokens.revoke(fellow.id(), issued.id(), fellow.email())).isTrue();
		assertThat(status(get("/api/v1/me"), issued.token())).isEqualTo(401);

		ApiTokens.IssuedToken expiring = tokens.create(fellow.id(), fellow.email(), "old", Set.of(ApiScope.READ),
				Duration.ofDays(1));
		jdbc.update("update api_tokens set expires_at = ? where id = ?", Timestamp.from(Instant.now().minusSeconds(1)),
				expiring.id());
		assertThat(status(get("/api/v1/me"), expiring.token())).isEqualTo(401);
		assertThat(status(get("/api/v1/me"), "afp_not-a-token")).isEqualTo(401);
		assertThat(mvc.perform(get("/api/v1/me").header("Authorization", "Basic eDp5"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(401);
	}

	@Test
	void anErasedAccountsTokensAreGone() throws Exception {
		AccountView fellow = fellow(3600);
		String token = token(fellow, ApiScope.READ);
		assertThat(status(get("/api/v1/me"), token)).isEqualTo(200);
		security.erase(fellow.id(), "officer@test.aifellows.kr", "test");
		assertThat(status(get("/api/v1/me"), token)).isEqualTo(401);
		assertThat(jdbc.queryForObject("select count(*) from api_tokens where account_id = ?", Long.class, fellow.id()))
			.isZero();
	}

	@Test
	void useIsAuditedOncePerTokenAndMinuteAndTheRateLimitAnswers429WithRetryAfter() throws Exception {
		AccountView fellow = fellow(3600);
		ApiTokens.IssuedToken issued = tokens.create(fellow.id(), fellow.email(), "ci", Set.of(ApiScope.READ),
				Duration.ofDays(1));
		for (int i = 0; i < 3; i++) {
			assertThat(status(get("/api/v1/fellow/balance"), issued.token())).isEqualTo(200);
		}
		assertThat(
				jdbc.queryForObject("select count(*) from audit_log where action = 'API_TOKEN_USED' and detail like ?",
						Long.class, "token " + issued.id() + " %"))
			.isBetween(1L, 2L);
		assertThat(
				jdbc.queryForObject("select last_used_at from api_tokens where id = ?", Timestamp.class, issued.id()))
			.isNotNull();
		// The minute's count as another instance would have left it.
		int limit = tokens.properties().requestsPerMinute();
		jdbc.update("update api_rate_windows set requests = ? where token_id = ?", limit, issued.id());
		MockHttpServletResponse refused = mvc
			.perform(get("/api/v1/fellow/balance").header("Authorization", "Bearer " + issued.token())
				.header("Accept-Language", "en"))
			.andReturn()
			.getResponse();
		if (refused.getStatus() == 200) {
			// The minute turned between the requests: the new window starts at 1.
			jdbc.update("update api_rate_windows set requests = ? where token_id = ?", limit, issued.id());
			refused = mvc
				.perform(get("/api/v1/fellow/balance").header("Authorization", "Bearer " + issued.token())
					.header("Accept-Language", "en"))
				.andReturn()
				.getResponse();
		}
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(refused.getContentAsString()).contains("\"limit\":" + limit).contains("requests this minute");
	}

	@Test
	void aJobIsSubmittedWatchedReadAndCancelledWithTheFormsRulesAndRefusals() throws Exception {
		AccountView fellow = fellow(3600);
		String token = token(fellow, ApiScope.READ, ApiScope.JOBS);

		MockHttpServletResponse tooMany = call(json("/api/v1/fellow/jobs",
				"{\"name\":\"big\",\"script\":\"true\",\"gpusPerNode\":9,\"timeLimitMinutes\":5}")
			.header("Accept-Language", "en"), token);
		assertThat(tooMany.getStatus()).isEqualTo(400);
		assertThat(tooMany.getContentAsString()).contains("\"field\":\"gpusPerNode\"")
			.contains("\"limit\":8")
			.contains("Must be at most 8");

		// 2 GPUs x 60 minutes = 7200 GPU-seconds, 3600 are left: the admission's refusal.
		MockHttpServletResponse balance = call(json("/api/v1/fellow/jobs",
				"{\"name\":\"long\",\"script\":\"true\",\"gpusPerNode\":2,\"timeLimitMinutes\":60}"), token);
		assertThat(balance.getStatus()).isEqualTo(422);
		assertThat(balance.getContentAsString()).contains("\"limit\":\"BALANCE\"")
			.contains("\"requested\":7200")
			.contains("\"allowed\":3600")
			.contains("GPU 시간");
		assertThat(jdbc.queryForObject("select count(*) from gpu_job where account_id = ?", Long.class, fellow.id()))
			.isZero();

		MockHttpServletResponse submitted = call(
				json("/api/v1/fellow/jobs",
						"{\"name\":\"api-job\",\"script\":\"echo hello-from-api; sleep 30\",\"timeLimitMinutes\":5}"),
				token);
		assertThat(submitted.getStatus()).as(submitted.getContentAsString()).isEqualTo(201);
		String location = submitted.getHeader("Location");
		assertThat(location).startsWith("/api/v1/fellow/jobs/");
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> call(get(location + "/log"), token).getContentAsString().contains("hello-from-api"));
		assertThat(call(get("/api/v1/fellow/jobs"), token).getContentAsString()).contains("\"name\":\"api-job\"");

		MockHttpServletResponse cancelled = call(post(location + "/cancel"), token);
		assertThat(cancelled.getStatus()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> call(get(location), token).getContentAsString().contains("\"settled\":true"));
		assertThat(call(get(location), token).getContentAsString()).contains("\"state\":\"CANCELLED\"");
		MockHttpServletResponse again = call(post(location + "/cancel").header("Accept-Language", "en"), token);
		assertThat(again.getStatus()).isEqualTo(409);
		assertThat(again.getContentAsString()).contains("already ended");
	}

	@Test
	void listsArePagedWithLinks() throws Exception {
		AccountView fellow = fellow(3600);
		Instant now = Instant.now();
		for (int i = 0; i < 2; i++) {
			allocations.grant(fellow.id(), 60L, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), "TEST",
					"api-page-" + i + "-" + fellow.id(), "test");
		}
		MockHttpServletResponse first = call(get("/api/v1/fellow/ledger").param("size", "2"),
				token(fellow, ApiScope.READ));
		assertThat(first.getStatus()).isEqualTo(200);
		assertThat(first.getHeader("X-Total-Count")).isEqualTo("3");
		assertThat(first.getHeader("Link")).contains("page=1&size=2>; rel=\"next\"").contains("rel=\"last\"");
		assertThat(first.getContentAsString()).contains("\"total\":3").contains("\"next\":");
	}

	@Test
	void theTokenPageMakesShowsOnceListsAndRevokesAfterAsking() throws Exception {
		AccountView person = fixtures.account("api-page", Role.APPLICANT);
		RequestPostProcessor signedIn = user(users.loadUserByUsername(person.email()));
		MockHttpServletResponse made = mvc
			.perform(post("/account/tokens").param("name", "my script")
				.param("scopes", "READ")
				.param("validityDays", "30")
				.with(signedIn)
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(made.getStatus()).isEqualTo(200);
		assertThat(made.getHeader("Cache-Control")).isEqualTo("no-store");
		String page = made.getContentAsString();
		String token = page.replaceAll("(?s).*id=\"issued-token-value\"[^>]*>([^<]+)<.*", "$1");
		assertThat(token).startsWith(ApiTokens.PREFIX);
		assertThat(status(get("/api/v1/applicant/applications"), token)).isEqualTo(200);

		String list = mvc.perform(get("/account/tokens").with(signedIn)).andReturn().getResponse().getContentAsString();
		assertThat(list).contains("my script").doesNotContain(token);

		MockHttpServletResponse refused = mvc
			.perform(
					post("/account/tokens").param("name", "").param("validityDays", "9999").with(signedIn).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(refused.getContentAsString()).contains("token-problem");

		long id = jdbc.queryForObject("select id from api_tokens where account_id = ?", Long.class, person.id());
		String ask = mvc.perform(post("/account/tokens/" + id + "/revoke").with(signedIn).with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(ask).contains("confirm-revoke");
		assertThat(status(get("/api/v1/me"), token)).isEqualTo(200);
		mvc.perform(post("/account/tokens/" + id + "/revoke").param("confirmed", "true").with(signedIn).with(csrf()));
		assertThat(status(get("/api/v1/me"), token)).isEqualTo(401);
		assertThat(jdbc.queryForList("select action from audit_log where actor = ? and action like 'API_TOKEN_%'",
				String.class, person.email()))
			.contains("API_TOKEN_CREATED", "API_TOKEN_USED", "API_TOKEN_REVOKED");
		// Another person's token id is not found.
		AccountView other = fixtures.account("api-page-other", Role.APPLICANT);
		assertThat(mvc
			.perform(post("/account/tokens/" + id + "/revoke").param("confirmed", "true")
				.with(user(users.loadUserByUsername(other.email())))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void aReviewersQueueListsOnlyTheirAssignmentsAndChairsBlindListHasNoIdentities() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		ApplicationView application = fixtures.submitted(call.id(), fixtures.account("api-app", Role.APPLICANT));
		AccountView chair = fixtures.account("api-chair", Role.CHAIR);
		String chairToken = token(chair, ApiScope.READ);
		String blind = call(get("/api/v1/chair/calls/" + call.id() + "/applications").param("blind", "true"),
				chairToken)
			.getContentAsString();
		assertThat(blind).contains("\"id\":" + application.id())
			.contains("\"applicantName\":null")
			.doesNotContain(application.applicantEmail());
		assertThat(call(get("/api/v1/chair/calls/" + call.id() + "/applications"), chairToken).getContentAsString())
			.contains(application.applicantEmail());
		AccountView reviewer = fixtures.account("api-reviewer", Role.REVIEWER);
		String queue = call(get("/api/v1/reviewer/assignments"), token(reviewer, ApiScope.REVIEW)).getContentAsString();
		assertThat(queue).isEqualTo("[]");
	}

	@Test
	void theDocumentIsPublicAndTheBrowsableDocsAreForSignedInPeople() throws Exception {
		MockHttpServletResponse document = mvc.perform(get("/api/v1/openapi.json")).andReturn().getResponse();
		assertThat(document.getStatus()).isEqualTo(200);
		assertThat(document.getContentAsString()).contains("\"/api/v1/fellow/jobs\"").contains("\"bearer\"");
		MockHttpServletResponse anonymous = mvc.perform(get("/api/docs")).andReturn().getResponse();
		assertThat(anonymous.getStatus()).isEqualTo(302);
		assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
		RequestPostProcessor signedIn = user(
				users.loadUserByUsername(fixtures.account("api-docs", Role.APPLICANT).email()));
		MockHttpServletResponse docs = mvc.perform(get("/api/docs").with(signedIn)).andReturn().getResponse();
		assertThat(docs.getStatus()).isEqualTo(302);
		assertThat(docs.getRedirectedUrl()).startsWith("/api/swagger-ui/index.html");
		assertThat(mvc.perform(get("/api/swagger-ui/index.html").with(signedIn)).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		assertThat(mvc.perform(get("/api/swagger-ui/index.html")).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login");
	}

	private boolean reaches(HandlerRoutes.Route route, String token, List<String> failures) throws Exception {
		AbstractMockHttpServletRequestBuilder<?> request = HandlerRoutes.request(route, Map.of(), Map.of(),
				"999999999");
		if (route.changesState()) {
			request.contentType(MediaType.APPLICATION_JSON).content("{}");
		}
		MockHttpServletResponse response;
		try {
			response = call(request, token);
		}
		catch (Exception ex) {
			failures.add(route.key() + " -> " + HandlerRoutes.rootCause(ex));
			return false;
		}
		if (response.getStatus() >= 500) {
			failures.add(route.key() + " -> " + response.getStatus() + " " + response.getContentAsString());
		}
		if (response.getStatus() == 401 || response.getStatus() == 403) {
			if (!String.valueOf(response.getContentType()).startsWith("application/problem+json")) {
				failures.add(route.key() + " refused without a problem detail: " + response.getContentType());
			}
			return false;
		}
		return true;
	}

	private MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String token)
			throws Exception {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	private int status(AbstractMockHttpServletRequestBuilder<?> request, String token) throws Exception {
		return call(request, token).getStatus();
	}

	private static AbstractMockHttpServletRequestBuilder<?> json(String path, String body) {
		return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private String token(AccountView account, ApiScope... scopes) {
		return tokens.create(account.id(), account.email(), "test", EnumSet.copyOf(List.of(scopes)), Duration.ofDays(1))
			.token();
	}

	private AccountView fellow(long gpuSeconds) {
		AccountView fellow = fixtures.account("api-fellow", Role.FELLOW);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		allocations.grant(fellow.id(), gpuSeconds, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), "TEST",
				"api-" + fellow.id(), "test");
		return fellow;
	}

}
