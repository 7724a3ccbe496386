package kr.aifellows.portal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.accounts.tokens.ApiScope;
import kr.aifellows.portal.accounts.tokens.ApiTokens;
import kr.aifellows.portal.fellows.JobTemplates;
import kr.aifellows.portal.fellows.JobTemplates.JobTemplate;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.notifications.Notifications;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.shared.ResearchArea;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every route of a role that owns its data (applicants their applications and files,
 * reviewers their assignments and reviews, fellows their jobs and logs), taken from
 * {@link RouteAccessTable} so that a new one is covered, called with the ids of one
 * person's data by another person of the same role: 404, and nothing in the database
 * changes. Chairs and administrators see every call, so their routes have no owner to
 * check. The REST API's routes are in the same table and called the same way, with
 * personal access tokens instead of sessions.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class IdorTests {

	/** Routes whose id is public to the role: any applicant may apply to an open call. */
	private static final Set<String> PUBLIC_IDS = Set.of("POST /applicant/calls/{callId}/apply");

	/**
	 * Path variables that name no object of their own (the object is the one before
	 * them).
	 */
	private static final Map<String, String> VALUES = Map.of("index", "0", "kind", "CV");

	private static final List<String> OWNED_TABLES = List.of("applications", "application_affiliations",
			"application_publications", "application_open_source", "application_files", "application_exclusions",
			"review_assignments", "reviews", "review_scores", "review_discussion", "review_decisions", "job_templates");

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	ReviewerPool pool;

	@Autowired
	GpuAllocations allocations;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobTemplates templates;

	@Autowired
	Notifications notifications;

	@Autowired
	ApiTokens tokens;

	private final Map<Long, String> apiTokens = new HashMap<>();

	@Test
	void aSecondPersonOfTheSameRoleGets404OnEveryRouteWithAnotherPersonsIdAndChangesNothing() throws Exception {
		AccountView chair = fixtures.account("idor-chair", Role.CHAIR);
		AccountView applicant = fixtures.account("idor-owner", Role.APPLICANT);
		CallSummary draftCall = fixtures.openCall(Duration.ofDays(1));
		ApplicationView draft = fixtures.completeDraft(draftCall.id(), applicant);
		// not blind, so that its reviewers may open the files
		CallSummary reviewCall = fixtures.openCall(Duration.ofDays(1), false);
		ApplicationView submitted = fixtures.submitted(reviewCall.id(), fixtures.account("idor-app", Role.APPLICANT));
		AccountView reviewer = reviewer("idor-reviewer");
		assign(chair, reviewCall, submitted, reviewer);
		AccountView fellow = fellow();
		String job = mvc
			.perform(multipart("/fellow/jobs").param("name", "idor")
				.param("script", "sleep 20")
				.param("gpusPerNode", "1")
				.param("nodes", "1")
				.param("partition", "local")
				.param("timeLimitMinutes", "5")
				.with(as(fellow))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(job).startsWith("/fellow/jobs/");

		Map<Character, Owner> owners = Map.of('A',
				new Owner(applicant, fixtures.account("idor-other", Role.APPLICANT),
						Map.of("applications", Long.toString(draft.id()), "files",
								Long.toString(draft.files().get(0).id()), "calls", Long.toString(draftCall.id()))),
				'R',
				new Owner(
						reviewer, reviewer("idor-other-reviewer"), Map.of("applications", Long.toString(submitted.id()),
								"files", Long.toString(submitted.files().get(0).id()), "calls", Long.toString(
										reviewCall.id()))),
				'F',
				new Owner(fellow, fellow(),
						Map.of("jobs", job.substring(job.lastIndexOf('/') + 1), "job-templates",
								templates
									.save(fellow.id(), fellow.email(),
											new JobTemplate(null, "idor", false, "idor", "true", 1, 1, 5))
									.key())));

		List<String> failures = new ArrayList<>();
		int cases = 0;
		// Text extraction of the uploaded files changes their rows by itself: let it
		// finish first.
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.queryForObject(
					"select count(*) from application_files where extraction_state = 'PENDING'", Long.class) == 0);
		String before = snapshot();
		for (HandlerRoutes.Route route : HandlerRoutes.all(context)) {
			String access = RouteAccessTable.EXPECTED.getOrDefault(route.key(), "");
			Owner owner = access.length() == 1 ? owners.get(access.charAt(0)) : null;
			if (owner == null || !takesAnId(route) || PUBLIC_IDS.contains(route.key())) {
				continue;
			}
			cases++;
			int status = mvc.perform(
					HandlerRoutes.request(route, VALUES, owner.ids(), "0").with(as(route, owner.other())).with(csrf()))
				.andReturn()
				.getResponse()
				.getStatus();
			if (status != 404) {
				failures.add(route.key() + " by another " + access + " -> " + status);
			}
			if (!route.changesState()) {
				int own = mvc
					.perform(HandlerRoutes.request(route, VALUES, owner.ids(), "0").with(as(route, owner.owner())))
					.andReturn()
					.getResponse()
					.getStatus();
				if (own == 404 || own >= 500) {
					failures.add(route.key() + " by its owner -> " + own + " (the ids are not the owner's)");
				}
			}
		}
		String after = snapshot();
		mvc.perform(post(job + "/cancel").with(as(fellow)).with(csrf()).param("confirmed", "true"));
		System.out.printf("IDOR: %d routes with ids called by a second person of the same role, %d failures%n", cases,
				failures.size());
		assertThat(cases).isGreaterThan(20);
		assertThat(failures).isEmpty();
		assertThat(after).as("owned data after the other people's requests").isEqualTo(before);
	}

	@Test
	void anotherPersonsNotificationIsNotFoundAndStaysUnread() throws Exception {
		AccountView owner = fixtures.account("idor-notified", Role.APPLICANT);
		AccountView other = fixtures.account("idor-notified-other", Role.APPLICANT);
		notifications.notify(owner.id(), "SUBMITTED", "R-1", "/applicant", "idor-test:" + owner.id());
		long id = notifications.recent(owner.id(), 1).get(0).id();

		int status = mvc.perform(post("/notifications/" + id + "/read").with(as(other)).with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus();

		assertThat(status).isEqualTo(404);
		assertThat(notifications.recent(owner.id(), 1).get(0).unread()).isTrue();
	}

	private static boolean takesAnId(HandlerRoutes.Route route) {
		return route.pattern().replace("{index}", "").replace("{kind}", "").contains("{");
	}

	private String snapshot() {
		StringBuilder all = new StringBuilder();
		for (String table : OWNED_TABLES) {
			all.append(table)
				.append('=')
				.append(jdbc.queryForObject(
						"select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from " + table + " t",
						String.class))
				.append('\n');
		}
		return all.toString();
	}

	private AccountView reviewer(String prefix) {
		AccountView account = fixtures.account(prefix, Role.REVIEWER);
		pool.invite(new ReviewerPool.NewReviewer("Reviewer " + prefix, account.email(), List.of(),
				Set.of(ResearchArea.NLP)), "chair@test", Locale.KOREAN);
		return account;
	}

	private AccountView fellow() {
		AccountView fellow = fixtures.account("idor-fellow", Role.FELLOW);
		Instant now = Instant.now();
		allocations.grant(fellow.id(), 3600L, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), "TEST",
				"idor-" + fellow.id(), "test");
		return fellow;
	}

	private void assign(AccountView chair, CallSummary call, ApplicationView application, AccountView reviewer)
			throws Exception {
		long reviewerId = pool.me(reviewer.id(), reviewer.email(), reviewer.displayName()).id();
		mvc.perform(post("/chair/calls/" + call.id() + "/review/assignments").with(as(chair))
			.with(csrf())
			.param("applicationId", Long.toString(application.id()))
			.param("reviewerId", Long.toString(reviewerId)));
	}

	private RequestPostProcessor as(AccountView account) {
		return user(users.loadUserByUsername(account.email()));
	}

	/**
	 * The REST API's routes are called with a personal access token of every scope, the
	 * pages with a session.
	 */
	private RequestPostProcessor as(HandlerRoutes.Route route, AccountView account) {
		if (!RouteAccessTable.isApi(route.pattern())) {
			return as(account);
		}
		String token = apiTokens.computeIfAbsent(account.id(),
				id -> tokens.create(id, account.email(), "idor", EnumSet.allOf(ApiScope.class), Duration.ofDays(1))
					.token());
		return request -> {
			request.addHeader("Authorization", "Bearer " + token);
			return request;
		};
	}

	private record Owner(AccountView owner, AccountView other, Map<String, String> ids) {
	}

}
