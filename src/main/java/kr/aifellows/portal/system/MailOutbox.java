package kr.aifellows.portal.system;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every mail the portal sends goes through this outbox. It is stored in the same
 * transaction as the change that caused it, so no mail is lost and none is sent for a
 * change that rolled back. With {@code portal.mail.delivery=smtp} it is then handed to
 * the SMTP server (and retried while that fails); with the default {@code outbox} it
 * stays in the outbox, where an administrator reads it in the portal.
 */
@Service
public class MailOutbox {

	private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

	private static final int MAX_ATTEMPTS = 10;

	private final OutboxMessageRepository messages;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final MailProperties properties;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final ExecutorService courier = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("mail-courier").daemon().factory());

	MailOutbox(OutboxMessageRepository messages, ObjectProvider<JavaMailSender> mailSender, MailProperties properties,
			Clock clock, PlatformTransactionManager transactionManager) {
		this.messages = messages;
		this.mailSender = mailSender;
		this.properties = properties;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactionManager);
		// Delivery runs after the sender's commit, where only a new transaction is a real
		// one.
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Transactional
	public void send(OutgoingMail mail) {
		boolean viaSmtp = properties.delivery() == MailProperties.Delivery.SMTP;
		OutboxMessage message = messages.save(new OutboxMessage(mail, viaSmtp, Instant.now(clock)));
		if (viaSmtp) {
			long id = message.id();
			if (TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					// Not on the sender's thread: its connection is still held here, and
					// waiting for a second
					// one (or for the SMTP server) under load would starve the pool. One
					// courier thread
					// keeps the mails in the order their transactions committed.
					@Override
					public void afterCommit() {
						courier.execute(() -> deliver(id));
					}
				});
			}
		}
	}

	/**
	 * Mails still in the courier's hands stay pending in the outbox; the retry job sends
	 * them later.
	 */
	@PreDestroy
	void stopCourier() throws InterruptedException {
		courier.shutdown();
		courier.awaitTermination(10, TimeUnit.SECONDS);
	}

	@Transactional(readOnly = true)
	public Page<OutboxMessageView> recent(Pageable pageable) {
		return messages.findAllByOrderByIdDesc(pageable).map(OutboxMessage::toView);
	}

	// Every instance runs it, with no cluster lock: each mail's own claim keeps two
	// instances from sending it, whereas a lock held by an instance that died would stop
	// the others' retries until it ran out (minutes after a kill mid-rush).
	@Scheduled(fixedDelayString = "${portal.mail.retry-interval:PT30S}")
	void retryPending() {
		if (properties.delivery() != MailProperties.Delivery.SMTP) {
			return;
		}
		List<Long> deliverable = messages.findDeliverableIds(MAX_ATTEMPTS, Instant.now(clock), PageRequest.of(0, 50));
		deliverable.forEach(this::deliver);
	}

	/**
	 * Claims the message in a committed transaction of its own, hands it to the SMTP
	 * server with no database lock or connection held, and then records the outcome. The
	 * after-commit delivery and the retry job of any instance never both send it; only
	 * when an instance dies between the SMTP server's acceptance and that record is the
	 * mail sent again once its claim runs out, with the same Message-ID, so that the
	 * recipient's mail program can show it once (SMTP itself has no exactly-once
	 * hand-off).
	 */
	void deliver(long id) {
		JavaMailSender sender = mailSender.getIfAvailable();
		if (sender == null) {
			log.warn("portal.mail.delivery=smtp but no spring.mail.host is configured; mail {} stays queued", id);
			return;
		}
		ClaimedMail claimed = transaction.execute(status -> claim(id));
		if (claimed == null) {
			return;
		}
		String error = handOver(claimed, sender);
		transaction.executeWithoutResult(status -> record(id, error));
	}

	private ClaimedMail claim(long id) {
		OutboxMessage message = messages.findForDeliveryById(id).orElse(null);
		if (message == null || !message.claim(Instant.now(clock), properties.deliveryLease())) {
			return null;
		}
		if (message.handoffs() > 1) {
			log.warn("Mail {} to {} was claimed before and not recorded as sent; sending it again", id,
					message.recipient());
		}
		messages.save(message);
		return new ClaimedMail(id, message.recipient(), message.subject(), message.body());
	}

	/**
	 * @return null when the SMTP server took the mail, else why not
	 */
	private String handOver(ClaimedMail mail, JavaMailSender sender) {
		try {
			MimeMessage smtp = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(smtp, StandardCharsets.UTF_8.name());
			helper.setFrom(properties.from());
			helper.setTo(mail.recipient());
			helper.setSubject(mail.subject());
			helper.setText(mail.body());
			// Stable across re-sends: JavaMailSenderImpl keeps an explicitly set
			// Message-ID.
			smtp.setHeader("Message-ID", "<outbox-" + mail.id() + "@" + properties.messageIdDomain() + ">");
			sender.send(smtp);
			return null;
		}
		catch (MailException | MessagingException ex) {
			log.warn("Could not deliver mail {} to {}: {}", mail.id(), mail.recipient(), ex.getMessage());
			return String.valueOf(ex.getMessage());
		}
	}

	private void record(long id, String error) {
		messages.findForDeliveryById(id).ifPresent(message -> {
			if (error == null) {
				message.markSent(Instant.now(clock));
			}
			else {
				message.markFailedAttempt(error);
			}
			messages.save(message);
		});
	}

	private record ClaimedMail(long id, String recipient, String subject, String body) {
	}

	/**
	 * One outbox message as shown to administrators.
	 */
	public record OutboxMessageView(long id, Instant createdAt, String recipient, String subject, String body,
			String status, int attempts, Instant sentAt) {
	}

}
