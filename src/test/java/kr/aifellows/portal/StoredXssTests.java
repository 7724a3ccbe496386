package kr.aifellows.portal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.OpenSourceWork;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.Profile;
import kr.aifellows.portal.portfolios.Proposal;
import kr.aifellows.portal.portfolios.Publication;
import kr.aifellows.portal.portfolios.TestDocuments;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.shared.ResearchArea;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A script payload in every free-text field a person of any role can fill (names,
 * affiliations, publications, open-source work, the proposal, the file name, review
 * comments, discussion posts, a job's script, a top-up's justification) is shown escaped
 * on every HTML page of every role: every GET route of {@link RouteAccessTable}, called
 * by each role with the planted data's ids.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class StoredXssTests {

	static final String PAYLOAD = "\"'><img src=x onerror=alert(1)><script>alert(2)</script>zqxss";

	/** A file name cannot hold a slash, so the payload without its closing tag. */
	static final String FILE_NAME = "\"'><img src=x onerror=alert(1)>zqxss.pdf";

	/** What the payload looks like when it is not escaped. */
	static final List<String> RAW = List.of("<img src=x onerror", "<script>alert(2)");

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	AccountManagement accounts;

	@Autowired
	ReviewerPool pool;

	@Autowired
	GpuAllocations allocations;

	@Autowired
	UserDetailsService users;

	@Test
	void everyFreeTextFieldIsShownEscapedOnEveryPageOfEveryRole() throws Exception {
		Map<Role, AccountView> people = new LinkedHashMap<>();
		for (Role role : Role.values()) {
			people.put(role,
					accounts.createVerified(
							"xss-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8)
									+ "@test.aifellows.kr",
							PAYLOAD + role, PortfolioFixtures.PASSWORD, EnumSet.of(role)));
		}
		AccountView applicant = people.get(Role.APPLICANT);
		AccountView reviewer = people.get(Role.REVIEWER);
		AccountView chair = people.get(Role.CHAIR);
		AccountView fellow = people.get(Role.FELLOW);
		CallSummary call = fixtures.openCall(Duration.ofDays(1), false);
		ApplicationView application = planted(call, applicant);
		pool.invite(new ReviewerPool.NewReviewer(PAYLOAD, reviewer.email(), List.of(), Set.of(ResearchArea.NLP)),
				chair.email(), Locale.KOREAN);
		long reviewerId = pool.me(reviewer.id(), reviewer.email(), reviewer.displayName()).id();
		mvc.perform(post("/chair/calls/" + call.id() + "/review/assignments").with(as(chair))
			.with(csrf())
			.param("applicationId", Long.toString(application.id()))
			.param("reviewerId", Long.toString(reviewerId)));
		String page = "/reviewer/applications/" + application.id();
		mvc.perform(post(page + "/review").with(as(reviewer))
			.with(csrf())
			.param("score", "4", "4")
			.param("confidence", "3")
			.param("commentsToApplicant", PAYLOAD)
			.param("confidentialComments", PAYLOAD)
			.param("action", "submit"));
		mvc.perform(post(page + "/discussion").with(as(reviewer)).with(csrf()).param("body", PAYLOAD));
		mvc.perform(post("/chair/calls/" + call.id() + "/review/applications/" + application.id() + "/discussion")
			.with(as(chair))
			.with(csrf())
			.param("body", PAYLOAD));
		Instant now = Instant.now();
		allocations.grant(fellow.id(), 3600L, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), "TEST",
				"xss-" + fellow.id(), "test");
		String job = mvc
			.perform(multipart("/fellow/jobs").param("name", "xss")
				.param("script", "echo '" + PAYLOAD + "'")
				.param("gpusPerNode", "1")
				.param("nodes", "1")
				.param("partition", "local")
				.param("timeLimitMinutes", "5")
				.with(as(fellow))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		mvc.perform(post("/fellow/top-ups").with(as(fellow))
			.with(csrf())
			.param("gpuHours", "1")
			.param("justification", PAYLOAD));

		Map<String, String> ids = Map.of("applications", Long.toString(application.id()), "applicationId",
				Long.toString(application.id()), "calls", Long.toString(call.id()), "files",
				Long.toString(application.files().get(0).id()), "jobs", job.substring(job.lastIndexOf('/') + 1),
				"fellows", Long.toString(fellow.id()));
		List<String> unescaped = new ArrayList<>();
		int pages = 0;
		int shown = 0;
		for (HandlerRoutes.Route route : HandlerRoutes.all(context)) {
			if (route.changesState() || route.pattern().startsWith("/actuator")) {
				continue;
			}
			for (Map.Entry<Role, AccountView> person : people.entrySet()) {
				MockHttpServletResponse response = mvc
					.perform(HandlerRoutes.request(route, Map.of(), ids, "1").with(as(person.getValue())))
					.andReturn()
					.getResponse();
				String type = response.getContentType();
				if (type == null || !type.startsWith("text/html")) {
					continue;
				}
				pages++;
				String body = response.getContentAsString(StandardCharsets.UTF_8);
				if (body.contains("zqxss")) {
					shown++;
				}
				for (String raw : RAW) {
					if (body.contains(raw)) {
						unescaped.add(route.key() + " as " + person.getKey() + ": " + raw);
					}
				}
			}
		}
		mvc.perform(post(job + "/cancel").with(as(fellow)).with(csrf()).param("confirmed", "true"));
		System.out.printf(
				"Stored XSS: 1 payload in 20 fields, %d HTML pages (route x role), %d showing it, " + "%d unescaped%n",
				pages, shown, unescaped.size());
		assertThat(shown).as("pages that show the payload (escaped)").isGreaterThanOrEqualTo(10);
		assertThat(unescaped).isEmpty();
	}

	private ApplicationView planted(CallSummary call, AccountView applicant) throws Exception {
		ApplicationView draft = portfolios.startOrResume(call.id(), PortfolioFixtures.applicant(applicant));
		portfolios.saveProfile(draft.id(), applicant.id(), new Profile(PAYLOAD, PAYLOAD, null, Set.of(ResearchArea.NLP),
				List.of(new Affiliation(PAYLOAD, PAYLOAD, 2021, null))));
		portfolios.addPublication(draft.id(), applicant.id(),
				Publication.of(PAYLOAD, PAYLOAD, 2024, List.of(PAYLOAD, "Minsu Kim"), null, null));
		portfolios.addOpenSource(draft.id(), applicant.id(),
				new OpenSourceWork("https://github.com/xss/harness", PAYLOAD, PAYLOAD));
		portfolios.saveProposal(draft.id(), applicant.id(), new Proposal(PAYLOAD, PAYLOAD, PAYLOAD, 5_000L, PAYLOAD));
		mvc.perform(multipart("/applicant/applications/" + draft.id() + "/files/CV")
			.file(new MockMultipartFile("file", FILE_NAME, "application/pdf", TestDocuments.pdf(PAYLOAD)))
			.with(as(applicant))
			.with(csrf()));
		assertThat(portfolios.problems(draft.id(), applicant.id())).isEmpty();
		return portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);
	}

	private RequestPostProcessor as(AccountView account) {
		return user(users.loadUserByUsername(account.email()));
	}

}
