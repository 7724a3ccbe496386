package kr.aifellows.portal.system;

import java.time.Clock;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	@Autowired
	JdbcClient jdbc;

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
				new MailProperties(MailProperties.Delivery.OUTBOX, null, null, null, null), Clock.systemUTC(),
				transactionManager);
		outboxOnly.send(new OutgoingMail("kept@test.aifellows.kr", "보관함 확인", "보관된 본문"));

		assertThat(statusOf("보관함 확인")).isEqualTo("HELD");
		assertThat(TestMailServer.countMailsTo("kept@test.aifellows.kr")).isZero();
		mvc.perform(get("/admin/outbox").with(user("admin@test").roles("ADMIN")))
			.andExpect(content().string(containsString("보관된 본문")));
	}

	@Test
	void aMailWhoseSenderDiedBeforeRecordingItIsSentAgainWithTheSameMessageIdOnceItsClaimRunsOut() throws Exception {
		long id = heldMail("claim-expired@test.aifellows.kr", "만료된 발송");
		claim(id, "now() - interval '1 minute'");

		smtpOutbox.retryPending();

		assertThat(TestMailServer.awaitMail("claim-expired@test.aifellows.kr", "만료된 발송").getHeader("Message-ID"))
			.containsExactly("<outbox-" + id + "@aifellows.kr>");
		assertThat(statusOf("만료된 발송")).isEqualTo("SENT");
	}

	@Test
	void aMailAnotherInstanceIsStillHandingOverIsNotSentByTheRetry() {
		long id = heldMail("claim-live@test.aifellows.kr", "발송 중인 메일");
		claim(id, "now() + interval '1 minute'");

		smtpOutbox.retryPending();

		assertThat(TestMailServer.countMailsTo("claim-live@test.aifellows.kr")).isZero();
		assertThat(statusOf("발송 중인 메일")).isEqualTo("SENDING");
	}

	private long heldMail(String to, String subject) {
		new MailOutbox(messages, mailSender, new MailProperties(MailProperties.Delivery.OUTBOX, null, null, null, null),
				Clock.systemUTC(), transactionManager)
			.send(new OutgoingMail(to, subject, "본문"));
		return outboxMessage(subject).id();
	}

	/**
	 * As an instance that claimed the mail, handed it over and was killed before it
	 * recorded that.
	 */
	private void claim(long id, String claimedUntil) {
		jdbc.sql("update mail_outbox set status = 'SENDING', handoffs = 1, claimed_until = " + claimedUntil
				+ " where id = :id")
			.param("id", id)
			.update();
	}

	private String statusOf(String subject) {
		return outboxMessage(subject).status();
	}

	private MailOutbox.OutboxMessageView outboxMessage(String subject) {
		return smtpOutbox.recent(PageRequest.of(0, 100))
			.stream()
			.filter(message -> message.subject().equals(subject))
			.findFirst()
			.orElseThrow();
	}

}
