package kr.aifellows.portal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.mail.internet.MimeMessage;

import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.OpenSourceWork;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.Profile;
import kr.aifellows.portal.portfolios.Proposal;
import kr.aifellows.portal.portfolios.Publication;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.shared.ResearchArea;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A blind call's application with a distinctive string in every identity field (names,
 * e-mail, ORCID, affiliation, co-author, repository owner, file names, the PDFs' author
 * field): none of them appears in anything its assigned reviewer can fetch (every GET
 * route the reviewer reaches, from {@link RouteAccessTable}, with every search term, the
 * mails the reviewer got) nor in the anonymised score sheet.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class BlindProbeTests {

	static final String ORCID = "0000-0003-1415-9269";

	static final List<String> IDENTITIES = List.of("zqmail", "탁훈셀", "Hunsel", ORCID, "Zqaffil", "Qworp", "Blenkin",
			"zqowner", "zqcvfile", "zqpropfile", "Zqpdfauthor");

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	ReviewerPool pool;

	@Autowired
	SearchIndex index;

	@Autowired
	UserDetailsService users;

	@Autowired
	ApplicationContext context;

	@Test
	void noIdentityOfABlindApplicationReachesItsReviewer() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		assertThat(call.blindReview()).isTrue();
		AccountView chair = fixtures.account("probe-chair", Role.CHAIR);
		AccountView applicant = fixtures.account("zqmail", Role.APPLICANT);
		ApplicationView application = planted(call, applicant);
		AccountView reviewer = fixtures.account("probe-reviewer", Role.REVIEWER);
		pool.invite(
				new ReviewerPool.NewReviewer("Probe reviewer", reviewer.email(), List.of(), Set.of(ResearchArea.NLP)),
				chair.email(), Locale.KOREAN);
		long reviewerId = pool.me(reviewer.id(), reviewer.email(), reviewer.displayName()).id();
		mvc.perform(post("/chair/calls/" + call.id() + "/review/assignments").with(as(chair))
			.with(csrf())
			.param("applicationId", Long.toString(application.id()))
			.param("reviewerId", Long.toString(reviewerId)));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> index.search(SearchQuery.chair(call.id(), "Hunsel")).total() == 1);

		Map<String, String> fetched = new LinkedHashMap<>();
		fetchEverything(reviewer, call, application, fetched);
		mvc.perform(post("/reviewer/applications/" + application.id() + "/review").with(as(reviewer))
			.with(csrf())
			.param("score", "4", "4")
			.param("confidence", "3")
			.param("action", "submit"));
		fetchEverything(reviewer, call, application, fetched);
		for (MimeMessage mail : TestMailServer.mailsTo(reviewer.email())) {
			fetched.put("mail " + mail.getSubject(), mail.getSubject() + "\n" + TestMailServer.body(mail));
		}
		MockHttpServletResponse sheet = mvc
			.perform(get("/chair/calls/" + call.id() + "/score-sheet.xlsx").param("anonymised", "true").with(as(chair)))
			.andReturn()
			.getResponse();
		assertThat(sheet.getStatus()).isEqualTo(200);
		fetched.put("anonymised score sheet",
				sheet.getHeader("Content-Disposition") + unzipped(sheet.getContentAsByteArray()));

		List<String> leaks = new ArrayList<>();
		for (Map.Entry<String, String> surface : fetched.entrySet()) {
			for (String identity : IDENTITIES) {
				if (surface.getValue().toLowerCase(Locale.ROOT).contains(identity.toLowerCase(Locale.ROOT))) {
					leaks.add(identity + " in " + surface.getKey());
				}
			}
		}
		System.out.printf("Blind probes: %d identities x %d surfaces = %d probes, %d leaks%n", IDENTITIES.size(),
				fetched.size(), IDENTITIES.size() * fetched.size(), leaks.size());
		assertThat(fetched).hasSizeGreaterThan(20);
		assertThat(fetched.values()).anySatisfy(page -> assertThat(page).contains("Korean LLM evaluation"));
		assertThat(leaks).isEmpty();
	}

	private ApplicationView planted(CallSummary call, AccountView applicant) throws Exception {
		ApplicationView draft = portfolios.startOrResume(call.id(), PortfolioFixtures.applicant(applicant));
		portfolios.saveProfile(draft.id(), applicant.id(),
				new Profile("탁훈셀", "Hunsel Tak", ORCID, Set.of(ResearchArea.NLP),
						List.of(new Affiliation("Zqaffil Institute of Technology", "PhD student", 2021, null))));
		portfolios.addPublication(draft.id(), applicant.id(), Publication.of("Korean LLM evaluation", "ACL", 2024,
				List.of("Hunsel Tak", "Qworp Blenkin"), "10.18653/v1/2024.acl-long.7", null));
		portfolios.addOpenSource(draft.id(), applicant.id(), new OpenSourceWork(
				"https://github.com/zqowner/evaluation-harness", "maintainer", "Evaluation harness"));
		portfolios.saveProposal(draft.id(), applicant.id(),
				new Proposal("강화학습 기반 한국어 모델 정렬", "초록입니다.", "본문입니다. 모델을 강화학습으로 정렬합니다.", 5_000L, "8 GPUs for 4 weeks"));
		for (String[] file : new String[][] { { "CV", "zqcvfile-cv.pdf" }, { "PROPOSAL", "zqpropfile-plan.pdf" } }) {
			mvc.perform(multipart("/applicant/applications/" + draft.id() + "/files/" + file[0])
				.file(new MockMultipartFile("file", file[1], "application/pdf", pdfByZqpdfauthor()))
				.with(as(applicant))
				.with(csrf()));
		}
		ApplicationView submitted = portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);
		assertThat(submitted.files()).extracting(f -> f.fileName()).anySatisfy(name -> assertThat(name).contains("zq"));
		return submitted;
	}

	private void fetchEverything(AccountView reviewer, CallSummary call, ApplicationView application,
			Map<String, String> fetched) throws Exception {
		Map<String, String> ids = Map.of("applications", Long.toString(application.id()), "calls",
				Long.toString(call.id()), "files", Long.toString(application.files().get(0).id()));
		for (HandlerRoutes.Route route : HandlerRoutes.all(context)) {
			String access = RouteAccessTable.EXPECTED.getOrDefault(route.key(), "");
			if (route.changesState() || !(access.contains("R") || access.equals("+") || access.equals("*"))) {
				continue;
			}
			List<Map<String, String>> variants = new ArrayList<>();
			variants.add(Map.of());
			if (route.pattern().contains("search")) {
				IDENTITIES.forEach(identity -> variants.add(Map.of("q", identity)));
			}
			if (route.pattern().contains("/files/")) {
				application.files().forEach(f -> variants.add(Map.of("fileId", Long.toString(f.id()))));
			}
			for (Map<String, String> values : variants) {
				AbstractMockHttpServletRequestBuilder<?> request = HandlerRoutes.request(route, values, ids, "1")
					.with(as(reviewer))
					.header("Accept-Language", "en");
				MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
				String body = response.getContentAsString(StandardCharsets.UTF_8);
				if (values.containsKey("q")) {
					// the search box shows what the reviewer typed; an identity must find
					// nothing
					boolean found = body.contains("/reviewer/applications/" + application.id());
					body = body.replace(values.get("q"), "") + (found ? "\nfound by " + values.get("q") : "");
				}
				fetched.merge(route.key() + " " + values,
						response.getHeaderNames().stream().map(name -> name + ": " + response.getHeader(name)).toList()
								+ "\n" + body,
						(a, b) -> a + "\n" + b);
			}
		}
	}

	private static String unzipped(byte[] workbook) throws IOException {
		StringBuilder text = new StringBuilder();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(workbook))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				text.append(entry.getName())
					.append('\n')
					.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return text.toString();
	}

	private static byte[] pdfByZqpdfauthor() throws IOException {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
				content.newLineAtOffset(72, 700);
				content.showText("Research plan: aligning Korean language models");
				content.endText();
			}
			document.getDocumentInformation().setAuthor("Zqpdfauthor");
			document.getDocumentInformation().setTitle("Zqpdfauthor plan");
			document.save(out);
			return out.toByteArray();
		}
	}

	private RequestPostProcessor as(AccountView account) {
		return user(users.loadUserByUsername(account.email()));
	}

}
