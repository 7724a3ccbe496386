package kr.aifellows.portal.system;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every mail the portal sends goes through this outbox. It is stored in the same transaction
 * as the change that caused it, so no mail is lost and none is sent for a change that rolled
 * back. With {@code portal.mail.delivery=smtp} it is then handed to the SMTP server (and
 * retried while that fails); with the default {@code outbox} it stays in the outbox, where an
 * administrator reads it in the portal.
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
		// Delivery runs after the sender's commit, where only a new transaction is a real one.
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
					// Not on the sender's thread: its connection is still held here, and waiting for a second
					// one (or for the SMTP server) under load would starve the pool. One courier thread
					// keeps the mails in the order their transactions committed.
					@Override
					public void afterCommit() {
						courier.execute(() -> deliver(id));
					}
				});
			}
		}
	}

	/** Mails still in the courier's hands stay pending in the outbox; the retry job sends them later. */
	@PreDestroy
	void stopCourier() throws InterruptedException {
		courier.shutdown();
		courier.awaitTermination(10, TimeUnit.SECONDS);
	}

	@Transactional(readOnly = true)
	public Page<OutboxMessageView> recent(Pageable pageable) {
		return messages.findAllByOrderByIdDesc(pageable).map(OutboxMessage::toView);
	}

	@Scheduled(fixedDelayString = "${portal.mail.retry-interval:PT30S}")
	@SchedulerLock(name = "mail-retry", lockAtMostFor = "PT5M")
	void retryPending() {
		if (properties.delivery() != MailProperties.Delivery.SMTP) {
			return;
		}
		List<Long> pending = messages.findPendingIds(MAX_ATTEMPTS, PageRequest.of(0, 50));
		pending.forEach(this::deliver);
	}

	/**
	 * Sends one message while holding its row lock, so that the after-commit delivery and the
	 * retry job never both send it.
	 */
	void deliver(long id) {
		JavaMailSender sender = mailSender.getIfAvailable();
		if (sender == null) {
			log.warn("portal.mail.delivery=smtp but no spring.mail.host is configured; mail {} stays queued", id);
			return;
		}
		transaction.executeWithoutResult(status -> deliverLocked(id, sender));
	}

	private void deliverLocked(long id, JavaMailSender sender) {
		OutboxMessage message = messages.findForDeliveryById(id).orElse(null);
		if (message == null || !message.isPending()) {
			return;
		}
		try {
			SimpleMailMessage smtp = new SimpleMailMessage();
			smtp.setFrom(properties.from());
			smtp.setTo(message.recipient());
			smtp.setSubject(message.subject());
			smtp.setText(message.body());
			sender.send(smtp);
			message.markSent(Instant.now(clock));
		}
		catch (MailException ex) {
			log.warn("Could not deliver mail {} to {}: {}", id, message.recipient(), ex.getMessage());
			message.markFailedAttempt(ex.getMessage());
		}
		messages.save(message);
	}

	/**
	 * One outbox message as shown to administrators.
	 */
	public record OutboxMessageView(long id, Instant createdAt, String recipient, String subject, String body,
			String status, int attempts, Instant sentAt) {
	}
}
