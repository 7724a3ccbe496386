package kr.aifellows.portal.fellows;

import java.time.Duration;
import java.time.Instant;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.gpu.GpuJob;
import kr.aifellows.portal.gpu.GpuJobs;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A fellow starts the job form from the portal's templates or their own, saves a form as
 * a template, and deletes one after saying yes; another fellow's templates are not found.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class JobTemplatesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	GpuAllocations allocations;

	@Autowired
	GpuJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aPortalTemplateFillsTheFormAndItsJobRunsAsAnyOther() throws Exception {
		AccountView fellow = fellow();
		mvc.perform(get("/fellow/jobs/new").with(as(fellow)))
			.andExpect(content().string(allOf(containsString("id=\"template-builtin-pytorch-cpu\""),
					containsString("id=\"template-builtin-torchrun\""), containsString("PyTorch 예제 (CPU에서 실행)"))));
		mvc.perform(get("/fellow/jobs/new").param("template", "builtin:pytorch-cpu").with(as(fellow)))
			.andExpect(content().string(allOf(containsString("value=\"pytorch-cpu-example\""),
					containsString("import torch"), containsString("aria-current=\"true\""))));

		String location = mvc.perform(job(fellow, "gpu-check", "nvidia-smi -L 2>/dev/null || echo checked"))
			.andExpect(redirectedUrlPattern("/fellow/jobs/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jobs.find(fellow.id(), id).filter(GpuJob::settled).isPresent());
		assertThat(jobs.find(fellow.id(), id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void aFellowSavesAFormAsATemplateReplacesItByNameAndDeletesItAfterSayingYes() throws Exception {
		AccountView fellow = fellow();
		String location = mvc.perform(saveAs(fellow, "my sweep", "echo first"))
			.andExpect(redirectedUrlPattern("/fellow/jobs/new?template=*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String key = location.substring(location.indexOf('=') + 1);
		mvc.perform(get(location).with(as(fellow)))
			.andExpect(content().string(allOf(containsString("my sweep"), containsString("echo first"),
					containsString("value=\"sweep-1\""))));

		mvc.perform(saveAs(fellow, "my sweep", "echo second"))
			.andExpect(redirectedUrl("/fellow/jobs/new?template=" + key));
		assertThat(
				jdbc.queryForObject("select count(*) from job_templates where account_id = ?", Long.class, fellow.id()))
			.as("saved again under its name, replaced")
			.isEqualTo(1);
		mvc.perform(get(location).with(as(fellow))).andExpect(content().string(containsString("echo second")));

		mvc.perform(post("/fellow/job-templates/" + key + "/delete").with(as(fellow)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"confirm-template-delete\"")));
		assertThat(
				jdbc.queryForObject("select count(*) from job_templates where account_id = ?", Long.class, fellow.id()))
			.as("nothing deleted before the answer")
			.isEqualTo(1);
		mvc.perform(post("/fellow/job-templates/" + key + "/delete").param("confirmed", "true")
			.with(as(fellow))
			.with(csrf())).andExpect(redirectedUrl("/fellow/jobs/new"));
		mvc.perform(get("/fellow/jobs/new").with(as(fellow)))
			.andExpect(content().string(not(containsString("my sweep"))));
	}

	@Test
	void aTemplateWithoutANameIsRefusedAndTheFormKeepsWhatWasTyped() throws Exception {
		AccountView fellow = fellow();
		mvc.perform(saveAs(fellow, "  ", "echo typed-before-the-error"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("템플릿 이름을 입력하세요."),
					containsString("echo typed-before-the-error"), containsString("value=\"sweep-1\""))));
		assertThat(
				jdbc.queryForObject("select count(*) from job_templates where account_id = ?", Long.class, fellow.id()))
			.isZero();
	}

	@Test
	void anotherFellowsTemplateIsNotFound() throws Exception {
		AccountView owner = fellow();
		String location = mvc.perform(saveAs(owner, "private", "echo mine"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String key = location.substring(location.indexOf('=') + 1);
		AccountView other = fellow();

		mvc.perform(get("/fellow/jobs/new").param("template", key).with(as(other))).andExpect(status().isNotFound());
		mvc.perform(post("/fellow/job-templates/" + key + "/delete").param("confirmed", "true")
			.with(as(other))
			.with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/fellow/jobs/new").with(as(other)))
			.andExpect(content().string(not(containsString("private"))));
		assertThat(
				jdbc.queryForObject("select count(*) from job_templates where account_id = ?", Long.class, owner.id()))
			.isEqualTo(1);
	}

	private MockMultipartHttpServletRequestBuilder saveAs(AccountView fellow, String templateName, String script) {
		return form("/fellow/job-templates", fellow, "sweep-1", script).param("templateName", templateName);
	}

	private MockMultipartHttpServletRequestBuilder job(AccountView fellow, String name, String script) {
		return form("/fellow/jobs", fellow, name, script);
	}

	private MockMultipartHttpServletRequestBuilder form(String path, AccountView fellow, String name, String script) {
		return multipart(path).param("name", name)
			.param("script", script)
			.param("gpusPerNode", "1")
			.param("nodes", "1")
			.param("partition", "local")
			.param("timeLimitMinutes", "5")
			.with(as(fellow))
			.with(csrf());
	}

	private AccountView fellow() {
		AccountView fellow = fixtures.account("templates", Role.FELLOW);
		Instant now = Instant.now();
		allocations.grant(fellow.id(), 3600L, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), "TEST",
				"templates-" + fellow.id(), "test");
		return fellow;
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
