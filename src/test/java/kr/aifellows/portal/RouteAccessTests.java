package kr.aifellows.portal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Every route of the portal, read from Spring MVC's handler mappings at test time, called
 * by nobody and by a person of each role, against the table below of who may reach it: a
 * new route fails this test until it is in the table (and in
 * {@code SecurityConfiguration}'s rules, which refuse every route they do not name). Ids
 * in paths are ones that do not exist, so a person who may reach a route gets the
 * handler's answer (404 for the id) and nothing changes.
 */
@PortalIntegrationTest
class RouteAccessTests {

	/**
	 * Who may reach a route: "*" anybody, "+" anyone signed in, else A R C F D (ADMIN) P
	 * (PRIVACY_OFFICER) letters.
	 */
	static final Map<String, String> EXPECTED = RouteAccessTable.EXPECTED;

	private static final String PASSWORD = "correct-horse-battery-9";

	private static final String MISSING_ID = "999999999";

	private static final Map<Role, Character> LETTERS = Map.of(Role.APPLICANT, 'A', Role.REVIEWER, 'R', Role.CHAIR, 'C',
			Role.FELLOW, 'F', Role.ADMIN, 'D', Role.PRIVACY_OFFICER, 'P');

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	AccountManagement accounts;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcTemplate jdbc;

	private final Map<Role, String> people = new LinkedHashMap<>();

	private String everyRole;

	@BeforeEach
	void people() {
		for (Role role : Role.values()) {
			people.put(role,
					accounts
						.createVerified(uniqueEmail("matrix-" + role.name().toLowerCase()), "Matrix " + role, PASSWORD,
								EnumSet.of(role))
						.email());
		}
		everyRole = accounts
			.createVerified(uniqueEmail("matrix-all"), "Matrix all", PASSWORD, EnumSet.allOf(Role.class))
			.email();
	}

	@Test
	void everyRouteAnswersEachRoleAsTheTableSays() throws Exception {
		List<HandlerRoutes.Route> routes = HandlerRoutes.all(context);
		List<String> failures = new ArrayList<>();
		Map<String, String> observed = new TreeMap<>();
		int checks = 0;
		for (HandlerRoutes.Route route : routes) {
			if (RouteAccessTable.isApi(route.pattern())) {
				// Sessions do not reach the API: ApiAccessTests checks its rows with
				// tokens.
				observed.put(route.key(), EXPECTED.getOrDefault(route.key(), "?"));
				if (!EXPECTED.containsKey(route.key())) {
					failures.add(route.key() + " is not in the access table");
				}
				continue;
			}
			StringBuilder reached = new StringBuilder();
			boolean anonymous = reaches(route, null, failures);
			for (Role role : Role.values()) {
				checks++;
				if (reaches(route, role, failures)) {
					reached.append(LETTERS.get(role));
				}
			}
			checks++;
			String seen = anonymous ? "*" : reached.length() == Role.values().length ? "+" : reached.toString();
			observed.put(route.key(), seen);
			String expected = EXPECTED.get(route.key());
			if (expected == null) {
				failures.add(route.key() + " is not in the access table (reached by \"" + seen + "\")");
			}
			else if (!expected.equals(seen)) {
				failures.add(route.key() + " expected \"" + expected + "\" but reached by \"" + seen + "\"");
			}
		}
		for (String key : EXPECTED.keySet()) {
			if (!observed.containsKey(key)) {
				failures.add(key + " is in the access table but no longer a route");
			}
		}
		if (!failures.isEmpty()) {
			StringBuilder table = new StringBuilder();
			observed.forEach((key,
					seen) -> table.append("\t\t\tentry(\"").append(key).append("\", \"").append(seen).append("\"),\n"));
			System.out.println("Observed access table:\n" + table);
		}
		System.out.printf("Route access matrix: %d routes x 6 callers = %d checks, %d failures%n", routes.size(),
				checks, failures.size());
		assertThat(routes).hasSizeGreaterThan(100);
		assertThat(failures).as("routes whose access differs from the table").isEmpty();
	}

	@Test
	void everyStateChangingRouteRefusesARequestWithoutCsrfTokenAndChangesNothing() throws Exception {
		List<String> failures = new ArrayList<>();
		int checked = 0;
		long auditBefore = auditRows();
		for (HandlerRoutes.Route route : HandlerRoutes.all(context)) {
			// The API is stateless: no cookie authenticates there, so there is nothing
			// to forge (ApiAccessTests shows a session does not reach it).
			if (!route.changesState() || RouteAccessTable.isApi(route.pattern())) {
				continue;
			}
			checked++;
			for (boolean signedIn : new boolean[] { false, true }) {
				AbstractMockHttpServletRequestBuilder<?> request = HandlerRoutes.request(route, Map.of(), Map.of(),
						"1");
				if (signedIn) {
					request.with(user(users.loadUserByUsername(everyRole)));
				}
				int status = mvc.perform(request).andReturn().getResponse().getStatus();
				if (status != 403) {
					failures.add(route.key() + (signedIn ? " signed in" : " anonymous") + " without CSRF token -> "
							+ status);
				}
			}
		}
		System.out.printf("CSRF: %d state-changing routes x 2 callers, %d failures%n", checked, failures.size());
		assertThat(checked).isGreaterThan(40);
		assertThat(failures).isEmpty();
		assertThat(auditRows()).as("audit rows written by refused requests").isEqualTo(auditBefore);
	}

	private long auditRows() {
		return jdbc.queryForObject("select count(*) from audit_log", Long.class);
	}

	/** Whether the caller got past the access rules: not sent to sign in, not refused. */
	private boolean reaches(HandlerRoutes.Route route, Role role, List<String> failures) throws Exception {
		AbstractMockHttpServletRequestBuilder<?> request = HandlerRoutes.request(route, Map.of(), Map.of(), MISSING_ID)
			.with(csrf());
		if (role != null) {
			request.with(user(users.loadUserByUsername(people.get(role))));
		}
		MockHttpServletResponse response;
		try {
			response = mvc.perform(request).andReturn().getResponse();
		}
		catch (Exception ex) {
			failures.add(route.key() + " as " + role + " -> " + HandlerRoutes.rootCause(ex));
			return false;
		}
		int status = response.getStatus();
		// The error page itself, asked for directly, reports the 500 it was not given.
		if (status >= 500 && !route.pattern().equals("/error")) {
			failures.add(route.key() + " as " + role + " -> " + status);
		}
		String location = response.getRedirectedUrl();
		boolean toLogin = status == 401
				|| (status == 302 && location != null && location.replaceFirst("^https?://[^/]+", "").equals("/login"));
		return !(status == 403 || (role == null && toLogin));
	}

	private static String uniqueEmail(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.aifellows.kr";
	}

}
