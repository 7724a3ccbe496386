package kr.aifellows.portal.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param delivery {@code outbox} keeps mail in the portal's outbox; {@code smtp} sends it
 * through {@code spring.mail.*}
 * @param from the sender address
 * @param baseUrl the portal's public address, used in links inside mails
 */
@ConfigurationProperties("portal.mail")
public record MailProperties(Delivery delivery, String from, String baseUrl) {

	public MailProperties {
		delivery = delivery == null ? Delivery.OUTBOX : delivery;
		from = from == null ? "no-reply@aifellows.kr" : from;
		baseUrl = baseUrl == null ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
	}

	public enum Delivery {
		OUTBOX, SMTP
	}
}
