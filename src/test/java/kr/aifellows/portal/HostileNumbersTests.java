package kr.aifellows.portal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.method.HandlerMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Every numeric query parameter and path variable of every handler, found in Spring MVC's
 * own handler mappings at test time ({@link HandlerRoutes}), gets hostile values as a
 * user of each role: nothing answers 500.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class HostileNumbersTests {

	/**
	 * Ids of kinds this test did not make: they must never reach the shared data other
	 * tests read.
	 */
	private static final String NO_SUCH_ID = "987654321";

	static final List<String> HOSTILE = List.of("0", "-1", "2147483647", "2147483648", "9223372036854775807",
			"9223372036854775808", "-9223372036854775808", "1e309", "NaN", "", "twelve");

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

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
			people.put(role,
					accounts
						.createVerified(
								"hostile-" + role.name().toLowerCase() + "-"
										+ UUID.randomUUID().toString().substring(0, 8) + "@test.aifellows.kr",
								"Hostile " + role, "correct-horse-battery-9", EnumSet.of(role))
						.email());
		}
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		ApplicationView application = fixtures.submitted(call.id(),
				fixtures.account("hostile-applicant", Role.APPLICANT));
		ids.put("calls", Long.toString(call.id()));
		ids.put("applications", Long.toString(application.id()));
		ids.put("applicationId", Long.toString(application.id()));
		List<String> failures = new ArrayList<>();
		Set<HandlerMethod> handlersWithNumbers = new HashSet<>();
		int requests = 0;
		for (HandlerRoutes.Route route : HandlerRoutes.all(context)) {
			List<MethodParameter> numeric = HandlerRoutes.numericParameters(route.handler());
			if (numeric.isEmpty()) {
				continue;
			}
			handlersWithNumbers.add(route.handler());
			for (MethodParameter target : numeric) {
				for (String value : HOSTILE) {
					for (Map.Entry<Role, String> person : people.entrySet()) {
						requests++;
						String label = route.key() + " " + HandlerRoutes.name(target) + "=" + value + " as "
								+ person.getKey();
						try {
							int status = mvc
								.perform(HandlerRoutes
									.request(route, Map.of(HandlerRoutes.name(target), value), ids, NO_SUCH_ID)
									.with(user(users.loadUserByUsername(person.getValue())))
									.with(csrf()))
								.andReturn()
								.getResponse()
								.getStatus();
							if (status >= 500) {
								failures.add(label + " -> " + status);
							}
						}
						catch (Exception ex) {
							failures.add(label + " -> " + HandlerRoutes.rootCause(ex));
						}
					}
				}
			}
		}
		assertThat(handlersWithNumbers).as("handlers with numeric parameters").hasSizeGreaterThan(30);
		assertThat(requests).isGreaterThan(1000);
		assertThat(failures).as("requests that failed with 500").isEmpty();
	}

}
