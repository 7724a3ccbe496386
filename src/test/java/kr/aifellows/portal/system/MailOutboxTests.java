package kr.aifellows.portal.system;

import java.time.Clock;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

@PortalIntegrationTest
class MailOutboxTests {

	@Autowired
	MailOutbox smtpOutbox;

	@Autowired
	OutboxMessageRepository messages;

	@Autowired
	ObjectProvider<JavaMailSender> mailSender;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	MockMvc mvc;

	@Test
	void withSmtpDeliveryTheMailReachesTheServerAndIsMarkedSent() throws InterruptedException {
		smtpOutbox.send(new OutgoingMail("smtp-check@test.aifellows.kr", "SMTP 확인", "본문"));

		assertThat(TestMailServer.body(TestMailServer.awaitMail("smtp-check@test.aifellows.kr", "SMTP 확인")))
			.contains("본문");
		long deadline = System.currentTimeMillis() + 5_000;
		while (!statusOf("SMTP 확인").equals("SENT") && System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
		}
		assertThat(statusOf("SMTP 확인")).isEqualTo("SENT");
	}

	@Test
	void withoutSmtpTheMailIsKeptInTheOutboxForTheAdministrator() throws Exception {
		MailOutbox outboxOnly = new MailOutbox(messages, mailSender,
				new MailProperties(MailProperties.Delivery.OUTBOX, null, null), Clock.systemUTC(), transactionManager);
		outboxOnly.send(new OutgoingMail("kept@test.aifellows.kr", "보관함 확인", "보관된 본문"));

		assertThat(statusOf("보관함 확인")).isEqualTo("HELD");
		assertThat(TestMailServer.countMailsTo("kept@test.aifellows.kr")).isZero();
		mvc.perform(get("/admin/outbox").with(user("admin@test").roles("ADMIN")))
			.andExpect(content().string(containsString("보관된 본문")));
	}

	private String statusOf(String subject) {
		return smtpOutbox.recent(PageRequest.of(0, 100))
			.stream()
			.filter(message -> message.subject().equals(subject))
			.findFirst()
			.orElseThrow()
			.status();
	}
}
