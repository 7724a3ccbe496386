package kr.aifellows.portal.fellows;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.gpu.GpuJob;
import kr.aifellows.portal.gpu.GpuJobs;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.LedgerEntry;
import kr.aifellows.portal.system.AuditLog;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
class FellowJobsWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	UserDetailsService users;

	@Autowired
	GpuAllocations allocations;

	@Autowired
	GpuJobs jobs;

	@Test
	void aFellowSubmitsAJobWithAnInputFileAndSeesItFinishAndCharged() throws Exception {
		AccountView fellow = fellowWithHours(10);
		String location = mvc
			.perform(multipart("/fellow/jobs")
				.file(new MockMultipartFile("files", "data.txt", "text/plain", "forty-two".getBytes()))
				.param("name", "train-1")
				.param("script", "cat data.txt; echo \"gpus=$CUDA_VISIBLE_DEVICES\"")
				.param("gpusPerNode", "2")
				.param("nodes", "1")
				.param("partition", "local")
				.param("timeLimitMinutes", "30")
				.with(as(fellow))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/fellow/jobs/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(allocations.balance(fellow.id()).held()).isEqualTo(2 * 30 * 60);

		GpuJob job = awaitSettled(fellow, id);

		assertThat(job.state()).isEqualTo(JobState.COMPLETED);
		assertThat(job.chargedSeconds()).isEqualTo(2 * job.elapsedSeconds());
		assertThat(allocations.balance(fellow.id()).held()).isZero();
		assertThat(allocations.balance(fellow.id()).available()).isEqualTo(10 * 3600 - job.chargedSeconds());
		mvc.perform(get(location).with(as(fellow)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("forty-two")))
			.andExpect(content().string(containsString("완료")));
		mvc.perform(get(location + "/live").with(as(fellow)))
			.andExpect(jsonPath("$.state").value("COMPLETED"))
			.andExpect(jsonPath("$.settled").value(true))
			.andExpect(jsonPath("$.log", containsString("gpus=")));
		mvc.perform(get("/fellow").with(as(fellow))).andExpect(content().string(containsString("train-1")));
		mvc.perform(get("/fellow/usage").with(as(fellow)))
			.andExpect(content().string(containsString("chart.umd.min.js")))
			.andExpect(content().string(containsString("청구")));
		mvc.perform(get("/fellow/usage/data").with(as(fellow)))
			.andExpect(jsonPath("$.jobs[0].id").value(id))
			.andExpect(jsonPath("$.balance.length()").value(4));
	}

	@Test
	void anotherFellowCanNeitherSeeNorCancelAJob() throws Exception {
		AccountView owner = fellowWithHours(10);
		AccountView other = fellowWithHours(10);
		String location = submit(owner, "sleep 30", "1", "5").andReturn().getResponse().getRedirectedUrl();

		for (String path : List.of(location, location + "/live")) {
			mvc.perform(get(path).with(as(other))).andExpect(status().isNotFound());
		}
		mvc.perform(post(location + "/cancel").with(as(other)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/fellow/jobs/999999999").with(as(owner))).andExpect(status().isNotFound());

		mvc.perform(post(location + "/cancel").with(as(owner)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"confirm-cancel\"")));
		mvc.perform(post(location + "/cancel").with(as(owner)).with(csrf()).param("confirmed", "true"))
			.andExpect(redirectedUrl(location));
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		GpuJob job = awaitSettled(owner, id);
		assertThat(job.state()).isEqualTo(JobState.CANCELLED);
		assertThat(allocations.balance(other.id()).charged()).isZero();
	}

	@Test
	void badJobsAreExplainedAndHoldNothing() throws Exception {
		AccountView fellow = fellowWithHours(1);

		submit(fellow, "true", "1", "100000").andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"error-summary\"")));
		submit(fellow, "true", "0", "10").andExpect(status().isOk());
		mvc.perform(post("/fellow/jobs").param("name", "x;rm -rf /")
			.param("script", "true")
			.param("gpusPerNode", "1")
			.param("nodes", "1")
			.param("partition", "local")
			.param("timeLimitMinutes", "5")
			.with(as(fellow))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("영문, 숫자, 마침표, 하이픈, 밑줄")));
		mvc.perform(post("/fellow/jobs").param("name", "ok")
			.param("script", "true")
			.param("gpusPerNode", "1")
			.param("nodes", "1")
			.param("partition", "no-such")
			.param("timeLimitMinutes", "5")
			.with(as(fellow))
			.with(csrf())).andExpect(status().isOk()).andExpect(content().string(containsString("없는 파티션")));
		submit(fellow, "true", "2", "60").andExpect(status().isOk())
			.andExpect(content().string(containsString(
					"GPU 시간이 부족합니다: 이 작업은 2.00 GPU 시간을 예약해야 하지만 남은 시간은 1.00 GPU 시간입니다 (1.00 GPU 시간 부족)")));

		assertThat(allocations.balance(fellow.id()).held()).isZero();
		assertThat(jobs.countJobs(fellow.id())).isZero();
	}

	@Test
	void aTopUpApprovedByTheChairIsGrantedOnceAndARejectionIsExplained() throws Exception {
		AccountView fellow = fellowWithHours(1);
		AccountView chair = account("chair", Role.CHAIR);
		mvc.perform(post("/fellow/top-ups").param("gpuHours", "50")
			.param("justification", "Larger training runs for the second phase of the project")
			.with(as(fellow))
			.with(csrf())).andExpect(redirectedUrlPattern("/fellow*"));
		mvc.perform(post("/fellow/top-ups").param("gpuHours", "5")
			.param("justification", "short")
			.with(as(fellow))
			.with(csrf()));
		TopUpRequest request = topUps().getFirst();

		mvc.perform(get("/chair/gpu").with(as(chair))).andExpect(content().string(containsString(fellow.email())));
		mvc.perform(post("/chair/gpu/top-ups/" + request.id() + "/approve").with(as(chair)).with(csrf()));
		mvc.perform(post("/chair/gpu/top-ups/" + request.id() + "/approve").with(as(chair)).with(csrf()));

		assertThat(allocations.balance(fellow.id()).available()).isEqualTo(51 * 3600);
		assertThat(TestMailServer.awaitMail(fellow.email(), "승인")).isNotNull();

		mvc.perform(post("/fellow/top-ups").param("gpuHours", "500")
			.param("justification", "Even more hours for an ambitious experiment")
			.with(as(fellow))
			.with(csrf()));
		TopUpRequest second = topUps().stream().filter(t -> t.accountId() == fellow.id()).findFirst().orElseThrow();
		mvc.perform(
				post("/chair/gpu/top-ups/" + second.id() + "/reject").param("reason", "").with(as(chair)).with(csrf()));
		assertThat(topUpsService.find(second.id()).orElseThrow().status()).isEqualTo(TopUpRequest.Status.PENDING);
		mvc.perform(
				post("/chair/gpu/top-ups/" + second.id() + "/reject").param("reason", "Budget exhausted this quarter")
					.with(as(chair))
					.with(csrf()));
		assertThat(TestMailServer.body(TestMailServer.awaitMail(fellow.email(), "반려")))
			.contains("Budget exhausted this quarter");
		assertThat(allocations.balance(fellow.id()).available()).isEqualTo(51 * 3600);
		mvc.perform(post("/chair/gpu/top-ups/" + second.id() + "/approve").with(as(fellow)).with(csrf()))
			.andExpect(status().isForbidden());
	}

	@Test
	void chairAndAdminGrantByHandSeeTheClusterAndTheChairDownloadsTheMonthlyReport() throws Exception {
		AccountView fellow = fellowWithHours(2);
		AccountView chair = account("chair", Role.CHAIR);
		AccountView admin = account("admin", Role.ADMIN);
		String token = UUID.randomUUID().toString();
		for (int i = 0; i < 2; i++) {
			mvc.perform(post("/admin/gpu/grants").param("email", fellow.email())
				.param("hours", "3")
				.param("reason", "workshop")
				.param("token", token)
				.with(as(admin))
				.with(csrf())).andExpect(redirectedUrlPattern("/admin/gpu?email=*"));
		}
		assertThat(allocations.balance(fellow.id()).available()).as("a resubmitted form grants once")
			.isEqualTo(5 * 3600);
		mvc.perform(post("/chair/gpu/grants").param("email", "nobody@test.aifellows.kr")
			.param("hours", "3")
			.param("reason", "x")
			.param("token", UUID.randomUUID().toString())
			.with(as(chair))
			.with(csrf())).andExpect(redirectedUrl("/chair/gpu"));

		String location = submit(fellow, "echo report-me", "1", "5").andReturn().getResponse().getRedirectedUrl();
		awaitSettled(fellow, Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));

		mvc.perform(get("/chair/gpu/cluster").with(as(chair)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"total-gpus\">8<")));
		mvc.perform(get("/admin/gpu/cluster").with(as(admin))).andExpect(status().isOk());
		mvc.perform(get("/chair/gpu/cluster").with(as(fellow))).andExpect(status().isForbidden());

		byte[] xlsx = mvc
			.perform(get("/chair/gpu/usage.xlsx").param("month", YearMonth.now(ZoneOffset.UTC).toString())
				.with(as(chair)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet perFellow = workbook.getSheetAt(0);
			boolean found = false;
			for (var row : perFellow) {
				if (row.getRowNum() > 0 && fellow.email().equals(row.getCell(1).getStringCellValue())) {
					found = true;
					assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(1);
				}
			}
			assertThat(found).isTrue();
			assertThat(workbook.getSheetAt(1).getPhysicalNumberOfRows()).isGreaterThan(1);
		}
	}

	@Test
	void anAdministratorSeesTheResultingBalanceBeforeAnAdjustmentWhichCountsOnceAndIsAudited() throws Exception {
		AccountView fellow = fellowWithHours(2);
		AccountView admin = account("admin", Role.ADMIN);
		String page = "/admin/gpu/fellows/" + fellow.id();
		mvc.perform(get("/admin/gpu").param("email", fellow.email()).with(as(admin)))
			.andExpect(content().string(containsString("href=\"" + page + "\"")));
		mvc.perform(get(page).with(as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"adjust-form\"")));
		String token = UUID.randomUUID().toString();

		mvc.perform(adjustment(page, "-1.5", "duplicate workshop grant", token, false).with(as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"adjust-confirmation\"")))
			.andExpect(
					content().string(containsString("지금 남은 시간 2.00 GPU 시간에 -1.50 GPU 시간을 조정하면 0.5000 GPU 시간이 남습니다")));
		assertThat(allocations.balance(fellow.id()).available()).as("nothing changes before the confirmation")
			.isEqualTo(2 * 3600);
		for (int i = 0; i < 2; i++) {
			mvc.perform(adjustment(page, "-1.5", "duplicate workshop grant", token, true).with(as(admin)))
				.andExpect(redirectedUrl(page));
		}

		assertThat(allocations.balance(fellow.id()).available()).as("a resubmitted confirmation counts once")
			.isEqualTo(1800);
		assertThat(allocations.ledger(fellow.id())).filteredOn(entry -> entry.kind() == LedgerEntry.Kind.ADJUST)
			.singleElement()
			.satisfies(entry -> {
				assertThat(entry.balanceDelta()).isEqualTo(-5400);
				assertThat(entry.actor()).isEqualTo(admin.email());
				assertThat(entry.reason()).isEqualTo("duplicate workshop grant");
			});
		assertThat(auditLog.search("GPU_ADJUSTED", fellow.email(), PageRequest.of(0, 5)).getContent()).singleElement()
			.satisfies(entry -> assertThat(entry.detail()).contains("-5400").contains("duplicate workshop grant"));

		AccountView chair = account("chair", Role.CHAIR);
		mvc.perform(adjustment("/chair/gpu/fellows/" + fellow.id(), "0.25", "granted by hand too",
				UUID.randomUUID().toString(), true)
			.with(as(chair))).andExpect(redirectedUrl("/chair/gpu/fellows/" + fellow.id()));
		assertThat(allocations.balance(fellow.id()).available()).isEqualTo(1800 + 900);
		mvc.perform(adjustment(page, "100", "for myself", UUID.randomUUID().toString(), true).with(as(fellow)))
			.andExpect(status().isForbidden());
		mvc.perform(get("/admin/gpu/fellows/" + admin.id()).with(as(admin))).andExpect(status().isNotFound());
		mvc.perform(get("/admin/gpu/fellows/999999999").with(as(admin))).andExpect(status().isNotFound());
		assertThat(allocations.balance(fellow.id()).available()).isEqualTo(1800 + 900);
	}

	@Test
	void aBadAdjustmentIsExplainedKeepsWhatWasTypedAndChangesNothing() throws Exception {
		AccountView fellow = fellowWithHours(1);
		AccountView admin = account("admin", Role.ADMIN);
		String page = "/admin/gpu/fellows/" + fellow.id();

		mvc.perform(adjustment(page, "-0.5", " ", UUID.randomUUID().toString(), false).with(as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"error-summary\"")))
			.andExpect(content().string(containsString("조정 사유를 적어 주세요.")))
			.andExpect(content().string(containsString("value=\"-0.5\"")));
		mvc.perform(adjustment(page, "1,5h", "typo in the grant", UUID.randomUUID().toString(), true).with(as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("조정할 GPU 시간은 숫자여야 합니다")))
			.andExpect(content().string(containsString("value=\"1,5h\"")))
			.andExpect(content().string(containsString("value=\"typo in the grant\"")));
		mvc.perform(adjustment(page, "0", "nothing", UUID.randomUUID().toString(), true).with(as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("0이 아니고")));
		mvc.perform(adjustment(page, "-1.5", "remove too much", UUID.randomUUID().toString(), true).with(as(admin)))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("잔액은 0 아래로 내려갈 수 없습니다: 1.50 GPU 시간을 차감하려 했지만 남은 시간은 1.00 GPU 시간입니다")))
			.andExpect(content().string(containsString("value=\"-1.5\"")))
			.andExpect(content().string(containsString("value=\"remove too much\"")));
		mvc.perform(adjustment(page, "-1.5", "remove too much", UUID.randomUUID().toString(), true).with(as(admin))
			.cookie(new Cookie("portal-lang", "en")))
			.andExpect(content().string(containsString("The balance can not go below zero")));

		assertThat(allocations.balance(fellow.id()).available()).isEqualTo(3600);
		assertThat(allocations.ledger(fellow.id())).extracting(LedgerEntry::kind)
			.containsExactly(LedgerEntry.Kind.GRANT);
		assertThat(auditLog.search("GPU_ADJUSTED", fellow.email(), PageRequest.of(0, 5)).getTotalElements()).isZero();
	}

	@Test
	void anAdministratorGivesEachFellowAClusterUserThatTheJobFormShows() throws Exception {
		AccountView fellow = fellowWithHours(1);
		AccountView other = fellowWithHours(1);
		AccountView admin = account("admin", Role.ADMIN);
		AccountView chair = account("chair", Role.CHAIR);
		String name = "f_" + UUID.randomUUID().toString().substring(0, 8);

		mvc.perform(post("/admin/gpu/fellows/" + fellow.id() + "/cluster-user").param("clusterUser", "Kim Fellow")
			.with(as(admin))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Unix 사용자 이름이 아닙니다")))
			.andExpect(content().string(containsString("value=\"Kim Fellow\"")));
		mvc.perform(post("/admin/gpu/fellows/" + fellow.id() + "/cluster-user").param("clusterUser", name)
			.with(as(admin))
			.with(csrf())).andExpect(redirectedUrl("/admin/gpu/fellows/" + fellow.id()));
		mvc.perform(post("/admin/gpu/fellows/" + other.id() + "/cluster-user").param("clusterUser", name)
			.with(as(admin))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("이미 다른 펠로의 클러스터 사용자입니다")));
		mvc.perform(post("/admin/gpu/fellows/" + other.id() + "/cluster-user").param("clusterUser", "x")
			.with(as(chair))
			.with(csrf())).andExpect(status().isForbidden());

		assertThat(jobs.clusterUser(fellow.id())).hasValue(name);
		assertThat(jobs.clusterUser(other.id())).isEmpty();
		assertThat(auditLog.search("GPU_CLUSTER_USER_SET", fellow.email(), PageRequest.of(0, 5)).getContent())
			.singleElement()
			.satisfies(entry -> assertThat(entry.detail()).isEqualTo("(none) -> " + name));
		mvc.perform(get("/fellow/jobs/new").with(as(fellow)))
			.andExpect(content().string(containsString("id=\"form-cluster-user\">" + name + "<")));
		mvc.perform(get("/fellow/jobs/new").with(as(other)))
			.andExpect(content().string(containsString("포털의 기본 사용자로 실행")));
		mvc.perform(get("/chair/gpu/fellows/" + fellow.id()).with(as(chair)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"fellow-cluster-user\">" + name + "<")))
			.andExpect(content().string(Matchers.not(containsString("id=\"cluster-user-form\""))));
	}

	@Autowired
	AuditLog auditLog;

	private MockHttpServletRequestBuilder adjustment(String page, String hours, String reason, String token,
			boolean confirm) {
		MockHttpServletRequestBuilder request = post(page + "/adjustments").param("hours", hours)
			.param("reason", reason)
			.param("token", token)
			.with(csrf());
		return confirm ? request.param("confirm", "true") : request;
	}

	@Test
	void theHealthEndpointReportsTheSandbox() throws Exception {
		mvc.perform(get("/actuator/health").with(as(account("admin", Role.ADMIN))))
			.andExpect(jsonPath("$.components.gpuSandbox.status").value("UP"))
			.andExpect(jsonPath("$.components.gpuSandbox.details.sandboxed").value(true))
			.andExpect(jsonPath("$.components.gpuSandbox.details.jobUser", containsString("no capabilities")));
	}

	@Autowired
	TopUps topUpsService;

	private List<TopUpRequest> topUps() {
		return topUpsService.pending().reversed();
	}

	private ResultActions submit(AccountView fellow, String script, String gpus, String minutes) throws Exception {
		return mvc.perform(post("/fellow/jobs").param("name", "job-" + gpus)
			.param("script", script)
			.param("gpusPerNode", gpus)
			.param("nodes", "1")
			.param("partition", "local")
			.param("timeLimitMinutes", minutes)
			.with(as(fellow))
			.with(csrf()));
	}

	private GpuJob awaitSettled(AccountView fellow, long id) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			GpuJob job = jobs.find(fellow.id(), id).orElseThrow();
			if (job.settled()) {
				return job;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("job " + id + " not settled");
	}

	private AccountView fellowWithHours(int hours) {
		AccountView fellow = account("fellow", Role.FELLOW);
		Instant now = Instant.now();
		allocations.grant(fellow.id(), hours * 3600L, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
				"TEST", "web-" + fellow.id(), "test");
		return fellow;
	}

	private AccountView account(String prefix, Role... roles) {
		EnumSet<Role> set = EnumSet.noneOf(Role.class);
		set.addAll(List.of(roles));
		return accounts.createVerified(
				prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.aifellows.kr", "테스트 " + prefix,
				"correct-horse-battery-9", set);
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
