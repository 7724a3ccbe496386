package kr.aifellows.portal.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param delivery {@code outbox} keeps mail in the portal's outbox; {@code smtp} sends it
 * through {@code spring.mail.*}
 * @param from the sender address
 * @param baseUrl the portal's public address, used in links inside mails
 * @param deliveryLease how long an instance may take to hand a claimed mail to the SMTP
 * server before another instance takes it as interrupted and sends it again (with the
 * same Message-ID); longer than the SMTP client's timeouts
 * @param messageIdDomain the domain part of the Message-ID of every mail
 */
@ConfigurationProperties("portal.mail")
public record MailProperties(Delivery delivery, String from, String baseUrl, Duration deliveryLease,
		String messageIdDomain) {

	public MailProperties {
		delivery = delivery == null ? Delivery.OUTBOX : delivery;
		from = from == null ? "no-reply@aifellows.kr" : from;
		baseUrl = baseUrl == null ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
		deliveryLease = deliveryLease == null ? Duration.ofMinutes(2) : deliveryLease;
		messageIdDomain = messageIdDomain == null ? from.substring(from.indexOf('@') + 1) : messageIdDomain;
	}

	public enum Delivery {

		OUTBOX, SMTP

	}
}
